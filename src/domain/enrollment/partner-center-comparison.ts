import { orgPartnerTypes, partnerTypeSchema, type PartnerType } from '../shared/partner-types.js';
import type { Tx } from '../shared/store.js';
import { openStates, type EnrollmentState } from './enrollment-rules.js';
import {
  evidenceVerdict,
  PARTNER_CENTER_DECIDER,
  partnerCenterProfileSchema,
  profileDifferences,
  type EnteredProfile,
  type KeptForReview,
  type PartnerCenterProfile,
  type ProfileDifference,
} from './partner-center-evidence.js';

/**
 * E-PC5: what the `partner center` card, `status` and `profile` show about Partner Center's profile: when it was
 * read, how what the organisation entered differs from it, and what that meant for its application.
 */
export interface PartnerCenterComparison {
  readonly checkedAt: Date;
  readonly differences: readonly ProfileDifference[];
  /** E-PC4: an application is still open and stays with the program administrators, for these reasons */
  readonly keptForReview: readonly KeptForReview[];
  /** E-PC3: an application of the organisation was approved on Partner Center's evidence */
  readonly approvedOnEvidence: boolean;
}

/** Reads the stored snapshot (E-PC5: no Partner Center call); a snapshot that no longer parses counts as none. */
export async function storedPartnerCenterProfile(tx: Tx, orgId: string): Promise<PartnerCenterProfile | null> {
  const row = await tx.partnerCenterProfileCheck.findUnique({ where: { orgId }, select: { profile: true } });
  if (!row) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(row.profile);
  } catch {
    return null;
  }
  const parsed = partnerCenterProfileSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The organisation as it entered itself (and has edited since), with the types it holds or applied for. */
export async function enteredProfile(tx: Tx, orgId: string): Promise<EnteredProfile | null> {
  const org = await tx.organization.findUnique({
    where: { id: orgId },
    include: {
      contacts: { where: { kind: 'primary' } },
      applications: { select: { partnerType: true, state: true } },
    },
  });
  if (!org) return null;
  const types = new Set<PartnerType>(orgPartnerTypes(org));
  for (const a of org.applications) {
    if (openStates.includes(a.state as EnrollmentState)) types.add(partnerTypeSchema.parse(a.partnerType));
  }
  const primary = org.contacts[0];
  return {
    legalName: org.legalName,
    address: {
      line1: org.addressLine1,
      line2: org.addressLine2,
      city: org.city,
      state: org.state,
      postalCode: org.postalCode,
    },
    country: org.country,
    primaryContact: primary ? { name: primary.name, email: primary.email } : null,
    mpnId: org.mpnId,
    partnerTypes: [...types],
  };
}

/** E-PC5: the comparison from the stored snapshot, or null when Partner Center's profile was never read. */
export async function partnerCenterComparisonOf(tx: Tx, orgId: string): Promise<PartnerCenterComparison | null> {
  const row = await tx.partnerCenterProfileCheck.findUnique({ where: { orgId }, select: { checkedAt: true } });
  if (!row) return null;
  const [pc, entered, apps] = await Promise.all([
    storedPartnerCenterProfile(tx, orgId),
    enteredProfile(tx, orgId),
    tx.enrollmentApplication.findMany({
      where: { orgId },
      select: { state: true, decidedByName: true, decidedByUserId: true },
    }),
  ]);
  if (!pc || !entered) return null;
  const differences = profileDifferences(entered, pc);
  const verdict = evidenceVerdict(differences, pc);
  const open = apps.some((a) => openStates.includes(a.state as EnrollmentState));
  return {
    checkedAt: row.checkedAt,
    differences,
    keptForReview: open && !verdict.approves ? verdict.reasons : [],
    approvedOnEvidence: apps.some(
      (a) => a.state === 'approved' && a.decidedByUserId === null && a.decidedByName === PARTNER_CENTER_DECIDER,
    ),
  };
}
