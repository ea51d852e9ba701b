import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { AppError, isAppError, parseInput, type ErrorCode } from '../shared/errors.js';
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
  phoneNumber: z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[0-9 ()-]{4,40}$/)
    .optional(),
  addressLine1: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  state: z.string().trim().min(1).max(100).optional(),
  postalCode: z.string().trim().min(1).max(20),
});
export type CustomerBillingContactInput = z.infer<typeof customerBillingContact>;

/**
 * S1b: the countries whose addresses Partner Center validates with a state, province or region
 * (partner-center/developer/validate-an-address: the address rules of these countries name a state). Elsewhere
 * the state is optional and sent only when given.
 */
export const countriesNeedingState: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'BR', 'IN', 'MX']);

/** S1b: the billing contact schema for a customer in `country` (the state is required where the address needs it). */
export function billingContactFor(country: string) {
  return customerBillingContact.superRefine((contact, issues) => {
    if (countriesNeedingState.has(country.toUpperCase()) && !contact.state) {
      issues.addIssue({ code: 'custom', path: ['state'], message: 'required in this country' });
    }
  });
}

/**
 * S1 in connected mode: whether the acting provider's add-customer asks for the billing contact (its organisation
 * works against Partner Center). Reads the link only; asks Partner Center nothing.
 */
export async function customerBillingContactNeeded(ctx: DomainContext, actor: Actor): Promise<boolean> {
  if (!ctx.partnerCenter) return false;
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return (await partnerCenterFor(ctx, member.orgId, actor)).mode === 'connected';
}

export interface ConnectedCustomerRequest {
  readonly resellerId: string;
  readonly customer: { readonly name: string; readonly domainPrefix: string; readonly country: string };
  readonly billing?: z.infer<typeof customerBillingContact> | undefined;
  readonly subscriptions: z.infer<typeof orderLines>;
  readonly locale: 'en-US' | 'ko-KR';
}

/** What Partner Center did for S1–S3: the tenant it created and which of the first orders it took. */
export interface CreatedInPartnerCenter extends CreatedCustomerTenant {
  /** the indexes (in the request's subscriptions) of the order lines Partner Center took */
  readonly ordered: readonly number[];
  /**
   * S1c: why the first order stopped (the rest were not sent), or null when every line went through. The customer
   * exists in Partner Center either way, so it is recorded here too and can be ordered for again.
   */
  readonly orderFailure: ErrorCode | null;
}

/**
 * S1–S3 in connected mode, before the transaction: the rules the transaction checks are checked first on what
 * is stored now (so Partner Center is never asked for what this bot refuses); then Partner Center creates the
 * customer associated with the reseller (AssociatedPartnerId) and takes its first orders with the reseller as
 * PartnerIdOnRecord. The answer's one-time credentials go to the caller only (S2). Null when the provider is
 * embedded, or when the domain is already known here (a repeat, or taken: the transaction says which).
 * S1c: once Partner Center has created the customer, a refused or failed order does not throw: the customer must
 * not be lost, so the caller records it with the orders that went through and says the rest did not.
 */
export async function createInPartnerCenter(
  ctx: DomainContext,
  actor: Actor,
  request: ConnectedCustomerRequest,
  mpa: MpaEvidence,
): Promise<CreatedInPartnerCenter | null> {
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
  // S1b: the state where the customer's country needs one
  const contact = parseInput(billingContactFor(request.customer.country), request.billing);

  const created = await port.createCustomer({
    domain,
    companyName: request.customer.name,
    country: request.customer.country,
    culture: request.locale,
    language: request.locale.slice(0, 2),
    contact,
    associatedResellerTenantId: reseller.tenantId,
  });
  if (!created) return null;
  const ordered: number[] = [];
  for (const [index, line] of request.subscriptions.entries()) {
    try {
      await port.placeOrder({
        customerTenantId: created.tenantId,
        offerId: line.offerId,
        quantity: line.quantity,
        partnerIdOnRecord: reseller.mpnId,
      });
    } catch (error) {
      // S1c: anything but Partner Center's refusal or fault (a bug) still propagates
      if (!isAppError(error)) throw error;
      return { ...created, ordered, orderFailure: error.code };
    }
    ordered.push(index);
  }
  return { ...created, ordered, orderFailure: null };
}
