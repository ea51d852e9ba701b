import { CardFactory, type Activity } from 'botbuilder';
import { eventSchemas, type EventPayload } from '../domain/shared/events.js';
import { roleTemplateNames } from '../domain/gdap/role-templates.js';
import { escapeMarkdown, plural } from '../i18n/format/index.js';
import { t, type Locale } from '../i18n/index.js';
import { defaultRenderer, type AsyncRenderer, type RenderableEvent, type Renderer } from './render.js';

/**
 * The Action.Execute verb of the Renew button (G11: a new request with the same customer, roles, duration and
 * auto-extend). The GDAP relationship card's Renew button uses the same verb and data, so the bot's one handler
 * answers both. Spelled here because src/notify may not import the bot's verb table.
 */
export const GDAP_RENEW_VERB = 'gdap.renew';

type Digest = EventPayload<'gdap.digest'>;
type Line = Digest['lines'][number];
type Json = Readonly<Record<string, unknown>>;

/**
 * An instant as Adaptive Cards' DATE() and TIME() functions, which the Teams client shows in the reader's own time
 * zone and language ("Text features: Date/Time formatting and localization",
 * https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features): upper case, no spaces inside the
 * braces, strict RFC 3339 (no fractional seconds). A channel has many readers in many zones; this is how each one
 * reads their own.
 */
export function cardDate(iso: string): { date: string; time: string } {
  const rfc3339 = new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { date: `{{DATE(${rfc3339}, SHORT)}}`, time: `{{TIME(${rfc3339})}}` };
}

function text(value: string, extra: Json = {}): Json {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

function lineItems(line: Line, locale: Locale): Json {
  const when = cardDate(line.endsAt);
  const endText =
    line.kind === 'expiring'
      ? t(locale, 'gdap.digest.line.ends', {
          ...when,
          daysLeft: plural(locale, line.daysLeft ?? 0, {
            one: t(locale, 'gdap.digest.daysLeft.one'),
            other: t(locale, 'gdap.digest.daysLeft.other'),
          }),
        })
      : t(locale, line.kind === 'expired' ? 'gdap.digest.line.expired' : 'gdap.digest.line.terminated', when);
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      // names come from partners and customers: shown as typed, never as markdown
      text(
        t(locale, 'gdap.digest.line.title', {
          customerName: escapeMarkdown(line.customerName),
          displayName: escapeMarkdown(line.displayName),
        }),
        { weight: 'Bolder' },
      ),
      text(t(locale, 'gdap.digest.line.roles', { roles: roleTemplateNames(line.roleTemplateIds, locale).join(', ') }), {
        spacing: 'None',
        isSubtle: true,
      }),
      text(endText, { spacing: 'None' }),
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Execute',
            title: t(locale, 'gdap.digest.renew'),
            verb: GDAP_RENEW_VERB,
            associatedInputs: 'none',
            data: { v: 1, relationshipId: line.relationshipId },
          },
        ],
      },
    ],
  };
}

const sections = [
  { key: 'gdap.digest.section.1', has: (l: Line) => l.threshold === '1' },
  { key: 'gdap.digest.section.7', has: (l: Line) => l.threshold === '7' },
  { key: 'gdap.digest.section.30', has: (l: Line) => l.threshold === '30' },
  { key: 'gdap.digest.section.ended', has: (l: Line) => l.kind !== 'expiring' },
] as const;

/**
 * Issue 18 item 4 (G14–G17): the digest as an Adaptive Card in the reader's language: the relationships ending
 * within 1, 7 and 30 days, then those that ended, each with its customer, its roles by name, its end in the
 * reader's time zone and a Renew button.
 */
export function gdapDigestCard(p: Digest, locale: Locale): Json {
  const body: Json[] = [
    text(t(locale, 'gdap.digest.title', { orgName: escapeMarkdown(p.orgName) }), {
      weight: 'Bolder',
      size: 'Medium',
    }),
    text(t(locale, 'gdap.digest.intro'), { isSubtle: true, spacing: 'None' }),
  ];
  for (const section of sections) {
    const lines = p.lines.filter(section.has);
    if (lines.length === 0) continue;
    body.push(text(t(locale, section.key), { weight: 'Bolder', separator: true, spacing: 'Large' }));
    for (const line of lines) body.push(lineItems(line, locale));
  }
  const more = p.count - p.lines.length;
  if (more > 0) body.push(text(t(locale, 'gdap.digest.more', { count: more }), { separator: true }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: summary(p, locale),
    body,
  };
}

function summary(p: Digest, locale: Locale): string {
  return t(locale, 'gdap.digest.summary', { orgName: p.orgName, count: p.count });
}

/** The digest's activity: the card, with a one-line summary for notifications and clients without cards. */
export function renderGdapDigest(event: RenderableEvent, locale: Locale): Partial<Activity> {
  const p = eventSchemas['gdap.digest'].parse(event.payload);
  return {
    type: 'message',
    summary: summary(p, locale),
    attachments: [CardFactory.adaptiveCard(gdapDigestCard(p, locale))],
  };
}

/** The worker's renderer with the digest card in front of `next` (every other event goes to `next`). */
export function gdapDigestRenderer(next: AsyncRenderer | Renderer = defaultRenderer): AsyncRenderer {
  return (event, locale) => (event.type === 'gdap.digest' ? renderGdapDigest(event, locale) : next(event, locale));
}
