import { AppError } from '../shared/errors.js';
import { sameRegion } from '../shared/regions.js';
import { customerRegion } from '../partnerships/partnership-rules.js';

/** C7: a partner sells only to customers in its own region (seed 004, scenario 7). */
export function checkCustomerRegion(partner: { readonly region: string }, customerCountry: string): void {
  const region = customerRegion(customerCountry);
  if (!sameRegion(partner.region, region)) {
    throw new AppError('REGION_MISMATCH', { from: partner.region, to: region });
  }
}

export interface PartnerIdentity {
  readonly tenantId: string;
  readonly legalName: string;
  /** e-mail domains of the organisation's contacts and users (lower case) */
  readonly domains: readonly string[];
}

export interface CustomerIdentity {
  readonly tenantId: string;
  /** the customer's primary domain, lower case */
  readonly domain?: string | null;
  readonly name?: string | null;
}

const companySuffixes =
  /\b(incorporated|inc|corporation|corp|company|co|limited|ltd|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|pty|kk)\b|주식회사|유한회사|\(주\)|㈜/gu;

/** A legal name reduced for comparison: lower case, no company suffix, letters and digits only. */
export function normalizeCompanyName(name: string): string {
  return name
    .toLowerCase()
    .replace(companySuffixes, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function sameOrSubdomain(a: string, b: string): boolean {
  return a === b || a.endsWith('.' + b) || b.endsWith('.' + a);
}

/**
 * C8: a partner may not sell to itself or its affiliates as an end customer (seed 004, scenario 5).
 * The program has no affiliate register, so affiliation is decided from what the system knows:
 * the same tenant (itself), a customer domain equal to or a subdomain of one of the partner's own
 * e-mail domains (or the reverse), or the same legal name once company suffixes are ignored.
 */
export function checkNotSelfOrAffiliate(partner: PartnerIdentity, customer: CustomerIdentity): void {
  if (partner.tenantId === customer.tenantId) throw new AppError('SELF_SALE');
  const domain = customer.domain?.trim().toLowerCase();
  if (domain && partner.domains.some((d) => sameOrSubdomain(d.toLowerCase(), domain))) {
    throw new AppError('SELF_SALE');
  }
  const name = customer.name ? normalizeCompanyName(customer.name) : '';
  if (name.length > 0 && name === normalizeCompanyName(partner.legalName)) throw new AppError('SELF_SALE');
}

/**
 * C9: a CSP partner buys for its own use only through a separate customer-type tenant; the tenant it
 * uses in CSP can never be another partner's customer (seed 002 "Important", seed 004 scenario 4).
 * `cspOrgOfTenant` is the enrolled organisation that uses the customer's tenant, if any.
 */
export function checkNotCspTenant(cspOrgOfTenant: { readonly id: string } | null): void {
  if (cspOrgOfTenant) throw new AppError('CSP_TENANT_AS_CUSTOMER');
}

/**
 * C10: an indirect reseller already partnered with a provider cannot also become that provider's end
 * customer with the same tenant (seed 004, scenario 6). Checked before C9 so the reseller hears the
 * specific reason and the options it has (another tenant, or another provider).
 */
export function checkResellerNotProviderCustomer(args: {
  readonly tenantOrg: { readonly id: string; readonly isReseller: boolean } | null;
  readonly providerIds: readonly string[];
  /** provider ids with which the tenant's organisation has a live partnership */
  readonly partneredProviderIds: readonly string[];
}): void {
  const { tenantOrg, providerIds, partneredProviderIds } = args;
  if (!tenantOrg?.isReseller) return;
  if (providerIds.some((p) => partneredProviderIds.includes(p))) throw new AppError('RESELLER_IS_PROVIDER_CUSTOMER');
}

/**
 * C7–C10 for one customer tenant and every partner that would serve it (the reseller, and for C3 its
 * provider). Order: C8 (itself), C10 (the specific reseller case), C9 (any CSP tenant), C7 (region).
 */
export function checkCustomerEligible(args: {
  readonly partners: readonly (PartnerIdentity & {
    readonly id: string;
    readonly region: string;
    readonly isProvider: boolean;
  })[];
  readonly customer: CustomerIdentity & { readonly country: string };
  readonly tenantOrg: { readonly id: string; readonly isReseller: boolean } | null;
  readonly partneredProviderIds: readonly string[];
}): void {
  for (const p of args.partners) checkNotSelfOrAffiliate(p, args.customer);
  checkResellerNotProviderCustomer({
    tenantOrg: args.tenantOrg,
    providerIds: args.partners.filter((p) => p.isProvider).map((p) => p.id),
    partneredProviderIds: args.partneredProviderIds,
  });
  checkNotCspTenant(args.tenantOrg);
  for (const p of args.partners) checkCustomerRegion(p, args.customer.country);
}

/**
 * Entra ID's built-in directory roles by template id: the ids in the `wids` claim of a signed-in
 * user's token, the same in every tenant (Microsoft Entra built-in roles, "Template ID").
 */
export const entraRoleTemplates = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  /** the default role of every member user (no administrator rights) */
  user: 'b79fbf4d-3ef9-4689-8143-76b194e85509',
} as const;

/**
 * C2/C3: who may answer a customer invitation for the customer's tenant. Accepting grants the reseller
 * administrator rights over the customer's subscriptions, licences and users (and, C3, ordering
 * rights to its provider); Partner Center has the customer's Global Administrator accept a reseller
 * relationship, so only that role may. Declining uses the single-use link up as well, so it is the
 * same person's decision.
 */
export const customerDecisionRoles: readonly string[] = [entraRoleTemplates.globalAdministrator];

/** True when the signer's directory roles (`wids`; undefined when the token had none) include a deciding role. */
export function mayAnswerForCustomer(directoryRoles: readonly string[] | undefined): boolean {
  return (directoryRoles ?? []).some((r) => customerDecisionRoles.includes(r.trim().toLowerCase()));
}

/** C2/C3: refuses (CUSTOMER_ADMIN_REQUIRED) unless the signer is the customer tenant's Global Administrator. */
export function checkCustomerSigner(directoryRoles: readonly string[] | undefined): void {
  if (!mayAnswerForCustomer(directoryRoles)) throw new AppError('CUSTOMER_ADMIN_REQUIRED');
}
