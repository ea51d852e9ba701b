import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { requireRole, type Role } from '../shared/roles.js';
import { AppError, parseInput } from '../shared/errors.js';
import { recordSubmitted, transitionApplication } from './enrollment-transition.js';
import { openStates, supportContactSchema, type EnrollmentState } from './enrollment-rules.js';
import { partnerTypeFlag } from '../shared/partner-types.js';
import { requireMember, requireOnboarded } from '../shared/members.js';
import { audit } from '../shared/audit.js';
import { notifyReviewers } from './notify-reviewers.js';

export const addPartnerTypeInput = z.object({
  /** E6 covers adding the indirect-reseller type; other additions need a full application. */
  partnerType: z.literal('indirect_reseller'),
  supportContact: supportContactSchema,
});

/** E6/E7: who may add a partner type for the organisation. */
export const addPartnerTypeRoles: readonly Role[] = ['global_admin', 'admin_agent'];

export interface AddPartnerTypeResult {
  readonly orgId: string;
  readonly applicationId: string;
  readonly state: EnrollmentState;
}

/**
 * E6: an organisation already enrolled in CSP (e.g. as a direct-bill partner or a provider) adds
 * the indirect-reseller type by supplying only its customer-support contact. Its primary contact
 * was verified when it first enrolled (E4), so the application goes straight to review.
 * Repeating the call while the application is open returns it.
 */
export async function addPartnerType(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof addPartnerTypeInput>,
): Promise<AddPartnerTypeResult> {
  const data = parseInput(addPartnerTypeInput, input);
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    requireRole(member, addPartnerTypeRoles);
    await requireOnboarded(tx, member.orgId);
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      include: { applications: true },
    });
    if (org[partnerTypeFlag[data.partnerType]])
      throw new AppError('ALREADY_ENROLLED', { partnerType: data.partnerType });
    const open = org.applications.find((a) => openStates.includes(a.state as EnrollmentState));
    if (open) {
      if (open.partnerType === data.partnerType)
        return { orgId: org.id, applicationId: open.id, state: open.state as EnrollmentState };
      throw new AppError('APPLICATION_IN_PROGRESS', { partnerType: open.partnerType, state: open.state });
    }
    const who = { userId: member.userId, ref: actor.aadObjectId };
    await tx.contact.upsert({
      where: { orgId_kind: { orgId: org.id, kind: 'support' } },
      create: { orgId: org.id, kind: 'support', ...data.supportContact },
      update: { ...data.supportContact },
    });
    await audit(tx, who, now, {
      orgId: org.id,
      action: 'contact.support_updated',
      entity: 'Organization',
      entityId: org.id,
      detail: data.supportContact,
    });
    const app = await tx.enrollmentApplication.create({
      data: {
        orgId: org.id,
        partnerType: data.partnerType,
        state: 'submitted',
        submittedByUserId: member.userId,
        createdAt: now,
      },
    });
    await recordSubmitted(tx, app.id, org.id, who, now, { partnerType: data.partnerType, addedType: true });
    const moved = await transitionApplication(tx, {
      applicationId: app.id,
      from: 'submitted',
      to: 'in_review',
      version: 0,
      who,
      at: now,
    });
    if (!moved) throw new AppError('CONFLICT');
    await notifyReviewers(tx, ctx, app.id);
    return { orgId: org.id, applicationId: app.id, state: 'in_review' };
  });
}
