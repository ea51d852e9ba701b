/**
 * Issue 18 G18 (docs/gdap.md): for a connected organisation, `gdap` and the relationship card read the rows recorded
 * with a Graph id back from the local Graph (real HTTP through the bot configured with GRAPH_API_URL) and write each
 * change once, with its audit and outbox events: the customer's approval (active, Graph's activation and end),
 * termination in Graph, expiry. Graph down: the bot's rows with a note, nothing written, the list never fails.
 * Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { gdapVerbs as gv } from '../../../../src/bot/gdap/verbs.js';
import { card, not, play, press } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { startConnectedGdapBot, type ConnectedGdapBot } from './connected-support.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const DAY = 86_400_000;

forEachDatabase('issue 18 G18 in Teams: connected GDAP read back from the local Graph (harness)', (db) => {
  let b: ConnectedGdapBot;

  beforeEach(async function () {
    this.timeout(60_000);
    b = await startConnectedGdapBot(db.kind);
  });
  afterEach(async () => {
    await b?.close();
  });

  /** requests one relationship from the card; answers the bot's row and Graph's */
  async function requested(displayName: string, durationDays: number) {
    await play(b.pc.h, b.chat(), [
      {
        user: press(gv.gdapRequest, {
          v: 1,
          customerId: b.customerId,
          displayName,
          roles: HELPDESK,
          durationDays: String(durationDays),
          autoExtend: '0',
        }),
        bot: card(`GDAP relationship: ${displayName}`, 'approval pending'),
      },
    ]);
    const row = await b.pc.w.store.read.gdapRelationship.findFirstOrThrow({
      where: { orgId: b.pc.org.orgId, displayName },
    });
    const remote = b.graph.world.find(row.remoteId ?? '');
    assert.ok(remote);
    return { row, remote };
  }

  const rowOf = (id: string) => b.pc.w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id } });
  const events = async (type: string) =>
    (await b.pc.w.store.read.outboxEvent.findMany({ where: { type } })).map((e) => e.idempotencyKey);
  const audits = async (action: string) =>
    (await b.pc.w.store.read.auditEvent.findMany({ where: { orgId: b.pc.org.orgId, action } })).map((a) => a.entityId);

  it('G18: approval, termination and expiry in Graph are read back by the list and the card, each written once', async function () {
    this.timeout(120_000);
    const alpha = await requested('Alpha', 365);
    const beta = await requested('Beta', 30);
    b.graph.world.customerApproves(alpha.remote.id);
    b.graph.world.customerApproves(beta.remote.id);
    b.graph.world.settle();

    await play(b.pc.h, b.chat(), [
      {
        user: 'gdap',
        bot: card('Alpha', 'Beta', 'State: active', not('State: approval pending'), not('Microsoft Graph')),
      },
      { user: 'gdap', bot: card('Alpha', 'Beta', not('State: approval pending')), why: 'read again: nothing new' },
    ]);
    const a1 = await rowOf(alpha.row.id);
    assert.equal(a1.status, 'active');
    assert.equal(a1.activatedAt?.getTime(), alpha.remote.activatedAt?.getTime(), 'Graph’s activation');
    assert.equal(a1.endsAt?.getTime(), alpha.remote.endsAt?.getTime(), 'Graph’s end');
    assert.equal((await rowOf(beta.row.id)).status, 'active');
    assert.deepEqual((await audits('gdap.approved')).sort(), [alpha.row.id, beta.row.id].sort(), 'audited once each');
    assert.equal((await events('gdap.approved')).length, 2, 'the channel is told once each');

    // terminated in Microsoft's admin center: two readers open the card at once, the change is written once
    b.graph.world.request(alpha.remote, 'terminate');
    const both = await Promise.all([
      b.chat().invoke(gv.gdapOpen, { v: 1, relationshipId: alpha.row.id }),
      b.chat('ko-KR').invoke(gv.gdapOpen, { v: 1, relationshipId: alpha.row.id }),
    ]);
    assert.deepEqual(
      both.map((r) => r.status),
      [200, 200],
    );
    assert.deepEqual(await audits('gdap.terminated'), [alpha.row.id], 'two readers at once: audited once');
    await play(b.pc.h, b.chat(), [
      {
        user: press(gv.gdapOpen, { v: 1, relationshipId: alpha.row.id }),
        bot: card('GDAP relationship: Alpha', 'terminated', not('Add access assignment'), not('Terminate')),
      },
      { user: press(gv.gdapOpen, { v: 1, relationshipId: alpha.row.id }), bot: card('terminated') },
    ]);
    assert.equal((await rowOf(alpha.row.id)).status, 'terminated');
    assert.deepEqual(await audits('gdap.terminated'), [alpha.row.id]);
    assert.equal((await events('gdap.terminated')).length, 1);

    // Beta's 30 days pass in Graph (no auto-extend): it expires
    b.graph.world.timePasses(31 * DAY);
    b.graph.world.settle();
    await play(b.pc.h, b.chat(), [{ user: 'gdap expired', bot: card('Beta', not('Alpha')) }]);
    assert.equal((await rowOf(beta.row.id)).status, 'expired');
    assert.deepEqual(await audits('gdap.expired'), [beta.row.id]);
    assert.equal((await events('gdap.expired')).length, 1);
  });

  it('G18: Graph down: the list and the card show the bot’s rows with a note in the reader’s language, and nothing is written', async function () {
    this.timeout(120_000);
    const gamma = await requested('Gamma', 90);
    b.graph.world.customerApproves(gamma.remote.id);
    b.graph.world.settle();
    const before = {
      row: await rowOf(gamma.row.id),
      audit: await b.pc.w.store.read.auditEvent.count(),
      outbox: await b.pc.w.store.read.outboxEvent.count(),
    };
    b.graph.outage(120_000);
    await play(b.pc.h, b.chat('ko-KR'), [
      { user: 'GDAP 목록', bot: card('Gamma', '승인 대기', /Microsoft Graph가 응답하지 않아/) },
      {
        user: press(gv.gdapOpen, { v: 1, relationshipId: gamma.row.id }),
        bot: card('Gamma', /Microsoft Graph가 응답하지 않아/),
      },
    ]);
    assert.deepEqual(
      {
        row: await rowOf(gamma.row.id),
        audit: await b.pc.w.store.read.auditEvent.count(),
        outbox: await b.pc.w.store.read.outboxEvent.count(),
      },
      before,
    );
    // Graph is back: the next read catches up
    b.graph.outage(0);
    await play(b.pc.h, b.chat(), [{ user: 'gdap', bot: card('Gamma', 'State: active', not('Microsoft Graph')) }]);
    assert.equal((await rowOf(gamma.row.id)).status, 'active');
  });
});
