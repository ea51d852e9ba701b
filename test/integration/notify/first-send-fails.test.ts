import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createLogger } from '../../../src/log.js';
import { cloudAdapterSendPort } from '../../../src/notify/cloud-adapter-send.js';
import { NotifyWorker } from '../../../src/notify/worker.js';
import { forEachDatabase } from '../../support/db.js';
import { makeWorld, type World } from '../../support/fixtures.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { enqueueEvents, seedChannel, seedOrg } from '../../support/notify-fixtures.js';
import { listInDirectory, provider, reseller } from '../../support/partners.js';
import { TeamsLimitsConnector } from '../../support/teams-limits-connector.js';

/**
 * Issue 13 item 1, through the real server: the first proactive send after start runs inside
 * continueConversationAsync. When the connector answers it with 500 and then 429, the notice is
 * retried like any other and recorded as sent only after a 2xx, and no apology ("Sorry, something
 * went wrong") is posted into the channel: the failure never reaches the adapter's onTurnError.
 */
forEachDatabase('notify: the first send after start fails (real server)', (db) => {
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
    w.clock.set(new Date());
  });
  afterEach(async () => {
    await h.close();
  });

  it('500 then 429 on the first send: delivered later, sent only after a 2xx, no apology in the channel', async function () {
    this.timeout(60_000);
    const prov = await provider(w, { legalName: 'Northwind Cloud' });
    await listInDirectory(w, prov, ['azure']);
    const res = await reseller(w);
    const channel = h.channel({
      aadObjectId: prov.admin.aadObjectId,
      tenantId: prov.tenantId,
      name: prov.admin.name,
      channelName: 'Partners',
    });
    await channel.say('notify here');
    await h.connector.waitFor(1);

    const before = h.connector.calls.length;
    // The worker has not sent to this service URL yet: its next send is its first, inside a proactive turn.
    const to = { conversationId: channel.conversation.id };
    h.connector.failNext(1, 500, to).failNext(1, 429, { ...to, retryAfter: 1 });
    const chat = h.user({ aadObjectId: res.admin.aadObjectId, tenantId: res.tenantId, name: res.admin.name });
    const sent = await chat.invoke('directory.request', {
      v: 1,
      providerId: prov.orgId,
      [`consent_${prov.orgId}`]: 'true',
    });
    assert.equal(sent.status, 200);

    const prisma = h.database!.db.prisma;
    const keyOf = (body: unknown) =>
      (body as { channelData?: { notificationKey?: string } }).channelData?.notificationKey;
    const toChannel = () =>
      h.connector.calls.slice(before).filter((c) => c.conversationId === channel.conversation.id && c.kind === 'send');
    // The organisation's notices still owed when the channel was connected (its earlier ones may have
    // been claimed before it existed: dead, "no active notification channel").
    const events = () =>
      prisma.outboxEvent.findMany({
        where: {
          targetOrgId: prov.orgId,
          OR: [{ lastError: null }, { lastError: { not: 'no active notification channel' } }],
        },
      });

    // Until every notice of the organisation is delivered; while a refused notice has no 2xx yet, it is pending.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const calls = toChannel();
      const rows = await events();
      const okKeys = new Set(calls.filter((c) => c.status < 300).map((c) => keyOf(c.body)));
      for (const c of calls.filter((x) => x.status >= 400)) {
        const key = keyOf(c.body)!;
        const row = rows.find((r) => key.startsWith(`${r.idempotencyKey}#`));
        assert.ok(row, `no event for ${key}`);
        if (!okKeys.has(key)) assert.equal(row.status, 'pending', `${key} recorded ${row.status} after a refusal`);
      }
      if (rows.length > 0 && rows.every((r) => r.status === 'sent')) break;
      assert.ok(
        Date.now() < deadline,
        `not all delivered: ${JSON.stringify(calls.map((c) => [c.status, keyOf(c.body)]))}`,
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    const calls = toChannel();
    assert.deepEqual(
      calls.slice(0, 2).map((c) => c.status),
      [500, 429],
      'the first send after start was refused, then the next',
    );
    const rows = await events();
    const accepted = calls.filter((c) => c.status < 300).map((c) => keyOf(c.body));
    assert.equal(accepted.length, rows.length, 'each notice accepted once');
    assert.equal(new Set(accepted).size, accepted.length, 'no notice twice');
    for (const r of rows)
      assert.ok(
        accepted.some((k) => k?.startsWith(`${r.idempotencyKey}#`)),
        `${r.type} lost`,
      );
    const refusedKeys = calls.filter((c) => c.status >= 400).map((c) => keyOf(c.body));
    for (const k of refusedKeys) assert.ok(accepted.includes(k), `refused ${k} never delivered`);
    const retried = rows.filter((r) => refusedKeys.some((k) => k?.startsWith(`${r.idempotencyKey}#`)));
    assert.ok(retried.every((r) => r.attempts >= 1));
    assert.ok(
      rows.some((r) => r.type === 'partnership.requested'),
      'the approval request is among them',
    );
    const deliveries = await prisma.outboxDelivery.findMany({ where: { eventId: { in: rows.map((r) => r.id) } } });
    assert.ok(deliveries.length >= rows.length);
    assert.ok(deliveries.every((d) => d.status === 'sent'));

    // No apology, anywhere.
    await new Promise((r) => setTimeout(r, 300));
    const apologies = h.connector.activities.filter((a) => /something went wrong|문제가 발생/i.test(a.text ?? ''));
    assert.deepEqual(apologies, [], 'no turn-error apology was posted');
    assert.equal(toChannel().length, calls.length, 'nothing more');
  });
});

/**
 * The same on both send paths (the direct post, and the connector's pipeline used with an outgoing
 * proxy), with the worker and send port alone: the adapter's onTurnError is never called, and a
 * notice whose first send is refused is delivered by a later round.
 */
forEachDatabase('notify: a refused first send never reaches onTurnError', (db) => {
  for (const viaConnectorPipeline of [false, true]) {
    it(`${viaConnectorPipeline ? 'connector pipeline' : 'direct post'}: 500 then 429, delivered once`, async function () {
      this.timeout(30_000);
      const t = await db.fresh();
      const connector = await TeamsLimitsConnector.start();
      const adapter = new CloudAdapter(
        new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
      );
      const turnErrors: unknown[] = [];
      adapter.onTurnError = (_context, error) => {
        turnErrors.push(error);
        return Promise.resolve();
      };
      const org = await seedOrg(t.db.prisma);
      const channel = await seedChannel(t.db.prisma, org, connector.url);
      const [key] = await enqueueEvents(t.db.prisma, org.id, 1);
      connector.fail(1, 500).fail(1, 429, { retryAfter: 1 });
      const worker = new NotifyWorker({
        db: t.db.prisma,
        hot: t.db.hot,
        send: cloudAdapterSendPort(adapter, '', { viaConnectorPipeline }),
        logger: createLogger('silent'),
        pollIntervalMs: 50,
        backoffBaseMs: 20,
        backoffCapMs: 200,
      });
      worker.start();
      try {
        await connector.waitForAccepted(1, 20_000);
        const prisma = t.db.prisma;
        const deadline = Date.now() + 5_000;
        while ((await prisma.outboxEvent.findFirstOrThrow()).status !== 'sent') {
          assert.ok(Date.now() < deadline, 'not recorded as sent');
          await new Promise((r) => setTimeout(r, 25));
        }
        const row = await prisma.outboxEvent.findFirstOrThrow();
        assert.equal(row.attempts, 2);
        assert.equal(connector.statusCounts.get(500), 1);
        assert.equal(connector.statusCounts.get(429), 1);
        assert.deepEqual(
          connector.accepted.map((a) => a.notificationKey),
          [`${key}#${channel.id}`],
        );
        assert.deepEqual(turnErrors, [], 'onTurnError was never called');
      } finally {
        await worker.stop();
        await connector.close();
      }
    });
  }
});
