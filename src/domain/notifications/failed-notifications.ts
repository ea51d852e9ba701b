import type { z } from 'zod';
import type { Actor, DomainContext, Member } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { parseInput } from '../shared/errors.js';
import { after, decodeCursor, pageSchema, toPage, type Page } from '../shared/paging.js';
import type { Role } from '../shared/roles.js';
import type { Tx } from '../shared/store.js';

/**
 * Issue 13 item 2: who sees and retries the organisation's failed (dead-lettered) notices. The same
 * people who manage its users (U3): a notice that could not be delivered usually means a channel or
 * a person the organisation has to fix (the bot removed from a team, a user gone).
 */
export const failedNotificationRoles: readonly Role[] = ['global_admin', 'user_admin', 'admin_agent'];

/**
 * Why a notice failed, as a closed set the bot and the Dashboard localize. The worker's lastError is
 * for operators (HTTP codes, ids, exception text): people get one of these instead.
 */
export const failureReasons = [
  'blocked',
  'no_channel',
  'throttled',
  'unavailable',
  'undeliverable',
  'rejected',
  'unknown',
] as const;
export type FailureReason = (typeof failureReasons)[number];

/**
 * Classifies the worker's lastError (src/notify: classify.ts, outcome.ts, plan.ts write it). Read as
 * text because the outbox row keeps only text; the first matching rule wins, most specific first.
 */
export function failureReason(lastError: string | null): FailureReason {
  const e = lastError ?? '';
  if (/MessageWritesBlocked|HTTP 403/i.test(e)) return 'blocked';
  if (/no active notification channel/i.test(e)) return 'no_channel';
  if (/HTTP 429/.test(e)) return 'throttled';
  if (/HTTP 5\d\d|network:|timeout|timed out/i.test(e)) return 'unavailable';
  if (/render:|unreadable:|no deliverable recipient|unknown user/i.test(e)) return 'undeliverable';
  if (/HTTP 4\d\d/.test(e)) return 'rejected';
  return 'unknown';
}

export interface FailedNotificationRow {
  readonly id: string;
  readonly type: string;
  /** the stored payload, parsed as JSON (renderers validate it against the event's schema) */
  readonly payload: unknown;
  readonly createdAt: Date;
  readonly attempts: number;
  readonly reason: FailureReason;
  /** whom it was for: the organisation (its channel) or one of its people */
  readonly audience: 'organization' | 'person';
}

/**
 * The `where` that matches an organisation's notices: aimed at it (targetOrgId), or at one of its
 * users by Entra object id or email (the refs src/domain/shared/outbox.ts writes). Never by names in
 * the payload, so another organisation's notices never match.
 */
export async function orgNoticeScope(tx: Tx, orgId: string): Promise<Record<string, unknown>> {
  const users = await tx.user.findMany({ where: { orgId }, select: { aadObjectId: true, emailLower: true } });
  const refs = users.flatMap((u) => [
    ...(u.aadObjectId ? [`aad:${u.aadObjectId}`] : []),
    ...(u.emailLower ? [`email:${u.emailLower}`] : []),
  ]);
  return { OR: [{ targetOrgId: orgId }, ...(refs.length ? [{ userRef: { in: refs } }] : [])] };
}

/** The actor as an administrator of their organisation (U3 refusal names the roles). */
export function actingNotificationAdmin(tx: Tx, actor: Actor): Promise<Member> {
  return actingMember(tx, actor, failedNotificationRoles);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The organisation's dead-lettered notices, newest first, keyset-paged (paging.ts). Only its
 * administrators (failedNotificationRoles) may see them.
 */
export async function listFailedNotifications(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pageSchema> = {},
): Promise<Page<FailedNotificationRow>> {
  const input = parseInput(pageSchema, raw);
  const tx = ctx.store.read;
  const member = await actingNotificationAdmin(tx, actor);
  const c = decodeCursor(input.cursor);
  const rows = await tx.outboxEvent.findMany({
    where: { AND: [{ status: 'dead' }, await orgNoticeScope(tx, member.orgId), after('createdAt', c)] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select: {
      id: true,
      type: true,
      payload: true,
      createdAt: true,
      attempts: true,
      lastError: true,
      targetOrgId: true,
    },
  });
  return toPage(
    rows,
    input.limit,
    (r) => r.createdAt,
    (r) => ({
      id: r.id,
      type: r.type,
      payload: parseJson(r.payload),
      createdAt: r.createdAt,
      attempts: r.attempts,
      reason: failureReason(r.lastError),
      audience: r.targetOrgId ? ('organization' as const) : ('person' as const),
    }),
  );
}
