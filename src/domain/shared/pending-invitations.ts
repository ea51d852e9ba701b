import { z } from 'zod';
import { resellerWorkflowRoles } from './roles.js';
import { type Actor, type DomainContext } from './context.js';
import { parseInput } from './errors.js';
import { actingMember } from './acting.js';
import type { Tx } from './store.js';
import { after, decodeCursor, pageSchema, toPage, type Page } from './paging.js';

export interface InvitationRow {
  readonly invitationId: string;
  readonly kind: string;
  readonly toEmail: string | null;
  readonly toMpnId: string | null;
  /** the enrolled organisation behind toMpnId, when there is one (a partnership invitation by MPN ID) */
  readonly toName: string | null;
  readonly providerId: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Invitations this organisation sent that can still be used (index: Invitation(fromOrgId, createdAt)). */
export async function queryPendingInvitations(
  tx: Tx,
  orgId: string,
  now: Date,
  opts: { kind?: string; cursor?: string; limit: number },
): Promise<Page<InvitationRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.invitation.findMany({
    where: {
      fromOrgId: orgId,
      ...(opts.kind ? { kind: opts.kind } : {}),
      usedAt: null,
      revokedAt: null,
      declinedAt: null,
      expiresAt: { gt: now },
      ...after('createdAt', c),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: { id: true, kind: true, toEmail: true, toMpnId: true, providerId: true, createdAt: true, expiresAt: true },
  });
  const mpnIds = [...new Set(rows.flatMap((r) => (r.toMpnId ? [r.toMpnId] : [])))];
  const named = mpnIds.length
    ? await tx.organization.findMany({ where: { mpnId: { in: mpnIds } }, select: { mpnId: true, legalName: true } })
    : [];
  const nameOf = new Map(named.map((o) => [o.mpnId, o.legalName]));
  return toPage(
    rows,
    opts.limit,
    (r) => r.createdAt,
    (r) => ({
      invitationId: r.id,
      kind: r.kind,
      toEmail: r.toEmail,
      toMpnId: r.toMpnId,
      toName: r.toMpnId ? (nameOf.get(r.toMpnId) ?? null) : null,
      providerId: r.providerId,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
    }),
  );
}

const listPendingInvitationsInput = pageSchema.extend({
  kind: z.enum(['partnership', 'customer', 'customer_with_provider']).optional(),
});

/** The caller's organisation's invitations still waiting for an answer. */
export async function listPendingInvitations(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof listPendingInvitationsInput> = {},
): Promise<Page<InvitationRow>> {
  const input = parseInput(listPendingInvitationsInput, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryPendingInvitations(ctx.store.read, member.orgId, ctx.now(), input);
}
