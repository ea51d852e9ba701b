import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { PrismaClient } from '../../../../src/data/db.js';
import { failureReason, listFailedNotifications } from '../../../../src/domain/notifications/failed-notifications.js';
import {
  retryAllFailedNotifications,
  retryFailedNotification,
} from '../../../../src/domain/notifications/retry-failed-notification.js';
import { createLogger } from '../../../../src/log.js';
import { cloudAdapterSendPort } from '../../../../src/notify/cloud-adapter-send.js';
import { NotifyWorker } from '../../../../src/notify/worker.js';
import { forEachDatabase } from '../../../support/db.js';
import { refusesWithoutChange, rejectsWith } from '../../../support/domain-assert.js';
import { enrolledOrg, makeWorld, userWithRoles, type World } from '../../../support/fixtures.js';
import { authorizedPayload, seedChannel } from '../../../support/notify-fixtures.js';
import { TeamsLimitsConnector } from '../../../support/teams-limits-connector.js';

/** A notice the worker gave up on, as src/notify leaves it: status dead, attempts counted, lastError set. */
async function deadEvent(
  prisma: PrismaClient,
  to: { orgId: string } | { userRef: string },
  opts: { createdAt: Date; lastError?: string; attempts?: number; status?: string },
): Promise<{ id: string; idempotencyKey: string }> {
  const key = randomUUID();
  return prisma.outboxEvent.create({
    data: {
      type: 'partnership.authorized',
      ...('orgId' in to ? { targetOrgId: to.orgId } : { userRef: to.userRef }),
      payload: JSON.stringify(authorizedPayload(1)),
      idempotencyKey: `partnership.authorized:${key}`,
      status: opts.status ?? 'dead',
      attempts: opts.attempts ?? 8,
      lastError: opts.lastError ?? 'gave up after 8 attempts: HTTP 500 InternalServerError',
      createdAt: opts.createdAt,
      nextAttemptAt: opts.createdAt,
    },
    select: { id: true, idempotencyKey: true },
  });
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));

async function setup(w: World) {
  const prisma = w.test.db.prisma;
  const org = await enrolledOrg(w, { types: ['indirect_provider'] });
  const other = await enrolledOrg(w, { types: ['indirect_provider'] });
  // the org's own notices: dead ones for it and for its admin, and some that are not dead
  const forOrg = await deadEvent(prisma, { orgId: org.orgId }, { createdAt: at(1) });
  const forAdmin = await deadEvent(
    prisma,
    { userRef: `aad:${org.admin.aadObjectId}` },
    { createdAt: at(2), lastError: 'HTTP 403 MessageWritesBlocked' },
  );
  const pending = await deadEvent(prisma, { orgId: org.orgId }, { createdAt: at(3), status: 'pending' });
  const sent = await deadEvent(prisma, { orgId: org.orgId }, { createdAt: at(4), status: 'sent' });
  // another organisation's dead notices, for it and for its admin
  const othersOrg = await deadEvent(prisma, { orgId: other.orgId }, { createdAt: at(5) });
  const othersAdmin = await deadEvent(prisma, { userRef: `aad:${other.admin.aadObjectId}` }, { createdAt: at(6) });
  return { prisma, org, other, forOrg, forAdmin, pending, sent, othersOrg, othersAdmin };
}

forEachDatabase('failed notifications (issue 13 item 2)', (dbs) => {
  it("lists only the organisation's dead notices (for it and its people), newest first, paged, with a reason for people", async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await setup(w);
    const first = await listFailedNotifications(w.ctx, s.org.admin, { limit: 1 });
    assert.deepEqual(
      first.items.map((i) => i.id),
      [s.forAdmin.id],
    );
    assert.ok(first.nextCursor);
    const second = await listFailedNotifications(w.ctx, s.org.admin, { limit: 1, cursor: first.nextCursor });
    assert.deepEqual(
      second.items.map((i) => i.id),
      [s.forOrg.id],
    );
    assert.equal(second.nextCursor, null);
    const [personal] = first.items;
    assert.equal(personal?.reason, 'blocked');
    assert.equal(personal?.audience, 'person');
    assert.equal(personal?.attempts, 8);
    assert.equal(second.items[0]?.reason, 'unavailable');
    assert.equal(second.items[0]?.type, 'partnership.authorized');
    // the other organisation sees its own two, none of these
    const theirs = await listFailedNotifications(w.ctx, s.other.admin, {});
    assert.deepEqual(theirs.items.map((i) => i.id).sort(), [s.othersOrg.id, s.othersAdmin.id].sort());
  });

  it('roles: a sales agent is refused (U3, roles named); a user admin may list and retry', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await setup(w);
    const sales = await userWithRoles(w, s.org, ['sales_agent']);
    await rejectsWith(listFailedNotifications(w.ctx, sales, {}), 'ROLE_REQUIRED', {
      roles: 'global_admin,user_admin,admin_agent',
    });
    await refusesWithoutChange(
      w.store,
      () => retryFailedNotification(w.ctx, sales, { eventId: s.forOrg.id }),
      'ROLE_REQUIRED',
    );
    await refusesWithoutChange(w.store, () => retryAllFailedNotifications(w.ctx, sales), 'ROLE_REQUIRED');
    assert.equal((await s.prisma.outboxEvent.findUniqueOrThrow({ where: { id: s.forOrg.id } })).status, 'dead');
    const userAdmin = await userWithRoles(w, s.org, ['user_admin']);
    assert.equal((await listFailedNotifications(w.ctx, userAdmin, {})).items.length, 2);
    assert.equal((await retryFailedNotification(w.ctx, userAdmin, { eventId: s.forOrg.id })).requeued, true);
  });

  it("tenant isolation: another organisation's notice is NOT_FOUND and stays dead", async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await setup(w);
    for (const id of [s.othersOrg.id, s.othersAdmin.id, 'no-such-event']) {
      await refusesWithoutChange(
        w.store,
        () => retryFailedNotification(w.ctx, s.org.admin, { eventId: id }),
        'NOT_FOUND',
        {
          entity: 'notification',
        },
      );
      if (id !== 'no-such-event')
        assert.equal((await s.prisma.outboxEvent.findUniqueOrThrow({ where: { id } })).status, 'dead');
    }
    const all = await retryAllFailedNotifications(w.ctx, s.org.admin);
    assert.deepEqual(all, { requeued: 2, remaining: 0 });
    for (const id of [s.othersOrg.id, s.othersAdmin.id])
      assert.equal((await s.prisma.outboxEvent.findUniqueOrThrow({ where: { id } })).status, 'dead');
  });

  it('idempotent: retrying a pending or sent notice changes nothing and says so; Retry all twice re-queues once', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await setup(w);
    assert.deepEqual(await retryFailedNotification(w.ctx, s.org.admin, { eventId: s.pending.id }), {
      eventId: s.pending.id,
      requeued: false,
      status: 'pending',
    });
    assert.deepEqual(await retryFailedNotification(w.ctx, s.org.admin, { eventId: s.sent.id }), {
      eventId: s.sent.id,
      requeued: false,
      status: 'sent',
    });
    const first = await retryFailedNotification(w.ctx, s.org.admin, { eventId: s.forOrg.id });
    assert.equal(first.requeued, true);
    const audits = () => s.prisma.auditEvent.count({ where: { action: 'notification.retried' } });
    assert.equal(await audits(), 1);
    assert.deepEqual(await retryFailedNotification(w.ctx, s.org.admin, { eventId: s.forOrg.id }), {
      eventId: s.forOrg.id,
      requeued: false,
      status: 'pending',
    });
    assert.deepEqual(await retryAllFailedNotifications(w.ctx, s.org.admin), { requeued: 1, remaining: 0 });
    assert.deepEqual(await retryAllFailedNotifications(w.ctx, s.org.admin), { requeued: 0, remaining: 0 });
    assert.equal(await audits(), 2);
    assert.equal((await listFailedNotifications(w.ctx, s.org.admin, {})).items.length, 0);
  });

  describe('with the notification worker', () => {
    let connector: TeamsLimitsConnector;
    let worker: NotifyWorker | undefined;
    beforeEach(async () => {
      connector = await TeamsLimitsConnector.start();
    });
    afterEach(async () => {
      await worker?.stop();
      worker = undefined;
      await connector.close();
    });

    it('retry re-queues the notice (pending, 0 attempts, due now, dead deliveries forgotten, lastError audited) and the worker delivers it', async () => {
      const w = makeWorld(await dbs.fresh());
      const s = await setup(w);
      const channel = await seedChannel(s.prisma, { id: s.org.orgId, tenantId: s.org.tenantId }, connector.url);
      const done = await seedChannel(s.prisma, { id: s.org.orgId, tenantId: s.org.tenantId }, connector.url);
      // as the worker left it: one channel got it, the other's delivery was given up on
      await s.prisma.outboxDelivery.createMany({
        data: [
          { eventId: s.forOrg.id, targetKey: channel.id, status: 'dead', error: 'HTTP 500' },
          { eventId: s.forOrg.id, targetKey: done.id, status: 'sent' },
        ],
      });
      const r = await retryFailedNotification(w.ctx, s.org.admin, { eventId: s.forOrg.id });
      assert.deepEqual(r, { eventId: s.forOrg.id, requeued: true, status: 'pending' });
      const row = await s.prisma.outboxEvent.findUniqueOrThrow({ where: { id: s.forOrg.id } });
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 0);
      assert.equal(row.nextAttemptAt.getTime(), w.clock.now().getTime());
      assert.equal(row.leaseOwner, null);
      const deliveries = await s.prisma.outboxDelivery.findMany({ where: { eventId: s.forOrg.id } });
      assert.deepEqual(
        deliveries.map((d) => [d.targetKey, d.status]),
        [[done.id, 'sent']],
      );
      const audit = await s.prisma.auditEvent.findFirstOrThrow({ where: { action: 'notification.retried' } });
      assert.equal(audit.entityId, s.forOrg.id);
      assert.equal(audit.orgId, s.org.orgId);
      assert.match(audit.detail, /gave up after 8 attempts: HTTP 500/);

      const adapter = new CloudAdapter(
        new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }),
      );
      worker = new NotifyWorker({
        db: s.prisma,
        hot: w.test.db.hot,
        send: cloudAdapterSendPort(adapter, ''),
        logger: createLogger('silent'),
        pollIntervalMs: 50,
      });
      worker.start();
      const deadline = Date.now() + 20_000;
      while ((await s.prisma.outboxEvent.findUniqueOrThrow({ where: { id: s.forOrg.id } })).status !== 'sent') {
        if (Date.now() > deadline) assert.fail('the re-queued notice was not sent');
        await new Promise((res) => setTimeout(res, 25));
      }
      // sent again only where it had failed: the channel that had it does not get it twice
      // (the enrollment's own pending notices go out too; only this event's deliveries are asserted)
      const ours = [...connector.countsByKey()].filter(([k]) => k.startsWith(`${s.forOrg.idempotencyKey}#`));
      assert.deepEqual(ours, [[`${s.forOrg.idempotencyKey}#${channel.id}`, 1]]);
      assert.equal((await listFailedNotifications(w.ctx, s.org.admin, {})).items.length, 1);
    });
  });
});

describe('failureReason: a reason people can read, never the raw error', () => {
  const cases: [string | null, string][] = [
    ['gave up after 8 attempts: HTTP 500 InternalServerError', 'unavailable'],
    ['gave up after 8 attempts: network: ECONNRESET socket hang up', 'unavailable'],
    ['gave up after 3 attempts: HTTP 429', 'throttled'],
    ['HTTP 403 MessageWritesBlocked', 'blocked'],
    ['no active notification channel', 'no_channel'],
    ['render: payload does not match', 'undeliverable'],
    ['unreadable: unknown user 123 (no User row and no defaultTenantId)', 'undeliverable'],
    ['HTTP 404 ConversationNotFound', 'rejected'],
    [null, 'unknown'],
    ['something else', 'unknown'],
  ];
  for (const [error, reason] of cases)
    it(`${String(error)} → ${reason}`, () => assert.equal(failureReason(error), reason));
});
