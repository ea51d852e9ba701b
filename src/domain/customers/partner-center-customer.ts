import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { AppError } from '../shared/errors.js';
import { loadOrg, requireActivePartnership, requireProvider } from '../shared/orgs.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { requireResellerMpa } from '../agreement/mpa-gate.js';
import { partnerCenterFor, type CreatedCustomerTenant, type MpaEvidence } from '../partner-center/port.js';
import { requireOffers } from '../subscriptions/offers.js';
import type { orderLines } from '../subscriptions/offers.js';
import { checkCustomerRegion } from './customer-rules.js';

/** S1 in connected mode: the billing contact and address Partner Center's create-a-customer needs. */
export const customerBillingContact = z.object({
  email: z.email().max(320),
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  phoneNumber: z.string().trim().max(40).optional(),
  addressLine1: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  state: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().min(1).max(20),
});

export interface ConnectedCustomerRequest {
  readonly resellerId: string;
  readonly customer: { readonly name: string; readonly domainPrefix: string; readonly country: string };
  readonly billing?: z.infer<typeof customerBillingContact> | undefined;
  readonly subscriptions: z.infer<typeof orderLines>;
  readonly locale: 'en-US' | 'ko-KR';
}

/**
 * S1–S3 in connected mode, before the transaction: the rules the transaction checks are checked first on what
 * is stored now (so Partner Center is never asked for what this bot refuses); then Partner Center creates the
 * customer associated with the reseller (AssociatedPartnerId) and takes its first orders with the reseller as
 * PartnerIdOnRecord. The answer's one-time credentials go to the caller only (S2). Null when the provider is
 * embedded, or when the domain is already known here (a repeat, or taken: the transaction says which).
 */
export async function createInPartnerCenter(
  ctx: DomainContext,
  actor: Actor,
  request: ConnectedCustomerRequest,
  mpa: MpaEvidence,
): Promise<CreatedCustomerTenant | null> {
  if (!ctx.partnerCenter) return null;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return null;
  const domain = `${request.customer.domainPrefix}.onmicrosoft.com`;
  if (await read.customer.findUnique({ where: { domain }, select: { id: true } })) return null;
  const provider = await loadOrg(read, member.orgId);
  requireProvider(provider);
  const reseller = await loadOrg(read, request.resellerId);
  await requireActivePartnership(read, provider.id, reseller.id);
  await requireResellerMpa(read, mpa, reseller);
  checkCustomerRegion(provider, request.customer.country);
  checkCustomerRegion(reseller, request.customer.country);
  await requireOffers(read, request.subscriptions);
  if (!request.billing) throw new AppError('PC_CUSTOMER_DETAILS_REQUIRED');

  const created = await port.createCustomer({
    domain,
    companyName: request.customer.name,
    country: request.customer.country,
    culture: request.locale,
    language: request.locale.slice(0, 2),
    contact: request.billing,
    associatedResellerTenantId: reseller.tenantId,
  });
  if (!created) return null;
  for (const line of request.subscriptions) {
    await port.placeOrder({
      customerTenantId: created.tenantId,
      offerId: line.offerId,
      quantity: line.quantity,
      partnerIdOnRecord: reseller.mpnId,
    });
  }
  return created;
}
