import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { addDays } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { requireMember } from '../shared/members.js';
import { hasAnyRole } from '../shared/roles.js';
import type { Tx } from '../shared/store.js';
import {
  EXPIRING_WITHIN_DAYS,
  gdapFilterStates,
  gdapManagerRoles,
  gdapStatusAt,
  isInForce,
  isTerminable,
  rolesOf,
  type GdapFilterState,
} from './gdap-rules.js';
import { visibleRelationship, type GdapRow } from './gdap-records.js';
import { refreshFromGraph } from './gdap-remote-sync.js';
import type { GdapStatus } from './port.js';

/** One relationship as the list and the card show it (names, never ids, except for the buttons). */
export interface GdapView {
  readonly id: string;
  readonly displayName: string;
  readonly customerId: string;
  readonly customerName: string;
  /** G8: the state at the time of reading */
  readonly status: GdapStatus;
  readonly roleTemplateIds: readonly string[];
  readonly durationDays: number;
  readonly autoExtendDays: number;
  readonly requestedAt: Date;
  readonly requestedByName: string;
  readonly activatedAt: Date | null;
  readonly endsAt: Date | null;
  readonly approvedByName: string | null;
  readonly terminatedAt: Date | null;
  readonly terminatedByName: string | null;
  readonly endReason: string | null;
  /** G7: the indirect reseller (two-tier), and the requesting organisation's name */
  readonly resellerName: string | null;
  readonly partnerName: string;
  /** true when the reader's organisation requested it (false: the reader is its two-tier reseller) */
  readonly own: boolean;
  readonly connected: boolean;
  /** Microsoft's approval link (connected mode): not a secret, Graph gives it to the partner */
  readonly remoteApprovalLink: string | null;
}

export interface GdapAssignmentView {
  readonly id: string;
  readonly securityGroupId: string;
  readonly securityGroupName: string;
  readonly roleTemplateIds: readonly string[];
  readonly status: string;
  readonly createdAt: Date;
  readonly createdByName: string;
}

export interface GdapDetail extends GdapView {
  readonly assignments: readonly GdapAssignmentView[];
  /** G2: the reader may manage it (requesting organisation, global admin or admin agent) */
  readonly mayManage: boolean;
  readonly mayAssign: boolean;
  readonly mayTerminate: boolean;
  /** G7: the reader is the reseller asked to consent, holding a deciding role */
  readonly mayConsent: boolean;
  /** G18: connected, and Graph could not be read in time: this is the bot's own row */
  readonly graphUnavailable?: boolean;
}

async function orgNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.organization.findMany({ where: { id: { in: unique } }, select: { id: true, legalName: true } });
  return new Map(rows.map((r) => [r.id, r.legalName]));
}

function toView(row: GdapRow, readerOrgId: string, now: Date, partnerName: string): GdapView {
  return {
    id: row.id,
    displayName: row.displayName,
    customerId: row.customerId,
    customerName: row.customerName,
    status: gdapStatusAt(row, now),
    roleTemplateIds: rolesOf(row.roleTemplateIds),
    durationDays: row.durationDays,
    autoExtendDays: row.autoExtendDays,
    requestedAt: row.requestedAt,
    requestedByName: row.requestedByName,
    activatedAt: row.activatedAt,
    endsAt: row.endsAt,
    approvedByName: row.approvedByName,
    terminatedAt: row.terminatedAt,
    terminatedByName: row.terminatedByName,
    endReason: row.endReason,
    resellerName: row.resellerName,
    partnerName,
    own: row.orgId === readerOrgId,
    connected: row.remoteId !== null,
    remoteApprovalLink: row.remoteApprovalLink,
  };
}

export const listGdapInput = z.object({
  customerId: z.string().min(1).max(100).optional(),
  state: z.enum(gdapFilterStates).optional(),
  /** only relationships in force ending within this many days, soonest first */
  expiringWithinDays: z.coerce.number().int().min(1).max(730).optional(),
  page: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export interface GdapListPage {
  readonly items: readonly GdapView[];
  readonly page: number;
  readonly hasMore: boolean;
  /** the order the list is in: newest requests first, or soonest end first */
  readonly order: 'newest' | 'expiring';
  /** G18: connected, and Graph could not be read in time: these are the bot's own rows */
  readonly graphUnavailable?: boolean;
}

const inForce = { status: { in: ['active', 'expiring'] } };

/** G8: the `where` of a state as read with the clock (matches gdapStatusAt). */
function stateWhere(state: GdapFilterState, now: Date): Record<string, unknown> {
  const soon = addDays(now, EXPIRING_WITHIN_DAYS);
  switch (state) {
    case 'created':
    case 'approvalPending':
    case 'terminated':
      return { status: state };
    case 'active':
      return { ...inForce, OR: [{ autoExtendDays: { gt: 0 } }, { endsAt: { gt: soon } }, { endsAt: null }] };
    case 'expiring':
      return { ...inForce, autoExtendDays: 0, endsAt: { gt: now, lte: soon } };
    case 'expired':
      return { OR: [{ status: 'expired' }, { ...inForce, autoExtendDays: 0, endsAt: { lte: now } }] };
  }
}

/**
 * Issue 18 item 2: the organisation's relationships (and, two-tier, those a provider requested for it as the
 * reseller), filtered by customer, by state (G8, read with the clock) or "in force and ending within N days";
 * newest first, or soonest end first when filtering by expiry. Paged by page number (an organisation has
 * relationships in the hundreds, not millions). Every member may read them (G2).
 */
export async function listGdap(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof listGdapInput>,
): Promise<GdapListPage> {
  const input = parseInput(listGdapInput, raw);
  const read = ctx.store.read;
  const member = await requireMember(read, actor);
  const graph = await refreshFromGraph(ctx, member.orgId, actor);
  const now = ctx.now();
  const and: Record<string, unknown>[] = [{ OR: [{ orgId: member.orgId }, { resellerId: member.orgId }] }];
  if (input.customerId) and.push({ customerId: input.customerId });
  if (input.state) and.push(stateWhere(input.state, now));
  if (input.expiringWithinDays !== undefined)
    and.push({ ...inForce, endsAt: { gt: now, lte: addDays(now, input.expiringWithinDays) } });
  const order = input.expiringWithinDays !== undefined || input.state === 'expiring' ? 'expiring' : 'newest';
  const rows = await read.gdapRelationship.findMany({
    where: { AND: and },
    orderBy: order === 'expiring' ? [{ endsAt: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: input.page * input.limit,
    take: input.limit + 1,
  });
  const shown = rows.slice(0, input.limit);
  const names = await orgNames(
    read,
    shown.map((r) => r.orgId),
  );
  return {
    items: shown.map((r) => toView(r, member.orgId, now, names.get(r.orgId) ?? '')),
    page: input.page,
    hasMore: rows.length > input.limit,
    order,
    ...(graph.unavailable ? { graphUnavailable: true } : {}),
  };
}

export const gdapDetailInput = z.object({ relationshipId: z.string().min(1).max(100) });

/** A relationship's card: its facts, its live access assignments and what the reader may do (G2, G7, G10, G11). */
export async function gdapDetail(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof gdapDetailInput>,
): Promise<GdapDetail> {
  const input = parseInput(gdapDetailInput, raw);
  const read = ctx.store.read;
  const member = await requireMember(read, actor);
  const seen = await visibleRelationship(read, member, input.relationshipId);
  // G18: the partner's own connected relationship as Graph has it now (the reseller reads the provider's row)
  const graph =
    seen.orgId === member.orgId ? await refreshFromGraph(ctx, member.orgId, actor, seen.id) : { unavailable: false };
  const row = graph.unavailable ? seen : await visibleRelationship(read, member, input.relationshipId);
  const now = ctx.now();
  const names = await orgNames(read, [row.orgId]);
  const view = toView(row, member.orgId, now, names.get(row.orgId) ?? '');
  const assignments = await read.gdapAccessAssignment.findMany({
    where: { relationshipId: row.id, removedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 50,
  });
  const manager = hasAnyRole(member, gdapManagerRoles);
  const mayManage = view.own && manager;
  return {
    ...view,
    assignments: assignments.map((a) => ({
      id: a.id,
      securityGroupId: a.securityGroupId,
      securityGroupName: a.securityGroupName,
      roleTemplateIds: rolesOf(a.roleTemplateIds),
      status: a.status,
      createdAt: a.createdAt,
      createdByName: a.createdByName,
    })),
    mayManage,
    mayAssign: mayManage && isInForce(view.status),
    mayTerminate: mayManage && isTerminable(view.status),
    mayConsent: !view.own && manager && row.resellerId === member.orgId && view.status === 'created',
    ...(graph.unavailable ? { graphUnavailable: true } : {}),
  };
}

export interface GdapCustomerOption {
  readonly customerId: string;
  readonly name: string;
  /** G7: the reseller the relationship was made for (two-tier), or null */
  readonly resellerName: string | null;
}

/** G6: the customers a request may name: those the organisation has a live reseller relationship with. */
export async function gdapCustomerOptions(
  ctx: DomainContext,
  actor: Actor,
): Promise<{ orgId: string; orgName: string; mayRequest: boolean; customers: readonly GdapCustomerOption[] }> {
  const read = ctx.store.read;
  const member = await requireMember(read, actor);
  const org = await read.organization.findUnique({ where: { id: member.orgId }, select: { legalName: true } });
  const rels = await read.customerRelationship.findMany({
    where: { partnerId: member.orgId, removedAt: null },
    select: { customerId: true, resellerId: true, customer: { select: { name: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
  });
  const names = await orgNames(
    read,
    rels.flatMap((r) => (r.resellerId ? [r.resellerId] : [])),
  );
  const customers = rels
    .map((r) => ({
      customerId: r.customerId,
      name: r.customer.name,
      resellerName: r.resellerId ? (names.get(r.resellerId) ?? null) : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    orgId: member.orgId,
    orgName: org?.legalName ?? '',
    mayRequest: hasAnyRole(member, gdapManagerRoles),
    customers,
  };
}
