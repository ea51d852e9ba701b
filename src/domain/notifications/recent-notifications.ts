import type { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { requireMember } from '../shared/members.js';
import type { Tx } from '../shared/store.js';
import { after, decodeCursor, pageSchema, toPage, type Page } from '../shared/paging.js';

export interface NotificationRow {
  readonly id: string;
  readonly type: string;
  /** the stored payload, parsed as JSON (renderers validate it against the event's schema) */
  readonly payload: unknown;
  /** pending | sending | sent | dead: whether the notification has gone out yet */
  readonly status: string;
  readonly createdAt: Date;
}

/**
 * The notifications (outbox events) aimed at an organisation, or at one of its people by Entra
 * object id or email (src/domain/shared/outbox.ts recipientRef), newest first. Events meant for other
 * organisations never match: the filter is on the target, not on names in the payload.
 */
export async function queryRecentNotifications(
  tx: Tx,
  target: { orgId: string; aadObjectId: string; email: string | null },
  opts: { cursor?: string; limit: number },
): Promise<Page<NotificationRow>> {
  const c = decodeCursor(opts.cursor);
  const userRefs = [`aad:${target.aadObjectId}`, ...(target.email ? [`email:${target.email.toLowerCase()}`] : [])];
  const rows = await tx.outboxEvent.findMany({
    where: {
      AND: [{ OR: [{ targetOrgId: target.orgId }, { userRef: { in: userRefs } }] }, after('createdAt', c)],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: { id: true, type: true, payload: true, status: true, createdAt: true },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.createdAt,
    (r) => ({
      id: r.id,
      type: r.type,
      payload: parseJson(r.payload),
      status: r.status,
      createdAt: r.createdAt,
    }),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Recent notifications for the actor: those aimed at their organisation and at them personally.
 * Open to every user of the organisation (they are what its channel already shows).
 */
export async function listRecentNotifications(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pageSchema> = {},
): Promise<Page<NotificationRow>> {
  const input = parseInput(pageSchema, raw);
  const member = await requireMember(ctx.store.read, actor);
  return queryRecentNotifications(
    ctx.store.read,
    { orgId: member.orgId, aadObjectId: actor.aadObjectId, email: member.email },
    input,
  );
}
