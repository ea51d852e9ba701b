import { z } from 'zod';
import { resellerWorkflowRoles, type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';
import { regionOf, type CspRegion } from '../shared/regions.js';
import type { Tx } from '../shared/store.js';
import { after, decodeCursor, pageInput, toPage, type Cursor, type Page } from '../shared/paging.js';

const liveStates = ['active', 'end_requested'];

/**
 * The live partnerships of a provider or reseller, newest authorisation first. Every live row has
 * `authorizedAt` (both ways into 'active' set it, 'end_requested' is reached only from 'active' and
 * keeps it), so `not: null` drops no listed row; it lets PostgreSQL's (…Id, authorizedAt, id) index
 * scan skip the not-yet-authorised rows (requested/declined, NULL) that sort first in DESC order
 * (EXPLAIN on the bench database). The cursor goes in AND so it cannot overwrite that condition.
 */
function livePartnerships(side: { providerId: string } | { resellerId: string }, c: Cursor | undefined) {
  return { ...side, state: { in: liveStates }, authorizedAt: { not: null }, AND: [after('authorizedAt', c)] };
}

export interface ProviderRow {
  readonly partnershipId: string;
  readonly providerId: string;
  readonly name: string;
  readonly mpnId: string;
  readonly state: string;
  readonly authorizedAt: Date;
  readonly adminAccessWithdrawn: boolean;
  /** P6: the provider's country and CSP region (the dashboard shows where each partner sells) */
  readonly country: string;
  readonly region: CspRegion | null;
}

/** P4: the reseller's Indirect providers list (index: Partnership(resellerId, authorizedAt, id)). */
export async function queryProvidersOfReseller(
  tx: Tx,
  resellerId: string,
  opts: { cursor?: string; limit: number },
): Promise<Page<ProviderRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.partnership.findMany({
    where: livePartnerships({ resellerId }, c),
    orderBy: [{ authorizedAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: {
      id: true,
      providerId: true,
      state: true,
      authorizedAt: true,
      adminAccessWithdrawnAt: true,
      provider: { select: { legalName: true, mpnId: true, country: true } },
    },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.authorizedAt ?? new Date(0),
    (r) => ({
      partnershipId: r.id,
      providerId: r.providerId,
      name: r.provider.legalName,
      mpnId: r.provider.mpnId,
      state: r.state,
      authorizedAt: r.authorizedAt ?? new Date(0),
      adminAccessWithdrawn: r.adminAccessWithdrawnAt !== null,
      country: r.provider.country,
      region: regionOf(r.provider.country) ?? null,
    }),
  );
}

export interface ResellerRow {
  readonly partnershipId: string;
  readonly resellerId: string;
  readonly name: string;
  readonly mpnId: string;
  readonly state: string;
  readonly authorizedAt: Date;
  /** M2: whether the reseller signed the MPA, and the latest version */
  readonly mpaSigned: boolean;
  readonly mpaVersion: string | null;
  /** P6: the reseller's country and CSP region */
  readonly country: string;
  readonly region: CspRegion | null;
}

/** P4/M2: the provider's Indirect resellers list with each reseller's MPA state. */
export async function queryResellersOfProvider(
  tx: Tx,
  providerId: string,
  opts: { cursor?: string; limit: number },
): Promise<Page<ResellerRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.partnership.findMany({
    where: livePartnerships({ providerId }, c),
    orderBy: [{ authorizedAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: {
      id: true,
      resellerId: true,
      state: true,
      authorizedAt: true,
      reseller: {
        select: {
          legalName: true,
          mpnId: true,
          country: true,
          mpaAcceptances: { orderBy: { signedAt: 'desc' }, take: 1, select: { version: true } },
        },
      },
    },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.authorizedAt ?? new Date(0),
    (r) => {
      const mpa = r.reseller.mpaAcceptances[0];
      return {
        partnershipId: r.id,
        resellerId: r.resellerId,
        name: r.reseller.legalName,
        mpnId: r.reseller.mpnId,
        state: r.state,
        authorizedAt: r.authorizedAt ?? new Date(0),
        mpaSigned: mpa !== undefined,
        mpaVersion: mpa?.version ?? null,
        country: r.reseller.country,
        region: regionOf(r.reseller.country) ?? null,
      };
    },
  );
}

export interface CustomerRow {
  readonly relationshipId: string;
  readonly customerId: string;
  readonly name: string;
  readonly domain: string;
  readonly country: string;
  readonly resellerId: string | null;
  readonly origin: string;
  readonly delegatedAdmin: boolean;
  readonly since: Date;
}

/**
 * C2/S3/S4: a partner's Customers list, optionally only those it serves for one reseller
 * (indexes: CustomerRelationship(partnerId, removedAt, createdAt) and (partnerId, resellerId, removedAt, createdAt)).
 */
export async function queryCustomersOfPartner(
  tx: Tx,
  partnerId: string,
  opts: { resellerId?: string; cursor?: string; limit: number },
): Promise<Page<CustomerRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.customerRelationship.findMany({
    where: {
      partnerId,
      ...(opts.resellerId ? { resellerId: opts.resellerId } : {}),
      removedAt: null,
      ...after('createdAt', c),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: {
      id: true,
      customerId: true,
      resellerId: true,
      origin: true,
      delegatedAdmin: true,
      createdAt: true,
      customer: { select: { name: true, domain: true, country: true } },
    },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.createdAt,
    (r) => ({
      relationshipId: r.id,
      customerId: r.customerId,
      name: r.customer.name,
      domain: r.customer.domain,
      country: r.customer.country,
      resellerId: r.resellerId,
      origin: r.origin,
      delegatedAdmin: r.delegatedAdmin,
      since: r.createdAt,
    }),
  );
}

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

export interface PartnershipRequestRow {
  readonly partnershipId: string;
  readonly resellerId: string;
  readonly name: string;
  readonly requestedAt: Date;
}

/** P10: directory requests waiting for this provider's decision. */
export async function queryPartnershipRequests(
  tx: Tx,
  providerId: string,
  opts: { cursor?: string; limit: number },
): Promise<Page<PartnershipRequestRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.partnership.findMany({
    where: { providerId, state: 'requested', ...after('requestedAt', c) },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: { id: true, resellerId: true, requestedAt: true, reseller: { select: { legalName: true } } },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.requestedAt,
    (r) => ({ partnershipId: r.id, resellerId: r.resellerId, name: r.reseller.legalName, requestedAt: r.requestedAt }),
  );
}

const page = z.object(pageInput);

/** P4: the caller's organisation's Indirect providers. Roles (U3): the reseller workflow roles. */
export async function listProviders(ctx: DomainContext, actor: Actor, raw: unknown = {}): Promise<Page<ProviderRow>> {
  const input = parseInput(page, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryProvidersOfReseller(ctx.store.read, member.orgId, input);
}

/** P4/M2: the caller's organisation's Indirect resellers with their MPA state. */
export async function listResellers(ctx: DomainContext, actor: Actor, raw: unknown = {}): Promise<Page<ResellerRow>> {
  const input = parseInput(page, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryResellersOfProvider(ctx.store.read, member.orgId, input);
}

/** S4: the caller's organisation's customers, optionally filtered by reseller. */
export async function listCustomers(ctx: DomainContext, actor: Actor, raw: unknown = {}): Promise<Page<CustomerRow>> {
  const input = parseInput(page.extend({ resellerId: z.string().min(1).max(64).optional() }), raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryCustomersOfPartner(ctx.store.read, member.orgId, input);
}

/** The caller's organisation's invitations still waiting for an answer. */
export async function listPendingInvitations(
  ctx: DomainContext,
  actor: Actor,
  raw: unknown = {},
): Promise<Page<InvitationRow>> {
  const input = parseInput(
    page.extend({ kind: z.enum(['partnership', 'customer', 'customer_with_provider']).optional() }),
    raw,
  );
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryPendingInvitations(ctx.store.read, member.orgId, ctx.now(), input);
}

/** P10: directory requests waiting for the caller's (provider's) decision. */
export async function listPartnershipRequests(
  ctx: DomainContext,
  actor: Actor,
  raw: unknown = {},
): Promise<Page<PartnershipRequestRow>> {
  const input = parseInput(page, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryPartnershipRequests(ctx.store.read, member.orgId, input);
}
