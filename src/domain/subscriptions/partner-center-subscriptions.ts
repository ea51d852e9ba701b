import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { AppError, isAppError, type ErrorCode } from '../shared/errors.js';
import { loadOrg, requireActivePartnership, requireRelationship } from '../shared/orgs.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { partnerCenterFor, type PartnerCenterSubscription } from '../partner-center/port.js';

/** One of the bot's subscriptions as Partner Center has it, or null when Partner Center has no such subscription. */
export type SubscriptionInPartnerCenter = {
  readonly status: string;
  /** S5b: new commerce, for which Partner Center keeps no support contact */
  readonly newCommerce: boolean;
} | null;

/** S4/S5 in connected mode: a customer's subscriptions, the bot's and Partner Center's side by side. */
export type SubscriptionComparison =
  | {
      readonly available: true;
      /** by the bot's subscription id */
      readonly bySubscription: ReadonlyMap<string, SubscriptionInPartnerCenter>;
      /** Partner Center's subscriptions of the customer the bot has no record of */
      readonly onlyInPartnerCenter: readonly { readonly offerName: string; readonly quantity: number }[];
    }
  | { readonly available: false; readonly reason: ErrorCode };

/**
 * S4b: the bot's subscriptions of a customer matched with Partner Center's: the bot does not keep Partner Center's
 * subscription ids, so they are matched by offer, in order (the n-th subscription the bot ordered of an offer is
 * the n-th Partner Center lists of it). Deleted ones in Partner Center are not matched.
 */
function matchSubscriptions(
  ours: readonly { readonly id: string; readonly offerId: string }[],
  theirs: readonly PartnerCenterSubscription[],
): { matched: Map<string, PartnerCenterSubscription | null>; unmatched: PartnerCenterSubscription[] } {
  const pool = theirs.filter((s) => s.status.toLowerCase() !== 'deleted');
  const matched = new Map<string, PartnerCenterSubscription | null>();
  for (const s of ours) {
    const index = pool.findIndex((candidate) => candidate.offerId.toLowerCase() === s.offerId.toLowerCase());
    matched.set(s.id, index >= 0 ? (pool.splice(index, 1)[0] ?? null) : null);
  }
  return { matched, unmatched: pool };
}

async function connectedCustomer(ctx: DomainContext, actor: Actor, customerId: string) {
  if (!ctx.partnerCenter) return null;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return null;
  const customer = await read.customer.findUnique({ where: { id: customerId }, select: { tenantId: true } });
  if (!customer) return null;
  const ours = await read.subscription.findMany({
    where: { customerId, orderingPartnerId: member.orgId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, offerId: true, supportContactId: true },
  });
  return { member, port, customer, ours };
}

/**
 * S4 in connected mode (issue 17): the customer's subscriptions in Partner Center
 * (`GET /v1/customers/{id}/subscriptions`) compared with the ones the organisation ordered through the bot. Null
 * when the organisation is embedded. Partner Center down: unavailable with the PC_* reason, and the card shows the
 * bot's records as only the bot's.
 */
export async function compareCustomerSubscriptions(
  ctx: DomainContext,
  actor: Actor,
  customerId: string,
): Promise<SubscriptionComparison | null> {
  const found = await connectedCustomer(ctx, actor, customerId);
  if (!found) return null;
  let theirs;
  try {
    theirs = await found.port.customerSubscriptions(found.customer.tenantId);
  } catch (error) {
    if (isAppError(error)) return { available: false, reason: error.code };
    throw error;
  }
  if (theirs === null) return null;
  const { matched, unmatched } = matchSubscriptions(found.ours, theirs);
  return {
    available: true,
    bySubscription: new Map(
      [...matched].map(([id, s]) => [id, s ? { status: s.status, newCommerce: s.newCommerce } : null]),
    ),
    onlyInPartnerCenter: unmatched.map((s) => ({ offerName: s.offerName, quantity: s.quantity })),
  };
}

/**
 * S5 in connected mode, before the transaction (issue 17): Partner Center is told the new support contact first
 * (`PUT …/subscriptions/{id}/supportcontact`), and the bot's record changes only once it said yes. Refused here:
 * a subscription Partner Center does not have (PC_SUBSCRIPTION_NOT_IN_PARTNER_CENTER), a new-commerce one, for
 * which Partner Center keeps no support contact (S5b, PC_SUPPORT_CONTACT_NEW_COMMERCE), and clearing the contact,
 * which Partner Center has no operation for (PC_SUPPORT_CONTACT_CLEAR). What the transaction refuses itself (another
 * partner's subscription, no partnership) is checked first and left to it. Embedded: nothing happens here.
 */
export async function supportContactInPartnerCenter(
  ctx: DomainContext,
  actor: Actor,
  request: { readonly subscriptionId: string; readonly resellerId: string | null },
): Promise<void> {
  if (!ctx.partnerCenter) return;
  const read = ctx.store.read;
  const s = await read.subscription.findUnique({
    where: { id: request.subscriptionId },
    select: { customerId: true, orderingPartnerId: true, supportContactId: true },
  });
  if (!s) return;
  const found = await connectedCustomer(ctx, actor, s.customerId);
  if (!found || s.orderingPartnerId !== found.member.orgId) return;
  await requireRelationship(read, found.member.orgId, s.customerId);
  if (s.supportContactId === request.resellerId) return;
  if (request.resellerId === null) throw new AppError('PC_SUPPORT_CONTACT_CLEAR');
  const reseller = await loadOrg(read, request.resellerId);
  await requireActivePartnership(read, found.member.orgId, reseller.id);
  const theirs = (await found.port.customerSubscriptions(found.customer.tenantId)) ?? [];
  const inPartnerCenter = matchSubscriptions(found.ours, theirs).matched.get(request.subscriptionId) ?? null;
  if (!inPartnerCenter) throw new AppError('PC_SUBSCRIPTION_NOT_IN_PARTNER_CENTER');
  if (inPartnerCenter.newCommerce) throw new AppError('PC_SUPPORT_CONTACT_NEW_COMMERCE');
  await found.port.updateSupportContact(found.customer.tenantId, inPartnerCenter.id, {
    tenantId: reseller.tenantId,
    mpnId: reseller.mpnId,
    name: reseller.legalName,
  });
}
