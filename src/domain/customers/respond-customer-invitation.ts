import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { AppError, isAppError, parseInput } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { retryOnUnique } from '../shared/acting.js';
import { findInvitationByToken, requireUsable } from '../shared/links.js';
import { loadOrg, partnerIdentity, requireActivePartnership } from '../shared/orgs.js';
import { checkCustomerEligible, checkCustomerSigner } from './customer-rules.js';
import { customerRegion } from '../partnerships/partnership-rules.js';
import { claimed, type Tx } from '../shared/store.js';

const customerDetails = z.object({
  name: z.string().trim().min(1).max(200),
  /** the customer's primary domain, e.g. fabrikam.co.kr or fabrikam.onmicrosoft.com */
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not a domain name'),
  country: z.string().trim().toUpperCase().length(2),
});

export const respondCustomerInvitationInput = z.object({
  token: z.string().max(200),
  decision: z.enum(['accept', 'decline']),
  /** the customer authorises the partner(s) named in the invitation */
  consent: z.boolean().default(false),
  /** needed the first time this tenant becomes a customer; ignored afterwards */
  customer: customerDetails.optional(),
});

/**
 * The person answering for the customer: signed in to the customer's tenant (`tenantId`), with the
 * Entra ID directory role template ids their token carried (`wids`), or undefined when it carried
 * none (then they cannot be told apart from a user without roles, and are refused).
 */
export interface CustomerSigner extends Actor {
  readonly directoryRoles: readonly string[] | undefined;
}

export interface CustomerInvitationOutcome {
  readonly invitationId: string;
  readonly decision: 'accepted' | 'declined';
  readonly customerId: string | null;
  /** the partners now serving the customer through this invitation (C2: the reseller; C3: and its provider) */
  readonly partnerIds: string[];
  readonly created: boolean;
}

/**
 * C2/C3/C7–C11: the customer (the caller's tenant is the customer's tenant) accepts or declines a
 * reseller's invitation. Only the customer tenant's Global Administrator may answer (checked first,
 * CUSTOMER_ADMIN_REQUIRED: nothing is read or changed, the link stays usable). Accepting checks the link, consent, C8 (not the partner itself or an
 * affiliate), C10 (a reseller partnered with the invited provider cannot be its customer with this
 * tenant), C9 (no enrolled partner's CSP tenant), C7 (every partner in the customer's region); then
 * creates the reseller's relationship (with delegated admin, C3) and, for C3, the provider's,
 * in one transaction. C11: existing relationships with other partners stay.
 *
 * Two concurrent acceptances of one link: the link is claimed by a conditional update, so exactly
 * one creates the relationships; the other (same tenant) gets the same outcome back.
 */
export async function respondToCustomerInvitation(
  ctx: DomainContext,
  actor: CustomerSigner,
  raw: z.input<typeof respondCustomerInvitationInput>,
): Promise<CustomerInvitationOutcome> {
  const input = parseInput(respondCustomerInvitationInput, raw);
  checkCustomerSigner(actor.directoryRoles);
  try {
    return await retryOnUnique(() => ctx.store.transaction((tx) => attempt(ctx, tx, actor, input)));
  } catch (e) {
    // a concurrent acceptance of this link by the same tenant won: answer as it did (RELATIONSHIP_EXISTS
    // too, since the winner's relationships may be visible before its claim on the link is)
    if (isAppError(e) && (e.code === 'TOKEN_USED' || e.code === 'RELATIONSHIP_EXISTS')) {
      const inv = await findInvitationByToken(ctx.store.read, input.token);
      if (inv.acceptedTenantId === actor.tenantId && (inv.usedAt || inv.declinedAt)) {
        const rels = inv.resultCustomerId
          ? await ctx.store.read.customerRelationship.findMany({
              where: { invitationId: inv.id },
              select: { partnerId: true },
            })
          : [];
        return {
          invitationId: inv.id,
          decision: inv.usedAt ? 'accepted' : 'declined',
          customerId: inv.resultCustomerId,
          partnerIds: rels.map((r) => r.partnerId),
          created: false,
        };
      }
    }
    throw e;
  }
}

async function attempt(
  ctx: DomainContext,
  tx: Tx,
  actor: Actor,
  input: z.infer<typeof respondCustomerInvitationInput>,
): Promise<CustomerInvitationOutcome> {
  const now = ctx.now();
  const inv = await findInvitationByToken(tx, input.token);
  if (inv.kind !== 'customer' && inv.kind !== 'customer_with_provider') throw new AppError('TOKEN_INVALID');
  requireUsable(inv, now);
  const reseller = await loadOrg(tx, inv.fromOrgId);
  const who = { userId: null, ref: actor.aadObjectId, ...(actor.email ? { email: actor.email } : {}) };

  if (input.decision === 'decline') {
    const won = claimed(
      await tx.invitation.updateMany({
        where: { id: inv.id, usedAt: null, revokedAt: null, declinedAt: null },
        data: { declinedAt: now, acceptedTenantId: actor.tenantId },
      }),
    );
    if (!won) throw new AppError('TOKEN_USED');
    await audit(tx, who, now, {
      orgId: reseller.id,
      action: 'customer.invitation_declined',
      entity: 'Invitation',
      entityId: inv.id,
      detail: { tenantId: actor.tenantId },
    });
    await enqueue(
      tx,
      'customer.invitation_declined',
      inv.id,
      { invitationId: inv.id, partnerId: reseller.id, partnerName: reseller.legalName },
      [{ orgId: reseller.id }],
      now,
    );
    return { invitationId: inv.id, decision: 'declined', customerId: null, partnerIds: [], created: true };
  }

  if (!input.consent) throw new AppError('CONSENT_REQUIRED');
  const provider = inv.providerId ? await loadOrg(tx, inv.providerId) : null;
  if (provider) await requireActivePartnership(tx, provider.id, reseller.id);

  const existing = await tx.customer.findUnique({ where: { tenantId: actor.tenantId } });
  const details = existing ?? input.customer;
  if (!details) throw new AppError('VALIDATION', { details: 'customer: name, domain and country are needed' });

  const tenantOrg = await tx.organization.findUnique({
    where: { tenantId: actor.tenantId },
    select: { id: true, isReseller: true },
  });
  const partnered = tenantOrg
    ? await tx.partnership.findMany({
        where: { resellerId: tenantOrg.id, state: { in: ['active', 'end_requested'] } },
        select: { providerId: true },
      })
    : [];
  const partners = [reseller, ...(provider ? [provider] : [])];
  checkCustomerEligible({
    partners: await Promise.all(
      partners.map(async (p) => ({
        ...(await partnerIdentity(tx, p)),
        id: p.id,
        region: p.region,
        isProvider: p.id === provider?.id,
      })),
    ),
    customer: { tenantId: actor.tenantId, domain: details.domain, name: details.name, country: details.country },
    tenantOrg,
    partneredProviderIds: partnered.map((p) => p.providerId),
  });

  // C2/C11: a customer may have several partners, but one partner serves it once
  if (existing) {
    const live = await tx.customerRelationship.count({
      where: { activeKey: { in: partners.map((p) => `${p.id}:${existing.id}`) } },
    });
    if (live === partners.length) throw new AppError('RELATIONSHIP_EXISTS');
  }

  // single use: claim the link before creating anything
  const won = claimed(
    await tx.invitation.updateMany({
      where: { id: inv.id, usedAt: null, revokedAt: null, declinedAt: null },
      data: { usedAt: now, acceptedTenantId: actor.tenantId },
    }),
  );
  if (!won) throw new AppError('TOKEN_USED');

  let customer = existing;
  if (!customer) {
    const taken = await tx.customer.findUnique({ where: { domain: details.domain }, select: { id: true } });
    if (taken) throw new AppError('CUSTOMER_DOMAIN_TAKEN', { domain: details.domain });
    customer = await tx.customer.create({
      data: {
        tenantId: actor.tenantId,
        domain: details.domain,
        name: details.name,
        nameLower: details.name.toLowerCase(),
        country: details.country,
        region: customerRegion(details.country),
        createdAt: now,
      },
    });
  }
  const partnerIds: string[] = [];
  for (const p of partners) {
    const key = `${p.id}:${customer.id}`;
    const live = await tx.customerRelationship.findUnique({ where: { activeKey: key }, select: { id: true } });
    partnerIds.push(p.id);
    if (live) continue; // C11/C2: already served by this partner; nothing to add
    await tx.customerRelationship.create({
      data: {
        partnerId: p.id,
        customerId: customer.id,
        origin: provider ? 'invitation_with_provider' : 'invitation',
        // C3: the provider's relationship is associated with the reseller that invited
        resellerId: p.id === provider?.id ? reseller.id : null,
        invitationId: inv.id,
        // C3: the reseller gets administrator rights over the customer's subscriptions, licences and users
        delegatedAdmin: p.id === reseller.id,
        activeKey: key,
        createdAt: now,
      },
    });
  }
  await tx.invitation.update({ where: { id: inv.id }, data: { resultCustomerId: customer.id } });
  await audit(tx, who, now, {
    orgId: reseller.id,
    action: 'customer.invitation_accepted',
    entity: 'Invitation',
    entityId: inv.id,
    detail: { customerId: customer.id, tenantId: actor.tenantId, partnerIds, byName: actor.name },
  });
  await enqueue(
    tx,
    'customer.invitation_accepted',
    inv.id,
    {
      invitationId: inv.id,
      customerId: customer.id,
      customerName: customer.name,
      partnerId: reseller.id,
      partnerName: reseller.legalName,
      providerName: provider?.legalName ?? null,
    },
    partners.map((p) => ({ orgId: p.id })),
    now,
  );
  return { invitationId: inv.id, decision: 'accepted', customerId: customer.id, partnerIds, created: true };
}
