/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument --
   these tests walk the untyped JSON the dashboard API answers; its shape is what they assert. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startDashboardServer, type DashboardServer } from '../../support/dashboard-server.js';
import { enrolledOrg, userWithRoles, type EnrolledOrg } from '../../support/fixtures.js';
import { authorizedPayload } from '../../support/notify-fixtures.js';
import type { Actor } from '../../../src/domain/shared/context.js';

/**
 * The Dashboard's "Failed notifications" section (issue 13 item 2) through GET /api/dashboard: the
 * organisation's dead notices for its administrators, as text for people, with the deep link to the
 * `failed notices` command; an empty state; no section for others; nothing of another organisation.
 */
describe('Dashboard API: failed notifications (issue 13 item 2)', function () {
  this.timeout(60_000);
  let d: DashboardServer;
  let other: EnrolledOrg;
  let sales: Actor;

  before(async () => {
    d = await startDashboardServer();
    other = await enrolledOrg(d.world, { types: ['indirect_provider'], legalName: 'Other Tenant Distribution' });
    sales = await userWithRoles(d.world, d.seed.provider, ['sales_agent']);
    await d.world.store.read.user.updateMany({
      where: { emailLower: sales.email!.toLowerCase() },
      data: { aadObjectId: sales.aadObjectId },
    });
    const prisma = d.world.test.db.prisma;
    const dead = (orgId: string, resellerName: string, lastError: string) =>
      prisma.outboxEvent.create({
        data: {
          type: 'partnership.authorized',
          targetOrgId: orgId,
          payload: JSON.stringify({ ...authorizedPayload(1), resellerName }),
          idempotencyKey: `partnership.authorized:${randomUUID()}`,
          status: 'dead',
          attempts: 8,
          lastError,
        },
      });
    await dead(d.seed.provider.orgId, 'Fabrikam Undelivered', 'gave up after 8 attempts: HTTP 500 InternalServerError');
    await dead(other.orgId, 'Someone Else Entirely', 'HTTP 403 MessageWritesBlocked');
  });
  after(async () => {
    await d?.close();
  });

  async function dashboard(actor: Actor, locale = 'en-US'): Promise<{ status: number; body: Record<string, any> }> {
    const res = await fetch(`${d.url}/api/dashboard?locale=${locale}`, {
      headers: { authorization: `Bearer ${await d.tokenFor(actor)}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  it("an admin sees the organisation's failed notices as text for people, and the link that opens the command", async () => {
    const r = await dashboard(d.seed.provider.admin);
    assert.equal(r.status, 200);
    const section = r.body.failedNotifications;
    assert.equal(section.ok, true);
    const items = section.data.items as Record<string, any>[];
    assert.equal(items.length, 1);
    assert.match(items[0].text, /authorized Contoso Distribution as an indirect provider of Fabrikam Undelivered/);
    assert.equal(items[0].attempts, 8);
    assert.equal(items[0].reason, 'Microsoft Teams could not be reached.');
    assert.ok(!Number.isNaN(Date.parse(items[0].createdAt)));
    assert.ok(!JSON.stringify(section).includes('HTTP 500'), 'never the raw error');
    assert.ok(!JSON.stringify(section).includes('Someone Else Entirely'), "never another organisation's");
    const link = new URL(r.body.actions.failedNotices.url as string);
    assert.equal(link.searchParams.get('users'), `28:${d.botId}`);
    assert.equal(link.searchParams.get('message'), 'failed notices');
  });

  it('ko-KR: the reason and the deep-link command are Korean', async () => {
    const r = await dashboard(d.seed.provider.admin, 'ko-KR');
    assert.equal(r.body.failedNotifications.data.items[0].reason, 'Microsoft Teams에 연결할 수 없었습니다.');
    assert.equal(new URL(r.body.actions.failedNotices.url as string).searchParams.get('message'), '실패한 알림');
  });

  it('empty state: an organisation with none gets an empty list', async () => {
    const r = await dashboard(d.seed.reseller.admin);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.failedNotifications, { ok: true, data: { items: [], more: false } });
  });

  it('a sales agent gets no section (only administrators can act on them)', async () => {
    const r = await dashboard(sales);
    assert.equal(r.status, 200);
    assert.equal(r.body.failedNotifications, null);
  });
});
