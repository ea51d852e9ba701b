import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor, retryOnUnique } from '../shared/acting.js';
import { loadOrg, requireActivePartnership, requireRelationship, type OrgRow } from '../shared/orgs.js';
import { mpaEvidenceFor, requireResellerMpa } from '../agreement/mpa-gate.js';
import type { MpaEvidence } from '../partner-center/port.js';
import type { Tx } from '../shared/store.js';
import { orderLine, requireOffers } from './offers.js';
import { orderInPartnerCenter } from './partner-center-order.js';

export const addSubscriptionInput = orderLine.extend({
  customerId: z.string().min(1),
  /** S4: the reseller to associate (credited as partner of record; M2 applies) */
  resellerId: z.string().min(1).optional(),
  /** a client-chosen id (e.g. from the card); submitting it again returns the first result */
  subscriptionId: z.string().trim().min(8).max(64).optional(),
});

export interface SubscriptionResult {
  readonly subscriptionId: string;
  readonly customerId: string;
  readonly offerId: string;
  readonly quantity: number;
  readonly partnerOfRecordId: string | null;
  readonly supportContactId: string | null;
  readonly created: boolean;
}

/** PT2/PT3: only a partner that buys from Microsoft (indirect provider or direct-bill) places orders. */
export function requireOrderingPartner(org: OrgRow): void {
  if (!org.isProvider && !org.isDirectBill) throw new AppError('NOT_INDIRECT_PROVIDER', { org: org.legalName });
}

/** P9/S4/M2: a reseller may be associated with a provider's subscription only with an active partnership and a signed MPA. */
export async function requireAssociableReseller(
  tx: Tx,
  provider: OrgRow,
  resellerId: string,
  mpa: MpaEvidence = { source: 'records' },
): Promise<OrgRow> {
  const reseller = await loadOrg(tx, resellerId);
  await requireActivePartnership(tx, provider.id, reseller.id);
  await requireResellerMpa(tx, mpa, reseller);
  return reseller;
}

/**
 * S4 (C1, C4, M2): the provider adds a subscription to an existing customer. The provider itself needs
 * a live reseller relationship with the customer (RELATIONSHIP_REQUIRED; a reseller's relationship
 * does not let its provider order, C4/C5). Associating a reseller needs an active partnership and the
 * reseller's MPA (M2a); ordering for a customer the provider serves for a reseller is business with that
 * reseller, so its MPA is needed too (M2b).
 * In connected mode (issue 17) the MPA is Partner Center's answer and the order is placed in Partner Center (with
 * the reseller as partner of record), both before anything is written here.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function addSubscription(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof addSubscriptionInput>,
): Promise<SubscriptionResult> {
  const input = parseInput(addSubscriptionInput, raw);
  // M2 in connected mode: Partner Center is asked before the transaction (issue 17), about the reseller to
  // associate or, without one, the reseller the provider serves this customer for
  const mpa = await mpaEvidenceFor(ctx, actor, async (tx, providerId) => {
    if (input.resellerId) return input.resellerId;
    const rel = await tx.customerRelationship.findUnique({
      where: { activeKey: `${providerId}:${input.customerId}` },
      select: { resellerId: true },
    });
    return rel?.resellerId ?? null;
  });
  // S4 in connected mode: the order is Partner Center's first (PartnerIdOnRecord = the reseller's MPN ID)
  await orderInPartnerCenter(ctx, actor, input, mpa);
  // two submissions of one subscriptionId: the loser's insert fails on the key and, retried, returns the winner's
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const member = await actingMember(tx, actor, resellerWorkflowRoles);
      const provider = await loadOrg(tx, member.orgId);
      requireOrderingPartner(provider);
      if (input.subscriptionId) {
        const done = await tx.subscription.findUnique({ where: { id: input.subscriptionId } });
        if (done) {
          if (done.orderingPartnerId !== provider.id || done.customerId !== input.customerId)
            throw new AppError('CONFLICT');
          return {
            subscriptionId: done.id,
            customerId: done.customerId,
            offerId: done.offerId,
            quantity: done.quantity,
            partnerOfRecordId: done.partnerOfRecordId,
            supportContactId: done.supportContactId,
            created: false,
          };
        }
      }
      const customer = await tx.customer.findUnique({ where: { id: input.customerId } });
      if (!customer) throw new AppError('NOT_FOUND', { entity: 'customer' });
      const rel = await requireRelationship(tx, provider.id, customer.id);
      const reseller = input.resellerId ? await requireAssociableReseller(tx, provider, input.resellerId, mpa) : null;
      if (!reseller && rel.resellerId) await requireResellerMpa(tx, mpa, await loadOrg(tx, rel.resellerId));
      const [offer] = await requireOffers(tx, [input]);
      const s = await tx.subscription.create({
        data: {
          ...(input.subscriptionId ? { id: input.subscriptionId } : {}),
          customerId: customer.id,
          offerId: input.offerId,
          quantity: input.quantity,
          orderingPartnerId: provider.id,
          partnerOfRecordId: reseller?.id ?? null,
          createdByUserId: member.userId,
          createdAt: now,
        },
      });
      await audit(tx, auditActor(actor, member), now, {
        orgId: provider.id,
        action: 'subscription.added',
        entity: 'Subscription',
        entityId: s.id,
        detail: {
          customerId: customer.id,
          offerId: s.offerId,
          quantity: s.quantity,
          partnerOfRecordId: s.partnerOfRecordId,
        },
      });
      await enqueue(
        tx,
        'subscription.changed',
        `${s.id}:added`,
        {
          subscriptionId: s.id,
          customerName: customer.name,
          offerId: s.offerId,
          ...(offer ? { offerNames: { 'en-US': offer.nameEn, 'ko-KR': offer.nameKo } } : {}),
          change: 'added',
          providerName: provider.legalName,
          resellerName: reseller?.legalName ?? null,
        },
        [{ orgId: provider.id }, ...(reseller ? [{ orgId: reseller.id }] : [])],
        now,
      );
      return {
        subscriptionId: s.id,
        customerId: customer.id,
        offerId: s.offerId,
        quantity: s.quantity,
        partnerOfRecordId: s.partnerOfRecordId,
        supportContactId: null,
        created: true,
      };
    }),
  );
}
