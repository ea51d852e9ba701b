/** G7, G9, G12: the GDAP events the channel reads as cards; the others as one line in the reader's language. */
import assert from 'node:assert/strict';
import { gdapRenderer } from '../../../src/bot/gdap/notify-render.js';
import { gdapVerbs as gv } from '../../../src/bot/gdap/verbs.js';
import { defaultRenderer, type RenderableEvent } from '../../../src/notify/render.js';
import { cardJson, cardText } from '../../support/cards.js';

const facts = {
  relationshipId: 'cm8x1y2z3a4b5c6d7e8f9g0h1',
  orgId: 'cm8x1y2z3a4b5c6d7e8f9g0h2',
  orgName: 'Contoso Distribution',
  displayName: 'Wingtip helpdesk',
  customerName: 'Wingtip Toys',
  resellerName: null,
  roleTemplateIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
};
const event = (type: string, payload: unknown): RenderableEvent => ({ id: 'e1', type, payload, idempotencyKey: 'k' });
const render = gdapRenderer((e, l) => defaultRenderer(e, l));

describe('GDAP notices', () => {
  it('G9/G12: the customer’s approval is a card naming who approved, until when, and the roles by name', async () => {
    const a = await render(
      event('gdap.approved', {
        ...facts,
        approvedByName: 'Park Ji-woo',
        durationDays: 730,
        autoExtendDays: 0,
        activatedAt: '2026-03-02T09:00:00.000Z',
        endsAt: '2028-03-01T09:00:00.000Z',
      }),
      'ko-KR',
    );
    const card = a.attachments?.[0]?.content;
    assert.ok(card);
    const text = cardText(card);
    assert.match(text, /Wingtip Toys이\(가\) GDAP “Wingtip helpdesk”을\(를\) 승인했습니다/);
    assert.match(text, /Park Ji-woo님이 2026년 3월 2일에 승인했습니다\. 2028년 3월 1일까지 활성/);
    assert.match(text, /기술 지원팀 관리자/);
    assert.ok(!text.includes('729827e3'));
  });

  it('G7: a provider’s request reaches the reseller as a card with Consent and Decline', async () => {
    const a = await render(
      event('gdap.reseller_consent_requested', { ...facts, resellerName: 'Northwind', requestedByName: 'Kim' }),
      'en-US',
    );
    const card = a.attachments?.[0]?.content;
    const json = cardJson(card);
    assert.match(cardText(card), /Consent to a GDAP request for Wingtip Toys/);
    assert.ok(json.includes(gv.gdapConsent));
  });

  it('G12: terminated and expired read as one line in the reader’s language', async () => {
    const a = await render(
      event('gdap.terminated', { ...facts, terminatedByName: 'Kim', terminatedAt: '2026-03-02T09:00:00.000Z' }),
      'en-US',
    );
    assert.match(a.text ?? '', /“Wingtip helpdesk” with Wingtip Toys was terminated by Kim on March 2, 2026/);
    const b = await render(event('gdap.expired', { ...facts, endsAt: '2026-03-02T09:00:00.000Z' }), 'ko-KR');
    assert.match(b.text ?? '', /만료되었습니다/);
  });
});
