import type { ActorFacts } from '../shared/actor-facts.js';
import { type Actor, type DomainContext, type Member, isProgramAdmin } from '../shared/context.js';
import { AppError } from '../shared/errors.js';
import { findMember } from '../shared/members.js';
import { orgPartnerTypes, type PartnerType } from '../shared/partner-types.js';
import { hasAnyRole, mpaSignerRoles, resellerWorkflowRoles, userManagerRoles, type Role } from '../shared/roles.js';
import { openStates, type EnrollmentState } from '../enrollment/enrollment-rules.js';
import type { Tx } from '../shared/store.js';

/*
 * Guided cards (issue 14 item 4): what THIS person can do now, judged by the organisation's enrollment state, its
 * partner types and the person's roles (U3), and which commands do not apply to the organisation's type at all.
 * The bot turns each step into a button; the rules live here, once.
 */

/** The actions a person can be offered; the bot maps each to the command of the same id (one it lacks is left out). */
export const guideSteps = [
  'enroll',
  'status',
  'signAgreement',
  'agreementStatus',
  'findProvider',
  'inviteCustomer',
  'providers',
  'inviteReseller',
  'resellers',
  'addCustomer',
  'requests',
  'customers',
  'users',
  'addUser',
  'adminConsole',
] as const;
export type GuideStep = (typeof guideSteps)[number];

/** Where the person's organisation stands, as the guide sees it. */
export type GuideStage = 'not_enrolled' | 'awaiting_verification' | 'in_review' | 'rejected' | 'onboarded';

export interface Guide {
  readonly stage: GuideStage;
  readonly partnerTypes: readonly PartnerType[];
  readonly roles: readonly Role[];
  readonly programAdmin: boolean;
  /** what to offer, most pressing first */
  readonly steps: readonly GuideStep[];
}

/** Pure: the steps from the facts (tested on its own and through `guideFor`). */
export function stepsFor(facts: {
  stage: GuideStage;
  partnerTypes: readonly PartnerType[];
  roles: readonly Role[];
  mpaSigned: boolean;
  programAdmin: boolean;
}): GuideStep[] {
  const steps: GuideStep[] = [];
  const { stage, partnerTypes, roles, programAdmin } = facts;
  if (stage === 'not_enrolled' || stage === 'rejected') steps.push('enroll');
  if (stage !== 'not_enrolled') steps.push('status');
  if (stage === 'onboarded') {
    const workflow = hasAnyRole({ roles }, resellerWorkflowRoles);
    if (!facts.mpaSigned) steps.push(hasAnyRole({ roles }, mpaSignerRoles) ? 'signAgreement' : 'agreementStatus');
    if (partnerTypes.includes('indirect_reseller') && workflow) {
      steps.push('findProvider', 'inviteCustomer', 'providers');
    }
    if (partnerTypes.includes('indirect_provider') && workflow) {
      steps.push('inviteReseller', 'resellers', 'addCustomer', 'requests');
    }
    if (workflow && (partnerTypes.includes('indirect_reseller') || partnerTypes.includes('direct_bill'))) {
      steps.push('customers');
    }
    if (hasAnyRole({ roles }, userManagerRoles)) steps.push('users', 'addUser');
  }
  if (programAdmin) steps.push('adminConsole');
  return [...new Set(steps)];
}

function stageOf(states: readonly EnrollmentState[], onboarded: boolean): GuideStage {
  if (onboarded) return 'onboarded';
  if (states.includes('in_review')) return 'in_review';
  if (states.some((s) => openStates.includes(s))) return 'awaiting_verification';
  if (states.includes('rejected')) return 'rejected';
  return 'not_enrolled';
}

/**
 * What the actor can do now. Open to anyone in Teams: a person whose tenant has no organisation is offered
 * `enroll` (and the console when they are a program administrator); never refuses.
 */
export async function guideFor(ctx: DomainContext, actor: Actor): Promise<Guide> {
  const programAdmin = await isProgramAdmin(ctx, actor);
  // the turn's facts hold everything the guide reads (issue 15): no transaction for a snapshot already taken
  if (actor.facts) {
    const member = await findMember(ctx.store.read, actor);
    const org = actor.facts.org;
    if (member === null) return guideOf(programAdmin, null);
    if (org && member.orgId === actor.facts.user?.orgId) return guideOf(programAdmin, { member, org });
  }
  return ctx.store.transaction(async (tx) => {
    const member = await findMember(tx, actor);
    if (!member) return guideOf(programAdmin, null);
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      select: {
        isReseller: true,
        isProvider: true,
        isDirectBill: true,
        onboardedAt: true,
        applications: { select: { state: true } },
        _count: { select: { mpaAcceptances: true } },
      },
    });
    return guideOf(programAdmin, {
      member,
      org: {
        ...org,
        onboarded: org.onboardedAt !== null,
        applicationStates: org.applications.map((a) => a.state),
        mpaSigned: org._count.mpaAcceptances > 0,
      },
    });
  });
}

type GuideOrg = Pick<
  NonNullable<ActorFacts['org']>,
  'isReseller' | 'isProvider' | 'isDirectBill' | 'onboarded' | 'applicationStates' | 'mpaSigned'
>;

function guideOf(programAdmin: boolean, of: { member: Member; org: GuideOrg } | null): Guide {
  if (!of) {
    const stage: GuideStage = 'not_enrolled';
    return {
      stage,
      partnerTypes: [],
      roles: [],
      programAdmin,
      steps: stepsFor({ stage, partnerTypes: [], roles: [], mpaSigned: false, programAdmin }),
    };
  }
  const { member, org } = of;
  const stage = stageOf(org.applicationStates as EnrollmentState[], org.onboarded);
  const partnerTypes = orgPartnerTypes(org);
  return {
    stage,
    partnerTypes,
    roles: member.roles,
    programAdmin,
    steps: stepsFor({ stage, partnerTypes, roles: member.roles, mpaSigned: org.mpaSigned, programAdmin }),
  };
}

/** The partner type each type-bound action needs (P1/P10 provider side, P10/C1 reseller side, S1 provider). */
export const typeBoundActions = {
  inviteReseller: 'indirect_provider',
  resellers: 'indirect_provider',
  addCustomer: 'indirect_provider',
  findProvider: 'indirect_reseller',
  inviteCustomer: 'indirect_reseller',
} as const satisfies Partial<Record<GuideStep, PartnerType>>;
export type TypeBoundAction = keyof typeof typeBoundActions;

async function requireTypeIn(tx: Tx, actor: Actor, type: PartnerType): Promise<void> {
  const member = await findMember(tx, actor);
  if (!member) throw new AppError('NOT_A_PARTNER_USER');
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: member.orgId },
    select: { legalName: true, isReseller: true, isProvider: true, isDirectBill: true },
  });
  if (orgPartnerTypes(org).includes(type)) return;
  throw new AppError(type === 'indirect_provider' ? 'NOT_INDIRECT_PROVIDER' : 'NOT_INDIRECT_RESELLER', {
    org: org.legalName,
  });
}

/**
 * Guided cards: refuses at once, with the reason, an action that does not apply to the actor's organisation's
 * partner type (NOT_INDIRECT_PROVIDER / NOT_INDIRECT_RESELLER naming the organisation; NOT_A_PARTNER_USER for
 * someone of no organisation). The bot calls it before it opens a form; the use cases still check on submit.
 */
export async function requireActionApplies(ctx: DomainContext, actor: Actor, action: TypeBoundAction): Promise<void> {
  await requireTypeIn(ctx.store.read, actor, typeBoundActions[action]);
}
