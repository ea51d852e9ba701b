import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';

export interface OfferRow {
  readonly id: string;
  readonly name: string;
  readonly minQuantity: number;
  readonly maxQuantity: number;
}

/** S1/S4: the active offers of the catalogue, in the reader's language. Roles (U3): the reseller workflow roles. */
export async function listOffers(ctx: DomainContext, actor: Actor): Promise<OfferRow[]> {
  await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  const rows = await ctx.store.read.offer.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
  return rows.map((o) => ({
    id: o.id,
    name: actor.locale === 'ko-KR' ? o.nameKo : o.nameEn,
    minQuantity: o.minQuantity,
    maxQuantity: o.maxQuantity,
  }));
}

export interface CustomerSubscriptionRow {
  readonly subscriptionId: string;
  readonly offerId: string;
  /** the offer's name in the reader's language */
  readonly offerName: string;
  /** issue 14: the offer was retired from the catalogue (the subscription stays; it cannot be ordered again) */
  readonly offerRetired: boolean;
  readonly quantity: number;
  readonly partnerOfRecord: string | null;
  readonly supportContact: string | null;
}

export interface CustomerView {
  readonly customerId: string;
  readonly name: string;
  readonly domain: string;
  readonly country: string;
  readonly origin: string;
  readonly since: Date;
  readonly delegatedAdmin: boolean;
  /** the reseller this partner serves the customer for (S3/C3), if any */
  readonly resellerId: string | null;
  readonly resellerName: string | null;
  /** the subscriptions this partner ordered for the customer */
  readonly subscriptions: CustomerSubscriptionRow[];
}

export const viewCustomerInput = z.object({ customerId: z.string().min(1).max(100) });

/**
 * S4/C6: one customer as the caller's organisation sees it: only with a live relationship
 * (RELATIONSHIP_REQUIRED otherwise, C1/C5), with the subscriptions the organisation ordered.
 */
export async function viewCustomer(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof viewCustomerInput>,
): Promise<CustomerView> {
  const input = parseInput(viewCustomerInput, raw);
  const tx = ctx.store.read;
  const member = await actingMember(tx, actor, resellerWorkflowRoles);
  const rel = await tx.customerRelationship.findUnique({
    where: { activeKey: `${member.orgId}:${input.customerId}` },
    include: { customer: { select: { name: true, domain: true, country: true } } },
  });
  if (!rel) throw new AppError('RELATIONSHIP_REQUIRED');
  const subs = await tx.subscription.findMany({
    where: { customerId: input.customerId, orderingPartnerId: member.orgId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { offer: { select: { nameEn: true, nameKo: true, active: true } } },
  });
  const orgIds = [
    ...new Set(
      [rel.resellerId, ...subs.flatMap((s) => [s.partnerOfRecordId, s.supportContactId])].filter(
        (v): v is string => v !== null,
      ),
    ),
  ];
  const orgs = await tx.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, legalName: true } });
  const nameOf = (id: string | null) => (id ? (orgs.find((o) => o.id === id)?.legalName ?? null) : null);
  return {
    customerId: input.customerId,
    name: rel.customer.name,
    domain: rel.customer.domain,
    country: rel.customer.country,
    origin: rel.origin,
    since: rel.createdAt,
    delegatedAdmin: rel.delegatedAdmin,
    resellerId: rel.resellerId,
    resellerName: nameOf(rel.resellerId),
    subscriptions: subs.map((s) => ({
      subscriptionId: s.id,
      offerId: s.offerId,
      offerName: actor.locale === 'ko-KR' ? s.offer.nameKo : s.offer.nameEn,
      offerRetired: !s.offer.active,
      quantity: s.quantity,
      partnerOfRecord: nameOf(s.partnerOfRecordId),
      supportContact: nameOf(s.supportContactId),
    })),
  };
}
