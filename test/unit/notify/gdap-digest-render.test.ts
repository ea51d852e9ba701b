/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return --
   the test walks the card's untyped JSON; its shape is what it asserts. */
/**
 * Issue 18 item 4 (docs/gdap.md, G15, G16): the GDAP digest as the worker renders it, in en-US and ko-KR: sections
 * soonest first, customers and roles by name, each end as Adaptive Cards' DATE()/TIME() (which Teams shows in the
 * reader's time zone), a Renew button per relationship with the card action the GDAP relationship card uses.
 */
import assert from 'node:assert/strict';
import { cardDate, gdapDigestRenderer, GDAP_RENEW_VERB } from '../../../src/notify/gdap-digest-render.js';
import { defaultRenderer, noticePlainText } from '../../../src/notify/render.js';
import { cardStrings, unreadable } from '../../support/readable.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';

const line = (n: number, extra: Record<string, unknown>) => ({
  relationshipId: `rel-${n}`,
  displayName: `Helpdesk ${n}`,
  customerName: `Wingtip Toys ${n}`,
  roleTemplateIds: [HELPDESK, LICENSE],
  ...extra,
});

const payload = {
  orgId: 'org-1',
  orgName: 'Contoso Distribution Korea',
  day: '2026-03-02',
  digestAt: '2026-03-02T23:00:00.000Z',
  count: 5,
  lines: [
    line(1, { kind: 'expiring', threshold: '1', endsAt: '2026-03-03T14:30:00.000Z', daysLeft: 1 }),
    line(2, { kind: 'expiring', threshold: '7', endsAt: '2026-03-08T09:00:00.000Z', daysLeft: 6 }),
    line(3, { kind: 'expiring', threshold: '30', endsAt: '2026-03-30T09:00:00.000Z', daysLeft: 28 }),
    line(4, {
      kind: 'terminated',
      threshold: null,
      endsAt: '2026-03-02T10:15:00.000Z',
      daysLeft: null,
      customerName: '[Re-verify](https://evil.example) **URGENT**',
    }),
  ],
};

const render = gdapDigestRenderer(defaultRenderer);

async function card(locale: 'en-US' | 'ko-KR'): Promise<Record<string, any>> {
  const a = await render({ id: 'e', type: 'gdap.digest', payload, idempotencyKey: 'k' }, locale);
  assert.equal(a.attachments?.length, 1);
  assert.equal(a.attachments[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
  return a.attachments[0]?.content as Record<string, any>;
}

/** Every TextBlock's text, in order, through containers. */
function texts(node: unknown): string[] {
  return cardStrings(node);
}

function renewButtons(node: any): any[] {
  const out: any[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'Action.Execute') out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(node);
  return out;
}

describe('notify: the GDAP digest card (issue 18 item 4)', () => {
  it("G15: en-US: sections soonest first, customers and roles by name, ends in the reader's time zone", async () => {
    const c = await card('en-US');
    assert.equal(c.body[0].text, 'GDAP digest for Contoso Distribution Korea');
    assert.match(c.fallbackText, /^GDAP digest for Contoso Distribution Korea, 5 to look at/);
    const all = texts(c.body);
    const at = (s: string) => all.findIndex((x) => x.includes(s));
    assert.ok(at('Ending within 1 day') < at('Wingtip Toys 1'));
    assert.ok(at('Wingtip Toys 1') < at('Ending within 7 days'));
    assert.ok(at('Ending within 7 days') < at('Wingtip Toys 2'));
    assert.ok(at('Wingtip Toys 2') < at('Ending within 30 days'));
    assert.ok(at('Ending within 30 days') < at('Ended since the last digest'));
    assert.ok(all.includes('Wingtip Toys 1 · Helpdesk 1'));
    assert.ok(all.includes('Roles: Helpdesk Administrator, License Administrator'));
    // the reader's zone: Teams formats DATE()/TIME() on each reader's device
    assert.ok(all.includes('Ends {{DATE(2026-03-03T14:30:00Z, SHORT)}} at {{TIME(2026-03-03T14:30:00Z)}} (in 1 day)'));
    assert.ok(all.includes('Ends {{DATE(2026-03-08T09:00:00Z, SHORT)}} at {{TIME(2026-03-08T09:00:00Z)}} (in 6 days)'));
    assert.ok(all.includes('Terminated {{DATE(2026-03-02T10:15:00Z, SHORT)}} at {{TIME(2026-03-02T10:15:00Z)}}'));
    assert.ok(all.includes('And 1 more. Type **gdap** to see them all.'));
    assert.ok(!all.join('\n').includes('.000Z'), 'never a raw timestamp');
    assert.deepEqual(unreadable(all.join('\n'), { english: true, ids: [HELPDESK, 'org-1'] }), []);
  });

  it('G16: ko-KR: the same card in Korean', async () => {
    const c = await card('ko-KR');
    assert.equal(c.body[0].text, 'Contoso Distribution Korea GDAP 요약');
    const all = texts(c.body);
    assert.ok(all.includes('1일 이내 종료'));
    assert.ok(all.includes('지난 요약 이후 종료됨'));
    assert.ok(all.includes('역할: 기술 지원팀 관리자, 라이선스 관리자'));
    assert.ok(all.includes('{{DATE(2026-03-08T09:00:00Z, SHORT)}} {{TIME(2026-03-08T09:00:00Z)}}에 종료 (6일 남음)'));
    assert.ok(all.includes('{{DATE(2026-03-02T10:15:00Z, SHORT)}} {{TIME(2026-03-02T10:15:00Z)}}에 종료됨'));
    assert.ok(all.includes('외 1건. **GDAP 목록**을 입력하여 모두 확인하세요.'));
    assert.deepEqual(unreadable(all.join('\n'), { ids: [HELPDESK, 'org-1'] }), []);
  });

  it('G11: one Renew button per relationship, the card action of the GDAP relationship card', async () => {
    for (const locale of ['en-US', 'ko-KR'] as const) {
      const buttons = renewButtons(await card(locale));
      assert.deepEqual(
        buttons.map((b) => [b.verb, b.data]),
        payload.lines.map((l) => [GDAP_RENEW_VERB, { v: 1, relationshipId: l.relationshipId }]),
      );
      assert.equal(GDAP_RENEW_VERB, 'gdap.renew');
      assert.equal(buttons[0].title, locale === 'en-US' ? 'Renew' : '갱신');
    }
  });

  it("names are shown as typed, never as markdown (a customer's name cannot make a link)", async () => {
    const all = texts(await card('en-US'));
    const title = all.find((s) => s.includes('Re-verify'));
    assert.equal(title, '\\[Re-verify\\](https://evil.example) \\*\\*URGENT\\*\\* · Helpdesk 4');
  });

  it('DATE()/TIME() follow the reference: upper case, RFC 3339 without fractions', () => {
    assert.deepEqual(cardDate('2026-03-03T14:30:00.000Z'), {
      date: '{{DATE(2026-03-03T14:30:00Z, SHORT)}}',
      time: '{{TIME(2026-03-03T14:30:00Z)}}',
    });
  });

  it('other events go to the next renderer; the digest reads as one line where cards are not shown', async () => {
    const other = await render({ id: 'e', type: 'some_future.event_type', payload: {}, idempotencyKey: 'k' }, 'en-US');
    assert.equal(other.attachments, undefined);
    const plain = noticePlainText({ id: 'e', type: 'gdap.digest', payload }, 'en-US');
    assert.match(plain, /GDAP digest for Contoso Distribution Korea, 5 to look at/);
    assert.match(noticePlainText({ id: 'e', type: 'gdap.digest', payload }, 'ko-KR'), /GDAP 요약: .* 5건/);
  });

  it('refuses a payload that does not match its schema (the worker marks it dead)', async () => {
    await assert.rejects(async () =>
      render({ id: 'e', type: 'gdap.digest', payload: { ...payload, lines: [] }, idempotencyKey: 'k' }, 'en-US'),
    );
  });
});
