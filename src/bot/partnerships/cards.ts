import type { AdaptiveCardJson } from '../../cards/render.js';
import { renderCard } from '../card-render.js';
import type { PFact } from '../../cards/partnership-types.js';
import type { InvitationView, PartnershipView } from '../../domain/partnerships/partnership-views.js';
import { t, type Locale } from '../../i18n/index.js';
import { partnershipVerbs as pv } from './verbs.js';
import { formatDate, formatDateTime, regionLabel, type Reader } from '../../i18n/format/index.js';

/** Teams refreshes a card automatically for at most 60 users (STACK.md). */
export const MAX_REFRESH_USERS = 60;

/** Adds Universal Actions' automatic refresh (Action.Execute) for `userIds` (at most 60). */
export function withRefresh(
  card: AdaptiveCardJson,
  verb: string,
  data: Record<string, unknown>,
  userIds: readonly string[],
): AdaptiveCardJson {
  const ids = [...new Set(userIds)].slice(0, MAX_REFRESH_USERS);
  if (ids.length === 0) return card;
  return { ...card, refresh: { action: { type: 'Action.Execute', verb, data: { v: 1, ...data } }, userIds: ids } };
}

/** P1: ask for the reseller's email or MPN ID. */
export function inviteAskCard(locale: Locale, value = '', notice = ''): AdaptiveCardJson {
  return renderCard('partnership-invite', {
    mode: 'ask',
    title: t(locale, 'pinvite.ask.title'),
    intro: t(locale, 'pinvite.ask.intro'),
    notice,
    noticeColor: 'Attention',
    inputLabel: t(locale, 'pinvite.ask.label'),
    placeholder: t(locale, 'pinvite.ask.placeholder'),
    value,
    invalidMessage: t(locale, 'pinvite.ask.invalid'),
    submitLabel: t(locale, 'pinvite.ask.submit'),
    invitationId: '',
    to: '',
    expiresAt: '',
  });
}

/** P1: the editable draft with its personalised link. */
export function inviteDraftCard(
  locale: Locale,
  draft: { invitationId: string; message: string; expiresAt: Date; to: string },
  notice = '',
  good = true,
): AdaptiveCardJson {
  return renderCard('partnership-invite', {
    mode: 'draft',
    title: t(locale, 'pinvite.draft.title'),
    intro: t(locale, 'pinvite.draft.intro', { to: draft.to, expiresAt: formatDate(draft.expiresAt, locale) }),
    notice,
    noticeColor: good ? 'Good' : 'Attention',
    inputLabel: t(locale, 'pinvite.draft.label'),
    placeholder: '',
    value: draft.message,
    invalidMessage: '',
    submitLabel: t(locale, 'pinvite.draft.save'),
    invitationId: draft.invitationId,
    to: draft.to,
    expiresAt: draft.expiresAt.toISOString(),
  });
}

/**
 * P2/P3: the authorisation card. Pending: who asks, what authorising grants, the consent toggle and
 * "Authorize indirect provider". Done: "authorised by X at T". `viewers` get it refreshed
 * automatically (Teams user ids, at most 60), so every open copy moves to the done state.
 */
export function authorizeCard(
  /** the reader: its language, and its time zone for the dates (UTC, named, when unknown) */
  reader: Reader | Locale,
  view: InvitationView,
  token: string,
  viewers: readonly string[],
  notice = '',
): AdaptiveCardJson {
  const locale = typeof reader === 'string' ? reader : reader.locale;
  const provider = view.providerName;
  const facts: PFact[] = [
    { title: t(locale, 'pauth.provider'), value: provider },
    { title: t(locale, 'pauth.mpnId'), value: view.providerMpnId },
    { title: t(locale, 'pauth.region'), value: regionLabel(locale, view.providerRegion) },
  ];
  const pending = view.state === 'usable';
  if (pending) facts.push({ title: t(locale, 'pauth.expires'), value: formatDate(view.expiresAt, reader) });
  const done = view.authorized
    ? t(locale, 'pauth.done', { by: view.authorized.byName, at: formatDateTime(view.authorized.at, reader), provider })
    : '';
  const card = renderCard('partnership-authorize', {
    title: t(locale, 'pauth.title'),
    intro: t(locale, 'pauth.intro', { provider }),
    facts,
    grantsHeading: t(locale, 'pauth.grantsHeading'),
    grants: [
      { text: t(locale, 'pauth.grant.orders') },
      { text: t(locale, 'pauth.grant.admin') },
      { text: t(locale, 'pauth.grant.lists') },
    ],
    done,
    notice,
    pending,
    consentLabel: t(locale, 'pauth.consent', { provider }),
    submitLabel: t(locale, 'pauth.submit'),
    token: pending ? token : '',
  });
  // Only a card that can still change asks to be refreshed.
  return pending ? withRefresh(card, pv.partnershipAuthorizeRefresh, { token }, viewers) : card;
}

/**
 * P10: the provider's approval card for a directory request. Pending: Approve / reason / Decline.
 * Decided: who decided, when (and why). `notice` says "someone else decided first" to the loser.
 */
export function approvalCard(
  /** the reader: its language, and its time zone for the dates (UTC, named, when unknown) */
  reader: Reader | Locale,
  view: PartnershipView,
  viewers: readonly string[],
  notice = '',
  message = '',
): AdaptiveCardJson {
  const locale = typeof reader === 'string' ? reader : reader.locale;
  // a card rendered from an outbox payload knows only the names: facts it lacks are left out
  const facts: PFact[] = [
    { title: t(locale, 'papprove.reseller'), value: view.resellerName },
    { title: t(locale, 'papprove.mpnId'), value: view.resellerMpnId },
    { title: t(locale, 'papprove.region'), value: view.region ? regionLabel(locale, view.region) : '' },
    {
      title: t(locale, 'papprove.requestedAt'),
      value: view.requestedAt.getTime() > 0 ? formatDateTime(view.requestedAt, reader) : '',
    },
    { title: t(locale, 'papprove.message'), value: message },
  ].filter((f) => f.value !== '');
  let decided = '';
  if (view.decidedAt && view.state !== 'requested') {
    decided =
      view.declinedByName !== null
        ? t(locale, 'papprove.declined', {
            by: view.declinedByName,
            at: formatDateTime(view.decidedAt, reader),
            reason: view.declineReason ?? '',
          })
        : t(locale, 'papprove.approved', {
            by: view.authorizedByName ?? '?',
            at: formatDateTime(view.decidedAt, reader),
          });
  }
  const pending = view.state === 'requested';
  const card = renderCard('partnership-decision', {
    title: t(locale, 'papprove.title'),
    intro: t(locale, 'papprove.intro', { reseller: view.resellerName }),
    facts,
    decided,
    notice,
    pending,
    reasonLabel: t(locale, 'papprove.reason'),
    approveLabel: t(locale, 'papprove.approve'),
    declineLabel: t(locale, 'papprove.decline'),
    approveVerb: pv.partnershipApprove,
    declineVerb: pv.partnershipDecline,
    partnershipId: view.partnershipId,
  });
  return pending
    ? withRefresh(card, pv.partnershipRequestRefresh, { partnershipId: view.partnershipId }, viewers)
    : card;
}

/** P7: the program administrator's decision card for a request to end a partnership. */
export function endDecisionCard(
  /** the reader: its language, and its time zone for the dates (UTC, named, when unknown) */
  reader: Reader | Locale,
  view: PartnershipView,
  viewers: readonly string[],
  notice = '',
): AdaptiveCardJson {
  const locale = typeof reader === 'string' ? reader : reader.locale;
  const facts: PFact[] = [
    { title: t(locale, 'pend.provider'), value: view.providerName },
    { title: t(locale, 'pend.reseller'), value: view.resellerName },
    { title: t(locale, 'pend.requestedBy'), value: view.endRequestedByName ?? '?' },
    { title: t(locale, 'pend.reason'), value: view.endReason ?? '' },
  ];
  let decided = '';
  if (view.endDecision && view.endDecidedAt && view.state !== 'end_requested') {
    decided =
      view.endDecision === 'approved'
        ? t(locale, 'pend.approved', {
            by: view.endDecidedByName ?? '?',
            at: formatDateTime(view.endDecidedAt, reader),
          })
        : t(locale, 'pend.declined', {
            by: view.endDecidedByName ?? '?',
            at: formatDateTime(view.endDecidedAt, reader),
          });
  }
  const pending = view.state === 'end_requested';
  const card = renderCard('partnership-decision', {
    title: t(locale, 'pend.title'),
    intro: '',
    facts,
    decided,
    notice,
    pending,
    reasonLabel: t(locale, 'pend.decisionReason'),
    approveLabel: t(locale, 'pend.approve'),
    declineLabel: t(locale, 'pend.decline'),
    approveVerb: pv.partnershipEndApprove,
    declineVerb: pv.partnershipEndDecline,
    partnershipId: view.partnershipId,
  });
  return pending ? withRefresh(card, pv.partnershipEndRefresh, { partnershipId: view.partnershipId }, viewers) : card;
}
