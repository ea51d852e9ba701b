/**
 * Issue 18 item 4 (docs/gdap.md, G14–G17): the daily GDAP digest through the domain, on a real SQLite file and, with
 * TEST_DATABASE_URL, on PostgreSQL. Test titles start with the rule id they check.
 */
import assert from 'node:assert/strict';
import { requestGdap } from '../../../../src/domain/gdap/request-gdap.js';
import { respondToGdapApproval, type GdapSigner } from '../../../../src/domain/gdap/gdap-approval.js';
import { terminateGdap } from '../../../../src/domain/gdap/terminate-gdap.js';
import { digestSlot, digestThreshold, runGdapDigest } from '../../../../src/domain/gdap/gdap-digest.js';
import { parseEventPayload, type EventPayload } from '../../../../src/domain/shared/events.js';
import { createDomainStore } from '../../../../src/data/domain-store.js';
import { openDatabase } from '../../../../src/data/db.js';
import type { Actor } from '../../../../src/domain/shared/context.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, type World } from '../../../support/fixtures.js';
import { customerOf, reseller, tokenOf } from '../../../support/partners.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const DAY = 86_400_000;
/** the worlds' clock starts at 2026-03-02T09:00Z: a 09:00 UTC digest makes every test day start on its slot */
const HOUR = 9;

type Digest = EventPayload<'gdap.digest'>;

async function digests(w: World, orgId?: string): Promise<(Digest & { key: string; target: string | null })[]> {
  const rows = await w.store.read.outboxEvent.findMany({
    where: { type: 'gdap.digest', ...(orgId ? { targetOrgId: orgId } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({
    ...parseEventPayload('gdap.digest', r.payload),
    key: r.idempotencyKey,
    target: r.targetOrgId,
  }));
}

const run = (w: World) => runGdapDigest(w.ctx, { hourUtc: HOUR });

/** A reseller with one customer, and a helper that makes an active relationship of `days` for it. */
async function partnerWithCustomer(w: World, legalName?: string) {
  const r = await reseller(w, legalName ? { legalName } : {});
  const c = await customerOf(w, r);
  const active = async (durationDays: number, extra: Record<string, unknown> = {}) =>
    activate(w, r.admin, c.customerId, c.actor, durationDays, extra);
  return { r, customerId: c.customerId, customerAdmin: c.actor, active };
}

async function activate(
  w: World,
  who: Actor,
  customerId: string,
  customerAdmin: GdapSigner,
  durationDays: number,
  extra: Record<string, unknown> = {},
) {
  const req = await requestGdap(w.ctx, who, {
    customerId,
    roleTemplateIds: [HELPDESK],
    durationDays,
    autoExtendDays: 0,
    ...extra,
  });
  const ok = await respondToGdapApproval(w.ctx, customerAdmin, {
    token: tokenOf(req.approvalLink),
    decision: 'approve',
  });
  return { id: req.relationshipId, endsAt: ok.endsAt! };
}

describe('GDAP digest: the slot and the thresholds (G14, G15)', () => {
  it('G14: the slot is today at the hour once it has come, else yesterday at the hour', () => {
    assert.deepEqual(digestSlot(new Date('2026-03-02T23:00:00.000Z'), 23), {
      day: '2026-03-02',
      at: new Date('2026-03-02T23:00:00.000Z'),
    });
    assert.deepEqual(digestSlot(new Date('2026-03-02T22:59:59.999Z'), 23), {
      day: '2026-03-01',
      at: new Date('2026-03-01T23:00:00.000Z'),
    });
    assert.equal(digestSlot(new Date('2026-03-03T00:10:00.000Z'), 0).day, '2026-03-03');
    assert.throws(() => digestSlot(new Date(), 24));
  });

  it('G15: the smallest of 30, 7 and 1 days that the end is within; none past 30 days or once ended', () => {
    const at = new Date('2026-03-02T09:00:00.000Z');
    const inDays = (d: number) => new Date(at.getTime() + d * DAY);
    assert.equal(digestThreshold(inDays(31), at), null);
    assert.equal(digestThreshold(inDays(30), at), 30);
    assert.equal(digestThreshold(inDays(7.5), at), 30);
    assert.equal(digestThreshold(inDays(7), at), 7);
    assert.equal(digestThreshold(inDays(1.01), at), 7);
    assert.equal(digestThreshold(inDays(1), at), 1);
    assert.equal(digestThreshold(inDays(0.01), at), 1);
    assert.equal(digestThreshold(at, at), null);
  });
});

forEachDatabase('GDAP digest (domain)', (db) => {
  it('G15: a relationship is in the 30-day digest once, the 7-day once, the 1-day once, then among the expired once; nothing in between', async () => {
    const w = makeWorld(await db.fresh());
    const { r, active } = await partnerWithCustomer(w, 'Fabrikam Watch Korea');
    const rel = await active(40);
    const at = (daysLeft: number) => w.clock.set(new Date(rel.endsAt.getTime() - daysLeft * DAY));

    assert.deepEqual(await run(w), { day: '2026-03-02', queued: 0, lines: 0 }, '40 days left: nothing to say');
    at(30);
    assert.deepEqual(await run(w), { day: '2026-03-12', queued: 1, lines: 1 });
    assert.deepEqual(await run(w), { day: '2026-03-12', queued: 0, lines: 0 }, 'twice the same day: once');
    at(29);
    assert.equal((await run(w)).queued, 0, 'the day after: nothing again');
    at(8);
    assert.equal((await run(w)).queued, 0);
    at(7);
    assert.equal((await run(w)).queued, 1);
    at(6);
    assert.equal((await run(w)).queued, 0);
    at(1);
    assert.equal((await run(w)).queued, 1);
    // later the same day (the slot is still the morning's): that day's digest went already
    w.clock.set(new Date(rel.endsAt.getTime() - 0.5 * DAY));
    assert.equal((await run(w)).queued, 0);
    at(0);
    assert.equal((await run(w)).queued, 1, 'expired at the slot');
    at(-1);
    assert.equal((await run(w)).queued, 0);
    at(-10);
    assert.equal((await run(w)).queued, 0);

    const sent = await digests(w);
    assert.deepEqual(
      sent.map((d) => d.lines.map((l) => `${l.kind}:${l.threshold ?? '-'}:${l.daysLeft ?? '-'}`)),
      [['expiring:30:30'], ['expiring:7:7'], ['expiring:1:1'], ['expired:-:-']],
    );
    for (const d of sent) {
      assert.equal(d.target, r.orgId, "to the organization's channel");
      assert.equal(d.orgName, 'Fabrikam Watch Korea');
      assert.equal(d.key, `gdap.digest:${r.orgId}:${d.day}:org:${r.orgId}`, 'the key names the organization and day');
      assert.equal(d.lines[0]?.relationshipId, rel.id);
      assert.deepEqual(d.lines[0]?.roleTemplateIds, [HELPDESK]);
    }
    assert.deepEqual(
      sent.map((d) => d.lines[0]?.endsAt),
      [rel.endsAt, rel.endsAt, rel.endsAt, rel.endsAt].map((e) => e.toISOString()),
    );
    const lines = await w.store.read.gdapDigestLine.findMany({ orderBy: { createdAt: 'asc' } });
    assert.deepEqual(
      lines.map((l) => `${l.relationshipId === rel.id ? 'rel' : '?'}:${l.threshold}`),
      ['rel:30', 'rel:7', 'rel:1', 'rel:ended'],
    );
  });

  it('G15: a relationship first seen within 7 days is listed at 7 (not at 30 afterwards) and at 1; several in one digest, soonest first', async () => {
    const w = makeWorld(await db.fresh());
    const { active } = await partnerWithCustomer(w);
    const long = await active(25);
    const short = await active(5);
    w.clock.advanceDays(1);
    assert.deepEqual((await run(w)).lines, 2);
    const [first] = await digests(w);
    assert.deepEqual(
      first?.lines.map((l) => [l.relationshipId, l.threshold, l.daysLeft]),
      [
        [short.id, '7', 4],
        [long.id, '30', 24],
      ],
    );
    w.clock.advanceDays(1);
    assert.equal((await run(w)).queued, 0);
    w.clock.set(new Date(short.endsAt.getTime() - DAY));
    assert.equal((await run(w)).lines, 1);
    const all = await digests(w);
    assert.equal(all.length, 2);
    assert.deepEqual(
      all[1]?.lines.map((l) => [l.relationshipId, l.threshold]),
      [[short.id, '1']],
    );
  });

  it('G16: a terminated relationship is listed once, among the ended, with when it was terminated; never-active and auto-extending ones are not', async () => {
    const w = makeWorld(await db.fresh());
    const { r, customerId, customerAdmin, active } = await partnerWithCustomer(w);
    const rel = await active(365);
    // auto-extend (G5) carries it on: never "expiring"
    const extending = await active(20, { autoExtendDays: 180 });
    // declined by the customer: it never gave access
    const declined = await requestGdap(w.ctx, r.admin, {
      customerId,
      roleTemplateIds: [HELPDESK],
      durationDays: 30,
      autoExtendDays: 0,
    });
    await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(declined.approvalLink), decision: 'decline' });
    w.clock.advanceDays(0.1);
    await terminateGdap(w.ctx, r.admin, { relationshipId: rel.id });
    const terminatedAt = w.clock.now();
    assert.equal((await run(w)).queued, 0, "before the next slot: the day's slot came before it ended");
    w.clock.advanceDays(1);
    assert.deepEqual(await run(w), { day: '2026-03-03', queued: 1, lines: 1 });
    w.clock.advanceDays(1);
    assert.equal((await run(w)).queued, 0, 'listed once');
    const [d] = await digests(w);
    assert.deepEqual(d?.lines, [
      {
        relationshipId: rel.id,
        displayName: d?.lines[0]?.displayName,
        customerName: d?.lines[0]?.customerName,
        roleTemplateIds: [HELPDESK],
        kind: 'terminated',
        threshold: null,
        endsAt: terminatedAt.toISOString(),
        daysLeft: null,
      },
    ]);
    assert.ok(d?.lines[0]?.customerName);
    assert.ok(!JSON.stringify(await digests(w)).includes(extending.id));
    assert.ok(!JSON.stringify(await digests(w)).includes(declined.relationshipId));
  });

  it('G14: an organization without GDAP, or with nothing due, gets nothing at all', async () => {
    const w = makeWorld(await db.fresh());
    const quiet = await partnerWithCustomer(w);
    await quiet.active(365);
    const without = await reseller(w);
    for (let day = 0; day < 3; day++) {
      assert.equal((await run(w)).queued, 0);
      w.clock.advanceDays(1);
    }
    assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'gdap.digest' } }), 0);
    assert.equal(
      await w.store.read.outboxEvent.count({ where: { targetOrgId: without.orgId, type: { startsWith: 'gdap.' } } }),
      0,
    );
    assert.equal(await w.store.read.gdapDigestLine.count(), 0);
    // one that is due gets its digest; the others still nothing
    const busy = await partnerWithCustomer(w);
    await busy.active(10);
    w.clock.advanceDays(1);
    assert.deepEqual((await run(w)).queued, 1);
    assert.deepEqual(
      (await digests(w)).map((d) => d.target),
      [busy.r.orgId],
    );
  });

  it('G17: two instances running the digest at once (two connections to one database) queue it once', async function () {
    this.timeout(30_000);
    const test = await db.fresh();
    const w = makeWorld(test);
    const orgs = await Promise.all([partnerWithCustomer(w), partnerWithCustomer(w), partnerWithCustomer(w)]);
    for (const o of orgs) {
      await o.active(20);
      await o.active(3);
    }
    w.clock.advanceDays(1);
    const second = await openDatabase({ DATABASE_URL: test.url, databaseKind: test.kind });
    try {
      const other = { store: createDomainStore(second), now: () => w.clock.now() };
      const runs = await Promise.all([
        run(w),
        runGdapDigest(other, { hourUtc: HOUR }),
        run(w),
        runGdapDigest(other, { hourUtc: HOUR }),
      ]);
      assert.equal(
        runs.reduce((n, x) => n + x.queued, 0),
        3,
        'one digest per organization in all',
      );
      assert.equal(
        runs.reduce((n, x) => n + x.lines, 0),
        6,
      );
    } finally {
      await second.close();
    }
    const sent = await digests(w);
    assert.deepEqual(sent.map((d) => d.target).sort(), orgs.map((o) => o.r.orgId).sort());
    assert.ok(sent.every((d) => d.lines.length === 2));
    assert.equal(await w.store.read.gdapDigestLine.count(), 6);
  });
});
