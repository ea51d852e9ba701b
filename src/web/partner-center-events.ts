import type restify from 'restify';
import { z } from 'zod';
import {
  CUSTOMER_ACCEPTED_EVENT,
  customerIdOf,
  isRecordedEvent,
  orgForWebhookToken,
  recordPartnerCenterEvent,
} from '../domain/partner-center/webhook-events.js';
import { WEBHOOK_PATH } from '../domain/partner-center/webhook-registration.js';
import type { DomainContext } from '../domain/shared/context.js';
import type { Logger } from '../log.js';
import type { WebhookHeaders } from '../partner-center/webhook-signature.js';
import type { WebhookEvent } from '../partner-center/schemas/webhooks.js';

/**
 * Issue 17 item 4 (docs/partner-center.md, W1–W5): Partner Center's webhook deliveries.
 *
 *   POST /api/partner-center/events?token=<opaque per-organisation token>
 *
 * - W2: the organisation comes from the token the bot put in the URL it registered, never from the body;
 *   an unknown token answers 404 and records nothing.
 * - W1: the signature is verified over the raw bytes (src/partner-center/webhook-signature.ts) before anything is
 *   parsed or stored: 401 when it fails, 400 when the signed body is not an event.
 * - W3: each event is recorded once; a redelivery (or a second instance racing) answers 200 and queues nothing.
 * - The answer is quick: only an acceptance asks Partner Center for the customer's name, bounded by a timeout; the
 *   notice itself is sent by the outbox worker after commit.
 * Every failure answers (500 at worst) and is logged without the body: the endpoint never crashes the server.
 */
export interface PartnerCenterEventsDeps {
  readonly domain: DomainContext;
  readonly logger: Logger;
  readonly verify: (
    headers: WebhookHeaders,
    rawBody: Uint8Array,
  ) => Promise<{ readonly ok: true; readonly event: WebhookEvent } | { readonly ok: false; readonly reason: string }>;
  /** The customer's name from Partner Center (absent: the acceptance is told as a generic notice). */
  readonly customerName?: (orgId: string, customerId: string) => Promise<string | undefined>;
  /** Wakes the notification worker after a notice was queued. */
  readonly wakeNotify: () => void;
}

export const EVENTS_PATH = WEBHOOK_PATH;
/** Partner Center's events are a few hundred bytes; anything far larger is not one. */
const MAX_EVENT_BYTES = 64 * 1024;

const querySchema = z.object({ token: z.string().min(16).max(200) });

export function registerPartnerCenterEvents(server: restify.Server, deps: PartnerCenterEventsDeps): void {
  server.post(EVENTS_PATH, async (req: restify.Request, res: restify.Response) => {
    try {
      const status = await receive(req, deps);
      res.status(status);
      res.end();
    } catch (error) {
      deps.logger.error(
        { err: error instanceof Error ? error.message : String(error), route: EVENTS_PATH },
        'partner center event failed',
      );
      if (!res.headersSent) res.status(500);
      res.end();
    }
  });
}

async function receive(req: restify.Request, deps: PartnerCenterEventsDeps): Promise<number> {
  const raw = await readBody(req);
  if (raw === 'too-large') return 413;
  const query = querySchema.safeParse({
    token: new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined,
  });
  if (!query.success) return 404;
  const orgId = await orgForWebhookToken(deps.domain, query.data.token);
  if (orgId === undefined) {
    deps.logger.warn({ route: EVENTS_PATH }, 'partner center event for an unknown token');
    return 404;
  }
  const verified = await deps.verify(req.headers, raw);
  if (!verified.ok) {
    deps.logger.warn({ route: EVENTS_PATH, orgId, reason: verified.reason }, 'partner center event refused');
    return verified.reason === 'invalid-event' ? 400 : 401;
  }
  const event = verified.event;
  if (await isRecordedEvent(deps.domain, orgId, event)) return 200;
  const customerId = customerIdOf(event.ResourceUri);
  const customerName =
    event.EventName === CUSTOMER_ACCEPTED_EVENT && customerId !== undefined && deps.customerName
      ? await deps.customerName(orgId, customerId)
      : undefined;
  const outcome = await recordPartnerCenterEvent(deps.domain, orgId, event, customerName);
  deps.logger.info({ route: EVENTS_PATH, orgId, eventName: event.EventName, outcome }, 'partner center event');
  if (outcome === 'recorded') deps.wakeNotify();
  return 200;
}

/** The body exactly as sent (the signature covers these bytes), at most MAX_EVENT_BYTES. */
async function readBody(req: restify.Request): Promise<Uint8Array | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_EVENT_BYTES) return 'too-large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
