import { randomUUID } from 'node:crypto';
import { continuationOf, type ContinuationToken } from './schemas/common.js';
import {
  createdCustomerSchema,
  customerCollectionSchema,
  customerPatchResultSchema,
  subscriptionCollectionSchema,
  supportContactSchema,
  type Customer,
  type SupportContact,
  type Subscription,
} from './schemas/customers.js';
import type { CallOptions, PartnerCenterTransport } from './transport.js';

export interface CustomerPage {
  readonly totalCount: number;
  readonly items: readonly Customer[];
  /** Pass back as `continuation` for the next page; absent on the last one. */
  readonly next: ContinuationToken | undefined;
}

export interface ListCustomersOptions extends CallOptions {
  /** Page size (the reference's `size`). */
  readonly size?: number;
  /** Only the customers of this indirect reseller (its tenant id): the IndirectReseller filter. */
  readonly indirectResellerId?: string;
  /** The `next` of a previous page; the other options are then already in its URI. */
  readonly continuation?: ContinuationToken;
}

/** What POST /v1/customers needs (S1). */
export interface NewCustomer {
  /** The new tenant's initial domain, e.g. "wingtiptoys.onmicrosoft.com". */
  readonly domain: string;
  readonly companyName: string;
  readonly email: string;
  /** e.g. "en-US". */
  readonly culture: string;
  /** e.g. "en". */
  readonly language: string;
  readonly address: {
    readonly country: string;
    readonly city: string;
    readonly state?: string;
    readonly addressLine1: string;
    readonly addressLine2?: string;
    readonly postalCode: string;
    readonly firstName: string;
    readonly lastName: string;
    readonly phoneNumber?: string;
  };
  /** S1–S3: the indirect reseller's tenant id; the customer is then associated with that reseller. */
  readonly associatedPartnerId?: string;
}

/**
 * The one-time admin credentials of a new customer tenant (S2): show them once, never store or log them.
 * Partner Center cannot show them again.
 */
export interface OneTimeCredentials {
  readonly userName: string;
  readonly password: string;
}

const defaultPageSize = 100;
/** listAll's guard against a service that keeps answering with a `next` link. */
const maxPages = 100;

/** Customers (C5, S1–S4, C6) and their subscriptions. */
export class CustomersApi {
  constructor(private readonly transport: PartnerCenterTransport) {}

  /**
   * One page of GET /v1/customers (partner-center/developer/get-a-list-of-customers), or of one indirect
   * reseller's customers with the filter `{"Field":"IndirectReseller","Value":<tenant id>,"Operator":"starts_with"}`
   * (partner-center/developer/get-customers-of-an-indirect-reseller).
   */
  async list(options: ListCustomersOptions = {}): Promise<CustomerPage> {
    const { size, indirectResellerId, continuation, ...call } = options;
    const filter =
      indirectResellerId === undefined
        ? undefined
        : JSON.stringify({ Field: 'IndirectReseller', Value: indirectResellerId, Operator: 'starts_with' });
    const collection = await this.transport.request({
      operation: indirectResellerId === undefined ? 'customers.list' : 'customers.listOfIndirectReseller',
      method: 'GET',
      ...(continuation === undefined
        ? { path: '/v1/customers', query: { size: String(size ?? defaultPageSize), filter } }
        : { path: continuationPath(continuation.uri), headers: { 'MS-ContinuationToken': continuation.token } }),
      schema: customerCollectionSchema,
      ...call,
    });
    return { totalCount: collection.totalCount, items: collection.items, next: continuationOf(collection) };
  }

  /** Every page, under one correlation id. */
  async listAll(options: Omit<ListCustomersOptions, 'continuation'> = {}): Promise<readonly Customer[]> {
    const customers: Customer[] = [];
    const shared = { ...options, correlationId: options.correlationId ?? randomUUID() };
    let page = await this.list(shared);
    customers.push(...page.items);
    for (let pages = 1; page.next !== undefined && pages < maxPages; pages += 1) {
      page = await this.list({ ...shared, continuation: page.next });
      customers.push(...page.items);
    }
    return customers;
  }

  /**
   * POST /v1/customers (partner-center/developer/create-a-customer; with associatedPartnerId,
   * partner-center/developer/create-a-customer-for-an-indirect-reseller). Retries after a timeout carry the same
   * MS-RequestId, which Partner Center uses for idempotency.
   */
  async create(
    input: NewCustomer,
    options: CallOptions = {},
  ): Promise<{ customer: Customer; credentials: OneTimeCredentials }> {
    const created = await this.transport.request({
      operation: 'customers.create',
      method: 'POST',
      path: '/v1/customers',
      body: {
        companyProfile: { domain: input.domain, attributes: { objectType: 'CustomerCompanyProfile' } },
        billingProfile: {
          email: input.email,
          culture: input.culture,
          language: input.language,
          companyName: input.companyName,
          defaultAddress: input.address,
          attributes: { objectType: 'CustomerBillingProfile' },
        },
        ...(input.associatedPartnerId === undefined ? {} : { associatedPartnerId: input.associatedPartnerId }),
        attributes: { objectType: 'Customer' },
      },
      schema: createdCustomerSchema,
      ...options,
    });
    const { userCredentials, ...customer } = created;
    return { customer, credentials: userCredentials };
  }

  /**
   * C6: PATCH /v1/customers/{id} with relationshipToPartner "none"
   * (partner-center/developer/remove-a-reseller-relationship-with-a-customer). Partner Center refuses while the
   * customer has active subscriptions or Azure reservations; the caller checks those first to say which block.
   */
  async removeResellerRelationship(customerId: string, options: CallOptions = {}): Promise<void> {
    await this.transport.request({
      operation: 'customers.removeResellerRelationship',
      method: 'PATCH',
      path: `/v1/customers/${encodeURIComponent(customerId)}`,
      body: { relationshipToPartner: 'none', attributes: { objectType: 'Customer' } },
      schema: customerPatchResultSchema,
      ...options,
    });
  }

  /** GET /v1/customers/{id}/subscriptions (partner-center/developer/get-all-of-a-customer-s-subscriptions). */
  async subscriptions(customerId: string, options: CallOptions = {}): Promise<readonly Subscription[]> {
    const collection = await this.transport.request({
      operation: 'customers.subscriptions',
      method: 'GET',
      path: `/v1/customers/${encodeURIComponent(customerId)}/subscriptions`,
      schema: subscriptionCollectionSchema,
      ...options,
    });
    return collection.items;
  }

  /**
   * S5: PUT /v1/customers/{id}/subscriptions/{id}/supportcontact
   * (partner-center/developer/update-a-subscription-s-support-contact, app+user only): the support contact must be
   * one of the partner's indirect (value-added) resellers, named by tenant id, MPN ID and name.
   */
  async updateSupportContact(
    customerId: string,
    subscriptionId: string,
    contact: { readonly supportTenantId: string; readonly supportMpnId: string; readonly name: string },
    options: CallOptions = {},
  ): Promise<SupportContact> {
    return this.transport.request({
      operation: 'customers.updateSupportContact',
      method: 'PUT',
      path: `/v1/customers/${encodeURIComponent(customerId)}/subscriptions/${encodeURIComponent(subscriptionId)}/supportcontact`,
      body: { ...contact, attributes: { objectType: 'SupportContact' } },
      schema: supportContactSchema,
      ...options,
    });
  }
}

/**
 * A `next` link's URI as a path from the base URL. The reference writes them relative and sometimes without the
 * version ("/invoices/…?seekOperation=Next"), sometimes absolute.
 */
export function continuationPath(uri: string): string {
  const relative = /^https?:\/\//i.test(uri) ? uri.replace(/^https?:\/\/[^/]+/i, '') : uri;
  const trimmed = relative.replace(/^\/+/, '');
  return trimmed.startsWith('v1/') ? `/${trimmed}` : `/v1/${trimmed}`;
}
