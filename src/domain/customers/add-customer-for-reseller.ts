import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput, type ErrorCode } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor, retryOnUnique } from '../shared/acting.js';
import { loadOrg, requireActivePartnership, requireProvider } from '../shared/orgs.js';
import { checkCustomerRegion } from './customer-rules.js';
import { mpaEvidenceFor, requireResellerMpa } from '../agreement/mpa-gate.js';
import { customerRegion } from '../partnerships/partnership-rules.js';
import { generateTemporaryPassword, hashPassword } from '../shared/tokens.js';
import { orderLines, requireOffers } from '../subscriptions/offers.js';
import { createInPartnerCenter, customerBillingContact } from './partner-center-customer.js';

export const addCustomerForResellerInput = z.object({
  /** S1: the reseller whose row the provider started from (preselected) */
  resellerId: z.string().min(1),
  /** a client-chosen id for this submission: submitting it again returns the first result (idempotent) */
  requestId: z.string().trim().min(8).max(64).optional(),
  customer: z.object({
    name: z.string().trim().min(1).max(200),
    /** the initial domain prefix: the customer's tenant is `<domain>.onmicrosoft.com` */
    domainPrefix: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{1,25}[a-z0-9]$/, '3 to 27 letters, digits or hyphens'),
    country: z.string().trim().toUpperCase().length(2),
  }),
  /** S1: offers and licence counts; at least one */
  subscriptions: orderLines,
  /** S1 in connected mode: the billing contact and address Partner Center needs (ignored when embedded) */
  billing: customerBillingContact.optional(),
});

export interface NewCustomerResult {
  readonly customerId: string;
  readonly tenantId: string;
  readonly domain: string;
  /** S2: shown once on the confirmation; cannot be shown again */
  readonly adminUserName: string;
  /** S2: the temporary password, only in the first response; null on a repeat */
  readonly temporaryPassword: string | null;
  readonly subscriptionIds: string[];
  readonly created: boolean;
  /**
   * S1c (connected): Partner Center created the customer but its first order stopped for this reason; the
   * customer is recorded (with the orders that went through) and can be ordered for again. Null otherwise.
   */
  readonly orderFailure: ErrorCode | null;
}

/**
 * S1–S3 (and P9, C7, M2): from a reseller's row the provider adds a new customer with its first
 * order, in one transaction (cancelling means not calling this: nothing is written before submit).
 * Checks: the caller's organisation is an indirect provider with an active partnership with the
 * reseller (PARTNERSHIP_REQUIRED), the reseller signed the MPA (M2), the customer is in the region of
 * both (C7), the domain is free (CUSTOMER_DOMAIN_TAKEN), offers and counts are valid.
 * Creates the customer (a new tenant), the provider's relationship associated with the reseller and
 * the reseller's relationship with delegated admin access (S3), and the subscriptions, crediting the
 * reseller (S4). S2: the admin user name and a temporary password are returned once; only a salted
 * scrypt hash of the password is stored. In connected mode (issue 17) the reseller's MPA is Partner Center's
 * answer, asked before anything is written (PC_* when it cannot be asked).
 * Roles (U3): global admin, user admin, admin agent, sales agent of the provider.
 */
export async function addCustomerForReseller(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof addCustomerForResellerInput>,
): Promise<NewCustomerResult> {
  const input = parseInput(addCustomerForResellerInput, raw);
  // M2 in connected mode: Partner Center is asked before the transaction (issue 17)
  const mpa = await mpaEvidenceFor(ctx, actor, () => Promise.resolve(input.resellerId));
  // S1–S3 in connected mode: Partner Center creates the tenant and takes the orders first (issue 17)
  const inPartnerCenter = await createInPartnerCenter(ctx, actor, { ...input, locale: actor.locale }, mpa);
  // S2: embedded, the domain makes the one-time password and keeps only its hash; connected, Partner Center made
  // it and nothing of it is kept
  const password = inPartnerCenter?.temporaryPassword ?? generateTemporaryPassword();
  const passwordHash = inPartnerCenter ? null : await hashPassword(password);
  const domain = `${input.customer.domainPrefix}.onmicrosoft.com`;
  // a double submission racing this one loses the insert on the unique domain and, retried, finds it
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const member = await actingMember(tx, actor, resellerWorkflowRoles);
      const provider = await loadOrg(tx, member.orgId);
      requireProvider(provider);
      const reseller = await loadOrg(tx, input.resellerId);
      await requireActivePartnership(tx, provider.id, reseller.id);

      const existing = await tx.customer.findUnique({
        where: { domain },
        include: { relationships: { where: { partnerId: provider.id } } },
      });
      if (existing) {
        // a repeat of this very submission: return it, without the password (S2: shown once)
        const mine = existing.relationships.find(
          (r) => r.createdByUserId === member.userId && r.resellerId === reseller.id,
        );
        if (input.requestId && mine && mine.invitationId === null && existing.adminUserName) {
          const subs = await tx.subscription.findMany({
            where: { customerId: existing.id, orderingPartnerId: provider.id },
            select: { id: true },
          });
          return {
            customerId: existing.id,
            tenantId: existing.tenantId,
            domain,
            adminUserName: existing.adminUserName,
            temporaryPassword: null,
            subscriptionIds: subs.map((s) => s.id),
            created: false,
            orderFailure: null,
          };
        }
        throw new AppError('CUSTOMER_DOMAIN_TAKEN', { domain });
      }
      await requireResellerMpa(tx, mpa, reseller);
      checkCustomerRegion(provider, input.customer.country);
      checkCustomerRegion(reseller, input.customer.country);
      const offers = await requireOffers(tx, input.subscriptions);

      const adminUserName = inPartnerCenter?.adminUserName ?? `admin@${domain}`;
      const customer = await tx.customer.create({
        data: {
          tenantId: inPartnerCenter?.tenantId ?? randomUUID(),
          domain,
          name: input.customer.name,
          nameLower: input.customer.name.toLowerCase(),
          country: input.customer.country,
          region: customerRegion(input.customer.country),
          adminUserName,
          adminPasswordHash: passwordHash,
          createdAt: now,
        },
      });
      await tx.customerRelationship.create({
        data: {
          partnerId: provider.id,
          customerId: customer.id,
          origin: 'added_for_reseller',
          resellerId: reseller.id,
          delegatedAdmin: true,
          activeKey: `${provider.id}:${customer.id}`,
          createdAt: now,
          createdByUserId: member.userId,
        },
      });
      await tx.customerRelationship.create({
        data: {
          partnerId: reseller.id,
          customerId: customer.id,
          origin: 'added_by_provider',
          delegatedAdmin: true,
          activeKey: `${reseller.id}:${customer.id}`,
          createdAt: now,
          createdByUserId: member.userId,
        },
      });
      const subscriptionIds: string[] = [];
      // S1c: connected, only the orders Partner Center took are subscriptions here
      const placed = inPartnerCenter
        ? input.subscriptions.filter((_line, index) => inPartnerCenter.ordered.includes(index))
        : input.subscriptions;
      for (const line of placed) {
        const s = await tx.subscription.create({
          data: {
            customerId: customer.id,
            offerId: line.offerId,
            quantity: line.quantity,
            orderingPartnerId: provider.id,
            partnerOfRecordId: reseller.id,
            createdByUserId: member.userId,
            createdAt: now,
          },
        });
        subscriptionIds.push(s.id);
      }
      await audit(tx, auditActor(actor, member), now, {
        orgId: provider.id,
        action: 'customer.added_for_reseller',
        entity: 'Customer',
        entityId: customer.id,
        // never the password (S2)
        detail: {
          resellerId: reseller.id,
          domain,
          requestId: input.requestId ?? null,
          subscriptions: placed,
          offers: offers.map((o) => o.id),
          orderFailure: inPartnerCenter?.orderFailure ?? null,
        },
      });
      await enqueue(
        tx,
        'customer.added',
        customer.id,
        {
          customerId: customer.id,
          customerName: customer.name,
          providerName: provider.legalName,
          resellerName: reseller.legalName,
        },
        [{ orgId: provider.id }, { orgId: reseller.id }],
        now,
      );
      return {
        customerId: customer.id,
        tenantId: customer.tenantId,
        domain,
        adminUserName,
        temporaryPassword: password,
        subscriptionIds,
        created: true,
        orderFailure: inPartnerCenter?.orderFailure ?? null,
      };
    }),
  );
}
