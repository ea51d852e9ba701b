import { parseEventPayload } from '../domain/shared/events.js';
import { t, type MessageKey } from '../i18n/index.js';
import { formatDateTime, partnerTypeLabel } from '../i18n/format/index.js';
import type { MailMessage } from './transport.js';

/** Event types that go out by mail (OutboxEvent.userRef = "email:<address>"). */
export const mailEventTypes = ['enrollment.verification_requested', 'enrollment.state_changed', 'user.added'] as const;
export type MailEventType = (typeof mailEventTypes)[number];

export function isMailEventType(s: string): s is MailEventType {
  return (mailEventTypes as readonly string[]).includes(s);
}

/**
 * Renders one outbox mail event in its locale. The payload is validated with the domain's own
 * schema, so a payload that does not match never leaves.
 */
export function renderMail(type: MailEventType, payloadJson: string, to: string): MailMessage {
  if (type === 'enrollment.verification_requested') {
    const p = parseEventPayload(type, payloadJson);
    const params = {
      name: p.contactName || p.email,
      org: p.orgName,
      link: p.link,
      expiresAt: formatDateTime(new Date(p.expiresAt), p.locale),
    };
    return {
      to,
      subject: t(p.locale, 'mail.verify.subject', params),
      text: t(p.locale, 'mail.verify.body', params),
      links: [p.link],
    };
  }
  if (type === 'enrollment.state_changed') {
    const p = parseEventPayload(type, payloadJson);
    const state = t(p.locale, `enroll.state.${p.to}` satisfies MessageKey);
    const params = {
      org: p.orgName,
      state,
      partnerType: partnerTypeLabel(p.locale, p.partnerType),
      at: formatDateTime(new Date(p.at), p.locale),
      reason: p.reason ? t(p.locale, 'mail.stateChanged.reason', { reason: p.reason }) : '',
    };
    return {
      to,
      subject: t(p.locale, 'mail.stateChanged.subject', params),
      text: t(p.locale, 'mail.stateChanged.body', params),
      links: [],
    };
  }
  const p = parseEventPayload(type, payloadJson);
  const params = { name: p.userName, org: p.orgName, by: p.addedByName };
  return {
    to,
    subject: t(p.locale, 'mail.userAdded.subject', params),
    text: t(p.locale, 'mail.userAdded.body', params),
    links: [],
  };
}
