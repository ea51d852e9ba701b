import type { Activity } from 'botbuilder';
import { isEventType, parseEventPayload } from '../domain/shared/events.js';
import { notify as enUS } from '../i18n/en-US/notify.js';
import { notify as koKR } from '../i18n/ko-KR/notify.js';
import { catalogue, fillTemplate, t, type Locale, type MessageKey } from '../i18n/index.js';
import {
  changeLabel,
  countryName,
  escapeMarkdown,
  formatDate,
  markdownToPlain,
  roleLabels,
} from '../i18n/format/index.js';
import { CHANNEL_BLOCKED, channelBlockedPayload } from './channel-blocked.js';

/** What the renderer is given: the stored event, its payload already parsed as JSON. */
export interface RenderableEvent {
  readonly id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly idempotencyKey: string;
}

/**
 * Turns an event into the activity to post. Pluggable: the bot may pass one that renders Adaptive
 * Cards; the default posts plain localized text. May throw when the payload does not match the
 * event's schema: the worker then marks the event dead (it would never render).
 */
export type Renderer = (event: RenderableEvent, locale: Locale) => Partial<Activity>;

/** A renderer that may look something up first (whom a card refreshes for): what the worker takes. */
export type AsyncRenderer = (event: RenderableEvent, locale: Locale) => Partial<Activity> | Promise<Partial<Activity>>;

export type NotifyKey = keyof typeof enUS;
const catalogues: Readonly<Record<Locale, Readonly<Record<NotifyKey, string>>>> = { 'en-US': enUS, 'ko-KR': koKR };

export function hasKey(k: string): k is NotifyKey {
  return Object.prototype.hasOwnProperty.call(enUS, k);
}

type Params = Readonly<Record<string, string | number>>;

export function notifyText(locale: Locale, key: NotifyKey, params: Params = {}): string {
  return fillTemplate(catalogues[locale][key], params);
}

const localizedValues: readonly (readonly [string, string])[] = [
  ['partnerType', 'enroll.partnerType.'],
  ['from', 'enroll.state.'],
  ['to', 'enroll.state.'],
  ['state', 'enroll.state.'],
  // issue 17 item 4: a Partner Center event by what happened, never by the reference's identifier
  ['eventName', 'pc.event.'],
];

function isMessageKey(k: string): k is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogue('en-US'), k);
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Flattens a payload into template parameters (strings, numbers, lists joined). */
function paramsOf(payload: Record<string, unknown>, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(payload)) {
    // timestamps (`…At` fields, ISO strings in the payload) read as dates in the reader's language
    if (k.endsWith('At') && typeof v === 'string' && isoTimestamp.test(v)) out[k] = formatDate(new Date(v), locale);
    // names, reasons and messages come from partners and customers: shown as typed, never as markdown
    else if (typeof v === 'string') out[k] = escapeMarkdown(v);
    else if (typeof v === 'number') out[k] = v;
    else if (Array.isArray(v)) out[k] = escapeMarkdown(v.map(String).join(', '));
    else if (v === null) out[k] = '-';
  }
  // Enumerated values (partner types, application states) are shown by their localized names,
  // never as the stored identifiers.
  for (const [field, prefix] of localizedValues) {
    const v = payload[field];
    const key = `${prefix}${String(v)}`;
    if (typeof v === 'string' && isMessageKey(key)) out[field] = t(locale, key);
  }
  // Roles, countries, subscription changes and offers by the names people read, never their ids.
  if (Array.isArray(payload.roles)) out.roles = roleLabels(locale, payload.roles.map(String));
  if (typeof payload.country === 'string' && payload.country !== '') out.country = countryName(payload.country, locale);
  if (typeof payload.change === 'string') out.change = changeLabel(locale, payload.change);
  if ('offerId' in payload) {
    const names = payload.offerNames as Readonly<Record<Locale, string>> | undefined;
    out.offer = names?.[locale] ? escapeMarkdown(names[locale]) : t(locale, 'label.subscription.unnamed');
  }
  const reason = payload.reason;
  out.reasonText =
    typeof reason === 'string' && reason !== ''
      ? notifyText(locale, 'notify.reason', { reason: escapeMarkdown(reason) })
      : '';
  if (payload.decision === 'approved' || payload.decision === 'declined') {
    out.decision = notifyText(
      locale,
      payload.decision === 'approved' ? 'notify.decision.approved' : 'notify.decision.declined',
    );
  }
  return out;
}

/** The default renderer: one localized line per event type (markdown), validated against its schema. */
export const defaultRenderer: Renderer = (event, locale) => {
  let key: NotifyKey = 'notify.generic';
  let payload: Record<string, unknown> = { type: event.type };
  if (event.type === CHANNEL_BLOCKED) {
    const p = channelBlockedPayload.parse(event.payload);
    key = 'notify.channel_blocked';
    payload = { ...p, channelName: p.channelName ?? notifyText(locale, 'notify.channel.unnamed') };
  } else if (isEventType(event.type)) {
    // Validate with the domain's schema: a payload that does not match never leaves.
    payload = { ...parseEventPayload(event.type, JSON.stringify(event.payload)), type: event.type };
    // A type added to the domain before its message falls back to the generic line
    // (test/unit/notify-render.test.ts fails until the message exists).
    const specific = `notify.${event.type}`;
    if (hasKey(specific)) key = specific;
  }
  return { type: 'message', textFormat: 'markdown', text: notifyText(locale, key, paramsOf(payload, locale)) };
};

/**
 * What a stored notice says, as plain text in the reader's language (the Dashboard's recent and failed
 * notifications, the failed-notices card): the worker's own rendering, markdown undone. A payload that no longer
 * matches its schema shows its kind, never its data.
 */
export function noticePlainText(n: { id: string; type: string; payload: unknown }, locale: Locale): string {
  try {
    const activity = defaultRenderer({ id: n.id, type: n.type, payload: n.payload, idempotencyKey: n.id }, locale);
    return markdownToPlain(activity.text ?? n.type);
  } catch {
    return n.type;
  }
}
