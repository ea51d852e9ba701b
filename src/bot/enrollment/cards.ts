import type { ApplicationReview } from '../../domain/enrollment/application-view.js';
import type { BillingSummary } from '../../domain/enrollment/enrollment-rules.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import type { EnrollFieldId } from '../../domain/enrollment/enroll-fields.js';
import type { PartnerType } from '../../domain/shared/partner-types.js';
import type { EnrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import type { Fact } from '../../cards/enrollment-types.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { renderCard } from '../card-render.js';
import { infoCard } from '../core/cards.js';
import { choicesOf, display, fieldsOf, label, type DialogKind, type Values } from './fields.js';
import { formatDateTime, partnerTypeLabel } from '../../i18n/format/index.js';

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

/** The form card: every field of the dialog, or (when fixing) only the listed ones with their problems. */
export function formCard(
  locale: Locale,
  kind: DialogKind,
  opts: {
    values: Values;
    show?: readonly EnrollFieldId[];
    problems?: Partial<Record<EnrollFieldId, string>>;
    raw?: Values;
    intro?: string;
  } = {
    values: {},
  },
): AdaptiveCardJson {
  const show = opts.show ?? fieldsOf(kind, opts.values);
  const fixing = opts.show !== undefined;
  return renderCard('enroll-form', {
    title: t(locale, kind === 'enroll' ? 'enroll.form.title' : 'enroll.form.addTypeTitle'),
    intro: opts.intro ?? t(locale, fixing ? 'enroll.form.fixIntro' : 'enroll.form.intro'),
    accepted: '',
    fields: show.map((id) => {
      const choices = choicesOf(locale, id);
      return {
        id,
        label: label(locale, id),
        // A bank account number is never put back on a card, not even the one just typed.
        value: id === 'bankAccountNumber' ? '' : (opts.raw?.[id] ?? opts.values[id] ?? ''),
        // an account number already given is kept when the box is left empty (Edit from the review card)
        placeholder:
          id === 'bankAccountNumber' && opts.values[id] !== undefined && opts.problems?.[id] === undefined
            ? t(locale, 'enroll.form.keepAccountNumber')
            : '',
        isChoice: choices !== undefined,
        error: opts.problems?.[id] ?? '',
        choices: choices ?? [],
      };
    }),
    submitLabel: t(locale, 'enroll.form.submit'),
    cancelLabel: t(locale, 'enroll.form.cancel'),
  });
}

/** The review card: every answer (the account number masked), with Submit and Cancel. */
export function reviewAnswersCard(locale: Locale, kind: DialogKind, values: Values): AdaptiveCardJson {
  const facts: Fact[] = fieldsOf(kind, values).flatMap((id) => {
    const v = values[id];
    return v === undefined || v === ''
      ? []
      : [{ title: t(locale, `enroll.field.${id}` satisfies MessageKey), value: display(locale, id, v) }];
  });
  return renderCard('enroll-review', {
    title: t(locale, 'enroll.review.title'),
    intro: t(locale, 'enroll.review.intro'),
    facts,
    submitLabel: t(locale, 'enroll.review.submit'),
    editLabel: t(locale, 'enroll.review.edit'),
    cancelLabel: t(locale, 'enroll.form.cancel'),
  });
}

/** Per partner type: the checklist's heading, its "enrolled as" line, and the line when nothing is left. */
const typeKeys = {
  indirect_reseller: { heading: 'status.checklist', enrolled: 'status.check.reseller', ready: 'status.next.ready' },
  indirect_provider: {
    heading: 'status.checklistProvider',
    enrolled: 'status.check.provider',
    ready: 'status.next.readyProvider',
  },
  direct_bill: {
    heading: 'status.checklistDirect',
    enrolled: 'status.check.directBill',
    ready: 'status.next.readyDirect',
  },
} as const satisfies Record<PartnerType, { heading: MessageKey; enrolled: MessageKey; ready: MessageKey }>;

/** E5/E8 (PT1/PT3/M1 for the other types): next steps still open, from the application states and the checklists. */
function nextSteps(locale: Locale, s: EnrollmentStatus): string[] {
  const steps: string[] = [];
  const latest = s.applications[s.applications.length - 1];
  if (latest?.state === 'awaiting_verification' || latest?.state === 'submitted')
    steps.push(t(locale, 'status.next.verify'));
  if (latest?.state === 'in_review') steps.push(t(locale, 'status.next.review'));
  if (latest?.state === 'rejected' && !s.checklist.onboarded) steps.push(t(locale, 'status.next.rejected'));
  if (s.checklist.onboarded && !s.checklist.mpaSigned) steps.push(t(locale, 'status.next.signMpa'));
  for (const r of s.readiness) if (r.readyToTransact) steps.push(t(locale, typeKeys[r.partnerType].ready));
  // E6: an organisation onboarded as another type may add the reseller type: its choice, not a step it owes.
  const resellerPending = s.readiness.some((r) => r.partnerType === 'indirect_reseller');
  if (
    s.checklist.onboarded &&
    !s.checklist.enrolledAsIndirectReseller &&
    !resellerPending &&
    latest?.state !== 'in_review'
  ) {
    steps.push(t(locale, 'status.next.addReseller'));
  }
  return steps;
}

export function statusCard(
  locale: Locale,
  s: EnrollmentStatus,
  buttons: readonly { readonly label: string; readonly text: string }[] = [],
  /** further sections (E-PC5: the comparison with the Partner Center profile) */
  more: readonly { readonly heading: string; readonly lines: readonly { readonly text: string }[] }[] = [],
) {
  const yes = (b: boolean) => t(locale, b ? 'status.yes' : 'status.no');
  const facts: Fact[] = [
    { title: t(locale, 'status.org'), value: `${s.legalName} (MPN ID ${s.mpnId}, ${s.country})` },
    {
      title: t(locale, 'status.partnerTypes'),
      value: s.partnerTypes.map((p) => partnerTypeLabel(locale, p)).join(', ') || t(locale, 'status.none'),
    },
    ...s.applications.map((a) => ({
      title: t(locale, 'status.applications'),
      value: t(locale, 'status.application', {
        partnerType: partnerTypeLabel(locale, a.partnerType),
        state: t(locale, `enroll.state.${a.state}` satisfies MessageKey),
      }),
    })),
    { title: t(locale, 'status.primaryVerified'), value: yes(s.primaryContactVerified) },
    { title: t(locale, 'status.mpa'), value: yes(s.checklist.mpaSigned) },
  ];
  const stepKey = (type: PartnerType, step: 'onboarded' | 'enrolled' | 'mpaSigned'): MessageKey =>
    step === 'onboarded'
      ? 'status.check.onboarded'
      : step === 'mpaSigned'
        ? 'status.check.mpa'
        : typeKeys[type].enrolled;
  // One checklist per type held or applied for: E8 is the reseller's; a direct-bill partner or a provider does not owe it.
  const checklists = s.readiness.map((r) => ({
    heading: t(locale, typeKeys[r.partnerType].heading),
    lines: r.steps.map((x) => ({
      text: t(locale, x.done ? 'status.done' : 'status.open', { item: t(locale, stepKey(r.partnerType, x.step)) }),
    })),
  }));
  return infoCard({
    title: t(locale, 'status.title'),
    facts,
    sections: [
      ...checklists,
      { heading: t(locale, 'status.next'), lines: nextSteps(locale, s).map((text) => ({ text })) },
      ...more,
    ],
    buttons,
  });
}
