import { createHash } from 'node:crypto';
import type { DomainContext } from '../shared/context.js';
import { enqueue } from '../shared/outbox.js';
import { isUniqueViolation } from '../shared/store.js';
import { hashToken } from '../shared/tokens.js';

/**
 * Issue 17 item 4 (docs/partner-center.md, W2–W5): a verified Partner Center webhook event becomes, once, the same
 * outbox notice a local change would queue. No HTTP here: the endpoint (src/web/partner-center-events.ts) verifies
 * the signature and parses the body; the customer's name, which the event does not carry, is looked up by the
 * caller (it needs Partner Center) and passed in.
 */

/**
 * The event names the bot registers for and names in its notices ("Partner Center webhooks", Learn's list of
 * events). `reseller-relationship-accepted-by-customer` is the reference's name for a customer accepting the
 * partner's reseller relationship request (C2/C3 with Partner Center's own link).
 */
export const CUSTOMER_ACCEPTED_EVENT = 'reseller-relationship-accepted-by-customer';
export const supportedWebhookEvents = [
  CUSTOMER_ACCEPTED_EVENT,
  'subscription-updated',
  'usagerecords-thresholdExceeded',
  'referral-created',
  'referral-updated',
  'invoice-ready',
  'dap-admin-relationship-approved',
] as const;

/** What the endpoint hands over after verification (the reference's event model, PascalCase as sent). */
export interface PartnerCenterEventInput {
  readonly EventName: string;
  readonly ResourceUri: string;
  readonly ResourceName: string;
  readonly ResourceChangeUtcDate: string;
}

/**
 * W3: the same event has the same name, resource and change time whichever delivery carries it; hashed so the key
 * has a fixed length whatever the URI's.
 */
export function eventDedupeKey(event: PartnerCenterEventInput): string {
  return (
    createHash('sha256')
      // JSON, not a separator: no field can run into the next, whatever characters Partner Center sends
      .update(JSON.stringify([event.EventName, event.ResourceUri, event.ResourceChangeUtcDate]), 'utf8')
      .digest('hex')
  );
}

/** The customer id a customer event's ResourceUri ends with (…/v1/customers/{id}), or undefined. */
export function customerIdOf(resourceUri: string): string | undefined {
  const match = /\/customers\/([^/?#]+)/i.exec(resourceUri);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** W2: the organisation whose registration URL carries this token, or undefined (unknown or unregistered). */
export async function orgForWebhookToken(
  ctx: Pick<DomainContext, 'store'>,
  token: string,
): Promise<string | undefined> {
  if (token.length < 16 || token.length > 200) return undefined;
  const row = await ctx.store.read.partnerCenterWebhook.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { orgId: true },
  });
  return row?.orgId;
}

/** Whether this event was already recorded for the organisation (a redelivery: the endpoint answers 200 at once). */
export async function isRecordedEvent(
  ctx: Pick<DomainContext, 'store'>,
  orgId: string,
  event: PartnerCenterEventInput,
): Promise<boolean> {
  const row = await ctx.store.read.partnerCenterEvent.findUnique({
    where: { orgId_dedupeKey: { orgId, dedupeKey: eventDedupeKey(event) } },
    select: { id: true },
  });
  return row !== null;
}

export type RecordOutcome = 'recorded' | 'duplicate';

/**
 * W3–W5: records the event and queues its notice to the organisation's channel, in one transaction. A second
 * delivery finds the row (or, when two instances race, loses on the unique key and rolls back): `duplicate`, and
 * nothing more is queued. The outbox key is the same dedupe key, so even a replayed notice is queued once.
 */
export async function recordPartnerCenterEvent(
  ctx: Pick<DomainContext, 'store' | 'now'>,
  orgId: string,
  event: PartnerCenterEventInput,
  customerName: string | undefined,
): Promise<RecordOutcome> {
  const dedupeKey = eventDedupeKey(event);
  const now = ctx.now();
  try {
    return await ctx.store.transaction(async (tx) => {
      const seen = await tx.partnerCenterEvent.findUnique({
        where: { orgId_dedupeKey: { orgId, dedupeKey } },
        select: { id: true },
      });
      if (seen) return 'duplicate';
      const row = await tx.partnerCenterEvent.create({
        data: {
          orgId,
          dedupeKey,
          eventName: event.EventName,
          resourceUri: event.ResourceUri,
          resourceName: event.ResourceName,
          changedAt: event.ResourceChangeUtcDate,
          receivedAt: now,
        },
      });
      const org = await tx.organization.findUnique({ where: { id: orgId }, select: { legalName: true } });
      const orgName = org?.legalName ?? '';
      const customerId = customerIdOf(event.ResourceUri);
      if (event.EventName === CUSTOMER_ACCEPTED_EVENT && customerId !== undefined && customerName !== undefined) {
        // W4: the very notice C2/C3 queue when a customer accepts on our own page (same type, same words)
        await enqueue(
          tx,
          'customer.invitation_accepted',
          `pc:${dedupeKey}`,
          {
            invitationId: `partner-center:${row.id}`,
            customerId,
            customerName,
            partnerId: orgId,
            partnerName: orgName,
            providerName: null,
          },
          [{ orgId }],
          now,
        );
      } else {
        // W5: any other event (or an acceptance whose customer Partner Center could not name) as a generic notice
        const known: readonly string[] = supportedWebhookEvents;
        await enqueue(
          tx,
          'partner_center.event',
          `pc:${dedupeKey}`,
          {
            orgName,
            eventName: known.includes(event.EventName) ? event.EventName : 'other',
            changedAt: isoOr(event.ResourceChangeUtcDate, now),
          },
          [{ orgId }],
          now,
        );
      }
      return 'recorded';
    });
  } catch (error) {
    // two instances (or two deliveries) at once: the one that lost on the unique key changed nothing
    if (isUniqueViolation(error)) return 'duplicate';
    throw error;
  }
}

/** The change time as a UTC ISO timestamp; the receipt time when Partner Center sent something unreadable. */
function isoOr(value: string, fallback: Date): string {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? fallback.toISOString() : new Date(parsed).toISOString();
}
