/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument --
   these tests walk the untyped JSON the dashboard API answers; its shape is what they assert. */
import assert from 'node:assert/strict';
import type { Actor } from '../../../src/domain/shared/context.js';
import { gdapDashboard } from '../../../src/web/dashboard/gdap-section.js';
import { forEachDatabase } from '../../support/db.js';
import { startDashboardServer, type DashboardServer } from '../../support/dashboard-server.js';
import { makeWorld } from '../../support/fixtures.js';
import { reseller } from '../../support/partners.js';
import { HELPDESK, seedGdap } from '../../support/gdap-seed.js';

/**
 * Issue 18 item 6: the Dashboard's GDAP section: the organization's relationships, expiring soonest first, with the
 * customer, the state and the roles by name in the reader's language, the end and the days left; an empty state; no
 * relationship of another organization. Through GET /api/dashboard on the real server (SQLite), and the section's
 * read on SQLite and, with TEST_DATABASE_URL, PostgreSQL.
 */

function assertOrder(items: readonly { id: string }[], ids: Awaited<ReturnType<typeof seedGdap>>) {
  // in force by their end, soonest first; then the others, newest first
  assert.deepEqual(
    items.map((i) => i.id),
    [ids.short, ids.long, ids.ended, ids.pending],
  );
}

describe('Dashboard API: the GDAP section (issue 18 item 6)', function () {
  this.timeout(60_000);
  let d: DashboardServer;
  let ids: Awaited<ReturnType<typeof seedGdap>>;

  before(async () => {
    d = await startDashboardServer();
    ids = await seedGdap(d.world, d.seed.reseller);
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

  it('expiring soonest first, with the customer, the state and roles by name, the end and the days left', async () => {
    const r = await dashboard(d.seed.reseller.admin);
    assert.equal(r.status, 200);
    const section = r.body.gdap;
    assert.equal(section.ok, true);
    const items = section.data.items as ({ id: string } & Record<string, any>)[];
    assertOrder(items, ids);
    assert.equal(section.data.more, false);
    const [short, long, ended, pending] = items;
    assert.equal(short?.displayName, 'Ten days');
    assert.ok(short?.customerName);
    assert.equal(short?.state, 'expiring', 'G8: within 30 days of its end');
    assert.equal(short?.daysLeft, 10);
    assert.equal(long?.state, 'active');
    assert.equal(long?.daysLeft, 60);
    assert.deepEqual(short?.roles, ['Helpdesk Administrator', 'Security Reader']);
    assert.equal(Date.parse(long?.endsAt) - Date.parse(short?.endsAt), 50 * 86_400_000);
    assert.equal(ended?.state, 'terminated');
    assert.equal(ended?.daysLeft, null);
    assert.ok(ended?.endsAt, 'when it was terminated');
    assert.equal(pending?.state, 'approval pending');
    assert.equal(pending?.endsAt, null);
    assert.ok(!JSON.stringify(section).includes(HELPDESK), 'roles by name, never by id');
  });

  it('ko-KR: states and roles in Korean', async () => {
    const r = await dashboard(d.seed.reseller.admin, 'ko-KR');
    const [short] = r.body.gdap.data.items as Record<string, any>[];
    assert.deepEqual(short?.roles, ['기술 지원팀 관리자', '보안 읽기 권한자']);
    assert.equal(short?.state, '만료 예정');
  });

  it('empty state: an organization without GDAP gets an empty list, and never another organization’s', async () => {
    const r = await dashboard(d.seed.provider.admin);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.gdap, { ok: true, data: { items: [], more: false } });
  });

  it('the page carries the section’s strings in both languages', async () => {
    const res = await fetch(`${d.url}/tab/dashboard`);
    const html = await res.text();
    for (const s of ['GDAP relationships', 'GDAP 관계', 'Days left', '남은 일수', 'No GDAP relationships yet.'])
      assert.ok(html.includes(s), s);
  });
});

forEachDatabase('Dashboard: the GDAP section read (issue 18 item 6)', (db) => {
  it('expiring soonest first; days left counted down by the clock; nothing of another organization', async () => {
    const w = makeWorld(await db.fresh());
    const r = await reseller(w);
    const ids = await seedGdap(w, r);
    const en = await gdapDashboard(w.ctx, r.admin, 'en-US');
    assertOrder(en.items, ids);
    assert.deepEqual(
      en.items.map((i) => i.daysLeft),
      [10, 60, null, null],
    );
    w.clock.advanceDays(3);
    const later = await gdapDashboard(w.ctx, r.admin, 'ko-KR');
    assert.deepEqual(
      later.items.slice(0, 2).map((i) => i.daysLeft),
      [7, 57],
    );
    assert.equal(later.items[0]?.state, '만료 예정');
    const other = await reseller(w);
    assert.deepEqual(await gdapDashboard(w.ctx, other.admin, 'en-US'), { items: [], more: false });
  });
});
