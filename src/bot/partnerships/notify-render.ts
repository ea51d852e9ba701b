import { CardFactory, type Activity } from 'botbuilder';
import { eventSchemas } from '../../domain/shared/events.js';
import type { PartnershipView } from '../../domain/partnerships/partnership-views.js';
import { defaultRenderer, type Renderer } from '../../notify/render.js';
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
  };
}

/**
 * The outbox renderer for the partnership events that need a decision (issue 5): a reseller's
 * directory request reaches the provider's channel and admin agents as the Approve / Decline card
 * (P10), a request to end a partnership reaches the program administrators as their decision card
 * (P7). Everything else is the notify module's default text. Pass it as NotifyWorker's `render`.
 */
export const partnershipRenderer: Renderer = (event, locale) => {
  if (event.type === 'partnership.requested') {
    const p = eventSchemas['partnership.requested'].parse(event.payload);
    if (p.origin === 'directory_request') {
      const card = approvalCard(locale, viewFrom(p), [], '', p.message ?? '');
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
    return cardActivity(endDecisionCard(locale, view, []));
  }
  return defaultRenderer(event, locale);
};

function cardActivity(card: Readonly<Record<string, unknown>>): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}
