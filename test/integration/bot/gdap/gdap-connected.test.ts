/**
 * Issue 18 G13 through the real product: an organisation linked to Partner Center in connected mode (the `partner
 * center` card's sign-in at the local Entra stand-in, then "connected") requests GDAP from the card; the bot (the
 * harness, configured with GRAPH_API_URL) creates it in the local Graph over real HTTP and locks it for approval,
 * and the card gives Microsoft's approval link. The customer approves in Graph (the local Graph's test-only move);
 * terminating from the card goes to Graph first; while Graph answers 503 the card says so in the reader's language
 * and nothing changes locally. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { gdapVerbs as gv } from '../../../../src/bot/gdap/verbs.js';
import { cardJson } from '../../../support/cards.js';
import { card, not, play, press, refused } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { startConnectedGdapBot, type ConnectedGdapBot } from './connected-support.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const MICROSOFT_LINK =
  /https:\/\/admin\.microsoft\.com\/AdminPortal\/Home#\/partners\/invitation\/granularAdminRelationships\/([0-9a-f-]+)/;

forEachDatabase('issue 18 G13 in Teams: connected GDAP through the local Graph (harness)', (db) => {
  let b: ConnectedGdapBot;

  beforeEach(async function () {
    this.timeout(60_000);
    b = await startConnectedGdapBot(db.kind);
  });
  afterEach(async () => {
    await b?.close();
  });

  /** what a refused Graph call must leave as it was */
  async function localState() {
    const s = b.pc.w.store.read;
    const orgId = b.pc.org.orgId;
    return {
      relationships: await s.gdapRelationship.findMany({ where: { orgId }, orderBy: { createdAt: 'asc' } }),
      audit: await s.auditEvent.count({ where: { orgId } }),
      outbox: await s.outboxEvent.count(),
    };
  }

  it('G13: request → Graph creates and locks it, Microsoft’s link; customer approves in Graph; terminate goes to Graph; a 503 storm changes nothing', async function () {
    this.timeout(120_000);
    const chat = b.chat();
    let remoteId = '';
    await play(b.pc.h, chat, [
      {
        user: press(gv.gdapRequest, {
          v: 1,
          customerId: b.customerId,
          displayName: 'Helpdesk',
          roles: `${HELPDESK},${LICENSE}`,
          durationDays: '365',
          autoExtend: '180',
        }),
        bot: card(
          'GDAP relationship: Helpdesk',
          /created in Microsoft Graph/,
          'approval pending',
          'Microsoft’s approval link',
          not(/\/gdap\/[A-Za-z0-9_-]{43}/),
          {
            check: (c) => {
              const m = MICROSOFT_LINK.exec(cardJson(c));
              assert.ok(m, 'Microsoft’s approval link on the card');
              remoteId = m[1]!;
            },
          },
        ),
      },
    ]);
    // Graph holds it, locked for approval, with what the card asked
    const remote = b.graph.world.relationships.find((r) => r.id === remoteId);
    assert.ok(remote, 'created in the local Graph');
    assert.equal(remote.status, 'approvalPending');
    assert.deepEqual([remote.displayName, remote.durationDays, remote.autoExtendDays], ['Helpdesk', 365, 180]);
    assert.deepEqual([...remote.roles].sort(), [HELPDESK, LICENSE].sort());
    assert.equal(remote.customer?.tenantId, b.customerTenantId);
    const posts = b.graph.hits.filter((h) => h.method === 'POST').map((h) => [h.path, h.body]);
    assert.deepEqual(posts.at(-1), [
      `/v1.0/tenantRelationships/delegatedAdminRelationships/${remoteId}/requests`,
      { action: 'lockForApproval' },
    ]);
    assert.match(String(b.graph.hits[0]?.headers.authorization), /^Bearer ey/, 'the linked account’s Entra token');
    const row = await b.pc.w.store.read.gdapRelationship.findFirstOrThrow({ where: { orgId: b.pc.org.orgId } });
    assert.deepEqual([row.remoteId, row.tokenHash, row.status], [remoteId, null, 'approvalPending']);

    // the customer's Global Administrator approves on Microsoft's page; Graph provisions it
    b.graph.world.customerApproves(remoteId);
    b.graph.world.settle();
    assert.equal(remote.status, 'active');

    // a 503 storm: refused in the reader's language, nothing recorded, Graph not asked to terminate
    const before = await localState();
    b.graph.outage(120_000);
    const ko = b.chat('ko-KR');
    await play(b.pc.h, ko, [
      {
        user: press(gv.gdapRequest, {
          v: 1,
          customerId: b.customerId,
          displayName: 'Second',
          roles: HELPDESK,
          durationDays: '30',
          autoExtend: '0',
        }),
        bot: card(/Microsoft Graph가 응답하지 않습니다/),
        why: 'G13: Graph unavailable while requesting',
      },
      {
        user: press(gv.gdapTerminate, { v: 1, relationshipId: row.id, confirm: true }),
        bot: refused(/Microsoft Graph가 응답하지 않습니다/),
        why: 'G13: Graph unavailable while terminating',
      },
    ]);
    assert.deepEqual(await localState(), before, 'nothing changed locally');
    assert.equal(remote.status, 'active');
    assert.equal(b.graph.world.relationships.length, 1, 'no second relationship in Graph');

    // Graph is back: terminate from the card goes to Graph first
    b.graph.outage(0);
    await play(b.pc.h, chat, [
      {
        user: press(gv.gdapTerminate, { v: 1, relationshipId: row.id, confirm: true }),
        bot: card('The relationship was terminated.', 'terminated'),
      },
    ]);
    assert.equal(remote.status, 'terminationRequested');
    const terminate = b.graph.hits.filter((h) => h.method === 'POST').at(-1);
    assert.deepEqual(
      [terminate?.path, terminate?.body, terminate?.status],
      [`/v1.0/tenantRelationships/delegatedAdminRelationships/${remoteId}/requests`, { action: 'terminate' }, 201],
    );
    const after = await b.pc.w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: row.id } });
    assert.equal(after.status, 'terminated');
  });
});
