import type { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';
import type { Tx } from '../shared/store.js';
import { after, decodeCursor, pageSchema, toPage, type Page } from '../shared/paging.js';

/**
 * What waits on a reseller's side of a partnership: providers' invitations addressed to it (P1, it
 * answers them, P2) and its own directory requests (P10, a provider answers them). The provider's
 * side of the same rows is in partner-lists.ts (queryPendingInvitations, queryPartnershipRequests).
 */

export interface ProviderInvitationRow {
  readonly invitationId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly providerMpnId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * P1/P2: live partnership invitations addressed to this MPN ID (sent by MPN ID, or by email to
 * someone of an enrolled reseller, which records its MPN ID too), newest first. Index:
 * Invitation(toMpnId, createdAt). Only the link in the provider's message can authorise (P2: the
 * token is stored as a hash), so a row says who asked and until when, not how to accept here.
 */
export async function queryInvitationsToReseller(
  tx: Tx,
  mpnId: string,
  now: Date,
  opts: { cursor?: string; limit: number },
): Promise<Page<ProviderInvitationRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.invitation.findMany({
    where: {
      toMpnId: mpnId,
      kind: 'partnership',
      usedAt: null,
      revokedAt: null,
      declinedAt: null,
      expiresAt: { gt: now },
      ...after('createdAt', c),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: { id: true, fromOrgId: true, createdAt: true, expiresAt: true },
  });
  const providers = await tx.organization.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.fromOrgId))] } },
    select: { id: true, legalName: true, mpnId: true },
  });
  const byId = new Map(providers.map((p) => [p.id, p]));
  return toPage(
    rows,
    opts.limit,
    (r) => r.createdAt,
    (r) => ({
      invitationId: r.id,
      providerId: r.fromOrgId,
      providerName: byId.get(r.fromOrgId)?.legalName ?? '',
      providerMpnId: byId.get(r.fromOrgId)?.mpnId ?? '',
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
    }),
  );
}

export interface SentRequestRow {
  readonly partnershipId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly requestedAt: Date;
}

/** P10: this reseller's directory requests still waiting for the provider's decision (index: Partnership(resellerId, state, …)). */
export async function querySentPartnershipRequests(
  tx: Tx,
  resellerId: string,
  opts: { cursor?: string; limit: number },
): Promise<Page<SentRequestRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.partnership.findMany({
    where: { resellerId, state: 'requested', origin: 'directory_request', ...after('requestedAt', c) },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: { id: true, providerId: true, requestedAt: true, provider: { select: { legalName: true } } },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.requestedAt,
    (r) => ({
      partnershipId: r.id,
      providerId: r.providerId,
      providerName: r.provider.legalName,
      requestedAt: r.requestedAt,
    }),
  );
}

/** P1/P2: invitations from providers waiting for the caller's organisation. Roles (U3): the reseller workflow roles. */
export async function listProviderInvitations(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pageSchema> = {},
): Promise<Page<ProviderInvitationRow>> {
  const input = parseInput(pageSchema, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  const org = await ctx.store.read.organization.findUniqueOrThrow({
    where: { id: member.orgId },
    select: { mpnId: true },
  });
  return queryInvitationsToReseller(ctx.store.read, org.mpnId, ctx.now(), input);
}

/** P10: the caller's (reseller's) directory requests waiting for a provider. Roles (U3): the reseller workflow roles. */
export async function listSentPartnershipRequests(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pageSchema> = {},
): Promise<Page<SentRequestRow>> {
  const input = parseInput(pageSchema, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return querySentPartnershipRequests(ctx.store.read, member.orgId, input);
}
