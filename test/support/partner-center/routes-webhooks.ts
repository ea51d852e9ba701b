import { randomUUID } from 'node:crypto';
import { pcError, record, text, type StubRoute } from './route-kit.js';
import { stubWebhookEventNames, type PartnerCenterWorld } from './world.js';

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

/** Webhook registration and validation events. */
export const webhookRoutes: readonly StubRoute[] = [
  // partner-center/developer/partner-center-webhooks "Get a list of events"
  {
    method: 'GET',
    pattern: /^\/webhooks\/v1\/registration\/events$/,
    appUserOnly: false,
    handle: () => ({ status: 200, body: stubWebhookEventNames }),
  },
  // partner-center/developer/partner-center-webhooks "Register to receive events"
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
  // partner-center/developer/partner-center-webhooks "View a registration"
  {
    method: 'GET',
    pattern: /^\/webhooks\/v1\/registration$/,
    appUserOnly: false,
    handle: (_request, _match, { world }) => {
      const current = registration(world);
      return current === undefined ? pcError(404, 1000, 'Not found') : { status: 200, body: current };
    },
  },
  // partner-center/developer/partner-center-webhooks "Update an event registration"
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
  // partner-center/developer/partner-center-webhooks "Send a test event to validate your registration";
  // needs "test-created" registered
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
