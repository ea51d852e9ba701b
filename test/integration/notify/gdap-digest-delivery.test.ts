import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { requestGdap } from '../../../src/domain/gdap/request-gdap.js';
import { respondToGdapApproval } from '../../../src/domain/gdap/gdap-approval.js';
import { createLogger } from '../../../src/log.js';
import { GdapDigestJob } from '../../../src/notify/gdap-digest-job.js';
import { forEachDatabase } from '../../support/db.js';
import { makeWorld, type EnrolledOrg, type World } from '../../support/fixtures.js';
import { startHarness, type Chat, type Harness } from '../../support/harness.js';
import type { CardJson, RecordedActivity } from '../../support/connector.js';
import { customerOf, reseller, tokenOf } from '../../support/partners.js';
import { cardStrings } from '../../support/readable.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const DAY = 86_400_000;

/**
 * Issue 18 item 4 (G14–G17) through the real server: the digest job (with the world's clock injected) queues the
 * digest, the server's notification worker renders it with the server's renderer chain (src/app-services.ts) and
 * posts it to the organization's channel, as a card in the organization's language, its ends as DATE()/TIME()
 * (the reader's zone) and a Renew button; a second run posts nothing more. SQLite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
forEachDatabase('notify: the GDAP digest reaches the channel (real server, issue 18 item 4)', (db) => {
  let h: Harness;
  let w: World;

  beforeEach(async function () {
    this.timeout(30_000);
    h = await startHarness({
      storage: db.kind,
      notifications: true,
      env: { PROGRAM_ADMINS: randomUUID(), PUBLIC_BASE_URL: 'https://bot.example.test' },
    });
    w = makeWorld(h.database!, { publicBaseUrl: 'https://bot.example.test' });
    // the worker sends what is due by the real clock: the world starts now, and the rows are moved back instead
    w.clock.set(new Date());
  });
  afterEach(async () => {
    await h.close();
  });

  /** An enrolled reseller with its channel connected, and one relationship ending in 5 days (active for 2). */
  async function orgWithDueRelationship(locale: 'en-US' | 'ko-KR'): Promise<{ r: EnrolledOrg; channel: Chat }> {
    const r = await reseller(w);
    await w.store.read.organization.update({ where: { id: r.orgId }, data: { locale } });
    const channel = h.channel({
      aadObjectId: r.admin.aadObjectId,
      tenantId: r.tenantId,
      name: r.admin.name,
      channelName: 'Partners',
    });
    await channel.say('notify here');
    await h.connector.waitFor(1);
    const { customerId, actor } = await customerOf(w, r);
    const req = await requestGdap(w.ctx, r.admin, {
      customerId,
      roleTemplateIds: [HELPDESK],
      durationDays: 30,
      autoExtendDays: 0,
    });
    await respondToGdapApproval(w.ctx, actor, { token: tokenOf(req.approvalLink), decision: 'approve' });
    const now = w.clock.now().getTime();
    await w.store.read.gdapRelationship.update({
      where: { id: req.relationshipId },
      data: { activatedAt: new Date(now - 2 * DAY), endsAt: new Date(now + 5 * DAY) },
    });
    return { r, channel };
  }

  const isDigest = (card: CardJson | undefined): boolean => {
    const title: unknown = card?.body?.[0]?.text;
    return typeof title === 'string' && /^(GDAP digest for .*|.* GDAP 요약)$/.test(title);
  };

  /** The next `n` digest cards posted (the organizations' other notices, GDAP requested and approved, pass by). */
  async function digestPosts(n: number): Promise<RecordedActivity[]> {
    const found: RecordedActivity[] = [];
    const deadline = Date.now() + 20_000;
    while (found.length < n && Date.now() < deadline) {
      const [next] = await h.connector.waitFor(1, { timeoutMs: Math.max(1, deadline - Date.now()) });
      if (next && isDigest(next.card)) found.push(next);
    }
    return found;
  }

  it('G15: one card per organization in its language, ends in the reader’s zone, a Renew button; nothing twice', async function () {
    this.timeout(60_000);
    const en = await orgWithDueRelationship('en-US');
    const ko = await orgWithDueRelationship('ko-KR');
    const job = new GdapDigestJob({
      domain: w.ctx,
      logger: createLogger('silent'),
      wake: () => undefined,
      hourUtc: w.clock.now().getUTCHours(),
    });
    const first = await job.runOnce();
    assert.equal(first?.queued, 2);
    const posts = await digestPosts(2);
    const to = (c: Chat) => posts.find((p) => p.conversationId === c.conversation.id);
    const enCard = to(en.channel)?.card;
    const koCard = to(ko.channel)?.card;
    assert.ok(enCard && koCard, 'a card in each channel');
    const enText = cardStrings(enCard.body).join('\n');
    const koText = cardStrings(koCard.body).join('\n');
    assert.match(enText, /Ending within 7 days/);
    assert.match(enText, /Roles: Helpdesk Administrator/);
    assert.match(enText, /Ends \{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\} at \{\{TIME\(/);
    assert.match(koText, /7일 이내 종료/);
    assert.match(koText, /역할: 기술 지원팀 관리자/);
    assert.match(JSON.stringify(enCard), /"verb":"gdap\.renew"/);
    // the same day again, and the next slot: nothing more
    assert.equal((await job.runOnce())?.queued, 0);
    w.clock.set(new Date(w.clock.now().getTime() + DAY));
    assert.equal((await job.runOnce())?.queued, 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(
      h.connector.pending().filter((p) => isDigest(p.card)),
      [],
      'no digest was posted again',
    );
    assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'gdap.digest' } }), 2);
  });
});
