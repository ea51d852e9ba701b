import type { ApplicationReview } from '../domain/enrollment/application-view.js';
import type { BillingSummary } from '../domain/enrollment/enrollment-rules.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { formatDateTime, partnerTypeLabel } from '../i18n/format/index.js';
import type { Fact, InfoCardData } from './enrollment-types.js';
import { renderCard, type AdaptiveCardJson } from './render.js';

/** Teams refreshes a card automatically for at most 60 users. */
const MAX_REFRESH_USERS = 60;

/**
 * E5: the program administrators' review card. Pending: Approve, a reason box and Reject. Decided:
 * who decided and when, no buttons. `notice` (e.g. "already decided by X") shows above.
 * The refresh action makes Teams fetch the current state whenever an administrator looks at it.
 */
export function reviewCard(
  locale: Locale,
  view: ApplicationReview,
  admins: readonly string[],
  notice = '',
): AdaptiveCardJson {
  const facts: Fact[] = [
    { title: t(locale, 'review.org'), value: view.orgName },
    { title: t(locale, 'review.mpnId'), value: view.mpnId },
    { title: t(locale, 'review.country'), value: view.country },
    { title: t(locale, 'review.partnerType'), value: partnerTypeLabel(locale, view.partnerType) },
    // a card rendered from an older outbox payload may not know the contact: the fact is left out
    ...(view.primaryContact ? [{ title: t(locale, 'review.primary'), value: view.primaryContact }] : []),
    ...billingFacts(locale, view.billing),
    { title: t(locale, 'review.state'), value: t(locale, `enroll.state.${view.state}` satisfies MessageKey) },
  ];
  let decided = '';
  if ((view.state === 'approved' || view.state === 'rejected') && view.decidedAt) {
    decided = t(locale, 'review.decided', {
      decision: t(locale, `review.decision.${view.state}` satisfies MessageKey),
      by: view.decidedByName ?? '?',
      at: formatDateTime(view.decidedAt, locale),
    });
    if (view.rejectReason) decided += ' ' + t(locale, 'review.reasonShown', { reason: view.rejectReason });
  }
  return renderCard('review', {
    title: t(locale, 'review.title'),
    applicationId: view.applicationId,
    userIds: admins.slice(0, MAX_REFRESH_USERS),
    facts,
    decided,
    notice,
    pending: view.state === 'in_review',
    reasonLabel: t(locale, 'review.reasonLabel'),
    approveLabel: t(locale, 'review.approve'),
    rejectLabel: t(locale, 'review.reject'),
  });
}

/**
 * E1/PT3: what a program administrator needs of a direct-bill application to decide: who holds
 * which account where (the number masked to its last 4 digits), the tax ID, where invoices go, and
 * that the applicant confirmed the acceptance criteria.
 */
export function billingFacts(locale: Locale, billing: BillingSummary | null): Fact[] {
  if (!billing) return [];
  return [
    { title: t(locale, 'enroll.field.bankAccountHolder'), value: billing.accountHolder },
    { title: t(locale, 'enroll.field.bankName'), value: billing.bankName },
    { title: t(locale, 'enroll.field.bankAccountNumber'), value: billing.accountNumberMasked },
    ...(billing.swiftBic ? [{ title: t(locale, 'enroll.field.bankSwiftBic'), value: billing.swiftBic }] : []),
    { title: t(locale, 'enroll.field.taxId'), value: billing.taxId },
    { title: t(locale, 'enroll.field.billingEmail'), value: billing.billingEmail },
    {
      title: t(locale, 'enroll.field.acceptsCriteria'),
      value: billing.acceptsCriteria ? t(locale, 'enroll.criteria.confirmed') : t(locale, 'status.no'),
    },
  ];
}

/** A title, an optional paragraph, facts and sections of lines (status, users, agreement, results). */
export function infoCard(data: Partial<InfoCardData> & { title: string }): AdaptiveCardJson {
  return renderCard('info', { text: '', facts: [], sections: [], ...data });
}
