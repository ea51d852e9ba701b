import { randomUUID } from 'node:crypto';
import { collection, link, pcError, record, text, type StubRoute } from './route-kit.js';
import type { StubCustomer } from './world.js';

function customerResource(customer: StubCustomer): Record<string, unknown> {
  return {
    id: customer.id,
    commerceId: customer.id,
    companyProfile: {
      tenantId: customer.id,
      domain: customer.domain,
      companyName: customer.companyName,
      links: { self: link(`/customers/${customer.id}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: customer.relationshipToPartner,
    ...(customer.associatedPartnerId === undefined ? {} : { associatedPartnerId: customer.associatedPartnerId }),
    links: { self: link(`/customers/${customer.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

/** Seek-based paging state, opaque to the client (it only echoes it in MS-ContinuationToken). */
interface Seek {
  readonly offset: number;
  readonly size: number;
  readonly reseller: string | undefined;
}
const encodeSeek = (seek: Seek) => Buffer.from(JSON.stringify(seek)).toString('base64');
function decodeSeek(token: string): Seek | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const { offset, size, reseller } = record(value);
    if (typeof offset !== 'number' || typeof size !== 'number') return undefined;
    return { offset, size, reseller: typeof reseller === 'string' ? reseller : undefined };
  } catch {
    return undefined;
  }
}

/** Customers: the seek-based list, creation, removal of the relationship, subscriptions. */
export const customerRoutes: readonly StubRoute[] = [
  // partner-center/developer/get-a-list-of-customers (seek-based: next link with MS-ContinuationToken) and
  // partner-center/developer/get-customers-of-an-indirect-reseller
  // (filter {"Field":"IndirectReseller",...}, app+user only)
  {
    method: 'GET',
    pattern: /^\/v1\/customers$/,
    appUserOnly: false,
    handle: (request, _match, { world }) => {
      let seek: Seek;
      if ((request.query.get('seekOperation') ?? '').toLowerCase() === 'next') {
        const token = request.headers['ms-continuationtoken'];
        const decoded = typeof token === 'string' ? decodeSeek(token) : undefined;
        if (decoded === undefined) return pcError(400, 3000, 'Invalid property: MS-ContinuationToken');
        seek = decoded;
      } else {
        const size = Number(request.query.get('size') ?? '100');
        let reseller: string | undefined;
        const filter = request.query.get('filter');
        if (filter !== null) {
          let parsed: Record<string, unknown>;
          try {
            parsed = record(JSON.parse(filter));
          } catch {
            return pcError(400, 3000, 'Invalid property: filter');
          }
          if (parsed['Field'] !== 'IndirectReseller' || typeof parsed['Value'] !== 'string') {
            return pcError(400, 3000, 'Invalid property: filter');
          }
          reseller = parsed['Value'];
        }
        // size=0 in the reference's own example: treat 0 (and nonsense) as "the default page".
        seek = { offset: 0, size: Number.isInteger(size) && size > 0 ? Math.min(size, 500) : 100, reseller };
      }
      const matching = world.customers.filter(
        (customer) =>
          customer.relationshipToPartner === 'reseller' &&
          (seek.reseller === undefined || customer.associatedPartnerId?.toLowerCase() === seek.reseller.toLowerCase()),
      );
      const page = matching.slice(seek.offset, seek.offset + seek.size).map(customerResource);
      const nextOffset = seek.offset + seek.size;
      const token = nextOffset < matching.length ? encodeSeek({ ...seek, offset: nextOffset }) : undefined;
      const links: Record<string, unknown> = { self: link(`/v1/customers?size=${seek.size}`) };
      if (token !== undefined) {
        links['next'] = link(`/v1/customers?size=${seek.size}&seekOperation=Next`, [
          { key: 'MS-ContinuationToken', value: token },
        ]);
      }
      return {
        status: 200,
        body: {
          ...collection(page, { links, ...(token === undefined ? {} : { continuationToken: token }) }),
          totalCount: matching.length,
        },
      };
    },
  },
  // partner-center/developer/create-a-customer; with associatedPartnerId,
  // partner-center/developer/create-a-customer-for-an-indirect-reseller (app+user only).
  // Answers 201 with one-time credentials.
  {
    method: 'POST',
    pattern: /^\/v1\/customers$/,
    appUserOnly: false,
    handle: (request, _match, { world }) => {
      const body = record(request.body);
      const company = record(body['companyProfile']);
      const billing = record(body['billingProfile']);
      const address = record(billing['defaultAddress']);
      const domain = text(company['domain']);
      const associatedPartnerId = text(body['associatedPartnerId']);
      if (domain === undefined || text(billing['email']) === undefined || text(address['country']) === undefined) {
        return pcError(400, 800002, 'Invalid request input');
      }
      if (world.customers.some((customer) => customer.domain.toLowerCase() === domain.toLowerCase())) {
        return pcError(409, 800002, `The domain ${domain} is already in use.`);
      }
      if (
        associatedPartnerId !== undefined &&
        !world.indirectPartners.some(
          (partner) => partner.role === 'reseller' && partner.tenantId === associatedPartnerId,
        )
      ) {
        return pcError(400, 800016, 'The associated partner is not a valid indirect reseller.');
      }
      const customer = world.withCustomer({
        companyName: text(billing['companyName']) ?? domain,
        domain,
        ...(associatedPartnerId === undefined ? {} : { associatedPartnerId }),
      });
      return {
        status: 201,
        body: {
          ...customerResource(customer),
          billingProfile: {
            id: randomUUID(),
            email: billing['email'],
            culture: billing['culture'],
            language: billing['language'],
            companyName: billing['companyName'],
            defaultAddress: address,
            attributes: { etag: '1', objectType: 'CustomerBillingProfile' },
          },
          allowDelegatedAccess: true,
          userCredentials: { userName: 'admin', password: randomUUID().slice(0, 8) + '!Aa1' },
        },
      };
    },
  },
  // partner-center/developer/remove-a-reseller-relationship-with-a-customer (app+user only). Prerequisites:
  // Azure reservations cancelled and every active subscription suspended; the answer is in PascalCase.
  {
    method: 'PATCH',
    pattern: /^\/v1\/customers\/([^/]+)\/?$/,
    appUserOnly: true,
    handle: (request, match, { world }) => {
      const customer = world.customer(decodeURIComponent(match[1] ?? ''));
      if (customer === undefined || customer.relationshipToPartner !== 'reseller') {
        return pcError(404, 1000, 'Not found');
      }
      if (text(record(request.body)['relationshipToPartner'])?.toLowerCase() !== 'none') {
        return pcError(400, 3000, 'Invalid property: relationshipToPartner');
      }
      if (
        customer.subscriptions.some(
          (subscription) => subscription.azureReservation === true && subscription.status === 'active',
        )
      ) {
        return pcError(400, 800002, "Cancel the customer's Azure reservations before removing the relationship.");
      }
      if (customer.subscriptions.some((subscription) => subscription.status === 'active')) {
        return pcError(400, 800002, "Suspend the customer's active subscriptions before removing the relationship.");
      }
      customer.relationshipToPartner = 'none';
      return {
        status: 200,
        body: {
          Id: null,
          CommerceId: null,
          CompanyProfile: null,
          BillingProfile: null,
          RelationshipToPartner: 'none',
          AllowDelegatedAccess: null,
          UserCredentials: null,
          CustomDomains: null,
          AssociatedPartnerId: null,
          Attributes: { ObjectType: 'Customer' },
        },
      };
    },
  },
  // partner-center/developer/get-all-of-a-customer-s-subscriptions; no relationship → 403, code 20002
  {
    method: 'GET',
    pattern: /^\/v1\/customers\/([^/]+)\/subscriptions$/,
    appUserOnly: false,
    handle: (_request, match, { world }) => {
      const id = decodeURIComponent(match[1] ?? '');
      const customer = world.customer(id);
      if (customer === undefined || customer.relationshipToPartner !== 'reseller') {
        return pcError(
          403,
          20002,
          `Partner id ${world.partner.tenantId} doesn't have a commerce relationship with customer id ${id}.`,
        );
      }
      const items = customer.subscriptions
        .filter((subscription) => subscription.status !== 'deleted')
        .map((subscription) => ({
          id: subscription.id,
          entitlementId: subscription.id,
          offerId: subscription.offerId,
          offerName: subscription.offerName,
          friendlyName: subscription.friendlyName,
          quantity: subscription.quantity,
          unitType: 'Licenses',
          creationDate: subscription.creationDate,
          status: subscription.status,
          autoRenewEnabled: true,
          billingType: 'license',
          billingCycle: 'monthly',
          contractType: 'subscription',
          ...(subscription.partnerId === undefined ? {} : { partnerId: subscription.partnerId }),
          ...(subscription.orderId === undefined ? {} : { orderId: subscription.orderId }),
          links: { self: link(`/customers/${customer.id}/subscriptions/${subscription.id}`) },
          attributes: { etag: '1', objectType: 'Subscription' },
        }));
      return { status: 200, body: collection(items) };
    },
  },
];
