import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { startTelemetry } from '../../../src/telemetry/start.js';
import { TEST_DATABASE_URL } from '../../support/db.js';
import { startHarness, type Harness, type HarnessOptions } from '../../support/harness.js';
import { enqueueEvents, seedChannel, seedOrg } from '../../support/notify-fixtures.js';

/**
 * The real server with telemetry built from its configuration as src/index.ts builds it (startTelemetry): turns
 * and web requests move the counters, the turn histogram gets samples, the outbox gauges read the test's database,
 * notification posts are counted by outcome (a 429 from the connector apart), and /metrics is a 404 when off and a
 * 401 without the token when one is set.
 */
describe('metrics and traces on the real server (GET /metrics)', function () {
  this.timeout(60_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const TOKEN = 'metrics-token-0123456789abcdef';

  function start(env: NodeJS.ProcessEnv, extra: Partial<HarnessOptions> = {}, spans?: InMemorySpanExporter) {
    return startHarness({
      env,
      ...extra,
      telemetry: ({ config, logger, database }) =>
        startTelemetry({
          config,
          logger,
          ...(database ? { db: database.db.prisma } : {}),
          ...(spans ? { spanProcessors: [new SimpleSpanProcessor(spans)] } : {}),
          outboxCacheMs: 0,
        }),
    });
  }

  /** One series' value in the scrape (every label given must match), or undefined. */
  function sample(text: string, metric: string, labels: Record<string, string> = {}): number | undefined {
    const line = text
      .split('\n')
      .find(
        (l) =>
          (l.startsWith(metric + '{') || l.startsWith(metric + ' ')) &&
          Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
      );
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  async function scrape(harness: Harness, headers: Record<string, string> = {}): Promise<string> {
    const res = await fetch(`${harness.url}/metrics`, { headers });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return res.text();
  }

  for (const kind of ['sqlite', 'postgres'] as const) {
    const test = kind === 'postgres' && TEST_DATABASE_URL === undefined ? it.skip : it;
    test(`counts turns, their latency and web requests, and reads the outbox, when METRICS_ENABLED [${kind}]`, async () => {
      const spans = new InMemorySpanExporter();
      h = await start({ METRICS_ENABLED: '1' }, { storage: kind }, spans);
      const before = await scrape(h);
      assert.equal(sample(before, 'csp_turns_total'), undefined, 'no turn yet');

      // a notice for a person, pending (the harness runs no Teams worker here), and one given up on
      const prisma = h.database!.db.prisma;
      const notice = (status: string, ageMs: number) => ({
        type: 'partnership.authorized',
        userRef: `aad:${randomUUID()}`,
        payload: '{}',
        idempotencyKey: `telemetry-test-${randomUUID()}`,
        status,
        createdAt: new Date(Date.now() - ageMs),
      });
      await prisma.outboxEvent.createMany({ data: [notice('pending', 60_000), notice('dead', 3_600_000)] });

      const user = h.user();
      assert.equal((await user.say('help')).status, 200);
      assert.equal((await user.say('help')).status, 200);
      assert.equal((await h.post('{not json')).status, 400);
      await h.get('/healthz');

      const text = await scrape(h);
      // named as the turn's log line names it (the command id)
      const turns = sample(text, 'csp_turns_total', { turn_type: 'message', turn_name: 'help', turn_outcome: 'ok' });
      assert.equal(turns, 2);
      assert.equal(sample(text, 'csp_turn_duration_count', { turn_type: 'message' }), 2);
      const sum = sample(text, 'csp_turn_duration_sum', { turn_type: 'message' }) ?? 0;
      assert.ok(sum > 0, `turn latency recorded: ${sum} ms`);
      assert.ok((sample(text, 'csp_turn_statements_sum', { turn_type: 'message' }) ?? 0) > 0, 'statements counted');
      const req = (route: string, status: string) =>
        sample(text, 'http_server_requests_total', {
          http_route: route,
          http_response_status_code: status,
        });
      assert.equal(req('/api/messages', '200'), 2);
      assert.equal(req('/api/messages', '400'), 1);
      assert.equal(req('/healthz', '200'), 1);
      assert.equal(req('/metrics', '200'), 1, 'the first scrape');
      assert.equal(sample(text, 'csp_outbox_depth', { status: 'pending' }), 1);
      assert.equal(sample(text, 'csp_outbox_depth', { status: 'dead' }), 1);
      const age = sample(text, 'csp_outbox_oldest_age') ?? 0;
      assert.ok(age >= 59 && age < 120, `oldest pending age ${age} s`);

      // the turn spans reached the database through the real adapters
      const turnSpans = spans.getFinishedSpans().filter((s) => s.name === 'turn message');
      assert.equal(turnSpans.length, 2);
      // each span carries the correlation id of its turn's log line (the one an apology quotes)
      const logged = new Set(h.logs.filter((l) => l.msg === 'turn').map((l) => l.correlationId));
      const ids = new Set(turnSpans.map((s) => s.attributes['turn.correlation_id']));
      assert.equal(ids.size, 2);
      for (const id of ids) assert.ok(logged.has(id), `span correlation id ${String(id)} is in a turn log line`);
      for (const s of turnSpans) assert.equal(s.attributes['turn.name'], 'help');
      // the command ran in a use-case span, the turn span's child
      const useCases = spans.getFinishedSpans().filter((s) => s.name === 'use case help');
      assert.equal(
        useCases.length,
        2,
        spans
          .getFinishedSpans()
          .map((s) => s.name)
          .join(', '),
      );
      const turnIds = new Set(turnSpans.map((s) => s.spanContext().spanId));
      for (const u of useCases) assert.ok(turnIds.has(u.parentSpanContext?.spanId ?? ''), 'a child of its turn span');
      for (const s of turnSpans) {
        assert.ok(Number(s.attributes['db.statements']) > 0, 'statements seen in the turn span');
        assert.ok(s.events.some((e) => /^(SELECT|INSERT|UPDATE) \w+/.test(String(e.attributes?.['db.query.summary']))));
        assert.equal(s.attributes['http.response.status_code'], 200);
      }
    });
  }

  it('counts notification posts by outcome, a 429 as throttled', async () => {
    h = await start({ METRICS_ENABLED: '1' }, { notifications: true });
    const prisma = h.database!.db.prisma;
    const org = await seedOrg(prisma);
    await seedChannel(prisma, org, `${h.connector.url}/`);
    h.connector.failNext(1, 429, { retryAfter: 0 });
    await enqueueEvents(prisma, org.id, 1);

    let text = '';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      text = await scrape(h);
      if ((sample(text, 'csp_notify_deliveries_total', { outcome: 'sent' }) ?? 0) >= 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(sample(text, 'csp_notify_deliveries_total', { outcome: 'throttled' }), 1);
    assert.equal(sample(text, 'csp_notify_deliveries_total', { outcome: 'sent' }), 1);
    assert.equal(sample(text, 'csp_notify_deliveries_total', { outcome: 'retry' }), undefined);
  });

  it('answers 404 at /metrics when metrics are off (the default)', async () => {
    h = await start({});
    const res = await h.get('/metrics');
    assert.equal(res.status, 404);
    assert.equal((await h.user().say('help')).status, 200, 'the bot works without telemetry');
  });

  it('answers 401 without the bearer token when METRICS_TOKEN is set', async () => {
    h = await start({ METRICS_ENABLED: '1', METRICS_TOKEN: TOKEN });
    assert.equal((await h.get('/metrics')).status, 401);
    assert.equal((await h.get('/metrics', { authorization: `Bearer ${TOKEN}x` })).status, 401);
    assert.equal((await h.get('/metrics', { authorization: `Basic ${TOKEN}` })).status, 401);
    const text = await scrape(h, { authorization: `Bearer ${TOKEN}` });
    assert.equal(
      sample(text, 'http_server_requests_total', { http_route: '/metrics', http_response_status_code: '401' }),
      3,
    );
  });
});
