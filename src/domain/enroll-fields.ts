import { z } from 'zod';
import {
  addressSchema,
  enrollInputSchema,
  isWebmailAddress,
  emailDomain,
  mpnIdSchema,
  partnerTypeSchema,
  primaryContactSchema,
  supportContactSchema,
  type EnrollInput,
} from './enrollment-rules.js';
import { parseInput, type ErrorCode, type ErrorParams } from './errors.js';

/**
 * E1 field by field, for conversations that collect the enrollment one answer at a time. Each field
 * is checked with the same schema the enroll use case applies to the whole input (no second copy
 * of a rule); E3 (web mail) is checked as soon as the primary contact's email is given.
 */
export const enrollFieldIds = [
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
export type EnrollFieldId = (typeof enrollFieldIds)[number];
export const enrollFieldIdSchema = z.enum(enrollFieldIds);

/** E6: adding the indirect reseller type needs only the customer-support contact. */
export const addTypeFieldIds = ['supportEmail', 'supportPhone', 'supportWebsite'] as const satisfies readonly EnrollFieldId[];

export const optionalEnrollFields: readonly EnrollFieldId[] = ['addressLine2', 'state'];

/** Partner types a conversation may offer (direct-bill needs bank details, collected elsewhere). */
export const enrollableTypes = ['indirect_reseller', 'indirect_provider'] as const;

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

/** The enroll use case's input from collected answers (VALIDATION when one is missing). */
export function enrollInputFrom(values: Readonly<Partial<Record<EnrollFieldId, string>>>): EnrollInput {
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
    default:
      return [];
  }
}
