import { z } from 'zod';
import type { DomainContext } from '../shared/context.js';
import { isServedCountry } from '../shared/regions.js';

import { partnerTypeSchema } from '../shared/partner-types.js';

// ---- E5: the application state machine ----
export const enrollmentStates = ['submitted', 'awaiting_verification', 'in_review', 'approved', 'rejected'] as const;
export type EnrollmentState = (typeof enrollmentStates)[number];
export const enrollmentStateSchema = z.enum(enrollmentStates);

const transitions: Readonly<Record<EnrollmentState, readonly EnrollmentState[]>> = {
  // → in_review directly when the primary contact is already verified (E6: adding a type)
  submitted: ['awaiting_verification', 'in_review'],
  awaiting_verification: ['in_review'],
  in_review: ['approved', 'rejected'],
  approved: [],
  rejected: [],
};

/** E5: submitted → awaiting verification → in review → approved | rejected. */
export function canTransition(from: EnrollmentState, to: EnrollmentState): boolean {
  return transitions[from].includes(to);
}

export function isFinal(state: EnrollmentState): boolean {
  return transitions[state].length === 0;
}

/** States in which an application is still open (one open application per type per organisation). */
export const openStates: readonly EnrollmentState[] = ['submitted', 'awaiting_verification', 'in_review'];

// ---- E3: web-based mail services ----
/**
 * E3 names Gmail, Yahoo! Mail, iCloud Mail, AOL Mail and Outlook Mail (outlook.com, hotmail.com,
 * live.com, msn.com) "and their regional variants". Brands are matched as the label before a
 * country or generic suffix (hotmail.co.uk, outlook.kr, live.co.kr, yahoo.co.kr, aol.de), so a
 * company domain that merely contains the word (outlook.contoso.com) is not refused.
 */
const webmailBrands = new Set([
  'gmail',
  'googlemail', // Gmail
  'yahoo',
  'ymail',
  'rocketmail', // Yahoo! Mail
  'aol',
  'aim', // AOL Mail
  'outlook',
  'hotmail',
  'live',
  'msn',
  'windowslive',
  'passport', // Outlook Mail
]);
/** iCloud Mail's domains: no regional variants (me.xx is not Apple's). */
const webmailExact = new Set(['icloud.com', 'me.com', 'mac.com']);
const PUBLIC_SUFFIX = /^(com|net|org|[a-z]{2}|(co|com|ne|or|net|org)\.[a-z]{2})$/;

/** E3: true when the address's domain belongs to a web-based mail service. */
export function isWebmailDomain(domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  if (webmailExact.has(d)) return true;
  const labels = d.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (webmailBrands.has(labels[i] ?? '') && PUBLIC_SUFFIX.test(labels.slice(i + 1).join('.'))) return true;
  }
  return false;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function isWebmailAddress(email: string): boolean {
  return isWebmailDomain(emailDomain(email));
}

// ---- E1: what enrolling needs ----
const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'not a phone number');
const workEmail = z.string().trim().toLowerCase().pipe(z.email());
const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => isServedCountry(c), 'not a country/region served by the CSP program');

/** MPN ID (PartnerID): digits only. */
export const mpnIdSchema = z
  .string()
  .trim()
  .regex(/^\d{6,10}$/, 'an MPN ID is 6 to 10 digits');

export const addressSchema = z.object({
  line1: text(200),
  line2: text(200).optional(),
  city: text(100),
  state: text(100).optional(),
  postalCode: text(20),
});

export const primaryContactSchema = z.object({ name: text(200), email: workEmail, phone });

/** E1/E6: the customer-support contact (email, phone, website). */
export const supportContactSchema = z.object({
  email: workEmail,
  phone,
  website: z.url({ protocol: /^https?$/ }),
});

/**
 * E1/PT3: direct-bill billing and bank details, and acceptance of the direct-bill criteria. Partner
 * Center asks a direct partner for its bank information (seed 002: "MPN ID, complete business
 * address, bank information") and that it meets the acceptance criteria (seeds 002, 004: it can
 * integrate with Microsoft through APIs and provide billing, support and managed services to its
 * customers on an ongoing basis). The account number is shown only masked (maskAccountNumber).
 */
export const billingDetailsSchema = z.object({
  accountHolder: text(200),
  bankName: text(200),
  /** IBAN or domestic account number */
  accountNumber: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9 -]{3,38}[A-Z0-9]$/i, 'not an account number')
    .refine((s) => s.replace(/[ -]/g, '').length >= 5, 'not an account number'),
  /** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3) */
  swiftBic: z
    .string()
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/[ -]/g, ''))
    .pipe(z.string().regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'not a SWIFT/BIC code'))
    .optional(),
  /** VAT number, EIN, business registration number: letters, digits and separators */
  taxId: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9 ./-]{1,49}$/i, 'not a tax ID'),
  billingEmail: workEmail,
  acceptsCriteria: z.literal(true),
});
export type BillingDetails = z.infer<typeof billingDetailsSchema>;

/**
 * What people may see of the billing details: everything but the account number, which keeps only
 * its last 4 digits. Review cards, outbox payloads and the applicant's own review show this.
 */
export interface BillingSummary {
  readonly accountHolder: string;
  readonly bankName: string;
  readonly accountNumberMasked: string;
  readonly swiftBic: string | null;
  readonly taxId: string;
  readonly billingEmail: string;
  readonly acceptsCriteria: boolean;
}

/** "•••• 1234": a bank account number with everything but its last 4 digits hidden. */
export function maskAccountNumber(accountNumber: string): string {
  const compact = accountNumber.replace(/[^A-Za-z0-9]/g, '');
  return `•••• ${compact.length > 4 ? compact.slice(-4) : ''}`.trimEnd();
}

export function billingSummary(b: BillingDetails): BillingSummary {
  return {
    accountHolder: b.accountHolder,
    bankName: b.bankName,
    accountNumberMasked: maskAccountNumber(b.accountNumber),
    swiftBic: b.swiftBic ?? null,
    taxId: b.taxId,
    billingEmail: b.billingEmail,
    acceptsCriteria: b.acceptsCriteria,
  };
}

/** The purpose the billing details are sealed under (bound into the ciphertext). */
const BILLING_PURPOSE = 'Organization.billingDetails';

/** E1/PT3: the billing details as Organization.billingDetails keeps them: JSON, encrypted (FieldCipher). */
export function sealBillingDetails(ctx: Pick<DomainContext, 'cipher'>, b: BillingDetails): string {
  return ctx.cipher.seal(JSON.stringify(b), BILLING_PURPOSE);
}

/**
 * The whole stored billing details (Organization.billingDetails), decrypted; rows written before
 * encryption (plain JSON) read too. Null when none, or unreadable (wrong key, altered or malformed
 * value), which is logged as a warning (never the value).
 */
export function openBillingDetails(
  ctx: Pick<DomainContext, 'cipher' | 'log'>,
  stored: string | null,
  where: Readonly<Record<string, string>> = {},
): BillingDetails | null {
  if (!stored) return null;
  const opened = ctx.cipher.open(stored, BILLING_PURPOSE);
  if (!opened.ok) {
    ctx.log?.warn(
      { ...where, column: BILLING_PURPOSE },
      'billing details unreadable: they do not decrypt with DATA_ENCRYPTION_KEY (wrong key or altered value)',
    );
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(opened.plain);
  } catch {
    raw = undefined;
  }
  const parsed = billingDetailsSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.log?.warn({ ...where, column: BILLING_PURPOSE }, 'billing details unreadable: not valid billing details');
    return null;
  }
  return parsed.data;
}

/** The stored billing details as a summary (account number masked); null when none or unreadable. */
export function storedBillingSummary(
  ctx: Pick<DomainContext, 'cipher' | 'log'>,
  stored: string | null,
  where: Readonly<Record<string, string>> = {},
): BillingSummary | null {
  const b = openBillingDetails(ctx, stored, where);
  return b ? billingSummary(b) : null;
}

export const enrollInputSchema = z.object({
  partnerType: partnerTypeSchema,
  mpnId: mpnIdSchema,
  legalName: text(200),
  address: addressSchema,
  country,
  primaryContact: primaryContactSchema,
  supportContact: supportContactSchema,
  billing: billingDetailsSchema.optional(),
  locale: z.enum(['en-US', 'ko-KR']).optional(),
});
export type EnrollInput = z.infer<typeof enrollInputSchema>;
