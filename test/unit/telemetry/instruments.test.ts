import assert from 'node:assert/strict';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { loadConfig } from '../../../src/config.js';
import { noteStatement } from '../../../src/data/statement-trace.js';
import { createLogger } from '../../../src/log.js';
import { deliveryOutcomeOf, noteDelivery } from '../../../src/telemetry/delivery-events.js';
import { LabelValues, statementSummary } from '../../../src/telemetry/labels.js';
import { outboxReader } from '../../../src/telemetry/outbox-reading.js';
import { startTelemetry } from '../../../src/telemetry/start.js';
import { noTelemetry, type Telemetry } from '../../../src/telemetry/telemetry.js';

const logger = createLogger('silent');
const METRICS_ON = { METRICS_ENABLED: true, APPLICATIONINSIGHTS_CONNECTION_STRING: undefined };

/** A stand-in outbox: `pending` rows, the oldest `ageMs` old, `dead` rows; counts the reads. */
function fakeOutbox(state: { pending: number; dead: number; ageMs?: number }) {
  const reads = { n: 0 };
  const db = {
    outboxEvent: {
      aggregate: () => {
        reads.n++;
        return Promise.resolve({
          _count: { _all: state.pending },
          _min: { createdAt: state.ageMs === undefined ? null : new Date(Date.now() - state.ageMs) },
        });
      },
      count: () => Promise.resolve(state.dead),
    },
  };
  return { db: db as never, reads };
}

/** The value of one series in a Prometheus text exposition (labels in the order given), or undefined. */
function sample(text: string, metric: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric + '{') && !line.startsWith(metric + ' ')) continue;
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (ok) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('telemetry instruments (src/telemetry)', () => {
  let t: Telemetry | undefined;
  afterEach(async () => {
    await t?.shutdown();
    t = undefined;
  });

  it('is nothing at all when neither metrics nor Application Insights is configured', async () => {
    const none = await startTelemetry({ config: { ...METRICS_ON, METRICS_ENABLED: false }, logger });
    assert.equal(none, noTelemetry);
    assert.equal(none.enabled, false);
    assert.equal(none.scrapes, false);
    // every call is harmless
    none.turnFinished({ type: 'message', outcome: 'ok', ms: 1 });
    assert.equal(await none.withTurnSpan({ type: 'message' }, () => Promise.resolve(42)), 42);
    await assert.rejects(() => none.scrape(), /not enabled/);
  });

  it('counts turns by type, name and outcome, and records their latency and statements', async () => {
    t = await startTelemetry({ config: METRICS_ON, logger });
    t.turnFinished({ type: 'message', name: 'help', outcome: 'ok', ms: 12, statements: 3 });
    t.turnFinished({ type: 'message', name: 'help', outcome: 'ok', ms: 400, statements: 5 });
    t.turnFinished({ type: 'invoke', name: 'partnership.accept', outcome: 'refused', ms: 30 });
    t.turnFinished({ type: 'message', name: 'help', outcome: 'made-up', ms: 1 });
    const text = await t.scrape();
    const help = { turn_type: 'message', turn_name: 'help' };
    assert.equal(sample(text, 'csp_turns_total', { ...help, turn_outcome: 'ok' }), 2);
    assert.equal(sample(text, 'csp_turns_total', { ...help, turn_outcome: 'other' }), 1, 'unknown outcomes bounded');
    assert.equal(sample(text, 'csp_turns_total', { turn_name: 'partnership.accept', turn_outcome: 'refused' }), 1);
    assert.equal(sample(text, 'csp_turn_duration_count', help), 3);
    assert.equal(sample(text, 'csp_turn_duration_sum', help), 413);
    assert.equal(sample(text, 'csp_turn_duration_bucket', { ...help, le: '25' }), 2);
    assert.equal(sample(text, 'csp_turn_duration_bucket', { ...help, le: '500' }), 3);
    assert.equal(sample(text, 'csp_turn_statements_sum', { turn_type: 'message' }), 8);
  });

  it('counts notification deliveries by outcome, 429s apart from other retries', async () => {
    t = await startTelemetry({ config: METRICS_ON, logger });
    noteDelivery({ kind: 'sent' });
    noteDelivery({ kind: 'sent', activityId: 'a1' } as never);
    noteDelivery({ kind: 'retry', reason: 'HTTP 429', retryAfterMs: 1000 } as never);
    noteDelivery({ kind: 'retry', reason: 'HTTP 503' });
    noteDelivery({ kind: 'retry', reason: 'network: ECONNRESET' });
    noteDelivery({ kind: 'blocked', reason: 'HTTP 403 MessageWritesBlocked' });
    noteDelivery({ kind: 'fatal', reason: 'HTTP 400 BadArgument' });
    noteDelivery({ kind: 'defer', until: 0 } as never); // handed back unsent: not a delivery
    const text = await t.scrape();
    const d = (outcome: string) => sample(text, 'csp_notify_deliveries_total', { outcome });
    assert.deepEqual([d('sent'), d('throttled'), d('retry'), d('blocked'), d('dead')], [2, 1, 2, 1, 1]);
    assert.equal(deliveryOutcomeOf({ kind: 'defer' }), undefined);
    assert.equal(deliveryOutcomeOf({ kind: 'retry', reason: 'HTTP 4290' }), 'retry');
  });

  it('reads the outbox gauges at scrape time, at most once per cache period', async () => {
    const state = { pending: 4, dead: 1, ageMs: 120_000 };
    const outbox = fakeOutbox(state);
    t = await startTelemetry({ config: METRICS_ON, logger, db: outbox.db, outboxCacheMs: 60_000 });
    assert.equal(outbox.reads.n, 0, 'nothing read before a scrape');
    const first = await t.scrape();
    assert.equal(sample(first, 'csp_outbox_depth', { status: 'pending' }), 4);
    assert.equal(sample(first, 'csp_outbox_depth', { status: 'dead' }), 1);
    const age = sample(first, 'csp_outbox_oldest_age') ?? -1;
    assert.ok(age >= 120 && age < 130, `oldest age ${age}`);
    state.pending = 9;
    const second = await t.scrape();
    assert.equal(outbox.reads.n, 1, 'the second scrape is served from the cache');
    assert.equal(sample(second, 'csp_outbox_depth', { status: 'pending' }), 4);
  });

  it('reads the outbox again once the cache has expired, and shares one read between concurrent scrapes', async () => {
    let now = 1_000_000;
    const outbox = fakeOutbox({ pending: 0, dead: 0 });
    const read = outboxReader(outbox.db, { ttlMs: 5_000, clock: () => now });
    const [a, b] = await Promise.all([read(), read()]);
    assert.equal(outbox.reads.n, 1);
    assert.deepEqual(a, { pending: 0, dead: 0, oldestPendingAgeSeconds: 0 });
    assert.equal(a, b);
    now += 4_999;
    await read();
    assert.equal(outbox.reads.n, 1);
    now += 2;
    await read();
    assert.equal(outbox.reads.n, 2);
  });

  it('reports no outbox sample, rather than a wrong one, when the database fails', async () => {
    const db = { outboxEvent: { aggregate: () => Promise.reject(new Error('down')), count: () => Promise.resolve(0) } };
    t = await startTelemetry({ config: METRICS_ON, logger, db: db as never });
    const text = await t.scrape();
    assert.equal(sample(text, 'csp_outbox_depth', { status: 'pending' }), undefined);
  });

  it('counts web requests by route pattern, method and status', async () => {
    t = await startTelemetry({ config: METRICS_ON, logger });
    t.httpRequest({ route: '/invite/:token', method: 'get', status: 200 });
    t.httpRequest({ route: '/invite/:token', method: 'GET', status: 200 });
    t.httpRequest({ route: undefined, method: 'BREW', status: 404 });
    const text = await t.scrape();
    assert.equal(
      sample(text, 'http_server_requests_total', { http_route: '/invite/:token', http_request_method: 'GET' }),
      2,
    );
    assert.equal(
      sample(text, 'http_server_requests_total', {
        http_route: 'unmatched',
        http_request_method: '_OTHER',
        http_response_status_code: '404',
      }),
      1,
    );
  });

  it('bounds a label: past its limit, new values are reported as "other"', () => {
    const names = new LabelValues(3, 8);
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'a', 'averyverylongname', undefined, ''].map((v) => names.of(v)),
      ['a', 'b', 'c', 'other', 'a', 'other', 'none', 'none'],
    );
    assert.equal(statementSummary('SELECT "main"."User"."id" FROM "main"."User" WHERE 1'), 'SELECT User');
    assert.equal(statementSummary('INSERT INTO "OutboxEvent" ("id") VALUES (?)'), 'INSERT OutboxEvent');
    assert.equal(statementSummary('UPDATE "BotState" SET x = $1'), 'UPDATE BotState');
    assert.equal(statementSummary('BEGIN'), 'BEGIN');
  });

  it('makes a turn span with one event per statement, ending in error when the turn fails', async () => {
    const spans = new InMemorySpanExporter();
    t = await startTelemetry({
      config: { ...METRICS_ON, METRICS_ENABLED: false },
      logger,
      spanProcessors: [new SimpleSpanProcessor(spans)],
    });
    assert.equal(t.scrapes, false);
    noteStatement('SELECT 1'); // outside a turn: no span, no error
    const value = await t.withTurnSpan(
      { type: 'message', conversationType: 'personal', correlationId: 'c0ffee' },
      async () => {
        noteStatement('SELECT "id" FROM "User" WHERE "aadObjectId" = ?');
        await new Promise((r) => setTimeout(r, 5));
        noteStatement('INSERT INTO "OutboxEvent" ("id") VALUES (?)');
        return 'answered';
      },
      () => ({ name: 'help', outcome: 'ok', status: 200 }),
    );
    assert.equal(value, 'answered');
    await assert.rejects(
      t.withTurnSpan({ type: 'invoke' }, () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    const [ok, failed] = spans.getFinishedSpans();
    assert.ok(ok && failed);
    assert.equal(ok.name, 'turn message');
    assert.deepEqual(
      {
        type: ok.attributes['turn.type'],
        name: ok.attributes['turn.name'],
        outcome: ok.attributes['turn.outcome'],
        conversation: ok.attributes['turn.conversation_type'],
        correlation: ok.attributes['turn.correlation_id'],
        status: ok.attributes['http.response.status_code'],
        statements: ok.attributes['db.statements'],
      },
      {
        type: 'message',
        name: 'help',
        outcome: 'ok',
        conversation: 'personal',
        correlation: 'c0ffee',
        status: 200,
        statements: 2,
      },
    );
    assert.deepEqual(
      ok.events.map((e) => e.attributes?.['db.query.summary']),
      ['SELECT User', 'INSERT OutboxEvent'],
    );
    assert.equal(ok.status.code, 0); // unset: fine
    assert.equal(failed.name, 'turn invoke');
    assert.equal(failed.status.code, 2); // ERROR
    assert.equal(failed.events.find((e) => e.name === 'exception')?.attributes?.['exception.message'], 'boom');
  });

  it('configuration: off by default, a short token and a malformed connection string refused', () => {
    const c = loadConfig({});
    assert.equal(c.METRICS_ENABLED, false);
    assert.equal(c.METRICS_TOKEN, undefined);
    assert.equal(c.APPLICATIONINSIGHTS_CONNECTION_STRING, undefined);
    assert.equal(loadConfig({ METRICS_ENABLED: '1' }).METRICS_ENABLED, true);
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN/);
    assert.throws(
      () => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.com' }),
      /APPLICATIONINSIGHTS/,
    );
    const cs = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/';
    assert.equal(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs }).APPLICATIONINSIGHTS_CONNECTION_STRING, cs);
  });
});
