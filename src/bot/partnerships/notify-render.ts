import { CardFactory, type Activity } from 'botbuilder';
import { eventSchemas } from '../../domain/shared/events.js';
import type { PartnershipView } from '../../domain/partnerships/partnership-views.js';
import { defaultRenderer, type AsyncRenderer, type RenderableEvent, type Renderer } from '../../notify/render.js';
import type { DomainContext } from '../../domain/shared/context.js';
import type { Locale } from '../../i18n/index.js';
import type { ConversationRefs } from '../conversation-refs.js';
import { programAdminViewers, requestDeciderViewers } from '../viewers.js';
import { approvalCard, endDecisionCard } from './cards.js';

/** A view built from an event payload alone (the renderer reads nothing): the card refreshes to the full one. */
function viewFrom(p: { partnershipId: string; providerName: string; resellerName: string }): PartnershipView {
  return {
    partnershipId: p.partnershipId,
    state: 'requested',
    origin: 'directory_request',
    providerId: '',
    providerName: p.providerName,
    resellerId: '',
    resellerName: p.resellerName,
    resellerMpnId: '',
    region: '',
    requestedAt: new Date(0),
    requestedByName: null,
    authorizedByName: null,
    authorizedAt: null,
    declinedByName: null,
    declineReason: null,
    decidedAt: null,
    endRequestedByName: null,
    endReason: null,
    endDecision: null,
    endDecidedByName: null,
    endDecidedAt: null,
    decidedByYou: false,
  };
}

/**
 * The outbox renderer for the partnership events that need a decision (issue 5): a reseller's
 * directory request reaches the provider's channel and admin agents as the Approve / Decline card
 * (P10), a request to end a partnership reaches the program administrators as their decision card
 * (P7). Everything else is the notify module's default text. `viewers` are the Teams user ids the
 * card refreshes for (item 6: every copy shows the decided state to each of them).
 */
export function renderPartnershipEvent(
  event: RenderableEvent,
  locale: Locale,
  viewers: readonly string[] = [],
): Partial<Activity> {
  if (event.type === 'partnership.requested') {
    const p = eventSchemas['partnership.requested'].parse(event.payload);
    if (p.origin === 'directory_request') {
      const card = approvalCard(locale, viewFrom(p), viewers, '', p.message ?? '');
      return cardActivity(card);
    }
  }
  if (event.type === 'partnership.end_requested' && event.idempotencyKey.includes(':aad:')) {
    const p = eventSchemas['partnership.end_requested'].parse(event.payload);
    const view: PartnershipView = {
      ...viewFrom(p),
      state: 'end_requested',
      endRequestedByName: p.requestedByName,
      endReason: p.reason,
    };
    return cardActivity(endDecisionCard(locale, view, viewers));
  }
  return defaultRenderer(event, locale);
}

/** The renderer without refresh viewers (tests, and wherever no lookup is at hand). */
export const partnershipRenderer: Renderer = (event, locale) => renderPartnershipEvent(event, locale);

/**
 * The worker's renderer: a directory request's card refreshes for the provider's deciders, an end request's for
 * the program administrators, each by Teams id (`refresh.userIds` takes 29:... ids, never Entra object ids).
 */
export function partnershipCardRenderer(domain: DomainContext, refs: ConversationRefs): AsyncRenderer {
  return async (event, locale) => {
    let viewers: string[] = [];
    if (event.type === 'partnership.requested') {
      const p = eventSchemas['partnership.requested'].safeParse(event.payload);
      if (p.success && p.data.origin === 'directory_request')
        viewers = await requestDeciderViewers(domain, refs, p.data.providerId);
    } else if (event.type === 'partnership.end_requested') {
      viewers = await programAdminViewers(domain, refs);
    }
    return renderPartnershipEvent(event, locale, viewers);
  };
}

function cardActivity(card: Readonly<Record<string, unknown>>): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}
