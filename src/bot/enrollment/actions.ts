import { z } from 'zod';
import { applicationForReview } from '../../domain/enrollment/application-view.js';
import { reviewEnrollment } from '../../domain/enrollment/review-enrollment.js';
import { isAppError } from '../../domain/shared/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { actorWithEmail } from '../member-email.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { reviewCard } from './cards.js';
import { cancelFromCard, editFromCard, formDataSchema, formSubmitted, submitFromCard } from './dialog.js';
import { enrollmentVerbs } from './verbs.js';
import { formatDateTime } from '../../i18n/format/index.js';
import { adminRefreshIds } from '../admin/here.js';

const v1 = z.object({ v: z.literal(1) });
const applicationData = v1.extend({ applicationId: z.string().min(1).max(100) });
async function review(turn: TurnInfo, applicationId: string, decision: 'approve' | 'reject', reason?: string) {
  const { domain, reviews, wakeMail } = servicesOf(turn);
  // the decider is recorded with their own Teams identity and e-mail (the audit row)
  const actor = await actorWithEmail(turn);
  let repeated: boolean;
  try {
    ({ repeated } = await reviewEnrollment(domain, actor, {
      applicationId,
      decision,
      ...(reason !== undefined ? { reason } : {}),
    }));
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
    return cardResponse(reviewCard(turn.locale, view, await adminRefreshIds(turn), notice));
  }
  const view = await applicationForReview(domain, actor, { applicationId });
  // The same administrator repeating the decision (a double click, a retried invoke) gets the card
  // back; the applicant was told once, when it was recorded.
  if (!repeated) {
    wakeMail?.();
    await reviews.tellApplicant(view);
  }
  return cardResponse(reviewCard(turn.locale, view, await adminRefreshIds(turn)));
}

/** The enrollment card actions (issue 4: E1, E5, E6); card-actions.ts spreads them into its verb table. */
export const enrollmentActions = {
  [enrollmentVerbs.enrollForm]: defineAction(formDataSchema, (turn, data) => formSubmitted(turn, data)),
  [enrollmentVerbs.enrollSubmit]: defineAction(v1, (turn) => submitFromCard(turn)),
  [enrollmentVerbs.enrollCancel]: defineAction(v1, (turn) => cancelFromCard(turn)),
  [enrollmentVerbs.enrollEdit]: defineAction(v1, (turn) => editFromCard(turn)),
  [enrollmentVerbs.reviewRefresh]: defineAction(applicationData, async (turn, data) => {
    const { domain } = servicesOf(turn);
    const view = await applicationForReview(domain, actorOf(turn), data);
    return cardResponse(reviewCard(turn.locale, view, await adminRefreshIds(turn)));
  }),
  [enrollmentVerbs.reviewApprove]: defineAction(applicationData, (turn, data) =>
    review(turn, data.applicationId, 'approve'),
  ),
  [enrollmentVerbs.reviewReject]: defineAction(
    applicationData.extend({ reason: z.string().max(1000).optional() }),
    (turn, data) => review(turn, data.applicationId, 'reject', data.reason ?? ''),
  ),
} satisfies Record<string, CardAction>;
