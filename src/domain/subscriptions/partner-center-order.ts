import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { loadOrg, requireActivePartnership, requireRelationship } from '../shared/orgs.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { requireResellerMpa } from '../agreement/mpa-gate.js';
import { partnerCenterFor, type MpaEvidence } from '../partner-center/port.js';
import { requireOffers } from './offers.js';

export interface OrderRequest {
  readonly customerId: string;
  readonly offerId: string;
  readonly quantity: number;
  readonly resellerId?: string | undefined;
  readonly subscriptionId?: string | undefined;
}

/**
 * S4 in connected mode, before the transaction: the order goes to Partner Center first, with the associated
 * reseller's MPN ID as PartnerIdOnRecord, and the local subscription is written only once it said yes. So that
 * Partner Center is never sent an order this bot would then refuse, the rules the transaction checks (C1/C4
 * relationship, P9 partnership, M2, the offer and count) are checked here first on what is stored now. A repeat
 * of a subscription already written orders nothing. Embedded, or without Partner Center: nothing happens here.
 */
export async function orderInPartnerCenter(
  ctx: DomainContext,
  actor: Actor,
  request: OrderRequest,
  mpa: MpaEvidence,
): Promise<void> {
  if (!ctx.partnerCenter) return;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return;
  if (request.subscriptionId) {
    const done = await read.subscription.findUnique({ where: { id: request.subscriptionId }, select: { id: true } });
    if (done) return;
  }
  const provider = await loadOrg(read, member.orgId);
  // the transaction refuses these with its own codes
  if (!provider.isProvider && !provider.isDirectBill) return;
  const customer = await read.customer.findUnique({ where: { id: request.customerId }, select: { tenantId: true } });
  if (!customer) return;
  const rel = await requireRelationship(read, provider.id, request.customerId);
  const reseller = request.resellerId ? await loadOrg(read, request.resellerId) : null;
  if (reseller) {
    await requireActivePartnership(read, provider.id, reseller.id);
    await requireResellerMpa(read, mpa, reseller);
  } else if (rel.resellerId) {
    await requireResellerMpa(read, mpa, await loadOrg(read, rel.resellerId));
  }
  await requireOffers(read, [{ offerId: request.offerId, quantity: request.quantity }]);
  await port.placeOrder({
    customerTenantId: customer.tenantId,
    offerId: request.offerId,
    quantity: request.quantity,
    ...(reseller ? { partnerIdOnRecord: reseller.mpnId } : {}),
  });
}
