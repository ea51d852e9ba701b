import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { loadOrg, requireActivePartnership, requireRelationship } from '../shared/orgs.js';
import { requireAssociableReseller, requireOrderingPartner, type SubscriptionResult } from './add-subscription.js';
import { supportContactInPartnerCenter } from './partner-center-subscriptions.js';

export const setSubscriptionResellerInput = z.object({
  subscriptionId: z.string().min(1),
  /** the reseller, or null to clear the association */
  resellerId: z.string().min(1).nullable(),
});

type Field = 'partnerOfRecordId' | 'supportContactId';

async function setReseller(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof setSubscriptionResellerInput>,
  field: Field,
): Promise<SubscriptionResult> {
  const input = parseInput(setSubscriptionResellerInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    const provider = await loadOrg(tx, member.orgId);
    requireOrderingPartner(provider);
    const s = await tx.subscription.findUnique({
      where: { id: input.subscriptionId },
      include: { customer: { select: { name: true } }, offer: { select: { nameEn: true, nameKo: true } } },
    });
    if (!s || s.orderingPartnerId !== provider.id) throw new AppError('NOT_FOUND', { entity: 'subscription' });
    await requireRelationship(tx, provider.id, s.customerId);
    const result = (v: string | null, created: boolean): SubscriptionResult => ({
      subscriptionId: s.id,
      customerId: s.customerId,
      offerId: s.offerId,
      quantity: s.quantity,
      partnerOfRecordId: field === 'partnerOfRecordId' ? v : s.partnerOfRecordId,
      supportContactId: field === 'supportContactId' ? v : s.supportContactId,
      created,
    });
    if (s[field] === input.resellerId) return result(s[field], false);
    let resellerName: string | null = null;
    if (input.resellerId) {
      if (field === 'partnerOfRecordId') {
        resellerName = (await requireAssociableReseller(tx, provider, input.resellerId)).legalName;
      } else {
        const reseller = await loadOrg(tx, input.resellerId);
        await requireActivePartnership(tx, provider.id, reseller.id);
        resellerName = reseller.legalName;
      }
    }
    await tx.subscription.update({ where: { id: s.id }, data: { [field]: input.resellerId } });
    const change = field === 'partnerOfRecordId' ? 'partner_of_record_set' : 'support_contact_set';
    await audit(tx, auditActor(actor, member), now, {
      orgId: provider.id,
      action: `subscription.${change}`,
      entity: 'Subscription',
      entityId: s.id,
      detail: { from: s[field], to: input.resellerId },
    });
    await enqueue(
      tx,
      'subscription.changed',
      `${s.id}:${change}:${input.resellerId ?? 'none'}:${now.getTime()}`,
      {
        subscriptionId: s.id,
        customerName: s.customer.name,
        offerId: s.offerId,
        offerNames: { 'en-US': s.offer.nameEn, 'ko-KR': s.offer.nameKo },
        change,
        providerName: provider.legalName,
        resellerName,
      },
      [{ orgId: provider.id }, ...(input.resellerId ? [{ orgId: input.resellerId }] : [])],
      now,
    );
    return result(input.resellerId, true);
  });
}

/**
 * S4 + M2: the provider associates a reseller with a subscription (crediting it for incentives), or
 * clears it. Needs an active partnership (PARTNERSHIP_REQUIRED) and the reseller's signed MPA
 * (MPA_NOT_SIGNED). Setting the value it already has changes nothing.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export function setPartnerOfRecord(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof setSubscriptionResellerInput>,
): Promise<SubscriptionResult> {
  return setReseller(ctx, actor, raw, 'partnerOfRecordId');
}

/**
 * S5 (P9): the provider makes a reseller the designated support contact of a subscription, or clears
 * it. Needs an active partnership (PARTNERSHIP_REQUIRED). Idempotent.
 * In connected mode (issue 17) Partner Center is told first (PUT …/supportcontact), and only where it keeps a
 * support contact (not for new-commerce subscriptions, S5b); the record here changes once it said yes.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function setSupportContact(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof setSubscriptionResellerInput>,
): Promise<SubscriptionResult> {
  const input = parseInput(setSubscriptionResellerInput, raw);
  await supportContactInPartnerCenter(ctx, actor, input);
  return setReseller(ctx, actor, input, 'supportContactId');
}
