import { z } from 'zod';
import { infoCard, reviewCard } from '../../cards/enrollment-cards.js';
import { formatDateTime, roleLabels } from '../../i18n/format/index.js';
import { addUser } from '../../domain/users/add-user.js';
import { applicationForReview } from '../../domain/enrollment/application-view.js';
import { changeRoles } from '../../domain/users/change-roles.js';
import { isAppError } from '../../domain/shared/errors.js';
import { reviewEnrollment } from '../../domain/enrollment/review-enrollment.js';
import { signMpa } from '../../domain/agreement/sign-mpa.js';
import { roleSchema } from '../../domain/shared/context.js';
import type { MessageKey } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, errorResponse, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { verbs } from '../verbs.js';
import { cancelFromCard, formDataSchema, formSubmitted, submitFromCard } from './dialog.js';
import { guardedAction } from '../respond.js';

const v1 = z.object({ v: z.literal(1) });
const applicationData = v1.extend({ applicationId: z.string().min(1).max(100) });
/** A multi-select ChoiceSet arrives as one comma-separated string (empty when nothing is ticked). */
const roleList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== ''),
  )
  .pipe(z.array(roleSchema));

async function review(turn: TurnInfo, applicationId: string, decision: 'approve' | 'reject', reason?: string) {
  const { domain, reviews, wakeMail } = servicesOf(turn);
  const actor = actorOf(turn);
  try {
    await reviewEnrollment(domain, actor, { applicationId, decision, ...(reason !== undefined ? { reason } : {}) });
  } catch (e) {
    if (!isAppError(e) || e.code !== 'ALREADY_DECIDED') throw e;
    // The loser of two decisions: the card shows the winner's, with a polite notice.
    const view = await applicationForReview(domain, actor, { applicationId });
    const decided = view.state === 'approved' || view.state === 'rejected' ? view.state : 'approved';
    const notice = turn.t('review.alreadyDecided', {
      decision: turn.t(`review.decisionVerb.${decided}` satisfies MessageKey),
      by: view.decidedByName ?? '?',
      at: view.decidedAt ? formatDateTime(view.decidedAt, turn) : '?',
    });
    return cardResponse(reviewCard(turn.locale, view, domain.programAdmins, notice));
  }
  const view = await applicationForReview(domain, actor, { applicationId });
  wakeMail?.();
  await reviews.tellApplicant(view);
  return cardResponse(reviewCard(turn.locale, view, domain.programAdmins));
}

/** The issue-4 card actions; card-actions.ts spreads them into its verb table. */
export const enrollmentActions = {
  [verbs.enrollForm]: defineAction(formDataSchema, (turn, data) => formSubmitted(turn, data)),
  [verbs.enrollSubmit]: defineAction(v1, (turn) => guardedAction(turn, () => submitFromCard(turn))),
  [verbs.enrollCancel]: defineAction(v1, (turn) => cancelFromCard(turn)),
  [verbs.reviewRefresh]: defineAction(applicationData, (turn, data) =>
    guardedAction(turn, async () => {
      const { domain } = servicesOf(turn);
      const view = await applicationForReview(domain, actorOf(turn), data);
      return cardResponse(reviewCard(turn.locale, view, domain.programAdmins));
    }),
  ),
  [verbs.reviewApprove]: defineAction(applicationData, (turn, data) =>
    guardedAction(turn, () => review(turn, data.applicationId, 'approve')),
  ),
  [verbs.reviewReject]: defineAction(
    applicationData.extend({ reason: z.string().max(1000).optional() }),
    (turn, data) => guardedAction(turn, () => review(turn, data.applicationId, 'reject', data.reason ?? '')),
  ),
  [verbs.mpaSign]: defineAction(
    v1.extend({ version: z.string().max(40).optional(), accept: z.string().optional() }),
    (turn, data) =>
      guardedAction(turn, async () => {
        // M1: nothing is recorded without the explicit acceptance tick.
        if (data.accept !== 'true') return errorResponse(turn.locale, 'mpa.acceptRequired');
        const r = await signMpa(servicesOf(turn).domain, actorOf(turn), {
          accept: true,
          ...(data.version ? { version: data.version } : {}),
        });
        return cardResponse(
          infoCard({
            title: turn.t('mpa.title'),
            text: turn.t('mpa.signed', {
              version: r.version,
              name: r.signerName,
              email: r.signerEmail,
              at: formatDateTime(r.signedAt, turn),
            }),
          }),
        );
      }),
  ),
  [verbs.userAdd]: defineAction(
    v1.extend({ name: z.string().optional(), email: z.string().optional(), roles: roleList }),
    (turn, data) =>
      guardedAction(turn, async () => {
        const { domain, wakeMail } = servicesOf(turn);
        const name = data.name ?? '';
        const email = data.email ?? '';
        const r = await addUser(domain, actorOf(turn), { name, email, roles: data.roles });
        wakeMail?.();
        const params = {
          name: name.trim(),
          email: email.trim().toLowerCase(),
          roles: roleLabels(turn.locale, r.roles),
        };
        return cardResponse(
          infoCard({
            title: turn.t('addUser.title'),
            text: turn.t(r.created ? 'addUser.done' : 'addUser.repeated', params),
          }),
        );
      }),
  ),
  [verbs.rolesChange]: defineAction(v1.extend({ userId: z.string().min(1).max(100), roles: roleList }), (turn, data) =>
    guardedAction(turn, async () => {
      const { domain } = servicesOf(turn);
      const r = await changeRoles(domain, actorOf(turn), { userId: data.userId, roles: data.roles });
      const user = await domain.store.read.user.findUnique({ where: { id: r.userId }, select: { name: true } });
      const params = { name: user?.name ?? '', roles: roleLabels(turn.locale, r.roles) };
      return cardResponse(
        infoCard({ title: turn.t('roles.title'), text: turn.t(r.changed ? 'roles.done' : 'roles.unchanged', params) }),
      );
    }),
  ),
} satisfies Record<string, CardAction>;
