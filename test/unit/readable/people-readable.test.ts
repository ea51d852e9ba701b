import assert from 'node:assert/strict';
import { catalogue, locales, type Locale } from '../../../src/i18n/index.js';
import { AppError, errorCodes } from '../../../src/domain/shared/errors.js';
import { describeError } from '../../../src/domain/shared/describe-error.js';
import { eventTypes, type EventType } from '../../../src/domain/shared/events.js';
import { defaultRenderer } from '../../../src/notify/render.js';
import { enrollmentRenderer } from '../../../src/bot/enrollment/notify-render.js';
import { partnershipRenderer } from '../../../src/bot/partnerships/notify-render.js';
import { directoryRenderer } from '../../../src/bot/directory/notify-render.js';
import { gdapDigestRenderer } from '../../../src/notify/gdap-digest-render.js';
import { renderMail, mailEventTypes } from '../../../src/mail/render-mail.js';
import { formatDateTime } from '../../../src/i18n/format/index.js';
import { ReadableReport, unreadable } from '../../support/readable.js';

/**
 * Issue 14 item 5: no internal ids or rule codes in anything people read. This file walks every
 * catalogue string, every error message (with the ids the domain puts in its params), every channel
 * notice (the bot's renderers, each event type) and every e-mail, in en-US and ko-KR.
 * test/integration/readable.test.ts walks the cards and pages a conversation reaches.
 */

const at = '2026-03-02T09:00:00.000Z';
const later = '2026-03-09T09:00:00.000Z';
const OFFER_ID = 'm365-e3-annual';
const ids = ['cm8x1y2z3a4b5c6d7e8f9g0h1', OFFER_ID];
/** Errors that answer a program administrator with the offer ID they typed themselves. */
const echoesTypedOfferId: ReadonlySet<string> = new Set(['OFFER_EXISTS']);

/** Issue 18: what every GDAP event carries */
const gdapFacts = {
  relationshipId: ids[0],
  orgId: ids[0],
  orgName: 'Contoso Distribution Co.',
  displayName: 'Wingtip Toys helpdesk',
  customerName: 'Wingtip Toys',
  resellerName: 'Fabrikam Inc.',
  roleTemplateIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
};

/** A payload of each event type as the domain writes it, with ids where the domain puts ids. */
const payloads: Record<EventType, Record<string, unknown>> = {
  'enrollment.verification_requested': {
    applicationId: ids[0],
    orgName: 'Contoso Ltd.',
    contactName: 'Kim Min-jun',
    email: 'minjun@contoso.example',
    link: 'https://bot.example.test/verify/abc_def',
    expiresAt: later,
    locale: 'en-US',
  },
  'enrollment.state_changed': {
    applicationId: ids[0],
    orgId: ids[0],
    orgName: 'Contoso Ltd.',
    partnerType: 'indirect_reseller',
    from: 'awaiting_verification',
    to: 'in_review',
    reason: null,
    at,
    locale: 'en-US',
  },
  'enrollment.review_requested': {
    applicationId: ids[0],
    orgId: ids[0],
    orgName: 'Contoso Ltd.',
    mpnId: '1234567',
    country: 'KR',
    partnerType: 'indirect_provider',
    primaryContact: 'Kim Min-jun <minjun@contoso.example>',
  },
  'user.added': {
    orgId: ids[0],
    orgName: 'Contoso Ltd.',
    userId: ids[0],
    userName: 'Lee Seo-yeon',
    email: 'seoyeon@contoso.example',
    roles: ['admin_agent', 'business_profile_admin'],
    addedByName: 'Kim Min-jun',
    locale: 'en-US',
  },
  'user.roles_changed': {
    orgId: ids[0],
    userId: ids[0],
    userName: 'Lee Seo-yeon',
    roles: ['sales_agent', 'helpdesk_agent'],
    changedByName: 'Kim Min-jun',
    locale: 'en-US',
  },
  'mpa.signed': {
    orgId: ids[0],
    orgName: 'Contoso Ltd.',
    version: '2024-01',
    signerName: 'Kim Min-jun',
    signerEmail: 'minjun@contoso.example',
    signedAt: at,
    locale: 'en-US',
  },
  'partnership.requested': {
    partnershipId: ids[0],
    providerId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerId: ids[0],
    resellerName: 'Fabrikam Inc.',
    origin: 'directory_request',
    message: 'Please partner with us.',
  },
  'partnership.invited': {
    invitationId: ids[0],
    providerId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerId: ids[0],
    resellerName: 'Fabrikam Inc.',
    expiresAt: later,
  },
  'partnership.authorized': {
    partnershipId: ids[0],
    providerId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerId: ids[0],
    resellerName: 'Fabrikam Inc.',
    byName: 'Kim Min-jun',
    at,
  },
  'partnership.declined': {
    partnershipId: ids[0],
    providerId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerId: ids[0],
    resellerName: 'Fabrikam Inc.',
    byName: 'Kim Min-jun',
    reason: 'Not now.',
  },
  'partnership.admin_access_withdrawn': {
    partnershipId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerName: 'Fabrikam Inc.',
    byName: 'Kim Min-jun',
  },
  'partnership.admin_access_restored': {
    partnershipId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerName: 'Fabrikam Inc.',
    byName: 'Kim Min-jun',
  },
  'partnership.end_requested': {
    partnershipId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerName: 'Fabrikam Inc.',
    requestedByName: 'Kim Min-jun',
    reason: 'We merged.',
  },
  'partnership.end_decided': {
    partnershipId: ids[0],
    providerName: 'Contoso Distribution Co.',
    resellerName: 'Fabrikam Inc.',
    decision: 'approved',
    reason: null,
  },
  'customer.invited_with_provider': {
    invitationId: ids[0],
    resellerId: ids[0],
    resellerName: 'Fabrikam Inc.',
    providerId: ids[0],
    providerName: 'Contoso Distribution Co.',
    expiresAt: later,
  },
  'customer.invitation_accepted': {
    invitationId: ids[0],
    customerId: ids[0],
    customerName: 'Northwind Traders Ltd.',
    partnerId: ids[0],
    partnerName: 'Fabrikam Inc.',
    providerName: null,
  },
  'customer.invitation_declined': { invitationId: ids[0], partnerId: ids[0], partnerName: 'Fabrikam Inc.' },
  'customer.added': {
    customerId: ids[0],
    customerName: 'Northwind Traders Ltd.',
    providerName: 'Contoso Distribution Co.',
    resellerName: 'Fabrikam Inc.',
  },
  'customer.relationship_removed': {
    customerId: ids[0],
    customerName: 'Northwind Traders Ltd.',
    partnerId: ids[0],
    partnerName: 'Fabrikam Inc.',
  },
  'program_admin.granted': { name: 'Lee Seo-yeon', grantedByName: 'Kim Min-jun' },
  'partner_center.event': { orgName: 'Contoso Ltd.', eventName: 'subscription-updated', changedAt: at },
  'partner_center.link_expiring': { orgId: ids[0], orgName: 'Contoso Ltd.', daysLeft: 14, expiresAt: later },
  'directory.change_requested': {
    requestId: ids[0],
    orgId: ids[0],
    orgName: 'Contoso Distribution Co.',
    displayName: 'Contoso Distribution Co.',
    requestedByName: 'Kim Min-jun',
    requestedAt: at,
    regions: ['korea', 'united_states'],
    services: ['m365', 'azure'],
    summary: 'We serve resellers.',
    contactEmail: 'partners@contoso.example',
    contactPhone: '+82 2 555 0100',
    website: 'https://contoso.example',
    viewers: [],
  },
  'directory.change_decided': {
    requestId: ids[0],
    orgId: ids[0],
    orgName: 'Contoso Distribution Co.',
    decision: 'approved',
    byName: 'Kim Min-jun',
    at,
    reason: null,
  },
  'subscription.changed': {
    subscriptionId: ids[0],
    customerName: 'Northwind Traders Ltd.',
    offerId: OFFER_ID,
    offerNames: { 'en-US': 'Microsoft 365 E3', 'ko-KR': 'Microsoft 365 E3' },
    change: 'partner_of_record_set',
    providerName: 'Contoso Distribution Co.',
    resellerName: 'Fabrikam Inc.',
  },
  'gdap.requested': { ...gdapFacts, requestedByName: 'Kim Min-jun', durationDays: 730 },
  'gdap.reseller_consent_requested': { ...gdapFacts, requestedByName: 'Kim Min-jun' },
  'gdap.reseller_consented': { ...gdapFacts, byName: 'Lee Seo-yeon' },
  'gdap.reseller_declined': { ...gdapFacts, byName: 'Lee Seo-yeon' },
  'gdap.approved': {
    ...gdapFacts,
    approvedByName: 'Park Ji-woo',
    durationDays: 730,
    autoExtendDays: 0,
    activatedAt: at,
    endsAt: later,
  },
  'gdap.declined': { ...gdapFacts, declinedByName: 'Park Ji-woo' },
  'gdap.terminated': { ...gdapFacts, terminatedByName: 'Kim Min-jun', terminatedAt: at },
  'gdap.expired': { ...gdapFacts, endsAt: later },
  'gdap.digest': {
    orgId: ids[0],
    orgName: 'Contoso Distribution Co.',
    day: '2026-03-01',
    digestAt: '2026-03-01T23:00:00.000Z',
    count: 43,
    lines: [
      { ...gdapFacts, kind: 'expiring', threshold: '7', endsAt: later, daysLeft: 7 },
      { ...gdapFacts, kind: 'expiring', threshold: '1', endsAt: later, daysLeft: 1 },
      { ...gdapFacts, kind: 'expired', threshold: null, endsAt: at, daysLeft: null },
      { ...gdapFacts, kind: 'terminated', threshold: null, endsAt: at, daysLeft: null },
    ].map(({ orgId: _o, orgName: _n, resellerName: _r, ...line }) => line),
  },
};

/** The renderer the worker uses (src/app-services.ts): review cards, decision cards, then text. */
const botRenderer = gdapDigestRenderer(
  directoryRenderer(enrollmentRenderer(() => Promise.resolve([]), partnershipRenderer)),
);

function noticeStrings(a: ReturnType<typeof defaultRenderer>): string[] {
  const out = a.text ? [a.text] : [];
  for (const att of a.attachments ?? []) out.push(JSON.stringify(att.content));
  return out;
}

const english = (l: Locale) => l === 'en-US';

describe('people-readable: no internal ids or rule codes (issue 14 item 5)', () => {
  it('the pattern finds what it must: snake_case ids, cited rule codes, record ids, "Ltd..", British spelling', () => {
    assert.deepEqual(unreadable('Regions: united_states and korea (E8).'), ['id "united_states"', 'rule code "(E8)"']);
    assert.equal(unreadable('roles: admin_agent').length, 1);
    assert.equal(unreadable('Changed: partner_of_record_set').length, 1);
    assert.equal(unreadable('see (PT1, M1)').length, 1);
    assert.equal(unreadable('Organization cm8x1y2z3a4b5c6d7e8f9g0h1').length, 1);
    assert.equal(unreadable('signed for Contoso Ltd..').length, 1);
    assert.equal(unreadable('our organisation', { english: true }).length, 1);
    assert.equal(unreadable(`the offer ${OFFER_ID}`, { ids }).length, 1);
    // words, links, addresses, ellipses and offer names are not ids
    assert.deepEqual(
      unreadable('Microsoft 365 E3 for Contoso Ltd. … see https://x.test/a_b or a_b@x.test...', { english: true }),
      [],
    );
  });

  for (const locale of locales) {
    it(`${locale}: every catalogue string (placeholders aside)`, () => {
      const report = new ReadableReport();
      for (const [key, value] of Object.entries(catalogue(locale))) {
        report.check(key, value.replace(/\{\w+\}/g, 'X'), { english: english(locale) });
      }
      assert.deepEqual(report.problems, []);
    });

    it(`${locale}: every error message, with the ids the domain passes (states, regions, roles, types, dates)`, () => {
      const params = {
        roles: 'admin_agent,sales_agent',
        partnerType: 'indirect_reseller, direct_bill',
        state: 'end_requested',
        decision: 'in_review',
        from: 'united_states',
        to: 'korea',
        country: 'US',
        mpnCountry: 'KR',
        entity: 'partnership',
        at,
        expiredAt: at,
        by: '?',
        offerId: OFFER_ID,
        mpnId: '1234567',
        org: 'Contoso Ltd.',
        email: 'minjun@contoso.example',
        domain: 'contoso.example',
        details: 'line 2: the country is missing',
        min: 1,
        max: 300,
      };
      const report = new ReadableReport();
      for (const code of errorCodes) {
        report.check(`error ${code}`, describeError(locale, new AppError(code, params)), {
          english: english(locale),
          // an offer ID a program administrator typed is theirs to read back (the offers branch's OFFER_EXISTS)
          ids: echoesTypedOfferId.has(code) ? ids.filter((id) => id !== OFFER_ID) : ids,
        });
      }
      // NOT_FOUND without an entity (an MPN lookup) names no placeholder either
      report.check('NOT_FOUND (no entity)', describeError(locale, new AppError('NOT_FOUND', { mpnId: '1' })));
      assert.doesNotMatch(describeError(locale, new AppError('NOT_FOUND', { mpnId: '1' })), /\{entity\}/);
      assert.deepEqual(report.problems, []);
    });

    it(`${locale}: every channel and personal notice, as the worker renders it`, async () => {
      const report = new ReadableReport();
      for (const type of eventTypes) {
        const payload = { ...payloads[type], ...('locale' in payloads[type] ? { locale } : {}) };
        for (const key of ['k', 'k:aad:someone']) {
          const a = await botRenderer({ id: 'e', type, payload, idempotencyKey: key }, locale);
          for (const s of noticeStrings(a)) {
            if (s.startsWith('{')) report.checkCard(type, JSON.parse(s), { english: english(locale), ids });
            else report.check(type, s, { english: english(locale), ids });
          }
        }
      }
      // an event of a type this build does not know reads as a plain sentence
      const unknown = defaultRenderer(
        { id: 'e', type: 'some_future.event_type', payload: {}, idempotencyKey: 'k' },
        locale,
      );
      report.check('unknown type', unknown.text ?? '');
      assert.deepEqual(report.problems, []);
    });

    it(`${locale}: every e-mail`, () => {
      const report = new ReadableReport();
      for (const type of mailEventTypes) {
        const m = renderMail(type, JSON.stringify({ ...payloads[type], locale }), 'someone@contoso.example');
        report.check(`mail ${type} subject`, m.subject, { english: english(locale), ids });
        report.check(`mail ${type} body`, m.text, { english: english(locale), ids });
      }
      assert.deepEqual(report.problems, []);
    });
  }

  it('a subscription change names its offer in the reader’s language; an old row without the names names none', () => {
    const p = payloads['subscription.changed'];
    const en = defaultRenderer({ id: 'e', type: 'subscription.changed', payload: p, idempotencyKey: 'k' }, 'en-US');
    assert.equal(en.text, 'Subscription to Microsoft 365 E3 for Northwind Traders Ltd.: partner of record changed.');
    const { offerNames: _drop, ...old } = p;
    const ko = defaultRenderer({ id: 'e', type: 'subscription.changed', payload: old, idempotencyKey: 'k' }, 'ko-KR');
    assert.doesNotMatch(ko.text ?? '', new RegExp(OFFER_ID));
    assert.match(ko.text ?? '', /파트너 오브 레코드/);
  });

  it('a name ending in "." takes the sentence’s period: never "Ltd.."', () => {
    const a = defaultRenderer(
      { id: 'e', type: 'customer.added', payload: payloads['customer.added'], idempotencyKey: 'k' },
      'en-US',
    );
    assert.equal(a.text, 'Contoso Distribution Co. added the customer Northwind Traders Ltd.');
  });

  it('roles and countries by name in notices: "admin agent", "대한민국"', () => {
    const en = defaultRenderer(
      { id: 'e', type: 'user.added', payload: payloads['user.added'], idempotencyKey: 'k' },
      'en-US',
    );
    assert.match(en.text ?? '', /roles: admin agent, business profile admin/);
    const ko = defaultRenderer(
      {
        id: 'e',
        type: 'enrollment.review_requested',
        payload: payloads['enrollment.review_requested'],
        idempotencyKey: 'k',
      },
      'ko-KR',
    );
    assert.match(ko.text ?? '', /대한민국/);
  });

  it('Korean times read 오전/오후 in the reader’s zone', () => {
    const s = formatDateTime(new Date(at), { locale: 'ko-KR', timeZone: 'Asia/Seoul' });
    assert.match(s, /오후 6:00/);
    assert.doesNotMatch(s, /UTC/);
  });
});
