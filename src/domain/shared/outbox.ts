import { eventSchemas, type EventPayload, type EventType } from './events.js';
import type { Tx } from './store.js';

/** Where a notification goes: an organisation (its channel and admins) or one person. */
export type Recipient = { readonly orgId: string } | { readonly email: string } | { readonly aadObjectId: string };

export function recipientRef(r: Recipient): { targetOrgId: string | null; userRef: string | null; key: string } {
  if ('orgId' in r) return { targetOrgId: r.orgId, userRef: null, key: `org:${r.orgId}` };
  if ('email' in r) {
    const ref = `email:${r.email.toLowerCase()}`;
    return { targetOrgId: null, userRef: ref, key: ref };
  }
  const ref = `aad:${r.aadObjectId}`;
  return { targetOrgId: null, userRef: ref, key: ref };
}

/**
 * Writes one OutboxEvent per recipient, in the caller's transaction (DESIGN: "the outbox row is
 * written in the same transaction, and sent after commit"). `key` identifies the change (e.g.
 * `${applicationId}:in_review`); with the type and the recipient it forms the unique
 * idempotencyKey, so repeating a change never queues the same notification twice.
 * The payload is validated against its schema here, at the source.
 */
export async function enqueue<T extends EventType>(
  tx: Tx,
  type: T,
  key: string,
  payload: EventPayload<T>,
  recipients: readonly Recipient[],
  now: Date,
): Promise<void> {
  const parsed: unknown = eventSchemas[type].parse(payload);
  const json = JSON.stringify(parsed);
  const seen = new Set<string>();
  for (const r of recipients) {
    const { targetOrgId, userRef, key: to } = recipientRef(r);
    if (seen.has(to)) continue;
    seen.add(to);
    const idempotencyKey = `${type}:${key}:${to}`;
    // Check first: on PostgreSQL a unique violation would abort the whole transaction.
    const existing = await tx.outboxEvent.findUnique({ where: { idempotencyKey }, select: { id: true } });
    if (existing) continue;
    await tx.outboxEvent.create({
      data: { type, targetOrgId, userRef, payload: json, idempotencyKey, nextAttemptAt: now, createdAt: now },
    });
  }
}
