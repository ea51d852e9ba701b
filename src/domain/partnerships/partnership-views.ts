import { isProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';
import { findInvitationByToken } from '../shared/links.js';
import { requireMember } from '../shared/members.js';
import { tokenState, type TokenState } from '../shared/tokens.js';

/**
 * Read-only views for the partnership cards and the invitation page (issue 5). They decide nothing:
 * the rules stay in the use cases (request/authorize/directory/end); these only say what a card or a
 * page shows now (the refresh of a card, the loser of a race seeing who decided).
 */

export interface InvitationView {
  readonly invitationId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly providerMpnId: string;
  readonly providerRegion: string;
  readonly expiresAt: Date;
  /** the link's state now (usable, used, expired, revoked, declined) */
  readonly state: TokenState;
  /** set once the link was used to authorise */
  readonly authorized: { readonly partnershipId: string; readonly byName: string; readonly at: Date } | null;
}

/**
 * What a partnership link shows (P1/P2): who asks, until when, and whether it still works. Anyone
 * holding the link may see this much (the link is the secret); TOKEN_INVALID when it is not a
 * partnership link.
 */
export async function viewPartnershipInvitation(ctx: DomainContext, token: string): Promise<InvitationView> {
  const tx = ctx.store.read;
  const inv = await findInvitationByToken(tx, token);
  if (inv.kind !== 'partnership') throw new AppError('TOKEN_INVALID');
  const provider = await tx.organization.findUniqueOrThrow({
    where: { id: inv.fromOrgId },
    select: { id: true, legalName: true, mpnId: true, region: true },
  });
  let authorized: InvitationView['authorized'] = null;
  if (inv.partnershipId) {
    const p = await tx.partnership.findUnique({
      where: { id: inv.partnershipId },
      select: { id: true, authorizedByName: true, authorizedAt: true },
    });
    if (p?.authorizedAt) authorized = { partnershipId: p.id, byName: p.authorizedByName ?? '?', at: p.authorizedAt };
  }
  return {
    invitationId: inv.id,
    providerId: provider.id,
    providerName: provider.legalName,
    providerMpnId: provider.mpnId,
    providerRegion: provider.region,
    expiresAt: inv.expiresAt,
    state: tokenState(inv, ctx.now()),
    authorized,
  };
}

export interface PartnershipView {
  readonly partnershipId: string;
  readonly state: string;
  readonly origin: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly resellerId: string;
  readonly resellerName: string;
  readonly resellerMpnId: string;
  readonly region: string;
  readonly requestedAt: Date;
  readonly requestedByName: string | null;
  readonly authorizedByName: string | null;
  readonly authorizedAt: Date | null;
  readonly declinedByName: string | null;
  readonly declineReason: string | null;
  readonly decidedAt: Date | null;
  readonly endRequestedByName: string | null;
  readonly endReason: string | null;
  readonly endDecision: string | null;
  readonly endDecidedByName: string | null;
  readonly endDecidedAt: Date | null;
}

/**
 * One partnership as its two organisations and the program administrators may see it (the approval
 * and end-decision cards). NOT_FOUND for anyone else (U3).
 */
export async function viewPartnership(
  ctx: DomainContext,
  actor: Actor,
  partnershipId: string,
): Promise<PartnershipView> {
  const tx = ctx.store.read;
  const p = await tx.partnership.findUnique({
    where: { id: partnershipId },
    include: {
      provider: { select: { legalName: true, region: true } },
      reseller: { select: { legalName: true, mpnId: true } },
    },
  });
  if (!p) throw new AppError('NOT_FOUND', { entity: 'partnership' });
  if (!(await isProgramAdmin(ctx, actor))) {
    const member = await requireMember(tx, actor);
    if (member.orgId !== p.providerId && member.orgId !== p.resellerId)
      throw new AppError('NOT_FOUND', { entity: 'partnership' });
  }
  const names = await tx.user.findMany({
    where: { id: { in: [p.requestedByUserId, p.endRequestedByUserId].filter((v): v is string => v !== null) } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? null) : null);
  return {
    partnershipId: p.id,
    state: p.state,
    origin: p.origin,
    providerId: p.providerId,
    providerName: p.provider.legalName,
    resellerId: p.resellerId,
    resellerName: p.reseller.legalName,
    resellerMpnId: p.reseller.mpnId,
    region: p.provider.region,
    requestedAt: p.requestedAt,
    requestedByName: nameOf(p.requestedByUserId),
    authorizedByName: p.authorizedByName,
    authorizedAt: p.authorizedAt,
    declinedByName: p.declinedByName,
    declineReason: p.declineReason,
    decidedAt: p.decidedAt,
    endRequestedByName: nameOf(p.endRequestedByUserId),
    endReason: p.endReason,
    endDecision: p.endDecision,
    endDecidedByName: p.endDecidedByName,
    endDecidedAt: p.endDecidedAt,
  };
}

/**
 * The Entra object ids of an organisation's admin agents (E7: the people who act for it), for
 * putting a card in front of them directly. Users who never talked to the bot have no id yet.
 */
export async function adminAgentIds(ctx: DomainContext, orgId: string): Promise<string[]> {
  const rows = await ctx.store.read.user.findMany({
    where: { orgId, removedAt: null, aadObjectId: { not: null }, roles: { some: { role: 'admin_agent' } } },
    select: { aadObjectId: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.flatMap((r) => (r.aadObjectId ? [r.aadObjectId] : []));
}
