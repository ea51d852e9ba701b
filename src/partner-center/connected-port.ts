import type { ConnectedPartnerCenter, PartnerCenterPort } from '../domain/partner-center/port.js';
import type { PartnerCenterTokens } from '../domain/partner-center/partner-center-tokens.js';
import { AppError, type ErrorCode } from '../domain/shared/errors.js';
import { PartnerCenterClient, type PartnerCenterClientOptions } from './client.js';
import { PartnerCenterError, type PartnerCenterErrorKind } from './errors.js';
import { remoteErrorsAs } from '../http/app-errors.js';
import type { PartnerCenterLogger } from './transport.js';

/**
 * Issue 17 item 3: each way a Partner Center call can fail, as the one AppError users read. Partner Center's
 * description, its code and the request ids stay in the log (the client logs them with MS-RequestId and
 * MS-CorrelationId); the user learns only whether to wait, to have an admin look at the link, or that Partner
 * Center said no.
 */
const codeByKind: Readonly<Record<PartnerCenterErrorKind, ErrorCode>> = {
  unavailable: 'PC_UNAVAILABLE',
  throttled: 'PC_THROTTLED',
  unauthorized: 'PC_ACCESS_DENIED',
  forbidden: 'PC_ACCESS_DENIED',
  'not-found': 'PC_REFUSED',
  conflict: 'PC_REFUSED',
  'invalid-request': 'PC_REFUSED',
  'unexpected-response': 'PC_REFUSED',
};

/** A Partner Center failure as an AppError; anything else (an AppError from the token provider) as it came. */
const { asAppError, translated } = remoteErrorsAs(PartnerCenterError, codeByKind);
export { asAppError };

export interface ConnectedPartnerCenterOptions {
  readonly tokens: PartnerCenterTokens;
  readonly logger: PartnerCenterLogger;
  /** Partner Center's REST base (config PARTNER_CENTER_API_URL; the local Partner Center in tests). */
  readonly baseUrl?: string;
  /** Client settings besides the token and the base (tests: clock, sleep, retry policy). */
  readonly client?: Omit<Partial<PartnerCenterClientOptions>, 'accessToken' | 'baseUrl' | 'logger'>;
}

/**
 * The connected implementation of the Partner Center port: a PartnerCenterClient per organisation whose access
 * tokens come from the organisation's linked account (app+user, Secure Application Model). Made per call: the
 * client holds no state of its own besides its settings, and the token provider keeps its own cache.
 */
export function connectedPartnerCenter(options: ConnectedPartnerCenterOptions): ConnectedPartnerCenter {
  return {
    forOrg(orgId: string): PartnerCenterPort {
      const client = new PartnerCenterClient({
        ...options.client,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        accessToken: () => options.tokens.accessTokenFor(orgId),
        logger: options.logger,
      });
      return {
        mode: 'connected',
        // partner-center/developer/retrieve-a-list-of-indirect-resellers (and of indirect providers)
        indirectPartners: (side) =>
          translated(async () => {
            const items = await client.relationships.list(
              side === 'resellers' ? 'IsIndirectCloudSolutionProviderOf' : 'IsIndirectResellerOf',
            );
            return items.map((r) => ({ tenantId: r.id, name: r.name, mpnId: r.mpnId ?? null }));
          }),
        // partner-center/developer/create-a-customer-for-an-indirect-reseller; the credentials travel to the card
        // only (the client never logs bodies)
        createCustomer: (customer) =>
          translated(async () => {
            const { contact } = customer;
            const created = await client.customers.create({
              domain: customer.domain,
              companyName: customer.companyName,
              email: contact.email,
              culture: customer.culture,
              language: customer.language,
              address: {
                country: customer.country,
                city: contact.city,
                ...(contact.state ? { state: contact.state } : {}),
                addressLine1: contact.addressLine1,
                postalCode: contact.postalCode,
                firstName: contact.firstName,
                lastName: contact.lastName,
                ...(contact.phoneNumber ? { phoneNumber: contact.phoneNumber } : {}),
              },
              associatedPartnerId: customer.associatedResellerTenantId,
            });
            const userName = created.credentials.userName;
            return {
              tenantId: created.customer.id,
              // Partner Center may answer the bare user name; the sign-in name is at the new tenant's domain
              adminUserName: userName.includes('@') ? userName : `${userName}@${customer.domain}`,
              temporaryPassword: created.credentials.password,
            };
          }),
        // partner-center/developer/create-an-order-for-a-customer-of-an-indirect-reseller; a refusal of the order
        // itself (no commerce relationship, an offer it does not sell) is Partner Center's no, not a broken link
        placeOrder: async (order) => {
          try {
            await client.orders.create(order.customerTenantId, [
              {
                offerId: order.offerId,
                quantity: order.quantity,
                ...(order.partnerIdOnRecord === undefined ? {} : { partnerIdOnRecord: order.partnerIdOnRecord }),
              },
            ]);
          } catch (error) {
            if (error instanceof PartnerCenterError && error.kind === 'forbidden') throw new AppError('PC_REFUSED');
            throw asAppError(error);
          }
        },
        // partner-center/developer/remove-a-reseller-relationship-with-a-customer: Partner Center refuses (400)
        // while the customer has active subscriptions or Azure reservations; a 404 means it no longer lists the
        // customer as ours (removed there already, e.g. by a first attempt whose local write failed): done
        removeCustomerRelationship: async (customerTenantId) => {
          try {
            await client.customers.removeResellerRelationship(customerTenantId);
          } catch (error) {
            if (error instanceof PartnerCenterError && error.kind === 'not-found') return;
            if (error instanceof PartnerCenterError && error.kind === 'invalid-request')
              throw new AppError('PC_REMOVAL_BLOCKED');
            throw asAppError(error);
          }
        },
        // partner-center/developer/verify-indirect-reseller-mpa-status
        resellerAgreement: (mpnId) =>
          translated(async () => {
            const check = await client.compliance.checkResellerAgreement(mpnId);
            return { source: 'partner-center', mpnId, agreement: check.status };
          }),
        // partner-center/developer/get-a-list-of-customers, every page (seek-based, MS-ContinuationToken); with the
        // IndirectReseller filter, partner-center/developer/get-customers-of-an-indirect-reseller
        customers: (opts) =>
          translated(async () => {
            const items = await client.customers.listAll(
              opts.indirectResellerTenantId ? { indirectResellerId: opts.indirectResellerTenantId } : {},
            );
            return items.map((c) => ({
              tenantId: c.companyProfile.tenantId || c.id,
              name: c.companyProfile.companyName ?? c.billingProfile?.companyName ?? c.companyProfile.domain,
              domain: c.companyProfile.domain,
              associatedResellerTenantId: c.associatedPartnerId ?? null,
            }));
          }),
        // partner-center/developer/get-all-of-a-customer-s-subscriptions
        customerSubscriptions: (customerTenantId) =>
          translated(async () => {
            const items = await client.customers.subscriptions(customerTenantId);
            return items.map((x) => ({
              id: x.id,
              offerId: x.offerId ?? '',
              offerName: x.offerName ?? x.friendlyName ?? x.offerId ?? '',
              quantity: x.quantity,
              status: x.status,
              partnerIdOnRecord: x.partnerId ?? null,
              newCommerce: isNewCommerceOffer(x.offerId),
            }));
          }),
        // partner-center/developer/update-a-subscription-s-support-contact
        updateSupportContact: (customerTenantId, subscriptionId, contact) =>
          translated(async () => {
            await client.customers.updateSupportContact(customerTenantId, subscriptionId, {
              supportTenantId: contact.tenantId,
              supportMpnId: contact.mpnId,
              name: contact.name,
            });
          }),
        // GET /v1/customers/relationshiprequests, with indirectCloudSolutionProviderId for C3
        customerInvitationLink: (opts) =>
          translated(() =>
            client.relationships.customerInvitationLink(
              opts.indirectProviderTenantId ? { indirectCloudSolutionProviderId: opts.indirectProviderTenantId } : {},
            ),
          ),
      };
    },
  };
}

/**
 * New commerce: its offers (and so its subscriptions' offerId) are catalogue ids of product, SKU and availability,
 * "DZH318Z0BQ3Q:0007:DZH318Z0BQ3W" ("New commerce license-based" in the reference's purchase pages); legacy
 * license-based offers are GUIDs. Partner Center keeps a support contact only for the legacy ones.
 */
export function isNewCommerceOffer(offerId: string | null | undefined): boolean {
  return typeof offerId === 'string' && offerId.includes(':');
}
