import { AppError } from '../shared/errors.js';
import { regionOf, sameRegion } from '../shared/regions.js';

/** The facts about an organisation the partnership rules look at. */
export interface OrgFacts {
  readonly id: string;
  readonly legalName: string;
  readonly region: string;
  readonly isProvider: boolean;
  readonly isReseller: boolean;
}

/**
 * P5: a provider partners only with an organisation enrolled as an indirect reseller
 * (seed 003: "they must be enrolled as indirect resellers in the CSP program"), and never with itself.
 * P1/P10: the other side must be an indirect provider.
 */
export function checkPartnershipParties(provider: OrgFacts, reseller: OrgFacts): void {
  if (provider.id === reseller.id) throw new AppError('SELF_PARTNERSHIP');
  if (!provider.isProvider) throw new AppError('NOT_INDIRECT_PROVIDER', { org: provider.legalName });
  if (!reseller.isReseller) throw new AppError('NOT_INDIRECT_RESELLER', { org: reseller.legalName });
}

/** P6: partner–partner relationships exist only within one CSP region (seed 004, scenario 8). */
export function checkPartnerRegions(a: Pick<OrgFacts, 'region'>, b: Pick<OrgFacts, 'region'>): void {
  if (!sameRegion(a.region, b.region)) throw new AppError('REGION_MISMATCH', { from: a.region, to: b.region });
}

/** P5 + P6 together, in the order a person would want to hear them. */
export function checkCanPartner(provider: OrgFacts, reseller: OrgFacts): void {
  checkPartnershipParties(provider, reseller);
  checkPartnerRegions(provider, reseller);
}

/** The region of a customer's country, for C7; an unknown country is in no region. */
export function customerRegion(country: string): string {
  return regionOf(country) ?? 'unsupported';
}
