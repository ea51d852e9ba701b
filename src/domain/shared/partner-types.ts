import { z } from 'zod';

/** PT1: the partner types; an organisation may hold several (flags on Organization). */
export const partnerTypes = ['indirect_reseller', 'indirect_provider', 'direct_bill'] as const;
export type PartnerType = (typeof partnerTypes)[number];
export const partnerTypeSchema = z.enum(partnerTypes);

/**
 * PT2/PT3: what each type means for billing. An indirect reseller has no billing relationship with
 * Microsoft and transacts only through indirect providers; a direct-bill partner buys directly and
 * owns billing and support; an indirect provider bills its resellers.
 */
export function billsMicrosoftDirectly(type: PartnerType): boolean {
  return type !== 'indirect_reseller';
}
/** PT2: only an indirect reseller needs a provider to transact. */
export function transactsThroughProvider(type: PartnerType): boolean {
  return type === 'indirect_reseller';
}
/** E1/PT3: only direct-bill enrollment asks for billing and bank details. */
export function needsBillingDetails(type: PartnerType): boolean {
  return type === 'direct_bill';
}

/** The Organization flag column that records each type. */
export const partnerTypeFlag = {
  indirect_reseller: 'isReseller',
  indirect_provider: 'isProvider',
  direct_bill: 'isDirectBill',
} as const satisfies Record<PartnerType, 'isReseller' | 'isProvider' | 'isDirectBill'>;

export function orgPartnerTypes(org: {
  isReseller: boolean;
  isProvider: boolean;
  isDirectBill: boolean;
}): PartnerType[] {
  return partnerTypes.filter((t) => org[partnerTypeFlag[t]]);
}
