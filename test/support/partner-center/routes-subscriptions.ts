import { link, pcError, record, text, type StubRoute } from './route-kit.js';

/** A customer's subscriptions: the support contact (S5). */
export const subscriptionRoutes: readonly StubRoute[] = [
  // partner-center/developer/update-a-subscription-s-support-contact (app+user only): the body is a SupportContact
  // (supportTenantId, supportMpnId, name) naming one of the partner's value-added (indirect) resellers; the answer
  // is the SupportContact. The reference documents no refusal bodies for this route: an unknown subscription is
  // 404 (code 1000, as elsewhere), a support contact that is not our indirect reseller 400 with 800016 (as the
  // order route's partnerIdOnRecord), and a new-commerce subscription (offer id "product:sku:availability"), which
  // Partner Center keeps no support contact for, 400 with 800002 — this stand-in's choices.
  {
    method: 'PUT',
    pattern: /^\/v1\/customers\/([^/]+)\/subscriptions\/([^/]+)\/supportcontact$/,
    appUserOnly: true,
    handle: (request, match, { world }) => {
      const customerId = decodeURIComponent(match[1] ?? '');
      const subscriptionId = decodeURIComponent(match[2] ?? '');
      const customer = world.customer(customerId);
      if (customer === undefined || customer.relationshipToPartner !== 'reseller') {
        return pcError(
          403,
          20002,
          `Partner id ${world.partner.tenantId} doesn't have a commerce relationship with customer id ${customerId}.`,
        );
      }
      const subscription = customer.subscriptions.find(
        (candidate) => candidate.id.toLowerCase() === subscriptionId.toLowerCase() && candidate.status !== 'deleted',
      );
      if (subscription === undefined) return pcError(404, 1000, 'Not found');
      const body = record(request.body);
      const supportTenantId = text(body['supportTenantId']);
      const supportMpnId = text(body['supportMpnId']);
      const name = text(body['name']);
      if (supportTenantId === undefined || supportMpnId === undefined || name === undefined) {
        return pcError(400, 800002, 'Invalid request input');
      }
      if (
        !world.indirectPartners.some(
          (partner) =>
            partner.role === 'reseller' &&
            partner.tenantId.toLowerCase() === supportTenantId.toLowerCase() &&
            partner.mpnId === supportMpnId,
        )
      ) {
        return pcError(400, 800016, 'The support contact is not a valid indirect reseller.');
      }
      if (subscription.offerId.includes(':')) {
        return pcError(400, 800002, 'Support contact is not supported for new commerce subscriptions.');
      }
      subscription.supportContact = { supportTenantId, supportMpnId, name };
      return {
        status: 200,
        body: {
          supportTenantId,
          supportMpnId,
          name,
          links: { self: link(`/customers/${customer.id}/subscriptions/${subscription.id}/supportcontact`) },
          attributes: { objectType: 'SupportContact' },
        },
      };
    },
  },
];
