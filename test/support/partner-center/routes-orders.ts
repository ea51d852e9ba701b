import { randomUUID } from 'node:crypto';
import { link, pcError, record, text, type StubRoute } from './route-kit.js';

/** Orders for customers, with the indirect reseller as partner of record. */
export const orderRoutes: readonly StubRoute[] = [
  // partner-center/developer/create-an-order-for-a-customer-of-an-indirect-reseller (app+user only):
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
];
