import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { PartnerCenterClient } from '../../../src/partner-center/client.js';
import { clientFor, rejection } from '../../support/partner-center/client-fixture.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';

describe('Partner Center client against the local Partner Center: throttling and faults', () => {
  let stub: LocalPartnerCenter;

  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
    stub.world.withIndirectReseller({ name: 'Fabrikam Resale', mpnId: '5100001' });
  });

  afterEach(async () => {
    await stub.stop();
  });

  it('waits the Retry-After of a 429 (delta-seconds), then succeeds with the same MS-RequestId', async () => {
    const { client, waits, logs } = clientFor(stub);
    stub.failNext(1, { status: 429, retryAfter: 7 });
    assert.equal(await client.compliance.isAgreementSigned('5100001'), true);
    assert.deepEqual(waits, [7_000]);
    assert.equal(stub.requests.length, 2);
    assert.equal(stub.requests[0]?.status, 429);
    assert.equal(stub.requests[0]?.headers['ms-requestid'], stub.requests[1]?.headers['ms-requestid']);
    assert.equal(stub.requests[0]?.headers['ms-correlationid'], stub.requests[1]?.headers['ms-correlationid']);
    const retried = logs.find((line) => line.message === 'partner center call retried');
    assert.equal(retried?.level, 'warn');
    assert.equal(retried?.fields['status'], 429);
    assert.equal(retried?.fields['requestId'], stub.requests[0]?.headers['ms-requestid']);
    assert.equal(retried?.fields['correlationId'], stub.requests[0]?.headers['ms-correlationid']);
  });

  it('reads a Retry-After given as an HTTP date against the (fake) clock', async () => {
    const { client, waits, now } = clientFor(stub);
    stub.failNext(1, { status: 429, retryAfter: new Date(now() + 4_000).toUTCString() });
    await client.relationships.list('IsIndirectCloudSolutionProviderOf');
    assert.deepEqual(waits, [4_000]);
  });

  it('fails as throttled at once when Retry-After exceeds the retry budget', async () => {
    const { client, waits } = clientFor(stub, { retry: { maxTotalWaitMs: 10_000 } });
    stub.failNext(1, { status: 429, retryAfter: 120 });
    const error = await rejection(client.customers.list());
    assert.equal(error.kind, 'throttled');
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(error.attempts, 1);
    assert.deepEqual(waits, []);
  });

  it('gives up as throttled after the bounded attempts when 429 keeps coming', async () => {
    const { client, waits } = clientFor(stub);
    stub.failNext(10, { status: 429, retryAfter: 1 });
    const error = await rejection(client.customers.list());
    assert.equal(error.kind, 'throttled');
    assert.equal(error.attempts, 4);
    assert.deepEqual(waits, [1_000, 1_000, 1_000]);
    assert.equal(stub.requests.length, 4);
  });

  it('retries a 5xx storm with jittered exponential back-off, then succeeds', async () => {
    const { client, waits } = clientFor(stub);
    stub.failNext(1, { status: 503 });
    stub.failNext(1, { status: 502 });
    stub.failNext(1, { status: 500 });
    const resellers = await client.relationships.list('IsIndirectCloudSolutionProviderOf');
    assert.equal(resellers.length, 1);
    // random() is 0.5: each wait is ¾ of its step (500, 1000, 2000 ms).
    assert.deepEqual(waits, [375, 750, 1_500]);
    assert.equal(new Set(stub.requests.map((request) => request.headers['ms-requestid'])).size, 1);
  });

  it('honours a Retry-After on a 503 too', async () => {
    const { client, waits } = clientFor(stub);
    stub.failNext(1, { status: 503, retryAfter: 3 });
    await client.profiles.mpn();
    assert.deepEqual(waits, [3_000]);
  });

  it('jitter stays within [step/2, step] and the steps are capped', async () => {
    const low = clientFor(stub, { random: () => 0, retry: { maxDelayMs: 1_000, maxAttempts: 5 } });
    stub.failNext(4, { status: 503 });
    await low.client.profiles.mpn();
    assert.deepEqual(low.waits, [250, 500, 500, 500]);
    const high = clientFor(stub, { random: () => 0.999_999, retry: { maxDelayMs: 1_000, maxAttempts: 5 } });
    stub.failNext(4, { status: 503 });
    await high.client.profiles.mpn();
    assert.deepEqual(high.waits, [500, 1_000, 1_000, 1_000]);
  });

  it('a long outage ends as unavailable after the bounded retries, with both ids on the error and the log', async () => {
    const { client, waits, logs } = clientFor(stub);
    stub.outage(60_000);
    const error = await rejection(
      client.customers.create({
        domain: 'outage.onmicrosoft.com',
        companyName: 'Outage',
        email: 'a@outage.example',
        culture: 'en-US',
        language: 'en',
        address: { country: 'KR', city: 'Seoul', addressLine1: '1', postalCode: '1', firstName: 'A', lastName: 'B' },
      }),
    );
    assert.equal(error.kind, 'unavailable');
    assert.equal(error.status, 503);
    assert.equal(error.attempts, 4);
    assert.equal(stub.requests.length, 4);
    assert.ok(waits.reduce((sum, wait) => sum + wait, 0) <= 30_000);
    assert.equal(error.requestId, stub.requests[0]?.headers['ms-requestid']);
    assert.equal(error.correlationId, stub.requests[0]?.headers['ms-correlationid']);
    const failed = logs.find((line) => line.message === 'partner center call failed');
    assert.equal(failed?.level, 'error');
    assert.equal(failed?.fields['requestId'], error.requestId);
    assert.equal(failed?.fields['correlationId'], error.correlationId);
    assert.equal(stub.world.customers.length, 0, 'nothing was created');
  });

  it('times out a slow answer and retries it with the same MS-RequestId, then reports unavailable', async () => {
    const { client, waits } = clientFor(stub, { timeoutMs: 100, retry: { maxAttempts: 2 } });
    stub.latency(400);
    const started = Date.now();
    const error = await rejection(client.profiles.mpn());
    assert.equal(error.kind, 'unavailable');
    assert.equal(error.status, undefined);
    assert.equal(error.attempts, 2);
    assert.equal(waits.length, 1);
    assert.ok(Date.now() - started < 1_500, 'each attempt is cut at the timeout');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(stub.requests.length, 2);
    assert.equal(stub.requests[0]?.headers['ms-requestid'], stub.requests[1]?.headers['ms-requestid']);
  });

  it('does not retry 4xx answers, and maps their error bodies to kinds with Partner Center code', async () => {
    const { client, waits } = clientFor(stub);
    const notFound = await rejection(
      client.customers.removeResellerRelationship('11111111-2222-3333-4444-555555555555'),
    );
    assert.deepEqual([notFound.kind, notFound.status, notFound.code], ['not-found', 404, '1000']);
    const invalid = await rejection(client.compliance.isAgreementSigned('12a'));
    assert.deepEqual([invalid.kind, invalid.status, invalid.code], ['invalid-request', 400, '2000']);
    assert.equal(invalid.description, 'MPN Id must be numeric.');
    assert.ok(!invalid.message.includes('numeric'), 'the message carries no body text');
    await client.webhooks.register('https://bot.example/events', ['test-created']);
    const conflict = await rejection(client.webhooks.register('https://bot.example/events', ['test-created']));
    assert.equal(conflict.kind, 'conflict');
    assert.deepEqual(waits, []);
  });

  it('a 2xx with a shape the reference does not document is unexpected-response, not a crash or a guess', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"totalCount":1,"items":[{"id":"x"}]}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const client = new PartnerCenterClient({
        baseUrl: `http://127.0.0.1:${port}`,
        accessToken: () => Promise.resolve('token'),
        logger: pino({ level: 'silent' }),
      });
      const error = await rejection(client.relationships.list('IsIndirectCloudSolutionProviderOf'));
      assert.equal(error.kind, 'unexpected-response');
      assert.equal(error.status, 200);
    } finally {
      server.close();
    }
  });

  it('a refused connection is unavailable after the retries', async () => {
    const { client } = clientFor(stub, { retry: { maxAttempts: 2 } });
    await stub.stop();
    const error = await rejection(client.profiles.mpn());
    assert.equal(error.kind, 'unavailable');
    assert.equal(error.attempts, 2);
    stub = await LocalPartnerCenter.start();
  });
});
