import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { stubWebhookEventNames, type PartnerCenterWorld, type StubCustomer } from './world.js';

/** A request as the routes see it: JSON bodies with their keys camel-cased (Partner Center's binder ignores case). */
export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface StubAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface StubRouteContext {
  readonly world: PartnerCenterWorld;
  /** Sends a signed event to the registered webhook (the validation event route uses it). */
  readonly emit: (eventName: string, resourceUri: string, resourceName: string) => Promise<void>;
}

export interface StubRoute {
  readonly method: string;
  readonly pattern: RegExp;
  /** The reference's prerequisites say "App+User credentials only". */
  readonly appUserOnly: boolean;
  readonly handle: (
    request: StubRequest,
    match: RegExpExecArray,
    context: StubRouteContext,
  ) => StubAnswer | Promise<StubAnswer>;
}

/** Partner Center's error body (partner-center-rest-api/error-codes.md): code, description, data, source. */
export function pcError(status: number, code: number | string, description: string): StubAnswer {
  return { status, body: { code, description, data: [], source: 'PartnerFD' } };
}

const link = (uri: string, headers: { key: string; value: string }[] = []) => ({ uri, method: 'GET', headers });
const collection = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  totalCount: items.length,
  items,
  ...extra,
  attributes: { objectType: 'Collection' },
});

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

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const routes: readonly StubRoute[] = [
  // partner-center-rest-api/get-legal-business-profile.md (app-only or app+user)
  {
    method: 'GET',
    pattern: /^\/v1\/profiles\/legalbusiness$/,
    appUserOnly: false,
    handle: (_request, _match, { world }) => ({
      status: 200,
      body: {
        companyName: world.partner.companyName,
        address: world.partner.address,
        primaryContact: world.partner.primaryContact,
        companyApproverAddress: world.partner.address,
        companyApproverEmail: world.partner.primaryContact.email,
        vettingStatus: 'authorized',
        vettingSubStatus: 'none',
        profileType: 'LegalBusinessProfile',
        links: { self: link('/profiles/legalbusiness') },
        attributes: { objectType: 'LegalBusinessProfile' },
      },
    }),
  },
  // partner-center-rest-api/get-partner-network-profile.md, and with ?mpnId= get-partner-by-mpn-id.md (404, code 3000)
  {
    method: 'GET',
    pattern: /^\/v1\/profiles\/mpn$/,
    appUserOnly: true,
    handle: (request, _match, { world }) => {
      const asked = request.query.get('mpnId') ?? request.query.get('mpnid');
      const mpnId = asked ?? world.partner.mpnId;
      if (asked !== null && !world.knownMpnIds.has(asked) && asked !== world.partner.mpnId) {
        return pcError(404, 3000, `Partner Organization with partner_id ${asked} could not be found`);
      }
      return {
        status: 200,
        body: {
          mpnId,
          profileType: 'MpnProfile',
          links: { self: link('/profiles/mpn') },
          attributes: { objectType: 'MpnProfile' },
        },
      };
    },
  },
  // partner-center-rest-api/get-an-organization-profile.md
  {
    method: 'GET',
    pattern: /^\/v1\/profiles\/organization$/,
    appUserOnly: true,
    handle: (_request, _match, { world }) => ({
      status: 200,
      body: {
        id: world.partner.tenantId,
        companyName: world.partner.companyName,
        defaultAddress: world.partner.address,
        tenantId: world.partner.tenantId,
        domain: world.partner.domain,
        email: world.partner.primaryContact.email,
        language: 'en',
        culture: 'en-US',
        profileType: 'OrganizationProfile',
        links: { self: link('/profiles/organization') },
        attributes: { etag: '1', objectType: 'OrganizationProfile' },
      },
    }),
  },
  // partner-center-rest-api/request-reseller-relationship.md; the indirect query parameters are in the REST API
  // reference "Manage customer accounts - Get relationship request link". The URL mimics the admin-center link.
  {
    method: 'GET',
    pattern: /^\/v1\/customers\/relationshiprequests$/,
    appUserOnly: true,
    handle: (request, _match, { world }) => {
      const provider = request.query.get('indirectCloudSolutionProviderId');
      const reseller = request.query.get('indirectResellerId');
      const known = (tenantId: string, role: 'reseller' | 'provider') =>
        world.indirectPartners.some((partner) => partner.tenantId === tenantId && partner.role === role);
      if (provider !== null && !known(provider, 'provider')) {
        return pcError(400, 800002, 'The indirect provider is not one of your indirect providers.');
      }
      if (reseller !== null && !known(reseller, 'reseller')) {
        return pcError(400, 800016, 'The partner is not a valid indirect reseller.');
      }
      const url = new URL('https://admin.microsoft.com/Adminportal/Home');
      url.searchParams.set(
        'invType',
        provider === null && reseller === null ? 'ResellerRelationship' : 'IndirectResellerRelationship',
      );
      url.searchParams.set('partnerId', reseller ?? world.partner.tenantId);
      url.searchParams.set('msppId', '0');
      url.searchParams.set('DAP', 'false');
      if (provider !== null) url.searchParams.set('indirectCSPId', provider);
      if (reseller !== null) url.searchParams.set('indirectCSPId', world.partner.tenantId);
      url.hash = '/BillingAccounts/partner-invitation';
      return { status: 200, body: { url: url.toString(), attributes: { objectType: 'RelationshipRequest' } } };
    },
  },
  // partner-center-rest-api/retrieve-a-list-of-indirect-resellers.md (relationship_type required)
  {
    method: 'GET',
    pattern: /^\/v1\/relationships$/,
    appUserOnly: true,
    handle: (request, _match, { world }) => {
      const type = request.query.get('relationship_type');
      const role =
        type === 'IsIndirectCloudSolutionProviderOf'
          ? 'reseller'
          : type === 'IsIndirectResellerOf'
            ? 'provider'
            : undefined;
      if (role === undefined) return pcError(400, 3000, 'Invalid property: relationship_type');
      const items = world.indirectPartners
        .filter((partner) => partner.role === role)
        .map((partner) => ({
          id: partner.tenantId,
          name: partner.name,
          relationshipType: role === 'reseller' ? 'is_indirect_cloud_solution_provider_of' : 'is_indirect_reseller_of',
          state: 'Active',
          mpnId: partner.mpnId,
          location: partner.location,
          attributes: { objectType: 'PartnerRelationship' },
        }));
      return { status: 200, body: collection(items) };
    },
  },
  // partner-center-rest-api/get-a-list-of-customers.md (seek-based: next link with MS-ContinuationToken) and
  // get-customers-of-an-indirect-reseller.md (filter {"Field":"IndirectReseller",...}, app+user only)
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
  ...customerWriteRoutes(),
];

/** Routes that change customers, orders and webhooks (kept apart to keep each list readable). */
function customerWriteRoutes(): StubRoute[] {
  return [
    // partner-center-rest-api/create-a-customer.md; with associatedPartnerId,
    // create-a-customer-for-an-indirect-reseller.md (app+user only). Answers 201 with one-time credentials.
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
    // partner-center-rest-api/remove-a-reseller-relationship-with-a-customer.md (app+user only). Prerequisites:
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
    // partner-center-rest-api/get-all-of-a-customer-s-subscriptions.md; no relationship → 403, code 20002
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
    // partner-center-rest-api/create-an-order-for-a-customer-of-an-indirect-reseller.md (app+user only):
    // partnerIdOnRecord must be an indirect reseller's MPN ID (800016) whose MPA is accepted (403, 900123).
    {
      method: 'POST',
      pattern: /^\/v1\/customers\/([^/]+)\/orders$/,
      appUserOnly: true,
      handle: (request, match, { world }) => {
        const id = decodeURIComponent(match[1] ?? '');
        const customer = world.customer(id);
        if (customer === undefined || customer.relationshipToPartner !== 'reseller') {
          return pcError(
            403,
            20002,
            `Partner id ${world.partner.tenantId} doesn't have a commerce relationship with customer id ${id}.`,
          );
        }
        const body = record(request.body);
        const lines = Array.isArray(body['lineItems']) ? body['lineItems'].map(record) : [];
        if (lines.length === 0) return pcError(400, 800002, 'Invalid request input');
        for (const line of lines) {
          const quantity = line['quantity'];
          if (text(line['offerId']) === undefined || typeof quantity !== 'number' || quantity < 1) {
            return pcError(400, 800002, 'Invalid request input');
          }
          const onRecord = text(line['partnerIdOnRecord']);
          if (onRecord === undefined) continue;
          if (!world.indirectPartners.some((partner) => partner.role === 'reseller' && partner.mpnId === onRecord)) {
            return pcError(400, 800016, 'The MPN ID is not a valid indirect reseller.');
          }
          if (world.agreements.get(onRecord) !== 'signed') {
            return pcError(403, 900123, 'The indirect reseller has not accepted the Microsoft Partner Agreement.');
          }
        }
        const orderId = randomUUID();
        const answered = lines.map((line, index) => {
          const subscription = world.withSubscription(customer.id, {
            offerId: String(line['offerId']),
            offerName: text(line['friendlyName']) ?? String(line['offerId']),
            quantity: Number(line['quantity']),
            orderId,
            ...(text(line['partnerIdOnRecord']) === undefined ? {} : { partnerId: String(line['partnerIdOnRecord']) }),
          });
          return {
            lineItemNumber: index,
            offerId: subscription.offerId,
            subscriptionId: subscription.id,
            friendlyName: subscription.friendlyName,
            quantity: subscription.quantity,
            ...(subscription.partnerId === undefined ? {} : { partnerIdOnRecord: subscription.partnerId }),
            links: { subscription: link(`/customers/${customer.id}/subscriptions/${subscription.id}`) },
          };
        });
        return {
          status: 201,
          body: {
            id: orderId,
            referenceCustomerId: customer.id,
            billingCycle: text(body['billingCycle']) ?? 'monthly',
            lineItems: answered,
            creationDate: new Date().toISOString(),
            links: { self: link(`/customers/${customer.id}/orders/${orderId}`) },
            attributes: { etag: '1', objectType: 'Order' },
          },
        };
      },
    },
    ...complianceAndWebhookRoutes(),
  ];
}

function complianceAndWebhookRoutes(): StubRoute[] {
  const registration = (world: PartnerCenterWorld) =>
    world.webhookRegistration === undefined
      ? undefined
      : {
          SubscriberId: world.webhookRegistration.subscriberId,
          WebhookUrl: world.webhookRegistration.webhookUrl,
          WebhookEvents: world.webhookRegistration.webhookEvents,
        };
  const parseRegistration = (body: unknown): { url: string; events: string[] } | undefined => {
    const fields = record(body);
    const url = text(fields['webhookUrl']);
    const events = fields['webhookEvents'];
    if (url === undefined || !Array.isArray(events) || !events.every((event) => typeof event === 'string'))
      return undefined;
    return { url, events };
  };
  return [
    // partner-center-rest-api/verify-indirect-reseller-mpa-status.md (app+user only), with its documented refusals
    {
      method: 'GET',
      pattern: /^\/v1\/compliance\/csp\/agreementstatus$/,
      appUserOnly: true,
      handle: (request, _match, { world }) => {
        const mpnId = request.query.get('mpnId') ?? request.query.get('mpnid');
        const tenantId = request.query.get('tenantId');
        if (mpnId === null && tenantId === null)
          return pcError(400, 2001, 'Both MPN Id and Tenant Id cannot be empty.');
        if (mpnId !== null && tenantId !== null)
          return pcError(400, 2000, 'Both MPN Id and Tenant Id should not be passed.');
        if (tenantId !== null) {
          if (!guid.test(tenantId)) return pcError(400, 2000, 'Tenant Id must be a GUID.');
          const partner = world.indirectPartners.find((candidate) => candidate.tenantId === tenantId);
          if (partner === undefined) {
            return pcError(
              400,
              2205,
              `Partner Center doesn't find any account associated to the Tenant ID ${tenantId}`,
            );
          }
          return { status: 200, body: { isAgreementSigned: world.agreements.get(partner.mpnId) === 'signed' } };
        }
        const asked = mpnId ?? '';
        if (!/^\d+$/.test(asked)) return pcError(400, 2000, 'MPN Id must be numeric.');
        switch (world.agreements.get(asked)) {
          case 'signed':
            return { status: 200, body: { isAgreementSigned: true } };
          case 'not-signed':
            return { status: 200, body: { isAgreementSigned: false } };
          case 'other-region':
            return pcError(
              400,
              2201,
              `The CSP region of the MPN ID ${asked} doesn't match the CSP region from where you are placing the order.`,
            );
          case 'not-indirect-reseller':
            return pcError(
              400,
              2204,
              `MPN Id ${asked} is not associated with a CSP Indirect Reseller account in Partner Center.`,
            );
          case undefined:
            return pcError(400, 2200, `MPN Id ${asked} is either invalid or not yet migrated to Partner Center.`);
        }
      },
    },
    // partner-center-rest-api/partner-center-webhooks.md "Get a list of events"
    {
      method: 'GET',
      pattern: /^\/webhooks\/v1\/registration\/events$/,
      appUserOnly: false,
      handle: () => ({ status: 200, body: stubWebhookEventNames }),
    },
    // partner-center-webhooks.md "Register to receive events"
    {
      method: 'POST',
      pattern: /^\/webhooks\/v1\/registration$/,
      appUserOnly: false,
      handle: (request, _match, { world }) => {
        const asked = parseRegistration(request.body);
        if (asked === undefined) return pcError(400, 3000, 'Invalid property: WebhookUrl or WebhookEvents');
        const unknown = asked.events.find((event) => !stubWebhookEventNames.includes(event));
        if (unknown !== undefined) return pcError(400, 3000, `Invalid property: unknown event ${unknown}`);
        if (world.webhookRegistration !== undefined)
          return pcError(409, 3000, 'A registration already exists; update it.');
        world.webhookRegistration = { subscriberId: randomUUID(), webhookUrl: asked.url, webhookEvents: asked.events };
        return { status: 200, body: registration(world) };
      },
    },
    // partner-center-webhooks.md "View a registration"
    {
      method: 'GET',
      pattern: /^\/webhooks\/v1\/registration$/,
      appUserOnly: false,
      handle: (_request, _match, { world }) => {
        const current = registration(world);
        return current === undefined ? pcError(404, 1000, 'Not found') : { status: 200, body: current };
      },
    },
    // partner-center-webhooks.md "Update an event registration"
    {
      method: 'PUT',
      pattern: /^\/webhooks\/v1\/registration$/,
      appUserOnly: false,
      handle: (request, _match, { world }) => {
        const asked = parseRegistration(request.body);
        if (asked === undefined) return pcError(400, 3000, 'Invalid property: WebhookUrl or WebhookEvents');
        if (world.webhookRegistration === undefined) return pcError(404, 1000, 'Not found');
        world.webhookRegistration.webhookUrl = asked.url;
        world.webhookRegistration.webhookEvents = asked.events;
        return { status: 200, body: registration(world) };
      },
    },
    // Deleting a registration: named by the brief and Learn's current webhook page, not in the 2021 reference copy
    // read here; answered as an empty 204.
    {
      method: 'DELETE',
      pattern: /^\/webhooks\/v1\/registration$/,
      appUserOnly: false,
      handle: (_request, _match, { world }) => {
        if (world.webhookRegistration === undefined) return pcError(404, 1000, 'Not found');
        world.webhookRegistration = undefined;
        return { status: 204 };
      },
    },
    // partner-center-webhooks.md "Send a test event to validate your registration": needs "test-created" registered
    {
      method: 'POST',
      pattern: /^\/webhooks\/v1\/registration\/validationEvents$/,
      appUserOnly: false,
      handle: async (request, _match, { world, emit }) => {
        if (!world.webhookRegistration?.webhookEvents.includes('test-created')) {
          return pcError(400, 3000, 'Register for "test-created" before sending a validation event.');
        }
        const correlationId = String(request.headers['ms-correlationid'] ?? randomUUID());
        await emit(
          'test-created',
          `https://api.partnercenter.microsoft.com/webhooks/v1/registration/validationEvents/${correlationId}`,
          'test',
        );
        return { status: 200, body: { correlationId } };
      },
    },
  ];
}
