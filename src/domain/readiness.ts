import { AppError } from './errors.js';
import type { Tx } from './store.js';

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
export function checklist(facts: { onboardedAt: Date | null; isReseller: boolean; mpaCount: number }): ReadinessChecklist {
  const onboarded = facts.onboardedAt !== null;
  const enrolledAsIndirectReseller = facts.isReseller;
  const mpaSigned = facts.mpaCount > 0;
  return { onboarded, enrolledAsIndirectReseller, mpaSigned, readyToTransact: onboarded && enrolledAsIndirectReseller && mpaSigned };
}

/**
 * PT3/M1: what a direct-bill partner needs before it transacts (it buys directly from Microsoft, so
 * E8's reseller items do not apply to it): onboarded, enrolled as a direct-bill partner, MPA signed.
 */
export interface DirectBillChecklist {
  readonly onboarded: boolean;
  readonly enrolledAsDirectBill: boolean;
  readonly mpaSigned: boolean;
  readonly readyToTransact: boolean;
}

/** Pure: the direct-bill checklist from the facts. */
export function directBillChecklist(facts: { onboardedAt: Date | null; isDirectBill: boolean; mpaCount: number }): DirectBillChecklist {
  const onboarded = facts.onboardedAt !== null;
  const mpaSigned = facts.mpaCount > 0;
  return { onboarded, enrolledAsDirectBill: facts.isDirectBill, mpaSigned, readyToTransact: onboarded && facts.isDirectBill && mpaSigned };
}

export async function readinessOf(tx: Tx, orgId: string): Promise<ReadinessChecklist & { legalName: string }> {
  const org = await tx.organization.findUnique({
    where: { id: orgId },
    select: { legalName: true, onboardedAt: true, isReseller: true, _count: { select: { mpaAcceptances: true } } },
  });
  if (!org) throw new AppError('NOT_FOUND', { entity: 'organization' });
  return { legalName: org.legalName, ...checklist({ onboardedAt: org.onboardedAt, isReseller: org.isReseller, mpaCount: org._count.mpaAcceptances }) };
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
