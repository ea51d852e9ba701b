import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember, retryOnUnique } from '../shared/acting.js';
import { findMember } from '../shared/members.js';
import { audit, type AuditActor } from '../shared/audit.js';
import { isAppError, type ErrorCode } from '../shared/errors.js';
import { partnerTypeFlag, partnerTypeSchema, type PartnerType } from '../shared/partner-types.js';
import type { Tx } from '../shared/store.js';
import { asLinkStatus, linkAdminRoles } from '../partner-center/link-rules.js';
import { enrollmentStateSchema, openStates, type EnrollmentState } from './enrollment-rules.js';
import { transitionApplication } from './enrollment-transition.js';
import {
  partnerCenterComparisonOf,
  enteredProfile,
  type PartnerCenterComparison,
} from './partner-center-comparison.js';
import {
  evidenceVerdict,
  PARTNER_CENTER_DECIDER,
  profileDifferences,
  type PartnerCenterProfile,
} from './partner-center-evidence.js';

/** What reading Partner Center's profile came to (E-PC1, E-PC6). */
export type PartnerCenterProfileCheck =
  | {
      readonly checked: true;
      readonly comparison: PartnerCenterComparison;
      /** E-PC3: the partner types whose applications this check approved (empty: none now) */
      readonly approved: readonly PartnerType[];
    }
  /** E-PC6: Partner Center did not answer (or refused): nothing was changed, the stored comparison still shows */
  | { readonly checked: false; readonly reason: ErrorCode; readonly comparison: PartnerCenterComparison | null };

/** Audit rows of approvals on Partner Center's evidence name it, never a person. */
const partnerCenterActor: AuditActor = { ref: 'partner-center' };

/**
 * E-PC1–E-PC4, E-PC6: reads the organisation's profile from Partner Center (before any transaction), stores it as
 * the organisation's latest snapshot, and approves each of its open applications when Partner Center's profile
 * confirms it: Microsoft verified the partner and the MPN ID and country agree. The approval is recorded as
 * Partner Center's (history, audit with the evidence, the organisation told through the usual state-change notice,
 * the reviewers' not yet delivered review cards withdrawn; those delivered refresh to the decision). A blocking
 * difference keeps the application with the program administrators. Null when the deployment cannot read profiles
 * or the organisation has no working link (L5, L7). Partner Center down: nothing changes (E-PC6).
 */
export async function checkEnrollmentWithPartnerCenter(
  ctx: DomainContext,
  orgId: string,
  /** E-PC1 at linking: read only when an application waits (an enrolled organisation asks from the card) */
  opts: { readonly onlyIfOpen?: boolean } = {},
): Promise<PartnerCenterProfileCheck | null> {
  const read = ctx.partnerCenter?.profileOf?.bind(ctx.partnerCenter);
  if (!read) return null;
  if (opts.onlyIfOpen) {
    const open = await ctx.store.read.enrollmentApplication.count({
      where: { orgId, state: { in: [...openStates] } },
    });
    if (open === 0) return null;
  }
  const link = await ctx.store.read.partnerCenterLink.findUnique({
    where: { orgId },
    select: { status: true, refreshToken: true },
  });
  if (!link || link.refreshToken === null || asLinkStatus(link.status) !== 'active') return null;
  let profile: PartnerCenterProfile;
  try {
    profile = await read(orgId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    ctx.log?.warn({ orgId, code: error.code }, 'partner center profile not read');
    return {
      checked: false,
      reason: error.code,
      comparison: await partnerCenterComparisonOf(ctx.store.read, orgId),
    };
  }
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      await tx.partnerCenterProfileCheck.upsert({
        where: { orgId },
        create: { orgId, profile: JSON.stringify(profile), checkedAt: now },
        update: { profile: JSON.stringify(profile), checkedAt: now },
      });
      const approved = await approveOnEvidence(tx, orgId, profile, now);
      const comparison = await partnerCenterComparisonOf(tx, orgId);
      if (!comparison) throw new Error('the profile snapshot just written does not read back');
      return { checked: true as const, comparison, approved };
    }),
  );
}

/** E-PC3: each open application confirmed by Partner Center's profile goes to approved, recorded as its decision. */
async function approveOnEvidence(
  tx: Tx,
  orgId: string,
  profile: PartnerCenterProfile,
  now: Date,
): Promise<PartnerType[]> {
  const entered = await enteredProfile(tx, orgId);
  if (!entered) return [];
  const differences = profileDifferences(entered, profile);
  if (!evidenceVerdict(differences, profile).approves) return [];
  const open = await tx.enrollmentApplication.findMany({
    where: { orgId, state: { in: [...openStates] } },
    orderBy: { createdAt: 'asc' },
  });
  const approved: PartnerType[] = [];
  for (const app of open) {
    let state: EnrollmentState = enrollmentStateSchema.parse(app.state);
    let version = app.version;
    const step = { applicationId: app.id, who: partnerCenterActor, at: now, reason: null };
    // E5's path is kept: an application still waiting for the e-mail check goes through review, where Partner
    // Center's verification stands in for the program administrator's
    if (state === 'submitted' || state === 'awaiting_verification') {
      if (!(await transitionApplication(tx, { ...step, from: state, to: 'in_review', version }))) continue;
      state = 'in_review';
      version += 1;
    }
    const won = await transitionApplication(tx, {
      ...step,
      from: state,
      to: 'approved',
      version,
      set: { decidedByUserId: null, decidedByName: PARTNER_CENTER_DECIDER, decidedAt: now, rejectReason: null },
    });
    if (!won) continue;
    const partnerType = partnerTypeSchema.parse(app.partnerType);
    const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { onboardedAt: true } });
    await tx.organization.update({
      where: { id: orgId },
      data: { [partnerTypeFlag[partnerType]]: true, onboardedAt: org.onboardedAt ?? now },
    });
    // the reviewers' cards not yet delivered are withdrawn; delivered ones refresh to the decision (E5)
    await tx.outboxEvent.deleteMany({
      where: {
        type: 'enrollment.review_requested',
        idempotencyKey: { startsWith: `enrollment.review_requested:${app.id}:` },
        status: 'pending',
        leaseOwner: null,
      },
    });
    await audit(tx, partnerCenterActor, now, {
      orgId,
      action: 'enrollment.approved_on_partner_center_evidence',
      entity: 'EnrollmentApplication',
      entityId: app.id,
      detail: {
        rule: 'E-PC3',
        partnerType,
        mpnId: profile.mpnId,
        country: profile.country,
        vettingStatus: 'authorized',
        differences: differences.map((d) => d.field),
      },
    });
    approved.push(partnerType);
  }
  return approved;
}

/** E-PC1: whether this deployment can read profiles from Partner Center (the card offers the button only then). */
export function canReadPartnerCenterProfiles(ctx: DomainContext): boolean {
  return ctx.partnerCenter?.profileOf !== undefined;
}

/**
 * E-PC1 from the `partner center` card: its administrators (L1: global admin, admin agent; others ROLE_REQUIRED)
 * read their organisation's profile from Partner Center now.
 */
export async function checkOwnEnrollmentWithPartnerCenter(
  ctx: DomainContext,
  actor: Actor,
): Promise<PartnerCenterProfileCheck | null> {
  const member = await actingMember(ctx.store.read, actor, linkAdminRoles);
  return checkEnrollmentWithPartnerCenter(ctx, member.orgId);
}

/**
 * E-PC5: the last comparison with Partner Center's profile, for any user of the organisation (`status`, `profile`);
 * read from the stored snapshot, never from Partner Center. Null when none (or no organisation).
 */
export async function viewPartnerCenterComparison(
  ctx: DomainContext,
  actor: Actor,
): Promise<PartnerCenterComparison | null> {
  const member = await findMember(ctx.store.read, actor);
  return member ? partnerCenterComparisonOf(ctx.store.read, member.orgId) : null;
}
