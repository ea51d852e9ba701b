import type { PartnerType } from '../shared/partner-types.js';
import { AppError } from '../shared/errors.js';
import type { Tx } from '../shared/store.js';

/** E8 checklist for an organisation: what it needs before it transacts as an indirect reseller. */
export interface ReadinessChecklist {
  /** E8(a): an enrollment has been approved */
  readonly onboarded: boolean;
  /** E8(b) */
  readonly enrolledAsIndirectReseller: boolean;
  /** E8(c), M1 */
  readonly mpaSigned: boolean;
  /** all three */
  readonly readyToTransact: boolean;
}

/** Pure: the E8 checklist from the facts. */
export function checklist(facts: {
  onboardedAt: Date | null;
  isReseller: boolean;
  mpaCount: number;
}): ReadinessChecklist {
  const onboarded = facts.onboardedAt !== null;
  const enrolledAsIndirectReseller = facts.isReseller;
  const mpaSigned = facts.mpaCount > 0;
  return {
    onboarded,
    enrolledAsIndirectReseller,
    mpaSigned,
    readyToTransact: onboarded && enrolledAsIndirectReseller && mpaSigned,
  };
}

/** One partner type's readiness: the steps it needs before it transacts (E8 for the reseller, M1 for every type). */
export interface TypeReadiness {
  readonly partnerType: PartnerType;
  readonly steps: readonly { readonly step: 'onboarded' | 'enrolled' | 'mpaSigned'; readonly done: boolean }[];
  readonly readyToTransact: boolean;
}

/**
 * Pure: a checklist for each partner type the organisation holds or applied for (E8 for the indirect
 * reseller; PT1/PT3/M1 for the provider and the direct-bill partner: onboarded, enrolled as that type,
 * MPA signed). An organisation with no type and no application yet gets the reseller's (E8), the
 * path most enrollments take. A type the organisation neither holds nor asked for is not a step it owes.
 */
export function readinessByType(facts: {
  onboardedAt: Date | null;
  mpaCount: number;
  held: readonly PartnerType[];
  appliedFor: readonly PartnerType[];
  /** the type of the latest rejected application: shown when there is nothing else, so a rejected applicant sees what it applied for */
  lastRejected?: PartnerType | undefined;
}): TypeReadiness[] {
  const order: readonly PartnerType[] = ['indirect_reseller', 'indirect_provider', 'direct_bill'];
  const wanted = new Set<PartnerType>([...facts.held, ...facts.appliedFor]);
  if (wanted.size === 0) wanted.add(facts.lastRejected ?? 'indirect_reseller');
  const onboarded = facts.onboardedAt !== null;
  const mpaSigned = facts.mpaCount > 0;
  return order
    .filter((type) => wanted.has(type))
    .map((partnerType) => {
      const enrolled = facts.held.includes(partnerType);
      return {
        partnerType,
        steps: [
          { step: 'onboarded' as const, done: onboarded },
          { step: 'enrolled' as const, done: enrolled },
          { step: 'mpaSigned' as const, done: mpaSigned },
        ],
        readyToTransact: onboarded && enrolled && mpaSigned,
      };
    });
}

export async function readinessOf(tx: Tx, orgId: string): Promise<ReadinessChecklist & { legalName: string }> {
  const org = await tx.organization.findUnique({
    where: { id: orgId },
    select: { legalName: true, onboardedAt: true, isReseller: true, _count: { select: { mpaAcceptances: true } } },
  });
  if (!org) throw new AppError('NOT_FOUND', { entity: 'organization' });
  return {
    legalName: org.legalName,
    ...checklist({ onboardedAt: org.onboardedAt, isReseller: org.isReseller, mpaCount: org._count.mpaAcceptances }),
  };
}

/** M1/M2: any signed version of the MPA counts. Throws MPA_NOT_SIGNED naming the organisation. */
export async function requireMpaSigned(tx: Tx, orgId: string): Promise<void> {
  const r = await readinessOf(tx, orgId);
  if (!r.mpaSigned) throw new AppError('MPA_NOT_SIGNED', { org: r.legalName });
}

/**
 * E8/M2: a reseller may transact new business only when onboarded, enrolled as an indirect
 * reseller and signed up to the MPA; throws the code of the first missing item.
 */
export async function requireReadyToTransact(tx: Tx, resellerId: string): Promise<void> {
  const r = await readinessOf(tx, resellerId);
  if (!r.onboarded) throw new AppError('NOT_ONBOARDED');
  if (!r.enrolledAsIndirectReseller) throw new AppError('NOT_INDIRECT_RESELLER', { org: r.legalName });
  if (!r.mpaSigned) throw new AppError('MPA_NOT_SIGNED', { org: r.legalName });
}
