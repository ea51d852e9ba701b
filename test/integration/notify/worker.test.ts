import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { openDatabase, type PrismaClient } from '../../../src/data/db.js';
import type { HotSql } from '../../../src/data/hot-sql.js';
import { createLogger } from '../../../src/log.js';
import { CHANNEL_BLOCKED } from '../../../src/notify/channel-blocked.js';
import { classifySendError, type SendOutcome } from '../../../src/notify/classify.js';
import { cloudAdapterSendPort, type CloudAdapterSendOptions } from '../../../src/notify/cloud-adapter-send.js';
import type { SendPort } from '../../../src/notify/send-port.js';
import { NotifyWorker, type NotifyWorkerOptions } from '../../../src/notify/worker.js';
import { LOCAL_OUTGOING_TOKEN, LocalCredentialsFactory } from '../../support/auth.js';
import { forEachDatabase, type TestDatabase } from '../../support/db.js';
import { authorizedPayload, enqueueEvents, seedAdmin, seedChannel, seedOrg } from '../../support/notify-fixtures.js';
import { TeamsLimitsConnector } from '../../support/teams-limits-connector.js';

/**
 * Issue 5 items 6–7: the notification worker against a real HTTP connector (enforcing Teams' limits,
 * with programmed faults), through the real CloudAdapter, on SQLite and PostgreSQL.
 * Each test asserts on what the connector accepted: every event delivered, none twice.
 */
const logger = createLogger('silent');

function realSend(options: CloudAdapterSendOptions = {}) {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
  );
  return cloudAdapterSendPort(adapter, '', options);
}

const APP_ID = '00000000-1111-2222-3333-444444444444';
const APP_PASSWORD = 'not-a-real-secret';

/** The send port of a bot with an app id: its outgoing calls signed by LocalCredentialsFactory (test/support/auth.ts). */
function signedSend(options: CloudAdapterSendOptions = {}) {
  const auth = new ConfigurationBotFrameworkAuthentication(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD },
    new LocalCredentialsFactory(APP_ID, APP_PASSWORD),
  );
  return cloudAdapterSendPort(new CloudAdapter(auth), APP_ID, options);
}

/** A send port that keeps every error it threw. */
function recordingErrors(send: SendPort): { send: SendPort; errors: unknown[] } {
  const errors: unknown[] = [];
  return {
    errors,
    send: async (target, activity) => {
      try {
        return await send(target, activity);
      } catch (e) {
        errors.push(e);
        throw e;
      }
    },
  };
}

function fastWorker(t: TestDatabase, overrides: Partial<NotifyWorkerOptions> = {}): NotifyWorker {
  return new NotifyWorker({
    db: t.db.prisma,
    hot: t.db.hot,
    send: realSend(),
    logger,
    pollIntervalMs: 50,
    backoffBaseMs: 20,
    backoffCapMs: 200,
    maxAttempts: 8,
    ...overrides,
  });
}

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function allDone(prisma: PrismaClient): () => Promise<boolean> {
  return async () => (await prisma.outboxEvent.count({ where: { status: 'pending' } })) === 0;
}

/** Asserts that the connector got each expected key exactly once and nothing else. */
function assertExactlyOnce(connector: TeamsLimitsConnector, expected: readonly string[]): void {
  const counts = connector.countsByKey();
  assert.deepEqual(connector.duplicates(), [], 'no notification delivered twice');
  const missing = expected.filter((k) => !counts.has(k));
  assert.deepEqual(missing, [], 'every notification delivered');
  assert.equal(counts.size, expected.length, 'nothing unexpected delivered');
}

/**
 * The database, except that the first `failures` statements writing "sending" notes fail (as a full
 * disk or a dropped connection would): the posts they cover must not go out.
 */
/** The worker's prepared statements, with the first `failures` "sending" note writes failing as a full disk would. */
function failingNotes(hot: HotSql, failures: number): { hot: HotSql; failed: () => number } {
  let failed = 0;
  return {
    hot: {
      kind: hot.kind,
      rows: (s, args) => hot.rows(s, args),
      runAll: (steps) => hot.runAll(steps),
      run: (s, args) => {
        if (failed < failures && s.sql.includes("SET status = 'sending'")) {
          failed++;
          return Promise.reject(new Error('disk I/O error (test)'));
        }
        return hot.run(s, args);
      },
    },
    failed: () => failed,
  };
}

forEachDatabase('notify worker', (ctx) => {
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
  function track(w: NotifyWorker): NotifyWorker {
    workers.push(w);
    w.start();
    return w;
  }

  it('delivers each event to each active channel of its organisation exactly once, and records it', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const a = await seedOrg(prisma);
    const b = await seedOrg(prisma, { locale: 'ko-KR' });
    const a1 = await seedChannel(prisma, a, connector.url);
    const a2 = await seedChannel(prisma, a, connector.url);
    const b1 = await seedChannel(prisma, b, connector.url);
    const inactive = await seedChannel(prisma, b, connector.url);
    await prisma.notificationChannel.update({
      where: { id: inactive.id },
      data: { active: false, inactiveReason: 'test' },
    });
    const ka = await enqueueEvents(prisma, a.id, 3);
    const kb = await enqueueEvents(prisma, b.id, 2);
    track(fastWorker(t));
    await until(allDone(prisma), 10_000, 'all events finished');
    assertExactlyOnce(connector, [
      ...ka.flatMap((k) => [`${k}#${a1.id}`, `${k}#${a2.id}`]),
      ...kb.map((k) => `${k}#${b1.id}`),
    ]);
    assert.equal(await prisma.outboxEvent.count({ where: { status: 'sent', sentAt: { not: null } } }), 5);
    assert.equal(await prisma.outboxDelivery.count({ where: { status: 'sent' } }), 8);
    assert.ok(
      !connector.accepted.some((x) => x.conversationId === inactive.conversationId),
      'inactive channel gets nothing',
    );
    const korean = connector.accepted.find((x) => x.conversationId === b1.conversationId);
    assert.match(korean?.text ?? '', /간접 공급자/, 'rendered in the organisation locale');
    assert.equal(connector.throttled, 0, 'the worker kept to the limits by itself');
  });

  it('keeps to the per-conversation limits by itself (7/1 s, 8/2 s): ten events to one channel, no 429', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const keys = await enqueueEvents(prisma, org.id, 10);
    track(fastWorker(t));
    await until(allDone(prisma), 10_000, 'all events finished');
    assertExactlyOnce(
      connector,
      keys.map((k) => `${k}#${ch.id}`),
    );
    assert.equal(connector.throttled, 0);
    const times = connector.accepted.map((x) => x.at);
    for (let i = 0; i < times.length; i++) {
      assert.ok(times.filter((x) => x > times[i] - 1000 && x <= times[i]).length <= 7, '≤ 7 in any second');
      assert.ok(times.filter((x) => x > times[i] - 2000 && x <= times[i]).length <= 8, '≤ 8 in any 2 s');
    }
  });

  it('rides out a storm of 429 with Retry-After, never calling a conversation before Retry-After has passed', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const orgs = await Promise.all([seedOrg(prisma), seedOrg(prisma), seedOrg(prisma)]);
    const expected: string[] = [];
    for (const o of orgs) {
      const ch = await seedChannel(prisma, o, connector.url);
      expected.push(...(await enqueueEvents(prisma, o.id, 5)).map((k) => `${k}#${ch.id}`));
    }
    connector.fail(25, 429, { retryAfter: 1 });
    const calls: { conv: string; start: number; at: number; status: number }[] = [];
    const send = realSend();
    track(
      fastWorker(t, {
        send: async (target, activity) => {
          const conv = target.kind === 'channel' ? target.conversationId : target.aadObjectId;
          const start = Date.now();
          try {
            const r = await send(target, activity);
            calls.push({ conv, start, at: Date.now(), status: 200 });
            return r;
          } catch (e) {
            calls.push({ conv, start, at: Date.now(), status: 429 });
            throw e;
          }
        },
        maxAttempts: 10,
      }),
    );
    await until(allDone(prisma), 15_000, 'all events finished');
    assertExactlyOnce(connector, expected);
    assert.equal(connector.statusCounts.get(429), 25);
    for (const c of calls) {
      if (c.status !== 429) continue;
      // Calls to that conversation started after this 429 came back wait at least Retry-After (1 s).
      for (const later of calls.filter((x) => x !== c && x.conv === c.conv && x.start >= c.at)) {
        assert.ok(later.start - c.at >= 1000 - 5, `a call to ${c.conv} started ${later.start - c.at} ms after a 429`);
      }
    }
    assert.equal(await prisma.outboxEvent.count({ where: { status: 'sent' } }), 15);
  });

  it('retries runs of 500 and 503 with bounded backoff and delivers everything once', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const keys = await enqueueEvents(prisma, org.id, 6);
    connector.fail(4, 500).fail(5, 503).fail(3, 502).fail(2, 504).fail(2, 412);
    track(fastWorker(t));
    await until(allDone(prisma), 15_000, 'all events finished');
    assertExactlyOnce(
      connector,
      keys.map((k) => `${k}#${ch.id}`),
    );
    const rows = await prisma.outboxEvent.findMany();
    assert.ok(rows.every((r) => r.status === 'sent'));
    assert.ok(
      rows.some((r) => r.attempts > 0),
      'failures were counted as attempts',
    );
  });

  it('gives up after maxAttempts: the event is dead with lastError, nothing is delivered for it', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    await enqueueEvents(prisma, org.id, 1);
    connector.fail(1000, 503, { conversationId: ch.conversationId });
    track(fastWorker(t, { maxAttempts: 3 }));
    await until(allDone(prisma), 10_000, 'the event finished');
    const row = await prisma.outboxEvent.findFirstOrThrow();
    assert.equal(row.status, 'dead');
    assert.equal(row.attempts, 3);
    assert.match(row.lastError ?? '', /gave up after 3 attempts: HTTP 503/);
    assert.equal(connector.statusCounts.get(503), 3, 'exactly maxAttempts calls');
    assert.equal(connector.accepted.length, 0);
  });

  it('marks an event dead at once on another 4xx (400), without retrying', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const keys = await enqueueEvents(prisma, org.id, 2);
    connector.fail(1, 400, {
      conversationId: ch.conversationId,
      body: { error: { code: 'BadArgument', message: 'bad' } },
    });
    track(fastWorker(t));
    await until(allDone(prisma), 10_000, 'all events finished');
    const rows = await prisma.outboxEvent.findMany({ orderBy: { idempotencyKey: 'asc' } });
    assert.deepEqual(rows.map((r) => r.status).sort(), ['dead', 'sent']);
    assert.match(rows.find((r) => r.status === 'dead')?.lastError ?? '', /HTTP 400 BadArgument/);
    assert.equal(connector.statusCounts.get(400), 1);
    assert.equal(connector.accepted.length, 1);
    assert.ok(keys.some((k) => connector.countsByKey().get(`${k}#${ch.id}`) === 1));
  });

  it('403 MessageWritesBlocked: marks the channel inactive, tells each admin in a 1:1 chat, keeps the other channel', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const blocked = await seedChannel(prisma, org, connector.url, { name: 'General' });
    const other = await seedChannel(prisma, org, connector.url);
    const admin1 = await seedAdmin(prisma, org.id, 'admin_agent');
    const admin2 = await seedAdmin(prisma, org.id, 'global_admin');
    await seedAdmin(prisma, org.id, 'sales_agent'); // not an admin: not told
    connector.block(blocked.conversationId);
    const keys = await enqueueEvents(prisma, org.id, 3);
    track(fastWorker(t));
    await until(allDone(prisma), 10_000, 'all events finished');
    const ch = await prisma.notificationChannel.findUniqueOrThrow({ where: { id: blocked.id } });
    assert.equal(ch.active, false);
    assert.match(ch.inactiveReason ?? '', /MessageWritesBlocked/);
    const forbidden = connector.statusCounts.get(403) ?? 0;
    assert.ok(forbidden >= 1 && forbidden <= 3, 'only the sends already in flight met the 403');
    const notices = await prisma.outboxEvent.findMany({ where: { type: CHANNEL_BLOCKED } });
    assert.deepEqual(
      notices.map((n) => n.userRef).sort(),
      [`aad:${admin1.aadObjectId}`, `aad:${admin2.aadObjectId}`].sort(),
    );
    assert.ok(notices.every((n) => n.status === 'sent'));
    assert.deepEqual(
      connector.createdConversations.map((c) => c.member).sort(),
      [admin1.aadObjectId, admin2.aadObjectId].sort(),
    );
    const personal = connector.accepted.filter((a) => a.conversationId.startsWith('a:1on1-'));
    assert.equal(personal.length, 2);
    assert.ok(personal.every((p) => /General/.test(p.text ?? '') && /notify here/.test(p.text ?? '')));
    assertExactlyOnce(connector, [
      ...keys.map((k) => `${k}#${other.id}`),
      ...notices.map((n) => `${n.idempotencyKey}#user:${n.userRef!.slice(4)}`),
    ]);
    // Later events go only to the channel still active, and the blocked one is not tried again.
    const later = await enqueueEvents(prisma, org.id, 2, 100);
    await connector.waitForAccepted(connector.accepted.length + 2);
    await until(allDone(prisma), 10_000, 'later events finished');
    assert.equal(connector.statusCounts.get(403) ?? 0, forbidden);
    assert.deepEqual(
      later.map((k) => connector.countsByKey().get(`${k}#${other.id}`)),
      [1, 1],
    );
  });

  it('stopped mid-batch finishes its in-flight sends and hands the rest back; a restarted worker delivers the rest once', async () => {
    await connector.close();
    connector = await TeamsLimitsConnector.start({ latencyMs: 60 });
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const expected: string[] = [];
    for (let i = 0; i < 8; i++) {
      const o = await seedOrg(prisma);
      const ch = await seedChannel(prisma, o, connector.url);
      expected.push(...(await enqueueEvents(prisma, o.id, 5)).map((k) => `${k}#${ch.id}`));
    }
    const first = fastWorker(t, { concurrency: 4 });
    first.start();
    await connector.waitForAccepted(6);
    await first.stop();
    const atStop = connector.accepted.length;
    assert.ok(atStop < expected.length, 'stopped before the end');
    assert.equal(await prisma.outboxEvent.count({ where: { leaseOwner: { not: null } } }), 0, 'no lease left behind');
    assert.equal(await prisma.outboxDelivery.count({ where: { status: 'sending' } }), 0, 'no send left half-recorded');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(connector.accepted.length, atStop, 'nothing sent after stop()');
    track(fastWorker(t, { concurrency: 4 }));
    await until(allDone(prisma), 20_000, 'all events finished');
    assertExactlyOnce(connector, expected);
  });

  it('an interrupted delivery (a "sending" row left by a dead worker) is sent again with the same notificationKey', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const [key] = await enqueueEvents(prisma, org.id, 1);
    const ev = await prisma.outboxEvent.findFirstOrThrow();
    // What a worker that died mid-send leaves: an expired lease and a "sending" delivery row.
    await prisma.outboxEvent.update({
      where: { id: ev.id },
      data: { leaseOwner: 'dead-worker', leaseUntil: new Date(Date.now() - 1000) },
    });
    await prisma.outboxDelivery.create({ data: { eventId: ev.id, targetKey: ch.id, status: 'sending' } });
    track(fastWorker(t));
    await until(allDone(prisma), 10_000, 'the event finished');
    assertExactlyOnce(connector, [`${key}#${ch.id}`]);
    assert.equal((await prisma.outboxDelivery.findFirstOrThrow()).status, 'sent');
  });

  it('a post whose "sending" note could not be written is not sent; it goes once the notes are written', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const [key] = await enqueueEvents(prisma, org.id, 1);
    const { hot, failed } = failingNotes(t.db.hot, 2);
    let postedWithoutNote = 0;
    const send = realSend();
    track(
      fastWorker(t, {
        hot,
        send: async (target, activity) => {
          const noted = await prisma.outboxDelivery.count({ where: { targetKey: ch.id, status: 'sending' } });
          if (noted === 0) postedWithoutNote++;
          return send(target, activity);
        },
      }),
    );
    await until(allDone(prisma), 10_000, 'the event finished');
    assert.equal(failed(), 2, 'two note writes failed');
    assert.equal(postedWithoutNote, 0, 'no post before its note was written');
    assertExactlyOnce(connector, [`${key}#${ch.id}`]);
    const ev = await prisma.outboxEvent.findFirstOrThrow();
    assert.equal(ev.status, 'sent');
    assert.equal(ev.attempts, 2, 'each failed note write counted as a failed attempt');
    assert.equal((await prisma.outboxDelivery.findFirstOrThrow()).status, 'sent');
  });

  it('reaches a person with no User row (a program administrator) in the bot home tenant; without one it is dead', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const payload = JSON.stringify(authorizedPayload(7));
    await prisma.outboxEvent.create({
      data: { type: 'partnership.authorized', userRef: 'aad:program-admin-1', payload, idempotencyKey: 'pa-1' },
    });
    track(fastWorker(t, { defaultTenantId: 'home-tenant', defaultServiceUrl: connector.url }));
    await until(allDone(prisma), 10_000, 'the event finished');
    assert.deepEqual(connector.createdConversations, [
      { id: 'a:1on1-program-admin-1', member: 'program-admin-1', tenantId: 'home-tenant', authorization: undefined },
    ]);
    assertExactlyOnce(connector, ['pa-1#user:program-admin-1']);
    await workers.pop()?.stop();
    await prisma.outboxEvent.create({
      data: { type: 'partnership.authorized', userRef: 'aad:nobody', payload, idempotencyKey: 'pa-2' },
    });
    track(fastWorker(t, { defaultServiceUrl: connector.url }));
    await until(allDone(prisma), 10_000, 'the event finished');
    const dead = await prisma.outboxEvent.findUniqueOrThrow({ where: { idempotencyKey: 'pa-2' } });
    assert.equal(dead.status, 'dead');
    assert.match(dead.lastError ?? '', /unknown user nobody/);
  });

  it('wake() sends a newly committed event at once, without waiting for the poll', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const w = track(fastWorker(t, { pollIntervalMs: 60_000 }));
    await new Promise((r) => setTimeout(r, 100)); // the worker is now idle until its next poll
    const [key] = await enqueueEvents(prisma, org.id, 1);
    const t0 = Date.now();
    w.wake();
    await connector.waitForAccepted(1, 2_000);
    assert.ok(Date.now() - t0 < 1_000);
    assertExactlyOnce(connector, [`${key}#${ch.id}`]);
  });

  it('two workers sharing one database never send an event twice', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const expected: string[] = [];
    for (let i = 0; i < 20; i++) {
      const o = await seedOrg(prisma);
      const ch = await seedChannel(prisma, o, connector.url);
      expected.push(...(await enqueueEvents(prisma, o.id, 6)).map((k) => `${k}#${ch.id}`));
    }
    // A second instance. PostgreSQL: its own pool, as another process would have. SQLite: the same
    // client, because better-sqlite3 is synchronous: a second connection in one process blocks the
    // event loop in its busy handler while the first waits for that loop to commit (a self-deadlock
    // that two processes do not have). The leases are what keep the two apart either way.
    let secondDb = t.db;
    if (t.kind === 'postgres') {
      const second = await openDatabase({ DATABASE_URL: t.url, databaseKind: t.kind });
      extraDbs.push(second);
      secondDb = second;
    }
    const w1 = track(fastWorker(t, { workerId: 'instance-1', batchSize: 10, limitShare: 0.5 }));
    const w2 = track(
      new NotifyWorker({
        db: secondDb.prisma,
        hot: secondDb.hot,
        send: realSend(),
        logger,
        workerId: 'instance-2',
        batchSize: 10,
        limitShare: 0.5,
        pollIntervalMs: 50,
        backoffBaseMs: 20,
        backoffCapMs: 200,
      }),
    );
    await until(allDone(prisma), 20_000, 'all events finished');
    assertExactlyOnce(connector, expected);
    const deliveries = await prisma.outboxDelivery.count({ where: { status: 'sent' } });
    assert.equal(deliveries, expected.length);
    assert.ok(w1.id !== w2.id);
  });
  it('with an app id, a proactive channel notification and a 1:1 notice go out with the bot token; without one, with no Authorization header', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const [k1] = await enqueueEvents(prisma, org.id, 1);
    const payload = JSON.stringify(authorizedPayload(1));
    await prisma.outboxEvent.create({
      data: { type: 'partnership.authorized', userRef: 'aad:person-1', payload, idempotencyKey: 'person-1' },
    });
    const signed = track(
      fastWorker(t, { send: signedSend(), defaultTenantId: org.tenantId, defaultServiceUrl: connector.url }),
    );
    await until(allDone(prisma), 10_000, 'the signed events finished');
    await signed.stop();
    assertExactlyOnce(connector, [`${k1}#${ch.id}`, 'person-1#user:person-1']);
    assert.deepEqual(
      connector.accepted.map((a) => a.authorization),
      [`Bearer ${LOCAL_OUTGOING_TOKEN}`, `Bearer ${LOCAL_OUTGOING_TOKEN}`],
      'the channel post and the 1:1 post carry the bot token',
    );
    assert.deepEqual(
      connector.createdConversations.map((c) => c.authorization),
      [`Bearer ${LOCAL_OUTGOING_TOKEN}`],
    );
    const channelPost = connector.accepted.find((a) => a.conversationId === ch.conversationId);
    assert.deepEqual(channelPost?.body.from, { id: `28:${APP_ID}`, name: '' });

    const [k2] = await enqueueEvents(prisma, org.id, 1, 1);
    track(fastWorker(t));
    await until(allDone(prisma), 10_000, 'the unsigned event finished');
    const unsigned = connector.accepted.filter((a) => a.notificationKey === `${k2}#${ch.id}`);
    assert.equal(unsigned.length, 1);
    assert.equal(unsigned[0]?.authorization, undefined, 'a bot without an app id sends no Authorization header');
  });

  for (const viaConnectorPipeline of [false, true]) {
    const how = viaConnectorPipeline ? 'through the connector pipeline' : 'on the direct post';
    it(`${how}: a connector that never answers is given up on after timeoutMs as a retryable network error, and the event is delivered once when it answers again`, async () => {
      const t = await ctx.fresh();
      const { prisma } = t.db;
      const org = await seedOrg(prisma);
      const ch = await seedChannel(prisma, org, connector.url);
      const [key] = await enqueueEvents(prisma, org.id, 1);
      connector.hang(1, { conversationId: ch.conversationId });
      const { send, errors } = recordingErrors(realSend({ timeoutMs: 300, viaConnectorPipeline }));
      const started = Date.now();
      track(fastWorker(t, { send }));
      await until(allDone(prisma), 10_000, 'the event finished');
      assert.equal(connector.unanswered, 1, 'the first post reached the connector and got no answer');
      assert.equal(errors.length, 1);
      const outcome = classifySendError(errors[0], Date.now());
      assert.equal(outcome.kind, 'retry', outcome.reason);
      assert.match(outcome.reason, /^network: /);
      assert.ok(Date.now() - started >= 300, 'not given up on before timeoutMs');
      assertExactlyOnce(connector, [`${key}#${ch.id}`]);
      const row = await prisma.outboxEvent.findFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1, 'the timeout counted as one attempt');
    });
  }

  it('through the connector pipeline (viaConnectorPipeline) delivers, and reads a 429 with Retry-After as the direct post does', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const org = await seedOrg(prisma);
    const ch = await seedChannel(prisma, org, connector.url);
    const keys: string[] = [];
    const outcomes: SendOutcome[] = [];
    for (const viaConnectorPipeline of [false, true]) {
      const [key] = await enqueueEvents(prisma, org.id, 1, keys.length);
      keys.push(key);
      connector.fail(1, 429, { conversationId: ch.conversationId, retryAfter: 1 });
      const { send, errors } = recordingErrors(realSend({ viaConnectorPipeline }));
      const w = track(fastWorker(t, { send }));
      await until(allDone(prisma), 10_000, 'the event finished');
      await w.stop();
      assert.equal(
        errors.length,
        1,
        `one failure ${viaConnectorPipeline ? 'through the pipeline' : 'on the direct post'}`,
      );
      outcomes.push(classifySendError(errors[0], Date.now()));
      assert.equal(connector.countsByKey().get(`${key}#${ch.id}`), 1);
    }
    assert.deepEqual(outcomes[0], { kind: 'retry', retryAfterMs: 1000, reason: 'HTTP 429 Throttled' });
    assert.deepEqual(outcomes[1], outcomes[0]);
    assert.equal(connector.statusCounts.get(429), 2, 'the pipeline did not retry the 429 by itself');
    assertExactlyOnce(
      connector,
      keys.map((k) => `${k}#${ch.id}`),
    );
  });

  it('posts to a Teams conversation id with ";messageid=" and ":" at the path the connector expects, with or without a trailing slash on the service URL', async () => {
    const t = await ctx.fresh();
    const { prisma } = t.db;
    const base = connector.url.replace(/\/$/, '');
    const serviceUrls = [`${base}/`, base, `${base}/amer/`, `${base}/amer`];
    const expected: { conversationId: string; path: string; key: string }[] = [];
    for (const [i, serviceUrl] of serviceUrls.entries()) {
      const org = await seedOrg(prisma);
      const conversationId = `19:abc${i}@thread.tacv2;messageid=${1_700_000_000_000 + i}`;
      const ch = await seedChannel(prisma, org, serviceUrl, { conversationId });
      const [key] = await enqueueEvents(prisma, org.id, 1);
      const prefix = serviceUrl.includes('/amer') ? '/amer' : '';
      expected.push({
        conversationId,
        path: `${prefix}/v3/conversations/19%3Aabc${i}%40thread.tacv2%3Bmessageid%3D${1_700_000_000_000 + i}/activities`,
        key: `${key}#${ch.id}`,
      });
    }
    track(fastWorker(t));
    await until(allDone(prisma), 10_000, 'all events finished');
    assertExactlyOnce(
      connector,
      expected.map((e) => e.key),
    );
    for (const e of expected) {
      const got = connector.accepted.find((a) => a.notificationKey === e.key);
      assert.equal(got?.path, e.path);
      assert.equal(got?.conversationId, e.conversationId);
    }
  });
});
