import { z } from 'zod';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { enrollmentStateSchema, type EnrollmentState } from './enrollment-rules.js';
import { partnerTypeFlag, partnerTypeSchema } from '../shared/partner-types.js';
import { transitionApplication } from './enrollment-transition.js';
import type { Tx } from '../shared/store.js';

export const reviewEnrollmentInput = z.discriminatedUnion('decision', [
  z.object({
    applicationId: z.string().min(1),
    decision: z.literal('approve'),
    reason: z.string().trim().max(1000).optional(),
  }),
  z.object({
    applicationId: z.string().min(1),
    decision: z.literal('reject'),
    reason: z.string().trim().max(1000).optional(),
  }),
]);

export interface ReviewResult {
  readonly applicationId: string;
  readonly orgId: string;
  readonly state: Extract<EnrollmentState, 'approved' | 'rejected'>;
  readonly decidedByName: string;
  readonly decidedAt: Date;
  /** true when this call found its own decision already recorded (a retried invoke) */
  readonly repeated: boolean;
}

async function alreadyDecided(
  tx: Tx,
  applicationId: string,
  actor: Actor,
  want: 'approved' | 'rejected',
): Promise<ReviewResult> {
  const app = await tx.enrollmentApplication.findUniqueOrThrow({ where: { id: applicationId } });
  const state = enrollmentStateSchema.parse(app.state);
  if ((state === 'approved' || state === 'rejected') && app.decidedAt) {
    if (state === want && app.decidedByUserId === actor.aadObjectId) {
      return {
        applicationId,
        orgId: app.orgId,
        state,
        decidedByName: app.decidedByName ?? '',
        decidedAt: app.decidedAt,
        repeated: true,
      };
    }
    throw new AppError('ALREADY_DECIDED', {
      by: app.decidedByName ?? '?',
      at: app.decidedAt.toISOString(),
      decision: state,
    });
  }
  if (state === 'awaiting_verification' || state === 'submitted') throw new AppError('EMAIL_NOT_VERIFIED');
  throw new AppError('CONFLICT');
}

/**
 * E5: a program administrator approves or rejects an application in review (a rejection needs
 * a reason). The decision is a conditional update on state and version: of two decisions at
 * once exactly one is recorded; the other gets ALREADY_DECIDED naming who decided and when
 * (the same administrator repeating the same decision gets the recorded result back).
 * Approval sets the partner-type flag and, the first time, onboards the organisation (E8a).
 * Each state change writes history, audit and notifications (primary contact, org channel).
 */
export async function reviewEnrollment(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof reviewEnrollmentInput>,
): Promise<ReviewResult> {
  await requireProgramAdmin(ctx, actor);
  const data = parseInput(reviewEnrollmentInput, input);
  const reason = data.reason?.trim() || null;
  if (data.decision === 'reject' && !reason) throw new AppError('REASON_REQUIRED');
  const to = data.decision === 'approve' ? 'approved' : 'rejected';
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const app = await tx.enrollmentApplication.findUnique({
      where: { id: data.applicationId },
      include: { org: true },
    });
    if (!app) throw new AppError('NOT_FOUND', { entity: 'application' });
    if (enrollmentStateSchema.parse(app.state) !== 'in_review') return alreadyDecided(tx, app.id, actor, to);
    const won = await transitionApplication(tx, {
      applicationId: app.id,
      from: 'in_review',
      to,
      version: app.version,
      who: { ref: actor.aadObjectId, name: actor.name, ...(actor.email ? { email: actor.email } : {}) },
      reason,
      at: now,
      set: {
        decidedByUserId: actor.aadObjectId,
        decidedByName: actor.name,
        decidedAt: now,
        rejectReason: to === 'rejected' ? reason : null,
      },
    });
    if (!won) return alreadyDecided(tx, app.id, actor, to);
    if (to === 'approved') {
      const flag = partnerTypeFlag[partnerTypeSchema.parse(app.partnerType)];
      await tx.organization.update({
        where: { id: app.orgId },
        data: { [flag]: true, onboardedAt: app.org.onboardedAt ?? now },
      });
    }
    return {
      applicationId: app.id,
      orgId: app.orgId,
      state: to,
      decidedByName: actor.name,
      decidedAt: now,
      repeated: false,
    };
  });
}
