import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { notificationVerbs as nv } from '../../../../src/bot/notifications/verbs.js';
import { forEachDatabase } from '../../../support/db.js';
import { actionsOf, cardJson } from '../../../support/cards.js';
import { card, not, play, press, refused, says, type Answer } from '../../../support/conversation.js';
import { enrolledOrg, userWithRoles, type EnrolledOrg } from '../../../support/fixtures.js';
import { authorizedPayload } from '../../../support/notify-fixtures.js';
import { adminChat, bind, chatOf, startPWorld, type PWorld } from '../partnerships/support.js';

/**
 * `failed notices` (실패한 알림), issue 13 item 2: through the real server and the recording connector,
 * an administrator sees the organisation's dead notices and sends them again; others are refused.
 */
const createdAt = new Date('2026-03-01T09:01:00.000Z');

async function deadNotice(p: PWorld, org: EnrolledOrg, resellerName: string, lastError: string): Promise<string> {
  const row = await p.w.test.db.prisma.outboxEvent.create({
    data: {
      type: 'partnership.authorized',
      targetOrgId: org.orgId,
      payload: JSON.stringify({ ...authorizedPayload(1), resellerName }),
      idempotencyKey: `partnership.authorized:${randomUUID()}`,
      status: 'dead',
      attempts: 8,
      lastError,
      createdAt,
      nextAttemptAt: createdAt,
    },
    select: { id: true },
  });
  return row.id;
}

/** The data of the Retry button in the row (a Container of the card's body) whose first line names `text`. */
function retryOf(text: string) {
  return (a: Answer) => {
    const body = (a.card?.body ?? []) as { type: string; items?: Record<string, unknown>[] }[];
    const row = body.find(
      (b) => b.type === 'Container' && typeof b.items?.[0]?.text === 'string' && b.items[0].text.includes(text),
    );
    assert.ok(row, `a row for ${text}`);
    const [retry] = actionsOf({ type: 'AdaptiveCard', body: row.items }).filter((x) => x.verb === nv.failedNoticeRetry);
    assert.ok(retry, `a Retry button for ${text}`);
    return retry.data;
  };
}

describe('the failed notices command (issue 13 item 2, in chat)', function () {
  this.timeout(60_000);
  forEachDatabase('failed notices command', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });
    const status = async (id: string) =>
      (await p.w.test.db.prisma.outboxEvent.findUniqueOrThrow({ where: { id } })).status;

    it('an admin sees each failed notice (what, when, attempts, reason) with Retry; Retry re-queues it, again says nothing changed; Retry all takes the rest', async () => {
      const org = await enrolledOrg(p.w, { types: ['indirect_provider'] });
      const older = await deadNotice(
        p,
        org,
        'Fabrikam Older',
        'gave up after 8 attempts: HTTP 500 InternalServerError',
      );
      const newer = await deadNotice(p, org, 'Fabrikam Newer', 'HTTP 403 MessageWritesBlocked');
      await p.w.test.db.prisma.outboxEvent.update({
        where: { id: newer },
        data: { createdAt: new Date(createdAt.getTime() + 60_000) },
      });
      await play(p.h, adminChat(p, org), [
        {
          user: 'failed notices',
          bot: card(
            'Failed notifications',
            /Kim Min-jun authorized Contoso Distribution as an indirect provider of Fabrikam Newer/,
            'Fabrikam Older',
            'Attempts: 8',
            'Reason: The bot was removed or blocked where the notice was to be posted.',
            'Reason: Microsoft Teams could not be reached.',
            'Created Mar 1, 2026, 9:01 AM UTC',
            not('HTTP 500'),
            not('MessageWritesBlocked'),
            { json: ['Retry all', nv.failedNoticeRetry] },
          ),
          why: 'newest first, the reason for people, never the raw error',
        },
        {
          user: press(nv.failedNoticeRetry, retryOf('Older')),
          bot: card('The notice is queued again and will be sent shortly.', 'Fabrikam Newer', not('Fabrikam Older')),
          why: 'the retried notice leaves the list',
        },
        { meanwhile: async () => assert.equal(await status(older), 'pending') },
        {
          user: press(nv.failedNoticeRetry, { v: 1, eventId: older }),
          bot: card('That notice is already queued to be sent: nothing changed.'),
          why: 'idempotent: a double click changes nothing and says so',
        },
        {
          user: press(nv.failedNoticesRetryAll, { v: 1 }),
          bot: card('1 notice(s) queued again', 'No failed notifications'),
        },
        { meanwhile: async () => assert.equal(await status(newer), 'pending') },
        {
          user: press(nv.failedNoticesRetryAll, { v: 1 }),
          bot: card('There were no failed notices to retry: nothing changed.'),
        },
      ]);
      const audits = await p.w.test.db.prisma.auditEvent.count({ where: { action: 'notification.retried' } });
      assert.equal(audits, 2);
    });

    it('pages of ten: Next shows the older ones, Previous goes back; Retry on page 2 stays on page 2', async () => {
      const org = await enrolledOrg(p.w, { types: ['indirect_provider'] });
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = await deadNotice(p, org, `Fabrikam N${String(i).padStart(2, '0')}`, 'HTTP 500');
        await p.w.test.db.prisma.outboxEvent.update({
          where: { id },
          data: { createdAt: new Date(createdAt.getTime() + i * 60_000) },
        });
        ids.push(id);
      }
      const pageButton = (title: string) => (a: Answer) => {
        const hit = actionsOf(a.card).find((x) => x.verb === nv.failedNoticesPage && x.title === title);
        assert.ok(hit, `a ${title} button`);
        return hit.data;
      };
      await play(p.h, adminChat(p, org), [
        { user: 'failed notices', bot: card('Page 1', 'Fabrikam N11', 'Fabrikam N02', not('Fabrikam N01')) },
        {
          user: press(nv.failedNoticesPage, pageButton('Next')),
          bot: card('Page 2', 'Fabrikam N01', 'Fabrikam N00', not('N11')),
        },
        {
          user: press(nv.failedNoticeRetry, retryOf('Fabrikam N01')),
          bot: card('Page 2', 'The notice is queued again', 'Fabrikam N00', not('Fabrikam N01')),
        },
        { user: press(nv.failedNoticesPage, pageButton('Previous')), bot: card('Page 1', 'Fabrikam N11') },
      ]);
      assert.equal(await status(ids[1]), 'pending');
    });

    it("ko-KR: the card, the reasons, the time in the reader's zone and the answers are Korean", async () => {
      const org = await enrolledOrg(p.w, { types: ['indirect_provider'] });
      const id = await deadNotice(p, org, 'Fabrikam Korea', 'gave up after 8 attempts: HTTP 429');
      const chat = adminChat(p, org, 'ko-KR');
      await chat.say('실패한 알림', {
        extra: { entities: [{ type: 'clientInfo', locale: 'ko-KR', timezone: 'Asia/Seoul' }] },
      });
      const [reply] = await p.h.connector.waitFor(1);
      const text = cardJson(reply.card);
      assert.match(text, /실패한 알림/);
      assert.match(text, /시도 횟수: 8/);
      assert.match(text, /Microsoft Teams가 계속 봇의 전송 속도를 제한했습니다/);
      assert.match(text, /Fabrikam Korea/);
      assert.match(text, /(오후|PM) 6:01/, 'the time in Asia/Seoul (09:01 UTC)');
      assert.match(text, /모두 다시 시도/);
      await play(p.h, chat, [
        { user: press(nv.failedNoticeRetry, { v: 1, eventId: id }), bot: card('알림을 다시 대기열에 넣었습니다') },
      ]);
      assert.equal(await status(id), 'pending');
    });

    it("a sales agent is refused (roles named); another organisation's admin cannot retry this one (not found)", async () => {
      const org = await enrolledOrg(p.w, { types: ['indirect_provider'] });
      const other = await enrolledOrg(p.w, { types: ['indirect_provider'] });
      const id = await deadNotice(p, org, 'Fabrikam Guarded', 'HTTP 500');
      const sales = await userWithRoles(p.w, org, ['sales_agent']);
      await bind(p, sales);
      await play(p.h, chatOf(p, sales), [
        { user: 'failed notices', bot: says('You need one of these roles', 'global admin', not('Fabrikam')) },
        { user: press(nv.failedNoticeRetry, { v: 1, eventId: id }), bot: refused('You need one of these roles') },
        { user: press(nv.failedNoticesRetryAll, { v: 1 }), bot: refused('You need one of these roles') },
      ]);
      await play(p.h, adminChat(p, other), [
        { user: press(nv.failedNoticeRetry, { v: 1, eventId: id }), bot: refused('was not found') },
        { user: 'failed notices', bot: card('No failed notifications', not('Fabrikam Guarded')) },
      ]);
      assert.equal(await status(id), 'dead');
    });
  });
});
