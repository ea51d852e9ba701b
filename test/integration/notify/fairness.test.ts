import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { openDatabase, type PrismaClient } from '../../../src/data/db.js';
import { onStatement } from '../../../src/data/statement-trace.js';
import { createLogger } from '../../../src/log.js';
import { cloudAdapterSendPort } from '../../../src/notify/cloud-adapter-send.js';
import { OutboxStore } from '../../../src/notify/outbox-store.js';
import { NotifyWorker, type NotifyWorkerOptions } from '../../../src/notify/worker.js';
import { forEachDatabase, type TestDatabase } from '../../support/db.js';
import { enqueueEvents, seedChannels } from '../../support/notify-fixtures.js';
import { TeamsLimitsConnector } from '../../support/teams-limits-connector.js';

/**
 * Issue 15 item 5: fair fan-out. Claims take the oldest notice of every conversation before the second
 * of any (round robin across conversations), so the 800th channel is not starved behind channel 1's
 * backlog; several workers (in one process, or instances on one database) share the queue without
 * sending anything twice. On SQLite and, with TEST_DATABASE_URL, PostgreSQL.
 */
const logger = createLogger('silent');

function send() {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
  );
  return cloudAdapterSendPort(adapter, '');
}

/** `perChannel` notices to each channel, written channel by channel (all of channel 0's first): the worst order. */
async function backlog(
  prisma: PrismaClient,
  channels: readonly { orgId: string; channelId: string }[],
  perChannel: number,
): Promise<string[]> {
  const keys: string[] = [];
  for (const c of channels)
    keys.push(...(await enqueueEvents(prisma, c.orgId, perChannel)).map((k) => `${k}#${c.channelId}`));
  return keys;
}

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const allDone = (prisma: PrismaClient) => async () =>
  (await prisma.outboxEvent.count({ where: { status: 'pending' } })) === 0;

function assertExactlyOnce(connector: TeamsLimitsConnector, expected: readonly string[]): void {
  const counts = connector.countsByKey();
  assert.deepEqual(connector.duplicates(), [], 'no notification delivered twice');
  assert.deepEqual(
    expected.filter((k) => !counts.has(k)),
    [],
    'every notification delivered',
  );
  assert.equal(counts.size, expected.length, 'nothing unexpected delivered');
}

forEachDatabase('fair fan-out', (ctx) => {
  let connector: TeamsLimitsConnector;
  const workers: NotifyWorker[] = [];
  const extraDbs: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    connector = await TeamsLimitsConnector.start();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(extraDbs.splice(0).map((d) => d.close()));
    await connector.close();
  });

  /**
   * Teams is not on loopback: a connector answering after `latencyMs`, so that sends are in flight while the
   * next claims run, as in production; and `count` channels with `perChannel` notices each (the worst order).
   */
  async function slowBacklog(latencyMs: number, count: number, perChannel: number) {
    await connector.close();
    connector = await TeamsLimitsConnector.start({ latencyMs });
    const t = await ctx.fresh();
    const channels = await seedChannels(t.db.prisma, count, connector.url);
    const expected = await backlog(t.db.prisma, channels, perChannel);
    return { t, prisma: t.db.prisma, channels, expected };
  }

  function worker(t: TestDatabase, overrides: Partial<NotifyWorkerOptions> = {}): NotifyWorker {
    const w = new NotifyWorker({
      db: t.db.prisma,
      hot: t.db.hot,
      send: send(),
      logger,
      pollIntervalMs: 50,
      ...overrides,
    });
    workers.push(w);
    w.start();
    return w;
  }

  it("claims the oldest notice of each of 800 conversations before any conversation's second", async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const channels = await seedChannels(prisma, 800, connector.url);
    await backlog(prisma, channels, 3);
    const store = new OutboxStore(prisma, t.db.hot);
    const orgOf = new Map(
      (await prisma.outboxEvent.findMany({ select: { id: true, targetOrgId: true } })).map((e) => [
        e.id,
        e.targetOrgId,
      ]),
    );
    const now = new Date();
    const lease = new Date(now.getTime() + 60_000);
    const claims: string[][] = [];
    // Nothing finishes between the claims: a worker whose sends are all still in flight.
    for (let i = 0; i < 4; i++)
      claims.push((await store.claim('fairness', now, lease, 250)).map((r) => orgOf.get(r.id) as string));
    assert.deepEqual(
      claims.map((c) => c.length),
      [250, 250, 250, 250],
    );
    // The first three claims: 750 conversations, one notice each, in the order they were written.
    const first750 = claims.slice(0, 3).flat();
    assert.equal(new Set(first750).size, 750, 'one notice per conversation in the first 750');
    assert.deepEqual(
      first750,
      channels.slice(0, 750).map((c) => c.orgId),
    );
    // The fourth: the last 50 conversations' first notices, then the oldest second notices (the claim
    // returns its rows in creation order, each conversation's in the order they go).
    assert.deepEqual(
      [...claims[3]].sort(),
      [...channels.slice(750), ...channels.slice(0, 200)].map((c) => c.orgId).sort(),
    );
  });

  it('two instances claiming at once take disjoint notices, each still one per conversation first', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const channels = await seedChannels(prisma, 300, connector.url);
    await backlog(prisma, channels, 4);
    let secondDb = t.db;
    if (t.kind === 'postgres') {
      // Another instance's own pool, as another process would have (SQLite: one writer, see worker.test.ts).
      const second = await openDatabase({ DATABASE_URL: t.url, databaseKind: t.kind });
      extraDbs.push(second);
      secondDb = second;
    }
    const a = new OutboxStore(prisma, t.db.hot);
    const b = new OutboxStore(secondDb.prisma, secondDb.hot);
    const now = new Date();
    const lease = new Date(now.getTime() + 60_000);
    const claimed: { owner: string; id: string; org: string | null }[] = [];
    for (let round = 0; round < 3; round++) {
      const [ra, rb] = await Promise.all([a.claim('a', now, lease, 200), b.claim('b', now, lease, 200)]);
      claimed.push(...ra.map((r) => ({ owner: 'a', id: r.id, org: r.targetOrgId })));
      claimed.push(...rb.map((r) => ({ owner: 'b', id: r.id, org: r.targetOrgId })));
    }
    assert.equal(claimed.length, 1200, 'every notice claimed');
    assert.equal(new Set(claimed.map((c) => c.id)).size, 1200, 'none claimed twice');
    const rows = await prisma.outboxEvent.findMany({ select: { id: true, leaseOwner: true } });
    const owner = new Map(rows.map((r) => [r.id, r.leaseOwner]));
    assert.ok(
      claimed.every((c) => owner.get(c.id) === c.owner),
      'each lease held by the instance that claimed it',
    );
    // The first 300 claimed (whoever got them) are the 300 conversations' first notices.
    const firstRound = claimed.slice(0, 400).map((c) => c.org);
    assert.equal(new Set(firstRound).size, 300, 'every conversation in the first round of claims');
  });

  it("delivers to 800 conversations fairly: the last conversation's first notice goes out among the first, not last", async function () {
    this.timeout(120_000);
    // 20 ms per answer, as in bench/notify.ts
    const { t, prisma, channels, expected } = await slowBacklog(20, 800, 3);
    // The order the worker posts in. The connector's accept order adds the loopback's own delays: under CI load
    // some first posts on new connections were read by the in-process connector 2.5 s after the worker sent them.
    const order: string[] = [];
    const port = send();
    worker(t, {
      send: (target, activity) => {
        if (target.kind === 'channel') order.push(target.conversationId);
        return port(target, activity);
      },
    });
    await until(allDone(prisma), 100_000, 'all notices finished');
    assertExactlyOnce(connector, expected);
    assert.equal(order.length, 2_400, 'one post per notice');
    const last = channels[channels.length - 1].conversationId;
    const lastFirst = order.indexOf(last);
    const firstConvLast = order.lastIndexOf(channels[0].conversationId);
    // Oldest-first batches of 250 reached it after 2,397 sends (all of the 799 others' notices first).
    assert.ok(lastFirst < 1_600, `the last conversation's first notice was send #${lastFirst + 1} of 2,400`);
    assert.ok(lastFirst < firstConvLast, "before conversation 1's last notice");
    // Every conversation reached within the first two thirds of the sends (first notices go first, but a
    // conversation whose first was claimed later can follow another's second).
    assert.equal(new Set(order.slice(0, 1_600)).size, 800, 'all 800 conversations among the first 1,600 sends');
  });

  it('claims no deeper than it needs while every conversation already has a notice in hand, and the loop stays free', async function () {
    this.timeout(60_000);
    // Answers take 300 ms: until the first comes back nothing is sent, so the claims made by then are the
    // ones made back to back.
    const { t, prisma, expected } = await slowBacklog(300, 200, 10);
    const claims: number[] = [];
    const stopListening = onStatement((sql) => {
      if (/^\s*UPDATE "OutboxEvent" SET "leaseOwner" = /.test(sql)) claims.push(Date.now());
    });
    try {
      // No poll within the test (a poll ends the pause; the other tests poll every 50 ms).
      const w = worker(t, { batchSize: 250, pollIntervalMs: 60_000 });
      await until(() => Promise.resolve(connector.accepted.length > 0), 20_000, 'the first answer');
      // The first claim (200 first notices, 50 second ones) showed every conversation held; the second
      // filled the queues to a batch. Before, the worker went on claiming (8 claims of 250) while its 200
      // posts waited for the loop.
      assert.ok(claims.length <= 3, `${claims.length} claims before the first answer came back`);
      await until(allDone(prisma), 50_000, 'all notices finished');
      assertExactlyOnce(connector, expected);
      assert.equal(w.stats.possibleDuplicates, 0);
    } finally {
      stopListening();
    }
  });

  it('a notice for a conversation not held yet is claimed at once, however deep the queues held already are', async function () {
    this.timeout(60_000);
    const { t, prisma, expected } = await slowBacklog(300, 200, 10);
    // The order the worker posts in (see the 800-conversation test on the loopback connector's own delays).
    const posted: string[] = [];
    const port = send();
    const w = worker(t, {
      batchSize: 250,
      pollIntervalMs: 60_000,
      send: (target, activity) => {
        if (target.kind === 'channel') posted.push(target.conversationId);
        return port(target, activity);
      },
    });
    await until(() => Promise.resolve(connector.accepted.length > 0), 20_000, 'the first answer');
    // A change commits for a partner the worker holds nothing for; the turn that wrote it wakes the worker.
    const [late] = await seedChannels(prisma, 1, connector.url, { prefix: 'late', mpnBase: 7_000_000 });
    expected.push(...(await backlog(prisma, [late], 1)));
    const woken = Date.now();
    w.wake();
    await until(() => Promise.resolve(posted.includes(late.conversationId)), 10_000, "the late partner's notice");
    // One claim and one plan; the backlog held still has most of its 2,000 notices to go.
    assert.ok(Date.now() - woken < 3_000, `the late notice was posted ${Date.now() - woken} ms after the wake`);
    const at = posted.indexOf(late.conversationId);
    assert.ok(at < 1_500, `it was post #${at + 1} of 2,001`);
    await until(allDone(prisma), 50_000, 'all notices finished');
    assertExactlyOnce(connector, expected);
  });

  it('workers: 2 in one process share the limits: no duplicates, no 429, every conversation early', async function () {
    this.timeout(60_000);
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const channels = await seedChannels(prisma, 200, connector.url);
    const expected = await backlog(prisma, channels, 10);
    const w = worker(t, { workers: 2, batchSize: 100 });
    await until(allDone(prisma), 50_000, 'all notices finished');
    assertExactlyOnce(connector, expected);
    // Ten to each conversation within its 7/1 s and 8/2 s: two loops with their own limiters would send 14.
    assert.equal(connector.throttled, 0, 'the two loops together kept to the limits (no 429)');
    assert.equal(w.stats.possibleDuplicates, 0);
    // Oldest-first claims reached the last conversation after ~1,990 of the 2,000 sends.
    const order = connector.accepted.map((a) => a.conversationId);
    const lastFirst = order.indexOf(channels[199].conversationId);
    assert.ok(lastFirst < 1_400, `the last conversation's first notice was send #${lastFirst + 1} of 2,000`);
  });

  it('two workers on one database: no duplicates, and both make progress across the conversations', async function () {
    this.timeout(60_000);
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const channels = await seedChannels(prisma, 200, connector.url);
    const expected = await backlog(prisma, channels, 5);
    let secondDb = t.db;
    if (t.kind === 'postgres') {
      const second = await openDatabase({ DATABASE_URL: t.url, databaseKind: t.kind });
      extraDbs.push(second);
      secondDb = second;
    }
    const opts = { batchSize: 100, limitShare: 0.5 };
    const w1 = worker(t, { ...opts, workerId: 'instance-1' });
    const w2 = new NotifyWorker({
      db: secondDb.prisma,
      hot: secondDb.hot,
      send: send(),
      logger,
      pollIntervalMs: 50,
      workerId: 'instance-2',
      ...opts,
    });
    workers.push(w2);
    w2.start();
    await until(allDone(prisma), 50_000, 'all notices finished');
    assertExactlyOnce(connector, expected);
    assert.equal(connector.throttled, 0, 'the two together kept to the limits (no 429)');
    assert.equal(w1.stats.possibleDuplicates + w2.stats.possibleDuplicates, 0);
    const sent = await prisma.outboxDelivery.count({ where: { status: 'sent' } });
    assert.equal(sent, expected.length);
    const order = connector.accepted.map((a) => a.conversationId);
    // Oldest-first batches of 100 reached the last conversation after ~996 of the 1,000 sends.
    assert.equal(new Set(order.slice(0, 800)).size, 200, 'all 200 conversations among the first 800 sends');
  });
});
