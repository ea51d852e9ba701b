import { z } from 'zod';
import type { Actor, DomainContext, Member } from '../shared/context.js';
import { auditActor } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { AppError, parseInput } from '../shared/errors.js';
import type { Tx } from '../shared/store.js';
import { actingNotificationAdmin, orgNoticeScope } from './failed-notifications.js';

export const retryFailedNotificationInput = z.object({ eventId: z.string().trim().min(1).max(100) });

export type NotificationStatus = 'pending' | 'sent' | 'dead';

export interface RetryResult {
  readonly eventId: string;
  /** true when this call put the notice back in the queue; false when it was not dead (nothing changed) */
  readonly requeued: boolean;
  /** the status after the call: 'pending' when re-queued, else what it already was */
  readonly status: NotificationStatus;
}

/**
 * Puts one dead notice back in the queue, in the caller's transaction: status pending, attempts 0,
 * due now, no lease, and its dead deliveries forgotten so the worker sends to those targets again
 * (src/notify/plan.ts skips a target whose OutboxDelivery row is terminal; sent and skipped ones
 * stay, so nobody gets it twice). The conditional update (status still 'dead') settles a double
 * click or two admins at once: one re-queues, the other finds it pending. lastError stays in the
 * audit row, for the operators.
 */
async function requeue(
  tx: Tx,
  ctx: DomainContext,
  actor: Actor,
  member: Member,
  ev: { id: string; type: string; attempts: number; lastError: string | null },
): Promise<boolean> {
  const now = ctx.now();
  const r = await tx.outboxEvent.updateMany({
    where: { id: ev.id, status: 'dead' },
    data: { status: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null },
  });
  if (r.count !== 1) return false;
  await tx.outboxDelivery.deleteMany({ where: { eventId: ev.id, status: 'dead' } });
  await audit(tx, auditActor(actor, member), now, {
    orgId: member.orgId,
    action: 'notification.retried',
    entity: 'OutboxEvent',
    entityId: ev.id,
    detail: { type: ev.type, attempts: ev.attempts, lastError: ev.lastError },
  });
  return true;
}

function statusOf(s: string): NotificationStatus {
  return s === 'sent' || s === 'dead' ? s : 'pending';
}

/**
 * Issue 13 item 2: an administrator of the organisation retries one failed notice. Idempotent: a
 * notice that is pending or sent already is left alone and the result says so. Another
 * organisation's notice (or an unknown id) is NOT_FOUND, never a hint that it exists.
 */
export async function retryFailedNotification(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof retryFailedNotificationInput>,
): Promise<RetryResult> {
  const { eventId } = parseInput(retryFailedNotificationInput, raw);
  return ctx.store.transaction(async (tx) => {
    const member = await actingNotificationAdmin(tx, actor);
    const ev = await tx.outboxEvent.findFirst({
      where: { AND: [{ id: eventId }, await orgNoticeScope(tx, member.orgId)] },
      select: { id: true, type: true, status: true, attempts: true, lastError: true },
    });
    if (!ev) throw new AppError('NOT_FOUND', { entity: 'notification' });
    if (ev.status !== 'dead') return { eventId, requeued: false, status: statusOf(ev.status) };
    const done = await requeue(tx, ctx, actor, member, ev);
    return { eventId, requeued: done, status: done ? 'pending' : statusOf(ev.status) };
  });
}

/** At most this many notices per "Retry all" (one transaction); the rest stay listed for another click. */
export const RETRY_ALL_LIMIT = 200;

/**
 * Issue 13 item 2: re-queues every failed notice of the organisation (up to RETRY_ALL_LIMIT, oldest
 * first, so they go out in the order they were meant to). Idempotent: with none dead, nothing changes
 * and `requeued` is 0. `remaining` counts the dead ones left for another call.
 */
export async function retryAllFailedNotifications(
  ctx: DomainContext,
  actor: Actor,
): Promise<{ requeued: number; remaining: number }> {
  return ctx.store.transaction(async (tx) => {
    const member = await actingNotificationAdmin(tx, actor);
    const where = { AND: [{ status: 'dead' }, await orgNoticeScope(tx, member.orgId)] };
    const dead = await tx.outboxEvent.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: RETRY_ALL_LIMIT,
      select: { id: true, type: true, attempts: true, lastError: true },
    });
    let requeued = 0;
    for (const ev of dead) if (await requeue(tx, ctx, actor, member, ev)) requeued++;
    const remaining = await tx.outboxEvent.count({ where });
    return { requeued, remaining };
  });
}
