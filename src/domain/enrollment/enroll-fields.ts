import { z } from 'zod';
import {
  addressSchema,
  billingDetailsSchema,
  enrollInputSchema,
  isWebmailAddress,
  emailDomain,
  mpnIdSchema,
  primaryContactSchema,
  supportContactSchema,
  type EnrollInput,
} from './enrollment-rules.js';
import { needsBillingDetails, partnerTypeSchema } from '../shared/partner-types.js';
import { parseInput, type ErrorCode, type ErrorParams } from '../shared/errors.js';

/**
 * E1 field by field, for conversations that collect the enrollment one answer at a time. Each field
 * is checked with the same schema the enroll use case applies to the whole input (no second copy
 * of a rule); E3 (web mail) is checked as soon as the primary contact's email is given.
 */
export const baseEnrollFieldIds = [
  'partnerType',
  'mpnId',
  'legalName',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'country',
  'primaryName',
  'primaryEmail',
  'primaryPhone',
  'supportEmail',
  'supportPhone',
  'supportWebsite',
] as const;

/** E1/PT3: what a direct-bill enrollment asks besides (billingDetailsSchema), in the order asked. */
export const billingFieldIds = [
  'bankAccountHolder',
  'bankName',
  'bankAccountNumber',
  'bankSwiftBic',
  'taxId',
  'billingEmail',
  'acceptsCriteria',
] as const;

/** Every field a dialog may hold. */
export const enrollFieldIds = [...baseEnrollFieldIds, ...billingFieldIds] as const;
export type EnrollFieldId = (typeof enrollFieldIds)[number];
export const enrollFieldIdSchema = z.enum(enrollFieldIds);
export type BillingFieldId = (typeof billingFieldIds)[number];

export function isBillingField(id: EnrollFieldId): id is BillingFieldId {
  return (billingFieldIds as readonly string[]).includes(id);
}

/** E1: the fields of an enrollment as this partner type (direct-bill adds the billing details). */
export function enrollFieldsFor(partnerType: string | undefined): readonly EnrollFieldId[] {
  const type = partnerTypeSchema.safeParse(partnerType);
  return type.success && needsBillingDetails(type.data) ? enrollFieldIds : baseEnrollFieldIds;
}

/** E6: adding the indirect reseller type needs only the customer-support contact. */
export const addTypeFieldIds = [
  'supportEmail',
  'supportPhone',
  'supportWebsite',
] as const satisfies readonly EnrollFieldId[];

export const optionalEnrollFields: readonly EnrollFieldId[] = ['addressLine2', 'state', 'bankSwiftBic'];

/** Partner types a conversation may offer (PT1). */
export const enrollableTypes = ['indirect_reseller', 'indirect_provider', 'direct_bill'] as const;

/** The answer to the acceptance-criteria question that confirms it (a card choice or a typed yes). */
export const CRITERIA_ACCEPTED = 'true';

const billing = billingDetailsSchema.shape;
const fieldSchemas: Readonly<Record<EnrollFieldId, z.ZodType>> = {
  partnerType: partnerTypeSchema.refine((t) => (enrollableTypes as readonly string[]).includes(t)),
  mpnId: mpnIdSchema,
  legalName: enrollInputSchema.shape.legalName,
  addressLine1: addressSchema.shape.line1,
  addressLine2: addressSchema.shape.line1,
  city: addressSchema.shape.city,
  state: addressSchema.shape.city,
  postalCode: addressSchema.shape.postalCode,
  country: enrollInputSchema.shape.country,
  primaryName: primaryContactSchema.shape.name,
  primaryEmail: primaryContactSchema.shape.email,
  primaryPhone: primaryContactSchema.shape.phone,
  supportEmail: supportContactSchema.shape.email,
  supportPhone: supportContactSchema.shape.phone,
  supportWebsite: supportContactSchema.shape.website,
  bankAccountHolder: billing.accountHolder,
  bankName: billing.bankName,
  bankAccountNumber: billing.accountNumber,
  bankSwiftBic: billing.swiftBic.unwrap(),
  taxId: billing.taxId,
  billingEmail: billing.billingEmail,
  // E1/PT3: only a confirmation is an answer; "no" is refused (the criteria must be met)
  acceptsCriteria: z.literal(CRITERIA_ACCEPTED),
};

export type FieldCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly code?: ErrorCode; readonly params?: ErrorParams };

/** Checks one answer; returns the normalized value (trimmed, upper-cased country, lower-cased email). */
export function checkEnrollField(id: EnrollFieldId, raw: string): FieldCheck {
  const r = fieldSchemas[id].safeParse(raw);
  if (!r.success) return { ok: false };
  const value = String(r.data);
  if (id === 'primaryEmail' && isWebmailAddress(value)) {
    return { ok: false, code: 'WEBMAIL_NOT_ALLOWED', params: { domain: emailDomain(value) } };
  }
  return { ok: true, value };
}

/**
 * The enroll use case's input from collected answers (VALIDATION when one is missing). Billing
 * details go in only for a type that needs them (E1/PT3); an empty optional answer is left out.
 */
export function enrollInputFrom(values: Readonly<Partial<Record<EnrollFieldId, string>>>): EnrollInput {
  const type = partnerTypeSchema.safeParse(values.partnerType);
  const withBilling = type.success && needsBillingDetails(type.data);
  return parseInput(enrollInputSchema, {
    partnerType: values.partnerType,
    mpnId: values.mpnId,
    legalName: values.legalName,
    address: {
      line1: values.addressLine1,
      ...(values.addressLine2 ? { line2: values.addressLine2 } : {}),
      city: values.city,
      ...(values.state ? { state: values.state } : {}),
      postalCode: values.postalCode,
    },
    country: values.country,
    primaryContact: { name: values.primaryName, email: values.primaryEmail, phone: values.primaryPhone },
    supportContact: { email: values.supportEmail, phone: values.supportPhone, website: values.supportWebsite },
    ...(withBilling
      ? {
          billing: {
            accountHolder: values.bankAccountHolder,
            bankName: values.bankName,
            accountNumber: values.bankAccountNumber,
            ...(values.bankSwiftBic ? { swiftBic: values.bankSwiftBic } : {}),
            taxId: values.taxId,
            billingEmail: values.billingEmail,
            acceptsCriteria: values.acceptsCriteria === CRITERIA_ACCEPTED,
          },
        }
      : {}),
  });
}

/** Which answers an enroll refusal points at, so only those are asked again. */
export function fieldsOfError(code: ErrorCode): readonly EnrollFieldId[] {
  switch (code) {
    case 'MPN_NOT_FOUND':
    case 'MPN_INACTIVE':
    case 'MPN_IN_USE':
      return ['mpnId'];
    case 'MPN_COUNTRY_MISMATCH':
      return ['mpnId', 'country'];
    case 'WEBMAIL_NOT_ALLOWED':
      return ['primaryEmail'];
    case 'BILLING_DETAILS_REQUIRED':
      return billingFieldIds.filter((f) => !optionalEnrollFields.includes(f));
    default:
      return [];
  }
}
