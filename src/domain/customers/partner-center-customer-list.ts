import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { isAppError, type ErrorCode } from '../shared/errors.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { partnerCenterFor } from '../partner-center/port.js';

/** C5 in connected mode: where the bot's Customers list and Partner Center's disagree. */
export type CustomerListComparison =
  | {
      readonly available: true;
      /** the customers (ids) the bot lists that Partner Center does not list as the partner's */
      readonly notInPartnerCenter: ReadonlySet<string>;
      /** Partner Center's customers the bot has no live relationship with, by name and domain */
      readonly onlyInPartnerCenter: readonly { readonly name: string; readonly domain: string }[];
    }
  /** Partner Center did not answer: the list shows the bot's records and says so (nothing passes for fresh) */
  | { readonly available: false; readonly reason: ErrorCode };

/**
 * C5/S4 in connected mode (issue 17): compares the organisation's live customer relationships (all of them, not one
 * page; with `resellerId`, those it serves for that reseller) with Partner Center's customers (`GET /v1/customers`,
 * with the IndirectReseller filter for one reseller), matched by tenant (Partner Center's customer id) or initial
 * domain. Null when the organisation is embedded. A Partner Center that does not answer does not hide the bot's own
 * list: the comparison is then unavailable, with the PC_* code's reason for the card.
 */
export async function compareCustomerLists(
  ctx: DomainContext,
  actor: Actor,
  opts: { readonly resellerId?: string | undefined } = {},
): Promise<CustomerListComparison | null> {
  if (!ctx.partnerCenter) return null;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return null;
  let resellerTenantId: string | undefined;
  if (opts.resellerId) {
    const reseller = await read.organization.findUnique({ where: { id: opts.resellerId }, select: { tenantId: true } });
    // not a reseller this list can be filtered by: the list itself says so
    if (!reseller) return null;
    resellerTenantId = reseller.tenantId;
  }
  let theirs;
  try {
    theirs = await port.customers(resellerTenantId ? { indirectResellerTenantId: resellerTenantId } : {});
  } catch (error) {
    if (isAppError(error)) return { available: false, reason: error.code };
    throw error;
  }
  if (theirs === null) return null;
  const live = await read.customerRelationship.findMany({
    where: { partnerId: member.orgId, removedAt: null, ...(opts.resellerId ? { resellerId: opts.resellerId } : {}) },
    select: { customer: { select: { id: true, tenantId: true, domain: true } } },
  });
  const ours = live.map((r) => r.customer);
  const tenants = new Set(theirs.map((c) => c.tenantId.toLowerCase()));
  const domains = new Set(theirs.map((c) => c.domain.toLowerCase()));
  const ourTenants = new Set(ours.map((c) => c.tenantId.toLowerCase()));
  const ourDomains = new Set(ours.map((c) => c.domain.toLowerCase()));
  return {
    available: true,
    notInPartnerCenter: new Set(
      ours
        .filter((c) => !tenants.has(c.tenantId.toLowerCase()) && !domains.has(c.domain.toLowerCase()))
        .map((c) => c.id),
    ),
    onlyInPartnerCenter: theirs
      .filter((c) => !ourTenants.has(c.tenantId.toLowerCase()) && !ourDomains.has(c.domain.toLowerCase()))
      .map((c) => ({ name: c.name, domain: c.domain })),
  };
}
