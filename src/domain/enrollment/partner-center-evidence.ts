import { z } from 'zod';
import { partnerTypeSchema, type PartnerType } from '../shared/partner-types.js';

/*
 * E-PC1–E-PC7 (docs/partner-center.md, issue 17 item 3): enrollment from Partner Center. A linked organisation's
 * profile as Partner Center holds it is evidence Microsoft already verified; what the organisation entered is
 * compared with it, field by field. These are the pure rules; the use case is confirm-with-partner-center.ts.
 */

/** E-PC1: the organisation as Partner Center's profiles describe it (no HTTP here: the port reads it). */
export const partnerCenterProfileSchema = z.object({
  /** LegalBusinessProfile.companyName */
  legalName: z.string(),
  /** LegalBusinessProfile.address (country is the two-letter code) */
  address: z.object({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    postalCode: z.string().nullable(),
  }),
  country: z.string(),
  /** LegalBusinessProfile.primaryContact */
  primaryContact: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }),
  /** MpnProfile.mpnId */
  mpnId: z.string(),
  /**
   * E-PC2: the CSP partner types Partner Center's relationships show: indirect reseller when it lists indirect
   * providers (IsIndirectResellerOf), indirect provider when it lists indirect resellers
   * (IsIndirectCloudSolutionProviderOf). The profiles name no type, so an empty list proves nothing.
   */
  partnerTypes: z.array(partnerTypeSchema),
  /** LegalBusinessProfile.vettingStatus is "authorized": Microsoft verified the partner */
  verified: z.boolean(),
});
export type PartnerCenterProfile = z.infer<typeof partnerCenterProfileSchema>;

/** What the organisation entered (and may since have edited): the local side of the comparison. */
export interface EnteredProfile {
  readonly legalName: string;
  readonly address: {
    readonly line1: string;
    readonly line2: string | null;
    readonly city: string;
    readonly state: string | null;
    readonly postalCode: string;
  };
  readonly country: string;
  readonly primaryContact: { readonly name: string | null; readonly email: string } | null;
  readonly mpnId: string;
  /** types held, and applied for while open */
  readonly partnerTypes: readonly PartnerType[];
}

export const profileFields = ['legalName', 'address', 'primaryContact', 'mpnId', 'country', 'partnerTypes'] as const;
export type ProfileField = (typeof profileFields)[number];

/** One field that differs: both values as a reader sees them (partner types as codes, to be named by the reader). */
export type ProfileDifference =
  | {
      readonly field: Exclude<ProfileField, 'partnerTypes'>;
      readonly entered: string;
      readonly partnerCenter: string;
      /** E-PC4: the program's rules care (MPN ID, country): local review stays */
      readonly blocking: boolean;
    }
  | {
      readonly field: 'partnerTypes';
      readonly entered: readonly PartnerType[];
      readonly partnerCenter: readonly PartnerType[];
      readonly blocking: false;
    };

/** Case, spacing and punctuation do not make a difference ("Contoso, Ltd." = "contoso ltd"). */
export function normalized(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.,'’"-]+/g, ' ')
    .trim();
}

const addressText = (a: {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
}): string => [a.line1, a.line2, a.city, a.state, a.postalCode].filter((x) => x !== null && x.trim() !== '').join(', ');

const contactText = (c: { name: string | null; email: string } | null): string =>
  c === null ? '' : c.name ? `${c.name} <${c.email}>` : c.email;

/** A person's name in either order ("Min Kim" = "Kim Min"), Partner Center keeping first and last apart. */
function sameName(entered: string | null, pc: string): boolean {
  const a = normalized(entered).split(' ').filter(Boolean).sort().join(' ');
  const b = normalized(pc).split(' ').filter(Boolean).sort().join(' ');
  return a === b;
}

/**
 * E-PC2: the fields where what the organisation entered differs from Partner Center's profile. MPN ID and
 * country differences are blocking (E-PC4); the others are shown, never acted on. Partner types differ only when
 * Partner Center shows a type (E-PC2: an empty list proves nothing).
 */
export function profileDifferences(entered: EnteredProfile, pc: PartnerCenterProfile): ProfileDifference[] {
  const out: ProfileDifference[] = [];
  if (normalized(entered.legalName) !== normalized(pc.legalName)) {
    out.push({ field: 'legalName', entered: entered.legalName, partnerCenter: pc.legalName, blocking: false });
  }
  const e = entered.address;
  const p = pc.address;
  const sameAddress =
    normalized(e.line1) === normalized(p.line1) &&
    normalized(e.line2) === normalized(p.line2) &&
    normalized(e.city) === normalized(p.city) &&
    normalized(e.state) === normalized(p.state) &&
    normalized(e.postalCode).replace(/ /g, '') === normalized(p.postalCode).replace(/ /g, '');
  if (!sameAddress) {
    out.push({ field: 'address', entered: addressText(e), partnerCenter: addressText(p), blocking: false });
  }
  const c = entered.primaryContact;
  const sameContact =
    c !== null &&
    c.email.trim().toLowerCase() === pc.primaryContact.email.trim().toLowerCase() &&
    sameName(c.name, pc.primaryContact.name);
  if (!sameContact) {
    out.push({
      field: 'primaryContact',
      entered: contactText(c),
      partnerCenter: contactText(pc.primaryContact),
      blocking: false,
    });
  }
  if (entered.mpnId.trim() !== pc.mpnId.trim()) {
    out.push({ field: 'mpnId', entered: entered.mpnId, partnerCenter: pc.mpnId, blocking: true });
  }
  if (entered.country.trim().toUpperCase() !== pc.country.trim().toUpperCase()) {
    out.push({
      field: 'country',
      entered: entered.country.toUpperCase(),
      partnerCenter: pc.country.toUpperCase(),
      blocking: true,
    });
  }
  const mine = [...new Set(entered.partnerTypes)].sort();
  const theirs = [...new Set(pc.partnerTypes)].sort();
  if (theirs.length > 0 && mine.join() !== theirs.join()) {
    out.push({ field: 'partnerTypes', entered: mine, partnerCenter: theirs, blocking: false });
  }
  return out;
}

/** Why Partner Center's profile does not approve an application on its own (E-PC4). */
export type KeptForReview = 'mpn_id_differs' | 'country_differs' | 'not_verified';

/**
 * E-PC3/E-PC4: Partner Center's profile approves an open application when Microsoft verified the partner and the
 * MPN ID and country agree; otherwise the application stays with the program administrators, for these reasons.
 */
export function evidenceVerdict(
  differences: readonly ProfileDifference[],
  pc: Pick<PartnerCenterProfile, 'verified'>,
): { readonly approves: true } | { readonly approves: false; readonly reasons: readonly KeptForReview[] } {
  const reasons: KeptForReview[] = [];
  if (differences.some((d) => d.field === 'mpnId')) reasons.push('mpn_id_differs');
  if (differences.some((d) => d.field === 'country')) reasons.push('country_differs');
  if (!pc.verified) reasons.push('not_verified');
  return reasons.length === 0 ? { approves: true } : { approves: false, reasons };
}

/** The name an approval on Partner Center's evidence is recorded under (a product's name, the same in every language). */
export const PARTNER_CENTER_DECIDER = 'Microsoft Partner Center';
