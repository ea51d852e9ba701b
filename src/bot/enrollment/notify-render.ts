import { CardFactory } from 'botbuilder';
import { reviewCard } from './cards.js';
import type { ApplicationReview } from '../../domain/enrollment/application-view.js';
import { eventSchemas } from '../../domain/shared/events.js';
import type { Renderer } from '../../notify/render.js';

/**
 * The outbox renderer for enrollment (issue 4): `enrollment.review_requested` reaches each program
 * administrator as the review card with Approve and Reject (E5), and nothing else: one message per
 * administrator per application, delivered by the notification worker (durable, retried, within
 * Teams' limits). The card is built from the payload alone, as the application stood when it went to
 * review; its refresh action (for the administrators whose Teams user ids the payload carries) shows the
 * current state when one looks at it.
 * Every other event goes to `next`.
 */
export function enrollmentRenderer(next: Renderer): Renderer {
  return (event, locale) => {
    if (event.type !== 'enrollment.review_requested') return next(event, locale);
    const p = eventSchemas['enrollment.review_requested'].parse(event.payload);
    const view: ApplicationReview = {
      applicationId: p.applicationId,
      orgName: p.orgName,
      mpnId: p.mpnId,
      country: p.country,
      partnerType: p.partnerType,
      state: 'in_review',
      primaryContact: p.primaryContact ?? '',
      decidedByName: null,
      decidedAt: null,
      rejectReason: null,
      submittedByAadObjectId: null,
      billing: p.billing ?? null,
    };
    // refresh.userIds take Teams user ids (29:...), as the payload recorded them; older rows have none
    const card = reviewCard(locale, view, p.refreshUserIds ?? []);
    return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
  };
}
