import assert from 'node:assert/strict';
import { eventTypes } from '../../../src/domain/shared/events.js';
import { notify as enUS } from '../../../src/i18n/en-US/notify.js';
import { notify as koKR } from '../../../src/i18n/ko-KR/notify.js';
import { CHANNEL_BLOCKED } from '../../../src/notify/channel-blocked.js';
import { defaultRenderer, hasKey } from '../../../src/notify/render.js';
import { authorizedPayload } from '../../support/notify-fixtures.js';

describe('notify: default renderer', () => {
  it('has a message for every domain event type, in en-US and ko-KR', () => {
    const missing = eventTypes.filter((t) => !hasKey(`notify.${t}`));
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(koKR).sort(), Object.keys(enUS).sort());
  });
  it('renders a domain event in the organisation locale, every placeholder filled', () => {
    const ev = { id: 'e', type: 'partnership.authorized', payload: authorizedPayload(1), idempotencyKey: 'k' };
    const en = defaultRenderer(ev, 'en-US');
    const ko = defaultRenderer(ev, 'ko-KR');
    assert.equal(en.text, 'Kim Min-jun authorized Contoso Distribution as an indirect provider of Fabrikam 1.');
    assert.match(ko.text ?? '', /간접 공급자/);
    assert.doesNotMatch(`${en.text ?? ''}${ko.text ?? ''}`, /\{\w+\}/);
  });
  it('refuses a payload that does not match its schema', () => {
    assert.throws(() =>
      defaultRenderer({ id: 'e', type: 'partnership.authorized', payload: { nope: 1 }, idempotencyKey: 'k' }, 'en-US'),
    );
  });
  it('renders the blocked-channel notice', () => {
    const payload = {
      orgId: 'o',
      orgName: 'Contoso',
      channelId: 'c',
      channelName: null,
      conversationId: '19:x',
      reason: 'r',
      at: '2026-03-02T09:00:00.000Z',
      locale: 'en-US',
    };
    const a = defaultRenderer({ id: 'e', type: CHANNEL_BLOCKED, payload, idempotencyKey: 'k' }, 'en-US');
    assert.match(a.text ?? '', /Contoso.*the notification channel.*notify here/);
  });
  it("P1: the expiry of an invitation reads as a date in the reader's language, never an ISO timestamp", () => {
    const payload = {
      invitationId: 'i',
      providerId: 'p',
      providerName: 'Contoso Distribution',
      resellerId: 'r',
      resellerName: 'Fabrikam',
      expiresAt: '2026-04-02T09:00:00.000Z',
    };
    const ev = { id: 'e', type: 'partnership.invited', payload, idempotencyKey: 'k' };
    const en = defaultRenderer(ev, 'en-US').text ?? '';
    const ko = defaultRenderer(ev, 'ko-KR').text ?? '';
    assert.match(en, /valid until April 2, 2026/);
    assert.match(ko, /2026년 4월 2일/);
    assert.doesNotMatch(en + ko, /T09:00/);
  });
  it("E5: an enrollment state change names the partner type and states in the reader's language, never their identifiers", () => {
    const payload = {
      applicationId: 'a',
      orgId: 'o',
      orgName: 'Northwind',
      partnerType: 'indirect_provider',
      from: 'in_review',
      to: 'approved',
      reason: null,
      at: '2026-03-02T09:00:00.000Z',
      locale: 'en-US',
    };
    const ev = { id: 'e', type: 'enrollment.state_changed', payload, idempotencyKey: 'k' };
    const en = defaultRenderer(ev, 'en-US').text ?? '';
    const ko = defaultRenderer(ev, 'ko-KR').text ?? '';
    assert.match(en, /Indirect provider/);
    assert.match(en, /In review → Approved/);
    assert.doesNotMatch(en + ko, /indirect_provider|in_review|approved\b/);
    assert.match(ko, /[\uac00-\ud7a3]/);
  });
});
