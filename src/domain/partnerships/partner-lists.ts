import type { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';
import { regionOf, type CspRegion } from '../shared/regions.js';
import type { Tx } from '../shared/store.js';
import type { ListReads, PartnershipListRow } from '../shared/list-reads.js';
import { after, decodeCursor, pageSchema, toPage, type Cursor, type Page } from '../shared/paging.js';

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
  lists?: ListReads,
): Promise<Page<ProviderRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = lists
    ? await lists.providersOfReseller(resellerId, c, opts.limit + 1)
    : (
        await tx.partnership.findMany({
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
        })
      ).map((r): PartnershipListRow => ({
        ...r.provider,
        id: r.id,
        otherId: r.providerId,
        state: r.state,
        // never null here: livePartnerships asks for authorizedAt not null
        authorizedAt: r.authorizedAt ?? new Date(0),
        mpaVersion: null,
        adminAccessWithdrawn: r.adminAccessWithdrawnAt !== null,
      }));
  return toPage(
    rows,
    opts.limit,
    (r) => r.authorizedAt,
    (r) => ({
      partnershipId: r.id,
      providerId: r.otherId,
      name: r.legalName,
      mpnId: r.mpnId,
      state: r.state,
      authorizedAt: r.authorizedAt,
      adminAccessWithdrawn: r.adminAccessWithdrawn,
      country: r.country,
      region: regionOf(r.country) ?? null,
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
  lists?: ListReads,
): Promise<Page<ResellerRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = lists
    ? await lists.resellersOfProvider(providerId, c, opts.limit + 1)
    : (
        await tx.partnership.findMany({
          where: livePartnerships({ providerId }, c),
          orderBy: [{ authorizedAt: 'desc' }, { id: 'desc' }],
          take: opts.limit + 1,
          select: {
            id: true,
            resellerId: true,
            state: true,
            authorizedAt: true,
            adminAccessWithdrawnAt: true,
            reseller: {
              select: {
                legalName: true,
                mpnId: true,
                country: true,
                mpaAcceptances: { orderBy: { signedAt: 'desc' }, take: 1, select: { version: true } },
              },
            },
          },
        })
      ).map(({ reseller: { mpaAcceptances, ...org }, ...r }): PartnershipListRow => ({
        ...org,
        id: r.id,
        otherId: r.resellerId,
        state: r.state,
        // never null here: livePartnerships asks for authorizedAt not null
        // never null here: livePartnerships asks for authorizedAt not null
        authorizedAt: r.authorizedAt ?? new Date(0),
        mpaVersion: mpaAcceptances[0]?.version ?? null,
        adminAccessWithdrawn: r.adminAccessWithdrawnAt !== null,
      }));
  return toPage(
    rows,
    opts.limit,
    (r) => r.authorizedAt,
    (r) => ({
      partnershipId: r.id,
      resellerId: r.otherId,
      name: r.legalName,
      mpnId: r.mpnId,
      state: r.state,
      authorizedAt: r.authorizedAt,
      mpaSigned: r.mpaVersion !== null,
      mpaVersion: r.mpaVersion,
      country: r.country,
      region: regionOf(r.country) ?? null,
    }),
  );
}

/** P4: the caller's organisation's Indirect providers. Roles (U3): the reseller workflow roles. */
export async function listProviders(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pageSchema> = {},
): Promise<Page<ProviderRow>> {
  const input = parseInput(pageSchema, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryProvidersOfReseller(ctx.store.read, member.orgId, input, ctx.store.lists);
}

/** P4/M2: the caller's organisation's Indirect resellers with their MPA state. */
export async function listResellers(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pageSchema> = {},
): Promise<Page<ResellerRow>> {
  const input = parseInput(pageSchema, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryResellersOfProvider(ctx.store.read, member.orgId, input, ctx.store.lists);
}

/** A reseller as a card's choice list offers it (the customers filter). */
export interface ResellerChoice {
  readonly resellerId: string;
  readonly name: string;
}

/**
 * The provider's most recently authorized live resellers (P4), up to `limit`, sorted by name for a choice list.
 * Only the names: no MPA state (the list view's third query). Roles (U3): the reseller workflow roles.
 */
export async function listResellerChoices(
  ctx: DomainContext,
  actor: Actor,
  opts: { limit: number },
): Promise<ResellerChoice[]> {
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  const rows = await ctx.store.read.partnership.findMany({
    where: livePartnerships({ providerId: member.orgId }, undefined),
    orderBy: [{ authorizedAt: 'desc' }, { id: 'desc' }],
    take: opts.limit,
    select: { resellerId: true, reseller: { select: { legalName: true } } },
  });
  return rows
    .map((r) => ({ resellerId: r.resellerId, name: r.reseller.legalName }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.resellerId.localeCompare(b.resellerId));
}
