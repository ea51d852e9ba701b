import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { graphClientFor, graphRejection, ROLES } from '../../support/graph/client-fixture.js';
import { localGraphPerTest } from '../../support/graph/server.js';

const DAY = 86_400_000;

/**
 * The relationship lifecycle as the local Graph plays it ("delegatedAdminRelationshipStatus values"), driven through
 * the client, with the test-only controls standing for the customer (approves) and for time.
 */
describe('local Graph: the GDAP relationship lifecycle (issue 18 item 5)', () => {
  const local = localGraphPerTest();

  async function requested(autoExtendDays: number, durationDays = 30) {
    const { client } = graphClientFor(local.graph);
    const r = await client.createRelationship({
      displayName: `Lifecycle ${autoExtendDays}`,
      durationDays,
      autoExtendDays,
      customer: { tenantId: '52eaad04-13a2-4a2f-9ce8-93a294fadf36', displayName: 'Contoso' },
      roleTemplateIds: [ROLES.helpdeskAdministrator],
    });
    await client.createRequest(r.id, 'lockForApproval');
    return { client, id: r.id };
  }

  it('created → approvalPending → (customer approves) activating → active, with activatedDateTime and endDateTime = activated + duration', async () => {
    const { client, id } = await requested(0);
    assert.equal((await client.relationship(id)).status, 'approvalPending');
    const early = await graphRejection(client.createAccessAssignment(id, randomUUID(), [ROLES.helpdeskAdministrator]));
    assert.equal(early.kind, 'invalid-request', 'no access assignment before the relationship is active');
    local.graph.world.customerApproves(id);
    assert.equal((await client.relationship(id)).status, 'activating');
    local.graph.world.settle();
    const active = await client.relationship(id);
    assert.equal(active.status, 'active');
    assert.ok(active.activatedDateTime instanceof Date);
    assert.equal(active.endDateTime?.getTime(), active.activatedDateTime.getTime() + 30 * DAY);
  });

  it('time passes: without auto-extend an active relationship is expiring past its endDateTime, then expired', async () => {
    const { client, id } = await requested(0);
    local.graph.world.customerApproves(id);
    local.graph.world.settle();
    local.graph.world.timePasses(29 * DAY);
    assert.equal((await client.relationship(id)).status, 'active');
    local.graph.world.timePasses(1 * DAY + 1_000);
    assert.equal((await client.relationship(id)).status, 'expiring');
    local.graph.world.settle();
    assert.equal((await client.relationship(id)).status, 'expired');
    const refused = await graphRejection(client.createRequest(id, 'terminate'));
    assert.equal(refused.kind, 'invalid-request', 'an expired relationship cannot be terminated');
  });

  it('time passes: with auto-extend P180D the endDateTime moves 180 days and the relationship stays active', async () => {
    const { client, id } = await requested(180);
    local.graph.world.customerApproves(id);
    local.graph.world.settle();
    const before = (await client.relationship(id)).endDateTime;
    local.graph.world.timePasses(30 * DAY + 1_000);
    const after = await client.relationship(id);
    assert.equal(after.status, 'active');
    assert.equal(after.endDateTime?.getTime(), (before?.getTime() ?? 0) + 180 * DAY);
  });

  it('terminate → terminationRequested → terminating → terminated, with endDateTime the end', async () => {
    const { client, id } = await requested(0);
    local.graph.world.customerApproves(id);
    local.graph.world.settle();
    await client.createRequest(id, 'terminate');
    assert.equal((await client.relationship(id)).status, 'terminationRequested');
    local.graph.world.settle();
    assert.equal((await client.relationship(id)).status, 'terminating');
    local.graph.world.settle();
    const ended = await client.relationship(id);
    assert.equal(ended.status, 'terminated');
    assert.ok((ended.endDateTime?.getTime() ?? Infinity) <= local.graph.world.now().getTime());
  });

  it('a request the customer never approves lapses after 90 days', async () => {
    const { client, id } = await requested(0);
    local.graph.world.timePasses(89 * DAY);
    assert.equal((await client.relationship(id)).status, 'approvalPending');
    local.graph.world.timePasses(DAY);
    assert.equal((await client.relationship(id)).status, 'expired');
  });

  it('only a created relationship may be updated (auto-extend also while active) or locked', async () => {
    const { client, id } = await requested(0);
    const pending = await client.relationship(id);
    const refused = await graphRejection(
      client.updateRelationship(id, pending['@odata.etag'] ?? '', { displayName: 'Renamed' }),
    );
    assert.deepEqual([refused.kind, refused.status], ['invalid-request', 400]);
    const again = await graphRejection(client.createRequest(id, 'lockForApproval'));
    assert.equal(again.kind, 'invalid-request');
    local.graph.world.customerApproves(id);
    local.graph.world.settle();
    const active = await client.relationship(id);
    const extended = await client.updateRelationship(id, active['@odata.etag'] ?? '', { autoExtendDays: 180 });
    assert.equal(extended.autoExtendDuration, 'P180D');
  });
});
