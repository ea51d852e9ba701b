import { CardFactory } from 'botbuilder';
import { eventSchemas } from '../../domain/shared/events.js';
import type { GdapDetail } from '../../domain/gdap/gdap-views.js';
import { formatDate } from '../../i18n/format/index.js';
import { t } from '../../i18n/index.js';
import type { AsyncRenderer } from '../../notify/render.js';
import { gdapRelationshipCard } from './cards.js';

type Facts = ReturnType<(typeof eventSchemas)['gdap.approved']['parse']>;

/** A relationship's card built from an event alone (the renderer reads nothing): its buttons reach the full card. */
function detailFrom(p: Omit<Facts, 'approvedByName' | 'activatedAt' | 'endsAt' | 'autoExtendDays' | 'durationDays'>) {
  const base: GdapDetail = {
    id: p.relationshipId,
    displayName: p.displayName,
    customerId: '',
    customerName: p.customerName,
    status: 'approvalPending',
    roleTemplateIds: p.roleTemplateIds,
    durationDays: 0,
    autoExtendDays: 0,
    requestedAt: new Date(0),
    requestedByName: '',
    activatedAt: null,
    endsAt: null,
    approvedByName: null,
    terminatedAt: null,
    terminatedByName: null,
    endReason: null,
    resellerName: p.resellerName,
    partnerName: p.orgName,
    own: true,
    connected: false,
    remoteApprovalLink: null,
    assignments: [],
    mayManage: false,
    mayAssign: false,
    mayTerminate: false,
    mayConsent: false,
  };
  return base;
}

/**
 * The outbox renderer for GDAP (issue 18, G7, G9, G12): the customer's approval reaches the channel as the
 * relationship's card (who approved, until when, with a word to add access assignments), and a provider's request
 * reaches the indirect reseller's channel as the card with Consent / Decline. Every other event goes to `next`.
 * Dates are in UTC: a channel has no single reader's time zone.
 */
export function gdapRenderer(next: AsyncRenderer): AsyncRenderer {
  return (event, locale) => {
    if (event.type === 'gdap.approved') {
      const p = eventSchemas['gdap.approved'].parse(event.payload);
      const activatedAt = new Date(p.activatedAt);
      const endsAt = new Date(p.endsAt);
      const detail: GdapDetail = {
        ...detailFrom(p),
        status: 'active',
        durationDays: p.durationDays,
        autoExtendDays: p.autoExtendDays,
        activatedAt,
        endsAt,
        approvedByName: p.approvedByName,
      };
      const notice = `${t(locale, 'gdap.notice.approvedCard', { customer: p.customerName, name: p.displayName })}. ${t(
        locale,
        'gdap.notice.approvedBody',
        {
          approvedBy: p.approvedByName,
          date: formatDate(activatedAt, locale),
          endsAt: formatDate(endsAt, locale),
        },
      )}`;
      const card = gdapRelationshipCard({ locale }, detail, notice, 'Good');
      return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    }
    if (event.type === 'gdap.reseller_consent_requested') {
      const p = eventSchemas['gdap.reseller_consent_requested'].parse(event.payload);
      const detail: GdapDetail = { ...detailFrom(p), status: 'created', own: false, mayConsent: true };
      const notice = t(locale, 'gdap.notice.consentTitle', { customer: p.customerName });
      const card = gdapRelationshipCard({ locale }, detail, notice, 'Accent');
      return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    }
    return next(event, locale);
  };
}
