import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { GdapPort, GdapRelationshipRequest } from '../../../src/domain/gdap/port.js';
import { AppError, type ErrorCode } from '../../../src/domain/shared/errors.js';
import { createConnectedGdap } from '../../../src/graph/connected-gdap.js';
import { ROLES } from '../../support/graph/client-fixture.js';
import { localGraphPerTest } from '../../support/graph/server.js';

const DAY = 86_400_000;
const CUSTOMER = '52eaad04-13a2-4a2f-9ce8-93a294fadf36';

const request = (overrides: Partial<GdapRelationshipRequest> = {}): GdapRelationshipRequest => ({
  displayName: 'Contoso helpdesk',
  customerTenantId: CUSTOMER,
  customerName: 'Contoso',
  roleTemplateIds: [ROLES.helpdeskAdministrator, ROLES.securityReader],
  durationDays: 365,
  autoExtendDays: 180,
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  assert.fail('expected an AppError');
}

/** The GDAP port's connected adapter (src/graph/connected-gdap.ts) against the local Graph. */
describe('connected GDAP adapter against the local Graph (issue 18 item 5)', () => {
  const local = localGraphPerTest();
  let port: GdapPort;
  let waits: number[];
  let tokenAsks: string[];

  beforeEach(() => {
    waits = [];
    tokenAsks = [];
    const token = local.graph.issueToken();
    port = createConnectedGdap({
      baseUrl: local.graph.baseUrl,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      tokens: {
        graphAccessTokenFor: (orgId) => {
          tokenAsks.push(orgId);
          return Promise.resolve(token);
        },
      },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
    }).forOrg('org-1');
  });

  it('requestRelationship creates the relationship, locks it for approval and answers Graph’s id and the admin center link', async () => {
    assert.equal(port.mode, 'connected');
    const answer = await port.requestRelationship(request());
    assert.ok(answer);
    const stored = local.graph.world.find(answer.id);
    assert.equal(stored?.status, 'approvalPending');
    assert.deepEqual(
      [stored?.durationDays, stored?.autoExtendDays, stored?.customer],
      [365, 180, { tenantId: CUSTOMER, displayName: 'Contoso' }],
    );
    assert.equal(
      answer.approvalLink,
      `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${answer.id}`,
    );
    assert.deepEqual(
      local.graph.hits.map((hit) => `${hit.method} ${hit.path.replace(answer.id, '{id}')}`),
      [
        'POST /v1.0/tenantRelationships/delegatedAdminRelationships',
        'POST /v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests',
      ],
    );
    assert.ok(
      tokenAsks.every((orgId) => orgId === 'org-1'),
      'the organisation’s own linked account',
    );
  });

  it('requestRelationship again (a retried turn) finds the first relationship instead of failing on its name', async () => {
    const first = await port.requestRelationship(request());
    // the first attempt's lock was lost: the relationship is still `created`
    const half = await port.requestRelationship(request({ displayName: 'Half done' }));
    assert.ok(first && half);
    const again = await port.requestRelationship(request());
    assert.equal(again?.id, first.id);
    assert.equal(local.graph.world.relationships.length, 2);
    const lost = local.graph.world.find(half.id);
    if (lost) lost.status = 'created';
    const resumed = await port.requestRelationship(request({ displayName: 'Half done' }));
    assert.equal(resumed?.id, half.id);
    assert.equal(local.graph.world.find(half.id)?.status, 'approvalPending', 'locked on the second try');
    assert.equal(
      await refusal(port.requestRelationship(request({ customerTenantId: randomUUID() }))),
      'GRAPH_REFUSED',
      'the same name for another customer is Graph’s refusal',
    );
  });

  it('Graph’s refusals are GRAPH_REFUSED and create nothing: auto-extend with Global Administrator, a name over 50 characters', async () => {
    assert.equal(
      await refusal(port.requestRelationship(request({ roleTemplateIds: [ROLES.globalAdministrator] }))),
      'GRAPH_REFUSED',
    );
    assert.equal(await refusal(port.requestRelationship(request({ displayName: 'n'.repeat(51) }))), 'GRAPH_REFUSED');
    assert.equal(
      await refusal(port.requestRelationship(request({ indirectResellerTenantId: randomUUID() }))),
      'GRAPH_REFUSED',
      'two-tier creation is not in Graph v1.0',
    );
    assert.equal(local.graph.world.relationships.length, 0);
  });

  it('relationship and relationships read Graph’s relationships (every page) in the port’s terms', async () => {
    local.graph.pageSize = 2;
    const answer = await port.requestRelationship(request());
    assert.ok(answer);
    local.graph.world.customerApproves(answer.id);
    local.graph.world.settle();
    local.graph.world.seed('approved', { displayName: 'Approved one' });
    local.graph.world.seed('terminated', { displayName: 'Ended', autoExtendDays: 0 });
    local.graph.world.seed('active', { displayName: 'Another' });
    const one = await port.relationship(answer.id);
    assert.ok(one);
    assert.deepEqual(
      {
        status: one.status,
        customerTenantId: one.customerTenantId,
        customerName: one.customerName,
        roles: one.roleTemplateIds,
        durationDays: one.durationDays,
        autoExtendDays: one.autoExtendDays,
      },
      {
        status: 'active',
        customerTenantId: CUSTOMER,
        customerName: 'Contoso',
        roles: [ROLES.helpdeskAdministrator, ROLES.securityReader],
        durationDays: 365,
        autoExtendDays: 180,
      },
    );
    assert.ok(one.activatedAt instanceof Date && one.endsAt instanceof Date && one.createdAt instanceof Date);
    assert.equal(one.endsAt.getTime() - one.activatedAt.getTime(), 365 * DAY);
    const all = await port.relationships();
    assert.deepEqual(
      all?.map((r) => [r.displayName, r.status]),
      [
        ['Contoso helpdesk', 'active'],
        ['Approved one', 'activating'],
        ['Ended', 'terminated'],
        ['Another', 'active'],
      ],
    );
    assert.equal(
      local.graph.hits.filter((hit) => hit.method === 'GET' && hit.path.endsWith('Relationships')).length,
      2,
    );
    assert.equal(await refusal(port.relationship('unknown-id')), 'GRAPH_NOT_FOUND');
  });

  it('assignAccess and accessAssignments map a security group to roles of the relationship', async () => {
    const r = local.graph.world.seed('active', { roles: [ROLES.helpdeskAdministrator, ROLES.securityReader] });
    const group = randomUUID();
    const assigned = await port.assignAccess(r.id, group, [ROLES.securityReader]);
    assert.deepEqual(assigned && { ...assigned, id: typeof assigned.id }, {
      id: 'string',
      securityGroupId: group,
      roleTemplateIds: [ROLES.securityReader],
      status: 'pending',
    });
    local.graph.world.settle();
    assert.deepEqual(
      (await port.accessAssignments(r.id))?.map((a) => [a.securityGroupId, a.status]),
      [[group, 'active']],
    );
    assert.equal(
      await refusal(port.assignAccess(r.id, randomUUID(), [ROLES.globalAdministrator])),
      'GRAPH_REFUSED',
      'a role the relationship does not hold',
    );
  });

  it('terminate asks Graph to end it, and asking again once it is ending resolves', async () => {
    const r = local.graph.world.seed('active');
    await port.terminate(r.id);
    assert.equal(local.graph.world.find(r.id)?.status, 'terminationRequested');
    await port.terminate(r.id);
    local.graph.world.settle();
    local.graph.world.settle();
    await port.terminate(r.id);
    assert.equal(local.graph.world.find(r.id)?.status, 'terminated');
    const pending = local.graph.world.seed('approvalPending');
    assert.equal(await refusal(port.terminate(pending.id)), 'GRAPH_REFUSED');
  });

  it('faults become GRAPH_THROTTLED, GRAPH_UNAVAILABLE and GRAPH_ACCESS_DENIED, after the bounded retries', async () => {
    local.graph.failNext(4, { status: 429, retryAfter: 1 });
    assert.equal(await refusal(port.relationships()), 'GRAPH_THROTTLED');
    assert.deepEqual(waits, [1_000, 1_000, 1_000]);
    local.graph.outage(60_000);
    assert.equal(await refusal(port.requestRelationship(request())), 'GRAPH_UNAVAILABLE');
    local.graph.outage(0);
    assert.equal(local.graph.world.relationships.length, 0, 'nothing was created');
    const denied = createConnectedGdap({
      baseUrl: local.graph.baseUrl,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      tokens: { graphAccessTokenFor: () => Promise.resolve(local.graph.issueToken(['User.Read'])) },
    }).forOrg('org-1');
    assert.equal(await refusal(denied.relationships()), 'GRAPH_ACCESS_DENIED');
  });

  it('the token provider’s own refusal reaches the caller as it came (e.g. PC_SIGN_IN_AGAIN)', async () => {
    const unlinked = createConnectedGdap({
      baseUrl: local.graph.baseUrl,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      tokens: { graphAccessTokenFor: () => Promise.reject(new AppError('PC_SIGN_IN_AGAIN')) },
    }).forOrg('org-1');
    assert.equal(await refusal(unlinked.relationships()), 'PC_SIGN_IN_AGAIN');
    assert.equal(local.graph.hits.length, 0, 'nothing was sent without a token');
  });
});
