import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { graphClientFor, graphRejection, ROLES } from '../../support/graph/client-fixture.js';
import { localGraphPerTest } from '../../support/graph/server.js';

const customer = { tenantId: '4b827261-d21f-4aa9-b7db-7fa1f56fb163', displayName: 'Wingtip Toys' };
const newRelationship = (displayName = 'Wingtip helpdesk') => ({
  displayName,
  durationDays: 730,
  autoExtendDays: 180,
  customer,
  roleTemplateIds: [ROLES.helpdeskAdministrator, ROLES.licenseAdministrator],
});

describe('Graph client against the local Graph: every GDAP operation (issue 18 item 5)', () => {
  const local = localGraphPerTest();

  it('creates a relationship with Graph’s body (ISO 8601 durations, unifiedRoles) and reads it back', async () => {
    const { client } = graphClientFor(local.graph);
    const created = await client.createRelationship(newRelationship());
    assert.equal(created.status, 'created');
    assert.ok(created['@odata.etag']?.startsWith('W/"'));
    assert.equal(created.activatedDateTime, null, 'the reference’s "" before activation reads as null');
    const [post] = local.graph.hits;
    assert.equal(post?.method, 'POST');
    assert.equal(post?.path, '/v1.0/tenantRelationships/delegatedAdminRelationships');
    assert.deepEqual(post?.body, {
      displayName: 'Wingtip helpdesk',
      duration: 'P730D',
      customer,
      accessDetails: {
        unifiedRoles: [
          { roleDefinitionId: ROLES.helpdeskAdministrator },
          { roleDefinitionId: ROLES.licenseAdministrator },
        ],
      },
      autoExtendDuration: 'P180D',
    });
    assert.equal(post?.status, 201);
    const read = await client.relationship(created.id);
    assert.deepEqual(
      [read.id, read.displayName, read.duration, read.autoExtendDuration, read.customer?.displayName],
      [created.id, 'Wingtip helpdesk', 'P730D', 'P180D', 'Wingtip Toys'],
    );
  });

  it('sends Authorization, Accept and a client-request-id per request, and logs Graph’s request-id with it', async () => {
    const { client, logs } = graphClientFor(local.graph);
    await client.relationships();
    await client.relationships();
    const [a, b] = local.graph.hits;
    assert.match(String(a?.headers.authorization), /^Bearer local-graph\./);
    assert.equal(a?.headers.accept, 'application/json');
    assert.match(String(a?.headers['client-request-id']), /^[0-9a-f-]{36}$/);
    assert.notEqual(a?.headers['client-request-id'], b?.headers['client-request-id']);
    const ok = logs.filter((line) => line.message === 'microsoft graph call succeeded');
    assert.equal(ok[0]?.fields['clientRequestId'], a?.headers['client-request-id']);
    assert.equal(ok[0]?.fields['requestId'], a?.requestId);
  });

  it('lists with $filter and follows @odata.nextLink through every page', async () => {
    local.graph.pageSize = 2;
    for (let i = 1; i <= 5; i += 1) local.graph.world.seed('active', { displayName: `Active ${i}` });
    local.graph.world.seed('terminated', { displayName: 'Old one' });
    const { client } = graphClientFor(local.graph);
    const all = await client.relationships();
    assert.deepEqual(
      all.map((r) => r.displayName),
      ['Active 1', 'Active 2', 'Active 3', 'Active 4', 'Active 5', 'Old one'],
    );
    assert.equal(local.graph.hits.length, 3, 'three pages of two');
    assert.ok(local.graph.hits[1]?.query['$skiptoken'], 'the second page was asked with the nextLink’s $skiptoken');
    const active = await client.relationships({ filter: "status eq 'active'", top: 4 });
    assert.equal(active.length, 5);
    assert.equal(local.graph.hits.at(-1)?.query['$filter'], "status eq 'active'", 'the nextLink keeps the filter');
    const named = await client.relationships({ filter: "displayName eq 'Old one'" });
    assert.deepEqual(
      named.map((r) => r.status),
      ['terminated'],
    );
    const refused = await graphRejection(client.relationships({ filter: "startswith(displayName,'A')" }));
    assert.deepEqual([refused.kind, refused.status, refused.code], ['invalid-request', 400, 'BadRequest']);
  });

  it('updates a created relationship with If-Match; a stale etag is refused (412 → conflict)', async () => {
    const { client } = graphClientFor(local.graph);
    const created = await client.createRelationship(newRelationship());
    const etag = created['@odata.etag'] ?? '';
    const updated = await client.updateRelationship(created.id, etag, {
      displayName: 'Wingtip support',
      durationDays: 31,
    });
    assert.deepEqual([updated.displayName, updated.duration], ['Wingtip support', 'P31D']);
    assert.equal(local.graph.hits.at(-1)?.headers['if-match'], etag);
    const stale = await graphRejection(client.updateRelationship(created.id, etag, { displayName: 'Again' }));
    assert.deepEqual([stale.kind, stale.status, stale.code], ['conflict', 412, 'PreconditionFailed']);
  });

  it('lockForApproval and terminate are requests whose status can be read back', async () => {
    const { client } = graphClientFor(local.graph);
    const created = await client.createRelationship(newRelationship());
    const lock = await client.createRequest(created.id, 'lockForApproval');
    assert.deepEqual([lock.action, lock.status], ['lockForApproval', 'created']);
    assert.deepEqual(local.graph.hits.at(-1)?.body, { action: 'lockForApproval' });
    assert.equal((await client.relationship(created.id)).status, 'approvalPending');
    assert.equal((await client.request(created.id, lock.id)).status, 'succeeded');
    local.graph.world.customerApproves(created.id);
    local.graph.world.settle();
    const end = await client.createRequest(created.id, 'terminate');
    assert.equal(end.action, 'terminate');
    assert.equal((await client.relationship(created.id)).status, 'terminationRequested');
  });

  it('access assignments: create, list, get, delete with If-Match; operations record each change', async () => {
    const { client } = graphClientFor(local.graph);
    const r = local.graph.world.seed('active', { roles: [ROLES.helpdeskAdministrator, ROLES.licenseAdministrator] });
    const group = randomUUID();
    const created = await client.createAccessAssignment(r.id, group, [ROLES.helpdeskAdministrator]);
    assert.equal(created.status, 'pending');
    assert.deepEqual(local.graph.hits.at(-1)?.body, {
      accessContainer: { accessContainerId: group, accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.helpdeskAdministrator }] },
    });
    local.graph.world.settle();
    const listed = await client.accessAssignments(r.id);
    assert.deepEqual(
      listed.map((a) => [a.accessContainer.accessContainerId, a.status]),
      [[group, 'active']],
    );
    const one = await client.accessAssignment(r.id, created.id);
    const stale = await graphRejection(client.deleteAccessAssignment(r.id, created.id, created['@odata.etag'] ?? ''));
    assert.equal(stale.status, 412, 'settling changed the etag');
    await client.deleteAccessAssignment(r.id, created.id, one['@odata.etag'] ?? '');
    assert.equal(local.graph.hits.at(-1)?.status, 204);
    local.graph.world.settle();
    assert.deepEqual(await client.accessAssignments(r.id), []);
    const operations = await client.operations(r.id);
    assert.deepEqual(
      operations.map((o) => [o.operationType, o.status]),
      [
        ['delegatedAdminAccessAssignmentUpdate', 'succeeded'],
        ['delegatedAdminAccessAssignmentUpdate', 'succeeded'],
      ],
    );
    assert.equal((JSON.parse(operations[0]?.data ?? '{}') as { id?: string }).id, created.id);
  });

  it('refuses what Graph refuses: a name over 50 characters, a taken name, a duration out of range, auto-extend with Global Administrator', async () => {
    const { client, waits } = graphClientFor(local.graph);
    await client.createRelationship(newRelationship('Taken'));
    const cases = [
      { ...newRelationship('x'.repeat(51)) },
      { ...newRelationship('Taken') },
      { ...newRelationship('Too long'), durationDays: 731 },
      { ...newRelationship('Too short'), durationDays: 0 },
      { ...newRelationship('GA'), roleTemplateIds: [ROLES.globalAdministrator] },
    ];
    const answers = [];
    for (const input of cases) {
      const error = await graphRejection(client.createRelationship(input));
      answers.push([error.kind, error.status, error.code]);
    }
    assert.deepEqual(answers, [
      ['invalid-request', 400, 'BadRequest'],
      ['conflict', 409, 'Conflict'],
      ['invalid-request', 400, 'BadRequest'],
      ['invalid-request', 400, 'BadRequest'],
      ['invalid-request', 400, 'BadRequest'],
    ]);
    // Global Administrator without auto-extend is allowed
    await client.createRelationship({
      ...newRelationship('GA fixed term'),
      roleTemplateIds: [ROLES.globalAdministrator],
      autoExtendDays: 0,
    });
    assert.equal(local.graph.world.relationships.length, 2, 'nothing refused was created');
    assert.deepEqual(waits, [], 'a refusal is not retried');
  });

  it('maps Graph’s error body to a typed error: code, message for the log, request-id from innerError', async () => {
    const { client, logs } = graphClientFor(local.graph);
    const missing = await graphRejection(client.relationship('no-such-relationship'));
    assert.deepEqual([missing.kind, missing.status, missing.code], ['not-found', 404, 'NotFound']);
    assert.equal(missing.requestId, local.graph.hits.at(-1)?.requestId);
    assert.equal(missing.clientRequestId, local.graph.hits.at(-1)?.headers['client-request-id']);
    assert.ok(!missing.message.includes('does not exist'), 'Graph’s message stays out of the error message');
    assert.equal(missing.graphMessage, 'The requested resource does not exist.');
    const failed = logs.find((line) => line.message === 'microsoft graph call failed');
    assert.equal(failed?.fields['requestId'], missing.requestId);
  });

  it('requires a bearer token with DelegatedAdminRelationship.ReadWrite.All (401, 403), without retrying', async () => {
    const unknown = graphClientFor(local.graph, { token: 'not-a-token' });
    const e401 = await graphRejection(unknown.client.relationships());
    assert.deepEqual([e401.kind, e401.status, e401.code], ['unauthorized', 401, 'InvalidAuthenticationToken']);
    const readOnly = graphClientFor(local.graph, { token: local.graph.issueToken(['User.Read']) });
    const e403 = await graphRejection(readOnly.client.relationships());
    assert.deepEqual([e403.kind, e403.status, e403.code], ['forbidden', 403, 'Authorization_RequestDenied']);
    assert.deepEqual([...unknown.waits, ...readOnly.waits], []);
  });

  it('never follows a nextLink to another host (the bearer token stays with Graph)', async () => {
    const { client } = graphClientFor(local.graph, {
      fetch: (input, init) =>
        fetch(input, init).then(async (response) => {
          const body = (await response.json()) as Record<string, unknown>;
          body['@odata.nextLink'] =
            'https://graph.example.net/v1.0/tenantRelationships/delegatedAdminRelationships?$skiptoken=x';
          return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
        }),
    });
    const error = await graphRejection(client.relationships());
    assert.equal(error.kind, 'unexpected-response');
    assert.equal(local.graph.hits.length, 1);
  });
});
