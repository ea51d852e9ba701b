/**
 * L8 (docs/partner-center.md): before a linked organisation's stored Partner Center sign-in would expire unused
 * (90 days after its last use), its administrators are warned in Teams, at 14 and at 3 days left, each once, through
 * the notification outbox and the real worker to their personal chat. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { warnExpiringPartnerCenterLinks } from '../../../src/domain/partner-center/expiry-warnings.js';
import { defaultRenderer } from '../../../src/notify/render.js';
import { forEachDatabase } from '../../support/db.js';
import { userWithRoles } from '../../support/fixtures.js';
import { chatOf, DOMAIN, linkAs, replyTo, startPcWorld, type PcWorld } from './support.js';

const DAY = 86_400_000;

forEachDatabase('Partner Center sign-in expiry warnings (issue 17 item 2)', (db) => {
  let p: PcWorld;
  beforeEach(async function () {
    this.timeout(60_000);
    p = await startPcWorld(db.kind, { notifications: true });
  });
  afterEach(async () => {
    await p.close();
  });

  const warnings = () =>
    p.w.store.read.outboxEvent.findMany({
      where: { type: 'partner_center.link_expiring' },
      orderBy: { createdAt: 'asc' },
    });

  it('L8: the admins are warned at 14 and at 3 days left, once per threshold, in their personal chat; others are not; a use restarts the clock', async function () {
    this.timeout(60_000);
    const page = (await linkAs(p, `admin@${DOMAIN}`)).page;
    assert.equal(page.status, 200);
    // a sales agent who talks to the bot too (U1: not an administrator of the link)
    const agent = await userWithRoles(p.w, p.org, ['sales_agent'], 'Sales Person');
    await p.w.store.read.user.updateMany({
      where: { emailLower: agent.email!.toLowerCase() },
      data: { aadObjectId: agent.aadObjectId },
    });
    await replyTo(p, chatOf(p, agent), 'help');
    const link = await p.w.store.read.partnerCenterLink.findUniqueOrThrow({ where: { orgId: p.org.orgId } });
    // the worker sends what is due by the real clock, so the stored refresh time moves back rather than time forward
    const daysLeft = async (days: number) => {
      const now = new Date();
      p.w.clock.set(now);
      await p.w.store.read.partnerCenterLink.update({
        where: { id: link.id },
        data: { tokenRefreshedAt: new Date(now.getTime() - (90 - days) * DAY + 60_000) },
      });
    };

    await daysLeft(20);
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 0 }, 'not yet');
    await daysLeft(13);
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 1 });
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 0 }, 'once');
    let rows = await warnings();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].userRef, `aad:${p.org.admin.aadObjectId}`, 'to the admin only');
    const [sent] = await p.h.connector.waitFor(1, { timeoutMs: 10_000 });
    assert.ok(sent);
    assert.match(sent.text ?? '', /Partner Center sign-in of .* expires in 14 days/);
    assert.match(sent.text ?? '', /partner center/);

    // 12 days left: still the 14-day threshold, already warned
    await daysLeft(12);
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 0 });
    // 2 days left: the 3-day warning, once
    await daysLeft(2);
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 1 });
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 0 });
    rows = await warnings();
    assert.equal(rows.length, 2);
    const [second] = await p.h.connector.waitFor(1, { timeoutMs: 10_000 });
    assert.match(second?.text ?? '', /expires in 3 days/);
    assert.equal(second?.conversationId, sent.conversationId, 'the same personal chat');
    assert.deepEqual(p.h.connector.pending(), [], 'nothing for the sales agent');
    // in Korean for a Korean reader
    const ko = defaultRenderer(
      { id: 'x', type: rows[1].type, payload: JSON.parse(rows[1].payload), idempotencyKey: 'x' },
      'ko-KR',
    );
    assert.match(ko.text ?? '', /파트너 센터 로그인이 3일 후/);

    // expired: nothing more (its next use finds out, L7)
    await daysLeft(-1);
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 0 });

    // a use (the token provider's refresh) restarts the 90 days and the warnings
    await daysLeft(13);
    await p.tokens().accessTokenFor(p.org.orgId);
    const used = await p.w.store.read.partnerCenterLink.findUniqueOrThrow({ where: { id: link.id } });
    assert.equal(used.warnedDaysLeft, null);
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 0 }, '90 days left again');
    await daysLeft(10);
    assert.deepEqual(await warnExpiringPartnerCenterLinks(p.w.ctx), { warned: 1 });
    assert.equal((await warnings()).length, 3);
  });
});
