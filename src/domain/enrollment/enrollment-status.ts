import type { Actor, DomainContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';
import { enrollmentStateSchema, type EnrollmentState } from './enrollment-rules.js';
import { orgPartnerTypes, partnerTypeSchema, type PartnerType } from '../shared/partner-types.js';
import { findMember, knownNotAMember } from '../shared/members.js';
import { checklist, readinessByType, type ReadinessChecklist, type TypeReadiness } from './readiness.js';

export interface ApplicationView {
  readonly id: string;
  readonly partnerType: PartnerType;
  readonly state: EnrollmentState;
  readonly rejectReason: string | null;
  readonly decidedByName: string | null;
  readonly decidedAt: Date | null;
  readonly history: readonly { from: EnrollmentState | null; to: EnrollmentState; at: Date; reason: string | null }[];
}

export interface EnrollmentStatus {
  readonly orgId: string;
  readonly legalName: string;
  readonly mpnId: string;
  readonly country: string;
  readonly partnerTypes: readonly PartnerType[];
  readonly primaryContactVerified: boolean;
  readonly applications: readonly ApplicationView[];
  /** E8 */
  readonly checklist: ReadinessChecklist;
  /** E8/PT1/PT3/M1: one checklist per partner type held or applied for (the reseller's when none) */
  readonly readiness: readonly TypeReadiness[];
}

/**
 * E5/E8: where the actor's organisation stands: its applications with their history, the E8
 * checklist (onboarded, enrolled as indirect reseller, MPA signed) and one checklist per partner type
 * it holds or applied for (PT1/PT3/M1: a direct-bill partner does not owe E8's reseller items). Open to
 * every user of the organisation; an actor whose tenant has no organisation yet gets NOT_A_PARTNER_USER.
 */
export async function enrollmentStatus(ctx: DomainContext, actor: Actor): Promise<EnrollmentStatus> {
  // `enroll` asks first thing, mostly for people of no organisation yet: the turn's facts answer without a transaction
  if (knownNotAMember(actor)) throw new AppError('NOT_A_PARTNER_USER');
  return ctx.store.transaction(async (tx) => {
    const member = await findMember(tx, actor);
    if (!member) throw new AppError('NOT_A_PARTNER_USER');
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      include: {
        contacts: { where: { kind: 'primary' } },
        applications: { orderBy: { createdAt: 'asc' }, include: { history: { orderBy: { at: 'asc' } } } },
        _count: { select: { mpaAcceptances: true } },
      },
    });
    return {
      orgId: org.id,
      legalName: org.legalName,
      mpnId: org.mpnId,
      country: org.country,
      partnerTypes: orgPartnerTypes(org),
      primaryContactVerified: org.contacts[0]?.verifiedAt != null,
      applications: org.applications.map((a) => ({
        id: a.id,
        partnerType: partnerTypeSchema.parse(a.partnerType),
        state: enrollmentStateSchema.parse(a.state),
        rejectReason: a.rejectReason,
        decidedByName: a.decidedByName,
        decidedAt: a.decidedAt,
        history: a.history.map((h) => ({
          from: h.fromState === null ? null : enrollmentStateSchema.parse(h.fromState),
          to: enrollmentStateSchema.parse(h.toState),
          at: h.at,
          reason: h.reason,
        })),
      })),
      checklist: checklist({
        onboardedAt: org.onboardedAt,
        isReseller: org.isReseller,
        mpaCount: org._count.mpaAcceptances,
      }),
      readiness: readinessByType({
        onboardedAt: org.onboardedAt,
        mpaCount: org._count.mpaAcceptances,
        held: orgPartnerTypes(org),
        appliedFor: org.applications
          .filter((a) => a.state !== 'rejected')
          .map((a) => partnerTypeSchema.parse(a.partnerType)),
        lastRejected: partnerTypeSchema
          .optional()
          .parse(org.applications.findLast((a) => a.state === 'rejected')?.partnerType),
      }),
    };
  });
}
