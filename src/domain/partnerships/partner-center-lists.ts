import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { isAppError, type ErrorCode } from '../shared/errors.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { partnerCenterFor } from '../partner-center/port.js';

/** P4 in connected mode: where the bot's list and Partner Center's disagree. */
export type PartnerListComparison =
  | {
      readonly available: true;
      /** the organisations (ids) the bot lists that Partner Center does not */
      readonly notInPartnerCenter: ReadonlySet<string>;
      /** Partner Center's partners the bot has no live partnership with, by name */
      readonly onlyInPartnerCenter: readonly { readonly name: string; readonly mpnId: string | null }[];
    }
  /** Partner Center did not answer: the list shows the bot's records and says so */
  | { readonly available: false; readonly reason: ErrorCode };

/**
 * P4 in connected mode (issue 17): compares the organisation's live partnerships (all of them, not one page)
 * with Partner Center's indirect resellers or providers, matched by tenant or MPN ID. Null when the organisation
 * is embedded. A Partner Center that does not answer does not hide the bot's own list: the comparison is then
 * unavailable, with the PC_* code's reason for the card.
 */
export async function comparePartnerLists(
  ctx: DomainContext,
  actor: Actor,
  side: 'resellers' | 'providers',
): Promise<PartnerListComparison | null> {
  if (!ctx.partnerCenter) return null;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return null;
  let theirs;
  try {
    theirs = await port.indirectPartners(side);
  } catch (error) {
    if (isAppError(error)) return { available: false, reason: error.code };
    throw error;
  }
  if (theirs === null) return null;
  const live = await read.partnership.findMany({
    where: {
      ...(side === 'resellers' ? { providerId: member.orgId } : { resellerId: member.orgId }),
      state: { in: ['active', 'end_requested'] },
    },
    select: {
      provider: { select: { id: true, tenantId: true, mpnId: true } },
      reseller: { select: { id: true, tenantId: true, mpnId: true } },
    },
  });
  const ours = live.map((p) => (side === 'resellers' ? p.reseller : p.provider));
  const tenants = new Set(theirs.map((p) => p.tenantId.toLowerCase()));
  const mpnIds = new Set(theirs.flatMap((p) => (p.mpnId ? [p.mpnId] : [])));
  const matches = (o: { tenantId: string; mpnId: string }) =>
    tenants.has(o.tenantId.toLowerCase()) || mpnIds.has(o.mpnId);
  const ourTenants = new Set(ours.map((o) => o.tenantId.toLowerCase()));
  const ourMpnIds = new Set(ours.map((o) => o.mpnId));
  return {
    available: true,
    notInPartnerCenter: new Set(ours.filter((o) => !matches(o)).map((o) => o.id)),
    onlyInPartnerCenter: theirs
      .filter((p) => !ourTenants.has(p.tenantId.toLowerCase()) && !(p.mpnId && ourMpnIds.has(p.mpnId)))
      .map((p) => ({ name: p.name, mpnId: p.mpnId })),
  };
}
