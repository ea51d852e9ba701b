import assert from 'node:assert/strict';
import { graphClientFor, graphRejection, ROLES } from '../../support/graph/client-fixture.js';
import { LocalGraph, localGraphPerTest } from '../../support/graph/server.js';

const input = {
  displayName: 'Wingtip helpdesk',
  durationDays: 365,
  autoExtendDays: 0,
  customer: { tenantId: '4b827261-d21f-4aa9-b7db-7fa1f56fb163' },
  roleTemplateIds: [ROLES.helpdeskAdministrator],
};

describe('Graph client against the local Graph: throttling and faults (issue 18 item 5)', () => {
  const local = localGraphPerTest();

  beforeEach(() => {
    local.graph.world.seed('active', { displayName: 'Contoso' });
  });

  it('a 429 storm: each Retry-After is waited, then the call succeeds with one client-request-id throughout', async () => {
    const { client, waits, logs } = graphClientFor(local.graph);
    local.graph.failNext(1, { status: 429, retryAfter: 2 });
    local.graph.failNext(1, { status: 429, retryAfter: 5 });
    local.graph.failNext(1, { status: 429, retryAfter: 1 });
    const list = await client.relationships();
    assert.equal(list.length, 1);
    assert.deepEqual(waits, [2_000, 5_000, 1_000]);
    assert.deepEqual(
      local.graph.hits.map((hit) => hit.status),
      [429, 429, 429, 200],
    );
    assert.equal(new Set(local.graph.hits.map((hit) => hit.headers['client-request-id'])).size, 1);
    const retried = logs.filter((line) => line.message === 'microsoft graph call retried');
    assert.deepEqual(
      retried.map((line) => [line.level, line.fields['status'], line.fields['code'], line.fields['retryInMs']]),
      [
        ['warn', 429, 'TooManyRequests', 2_000],
        ['warn', 429, 'TooManyRequests', 5_000],
        ['warn', 429, 'TooManyRequests', 1_000],
      ],
    );
    assert.deepEqual(
      retried.map((line) => line.fields['requestId']),
      local.graph.hits.slice(0, 3).map((hit) => hit.requestId),
      'each attempt’s request-id is logged with the client-request-id',
    );
  });

  it('a POST retried after a 429 creates the relationship once', async () => {
    const { client, waits } = graphClientFor(local.graph);
    local.graph.failNext(1, { status: 429, retryAfter: 3 });
    await client.createRelationship(input);
    assert.deepEqual(waits, [3_000]);
    assert.equal(local.graph.world.relationships.filter((r) => r.displayName === input.displayName).length, 1);
  });

  it('reads a Retry-After given as an HTTP date against the (fake) clock', async () => {
    const { client, waits, now } = graphClientFor(local.graph);
    local.graph.failNext(1, { status: 503, retryAfter: new Date(now() + 4_000).toUTCString() });
    await client.relationships();
    assert.deepEqual(waits, [4_000]);
  });

  it('a Retry-After beyond the retry budget fails at once as throttled, naming the wait', async () => {
    const { client, waits } = graphClientFor(local.graph, { retry: { maxTotalWaitMs: 10_000 } });
    local.graph.failNext(1, { status: 429, retryAfter: 120 });
    const error = await graphRejection(client.relationships());
    assert.deepEqual([error.kind, error.status, error.attempts, error.retryAfterMs], ['throttled', 429, 1, 120_000]);
    assert.deepEqual(waits, []);
  });

  it('503 and 504 back off with jitter (no Retry-After), then succeed', async () => {
    const { client, waits } = graphClientFor(local.graph);
    local.graph.failNext(1, { status: 503 });
    local.graph.failNext(1, { status: 504 });
    await client.relationships();
    // random() is 0.5: each wait is ¾ of its step (500, 1000 ms)
    assert.deepEqual(waits, [375, 750]);
  });

  it('503 for longer than the retry budget ends as unavailable with both ids, and nothing was created', async () => {
    const { client, waits, logs } = graphClientFor(local.graph);
    local.graph.outage(60_000);
    const error = await graphRejection(client.createRelationship(input));
    assert.deepEqual(
      [error.kind, error.status, error.code, error.attempts],
      ['unavailable', 503, 'serviceNotAvailable', 4],
    );
    assert.equal(local.graph.hits.length, 4);
    assert.ok(waits.reduce((sum, wait) => sum + wait, 0) <= 30_000);
    assert.equal(error.clientRequestId, local.graph.hits[0]?.headers['client-request-id']);
    assert.equal(error.requestId, local.graph.hits.at(-1)?.requestId);
    const failed = logs.find((line) => line.message === 'microsoft graph call failed');
    assert.equal(failed?.level, 'error');
    assert.equal(failed?.fields['clientRequestId'], error.clientRequestId);
    assert.equal(local.graph.world.relationships.length, 1, 'only the seeded one');
  });

  it('times out a slow answer, retries it with the same client-request-id, then reports unavailable', async () => {
    const { client, waits } = graphClientFor(local.graph, { timeoutMs: 100, retry: { maxAttempts: 2 } });
    local.graph.latency(400);
    const started = Date.now();
    const error = await graphRejection(client.relationships());
    assert.deepEqual([error.kind, error.status, error.attempts], ['unavailable', undefined, 2]);
    assert.equal(waits.length, 1);
    assert.ok(Date.now() - started < 1_500, 'each attempt is cut at the timeout');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(local.graph.hits.length, 2);
    assert.equal(local.graph.hits[0]?.headers['client-request-id'], local.graph.hits[1]?.headers['client-request-id']);
  });

  it('a refused connection is unavailable after the retries', async () => {
    const { client } = graphClientFor(local.graph, { retry: { maxAttempts: 2 } });
    await local.graph.stop();
    const error = await graphRejection(client.relationships());
    assert.deepEqual([error.kind, error.attempts], ['unavailable', 2]);
    local.graph = await LocalGraph.start();
  });
});
