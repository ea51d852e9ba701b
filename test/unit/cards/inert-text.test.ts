import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { reviewCard } from '../../../src/bot/enrollment/cards.js';
import { approvalCard } from '../../../src/bot/partnerships/cards.js';
import { customerCard } from '../../../src/bot/customers/cards.js';
import { partnershipRenderer } from '../../../src/bot/partnerships/notify-render.js';
import type { PartnershipView } from '../../../src/domain/partnerships/partnership-views.js';
import type { CustomerView } from '../../../src/domain/customers/customer-views.js';
import type { ApplicationReview } from '../../../src/domain/enrollment/application-view.js';
import { renderMail } from '../../../src/mail/render-mail.js';
import { defaultRenderer } from '../../../src/notify/render.js';
import { escapeMarkdown, markdownToPlain } from '../../../src/i18n/format/index.js';
import type { Locale } from '../../../src/i18n/index.js';

/**
 * Issue 13 item 6: text from partners and customers is inert. Every hostile string goes through every place such
 * text is shown (a channel notice, the partnership approval card, the customer card, the review card, an e-mail)
 * in both languages. Where Teams renders markdown (message text, TextBlocks, facts) the string must add no live
 * syntax: the unescaped markdown characters of what is shown are exactly those of the same place rendered with a
 * harmless name (so no link, image, emphasis, code, mention, entity, heading or list comes from the string), and
 * with its backslash escapes read the way Teams reads them, every visible character of the string is there.
 */
const hostile: readonly string[] = [
  '[Re-verify your account](https://evil.example) **URGENT**',
  '<script>alert(1)</script>',
  '![img](x)',
  '_x_',
  '`code` and ```block```',
  '<at>Ada Admin</at>',
  '&lt;b&gt; &amp;',
  'line one\n- item\n# heading\n1. first\n> quote\n+ plus\n= rule',
  '~~struck~~ | table |',
  `${'[a](https://evil.example) '.repeat(200)}**end**`,
  '[다시 인증하세요](https://evil.example) **긴급** 고객 주식회사',
  'back\\slash \\*not bold\\*',
];
const BENIGN = 'Zed';

const SYNTAX = new Set(['[', ']', '*', '_', '~', '`', '<', '>', '&', '|', '\\']);

/** The markdown syntax Teams would act on in `s`: unescaped syntax characters, and markers at a line's start. */
function liveSyntax(s: string): string[] {
  const live: string[] = [];
  for (const line of s.split('\n')) {
    if (/^[ \t]*(?:[#+\-=]|\d+[.)])/.test(line)) live.push(`line-start:${line.trim().slice(0, 2)}`);
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\' && i + 1 < line.length) {
        i++;
        continue;
      }
      if (SYNTAX.has(c)) live.push(c);
    }
  }
  return live.sort();
}

/** What Teams shows: backslash escapes read as the character they escape. */
const shown = (s: string): string => s.replace(/\\([\s\S])/g, '$1');

/** The strings of a card that Teams renders as markdown: TextBlock text, fact titles and values. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (Array.isArray(o.facts))
        for (const f of o.facts as Record<string, unknown>[]) out.push(String(f.title), String(f.value));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function cardOf(activity: Partial<Activity>): unknown {
  return activity.attachments?.[0]?.content;
}

const partnershipView = (name: string): PartnershipView => ({
  partnershipId: 'p1',
  state: 'requested',
  origin: 'directory_request',
  providerId: 'o1',
  providerName: name,
  resellerId: 'o2',
  resellerName: name,
  resellerMpnId: '1234567',
  region: 'US',
  requestedAt: new Date('2026-03-01T09:00:00Z'),
  requestedByName: name,
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
});

const customerView = (name: string): CustomerView => ({
  customerId: 'c1',
  name,
  domain: 'contoso.example',
  country: 'US',
  origin: 'added',
  since: new Date('2026-03-01T09:00:00Z'),
  delegatedAdmin: true,
  resellerId: 'o2',
  resellerName: name,
  subscriptions: [],
});

const review = (name: string): ApplicationReview => ({
  applicationId: 'a1',
  orgName: name,
  mpnId: '1234567',
  country: 'US',
  partnerType: 'indirect_reseller',
  state: 'in_review',
  primaryContact: `${name} <pat@contoso.example>`,
  decidedByName: null,
  decidedAt: null,
  rejectReason: null,
  submittedByAadObjectId: null,
  billing: null,
});

/** Every place a name or message is shown in Teams, as the markdown strings Teams renders. */
const places: Readonly<Record<string, (locale: Locale, name: string) => string[]>> = {
  'channel notice (customer added)': (locale, name) => [
    String(
      defaultRenderer(
        {
          id: 'e1',
          type: 'customer.added',
          idempotencyKey: 'k',
          payload: { customerId: 'c1', customerName: name, providerName: name, resellerName: name },
        },
        locale,
      ).text,
    ),
  ],
  'channel notice (partnership declined, with a reason)': (locale, name) => [
    String(
      defaultRenderer(
        {
          id: 'e2',
          type: 'partnership.declined',
          idempotencyKey: 'k',
          payload: {
            partnershipId: 'p1',
            providerId: 'o1',
            providerName: name,
            resellerId: 'o2',
            resellerName: name,
            byName: name,
            reason: name,
          },
        },
        locale,
      ).text,
    ),
  ],
  'partnership approval card from the outbox (invitation message)': (locale, name) =>
    markdownTexts(
      cardOf(
        partnershipRenderer(
          {
            id: 'e3',
            type: 'partnership.requested',
            idempotencyKey: 'k',
            payload: {
              partnershipId: 'p1',
              providerId: 'o1',
              providerName: name,
              resellerId: 'o2',
              resellerName: name,
              origin: 'directory_request',
              message: name,
            },
          },
          locale,
        ),
      ),
    ),
  'partnership approval card': (locale, name) =>
    markdownTexts(approvalCard(locale, partnershipView(name), [], '', name)),
  'customer card': (locale, name) => markdownTexts(customerCard(locale, customerView(name), [], [])),
  'review card': (locale, name) => markdownTexts(reviewCard(locale, review(name), [])),
};

describe('text from partners and customers is inert (issue 13 item 6)', () => {
  for (const locale of ['en-US', 'ko-KR'] as const) {
    for (const [place, render] of Object.entries(places)) {
      it(`${place} (${locale}): no hostile string adds markdown, and each is still readable`, () => {
        const benign = render(locale, BENIGN);
        assert.ok(
          benign.some((s) => s.includes(BENIGN)),
          `${place} shows the name at all`,
        );
        for (const h of hostile) {
          const texts = render(locale, h);
          assert.equal(texts.length, benign.length, `${place}: same shape`);
          texts.forEach((text, i) => {
            assert.deepEqual(liveSyntax(text), liveSyntax(benign[i]), `${place}: ${JSON.stringify(h)} adds syntax`);
          });
          assert.ok(
            texts.some((s) => shown(s).includes(h)),
            `${place}: ${JSON.stringify(h.slice(0, 60))} is readable as typed`,
          );
          assert.ok(
            texts.some((s) => s.includes(escapeMarkdown(h))),
            `${place}: the escaped form of ${JSON.stringify(h.slice(0, 60))} is shown`,
          );
          for (const s of texts) assert.doesNotMatch(s, /(?<!\\)\]\(https:\/\/evil/, 'no link');
        }
      });
    }

    it(`e-mail (${locale}): plain text, the names exactly as typed (no markup is interpreted in text mail)`, () => {
      for (const h of hostile) {
        const verify = renderMail(
          'enrollment.verification_requested',
          JSON.stringify({
            applicationId: 'a1',
            orgName: h,
            contactName: h,
            email: 'pat@contoso.example',
            link: 'https://bot.example/verify/abc',
            expiresAt: '2026-03-09T09:00:00.000Z',
            locale,
          }),
          'pat@contoso.example',
        );
        assert.ok(verify.text.includes(h), 'the organisation name as typed');
        assert.ok(verify.text.includes('https://bot.example/verify/abc'), 'and the real link');
        assert.deepEqual(Object.keys(verify).sort(), ['links', 'subject', 'text', 'to'], 'text only: no HTML part');
        const changed = renderMail(
          'enrollment.state_changed',
          JSON.stringify({
            applicationId: 'a1',
            orgId: 'o1',
            orgName: h,
            partnerType: 'indirect_reseller',
            from: 'in_review',
            to: 'rejected',
            reason: h,
            at: '2026-03-09T09:00:00.000Z',
            locale,
          }),
          'pat@contoso.example',
        );
        assert.ok(changed.text.includes(h), 'the reason as typed');
      }
    });
  }
});

describe('notice text outside markdown (Dashboard, failed-notices card)', () => {
  it('a hostile name reads as typed once, with no escape backslashes and no emphasis markers left', () => {
    const hostile = '[Re-verify your account](https://evil.example) **URGENT** _x_';
    const escaped = `The **${escapeMarkdown(hostile)}** notice`;
    assert.equal(markdownToPlain(escaped), `The ${hostile} notice`);
  });
});
