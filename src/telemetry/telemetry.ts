import { AsyncLocalStorage } from 'node:async_hooks';
import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  type ObservableGauge,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { onStatement } from '../data/statement-trace.js';
import { onDelivery, type DeliveryOutcome } from './delivery-events.js';
import { LabelValues, methodLabel, statementSummary } from './labels.js';
import type { OutboxReading } from './outbox-reading.js';

/** What the per-turn log line knows once a turn is over (src/server.ts): the turn's metrics are made from it. */
export interface TurnFinished {
  /** The activity's type: message, invoke, conversationUpdate, ... */
  readonly type?: string;
  /** The command id, the card verb or the event (the turn record's name); absent when the bot did not name it. */
  readonly name?: string;
  /** ok, refused (a use case said no), failed (the apology was sent), rejected (4xx before the bot). */
  readonly outcome: string;
  readonly ms: number;
  /** Statements the turn sent to the database (its StatementTally), when known. */
  readonly statements?: number;
}

/** The turn span's attributes known when the activity arrives. */
export interface TurnSpanStart {
  readonly type?: string;
  readonly conversationType?: string;
  readonly correlationId?: string;
}

/** The turn span's attributes known at its end (read when `fn` has settled). */
export interface TurnSpanEnd {
  readonly name?: string;
  readonly outcome?: string;
  readonly status?: number;
}

/** A finished web request, for `http.server.requests`. */
export interface HttpRequestDone {
  /** The route's pattern (`/invite/:token`), never the path a client sent; undefined when no route matched. */
  readonly route: string | undefined;
  readonly method: string | undefined;
  readonly status: number;
}

export interface TelemetryParts {
  readonly meter?: Meter;
  readonly tracer?: Tracer;
  /** The Prometheus text exposition of every instrument; absent when /metrics is off. */
  readonly scrape?: () => Promise<string>;
  /** Reads the outbox for the gauges at scrape (or export) time; absent without a database. */
  readonly outbox?: () => Promise<OutboxReading>;
  /** Flushes and stops the providers (the exporters' last push). */
  readonly shutdown?: () => Promise<void>;
}

/** Span events (one per statement) kept on one turn span at most: a runaway turn does not make a huge span. */
const MAX_STATEMENT_EVENTS = 200;

interface TurnScope {
  readonly span: Span;
  statements: number;
}

/**
 * The bot's metrics and traces (issue 16 item 5). Built once by `startTelemetry` (start.ts) from the
 * configuration; without a meter or a tracer every method does nothing and costs a branch, so callers never
 * check whether telemetry is on.
 *
 * Instruments (OpenTelemetry names; Prometheus shows dots as underscores, counters with `_total`):
 * - `csp.turns` {turn.type, turn.name, turn.outcome}: turns by command or verb and outcome;
 * - `csp.turn.duration` (ms) {turn.type, turn.name}: turn latency, from the activity's arrival to the answer;
 * - `csp.turn.statements` {turn.type}: database statements per turn (issue 15's budget, as a distribution);
 * - `csp.notify.deliveries` {outcome}: notification posts by outcome (delivery-events.ts);
 * - `csp.outbox.depth` {status: pending, dead} and `csp.outbox.oldest_age` (s): read from the database when
 *   scraped (outbox-reading.ts, cached a few seconds);
 * - `http.server.requests` {http.route, http.request.method, http.response.status_code}: web requests.
 */
export class Telemetry {
  private readonly turns?: Counter;
  private readonly turnDuration?: Histogram;
  private readonly turnStatements?: Histogram;
  private readonly deliveries?: Counter;
  private readonly requests?: Counter;
  private readonly names = new LabelValues(200);
  private readonly types = new LabelValues(30);
  private readonly routes = new LabelValues(100, 128);
  private readonly turnScope = new AsyncLocalStorage<TurnScope>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly parts: TelemetryParts = {}) {
    const meter = parts.meter;
    if (meter) {
      this.turns = meter.createCounter('csp.turns', {
        description: 'Turns by activity type, command or verb, and outcome',
      });
      this.turnDuration = meter.createHistogram('csp.turn.duration', {
        description: 'Turn latency: from the activity arriving to the answer',
        unit: 'ms',
        advice: { explicitBucketBoundaries: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000] },
      });
      this.turnStatements = meter.createHistogram('csp.turn.statements', {
        description: 'Database statements one turn sent (transaction control not counted)',
        advice: { explicitBucketBoundaries: [0, 1, 2, 4, 8, 16, 32, 64, 128] },
      });
      this.deliveries = meter.createCounter('csp.notify.deliveries', {
        description: 'Notification posts to Teams by outcome: sent, throttled (429), retry, blocked, dead',
      });
      this.requests = meter.createCounter('http.server.requests', {
        description: 'Web requests by route, method and status',
      });
      this.unsubscribe.push(onDelivery((outcome) => this.delivery(outcome)));
      if (parts.outbox) this.observeOutbox(meter, parts.outbox);
    }
    if (parts.tracer) this.unsubscribe.push(onStatement((sql) => this.statement(sql)));
  }

  /** True when something records: a meter or a tracer is set. */
  get enabled(): boolean {
    return this.parts.meter !== undefined || this.parts.tracer !== undefined;
  }

  /** True when /metrics has something to serve (METRICS_ENABLED). */
  get scrapes(): boolean {
    return this.parts.scrape !== undefined;
  }

  /** The Prometheus text exposition (version 0.0.4) of every instrument now. */
  async scrape(): Promise<string> {
    if (!this.parts.scrape) throw new Error('metrics are not enabled (METRICS_ENABLED)');
    return this.parts.scrape();
  }

  /** Records one finished turn (called where the per-turn log line is written). */
  turnFinished(t: TurnFinished): void {
    if (!this.turns) return;
    const type = this.types.of(t.type);
    const name = this.names.of(t.name);
    this.turns.add(1, { 'turn.type': type, 'turn.name': name, 'turn.outcome': this.outcomeLabel(t.outcome) });
    this.turnDuration?.record(Math.max(0, t.ms), { 'turn.type': type, 'turn.name': name });
    if (t.statements !== undefined) this.turnStatements?.record(t.statements, { 'turn.type': type });
  }

  /**
   * Runs one turn inside a span (`turn <type>`, kind server), the parent of whatever the turn starts in
   * OpenTelemetry (Azure Monitor's PostgreSQL spans, use-case spans), with one event per database statement the
   * turn sends (statement-trace.ts: what it does and to which table, never its values). `end` is read once `fn`
   * has settled, for what the turn learnt about itself (its name, its outcome). A turn that throws, or whose
   * outcome is `failed`, ends in error.
   */
  async withTurnSpan<T>(start: TurnSpanStart, fn: () => Promise<T>, end?: () => TurnSpanEnd): Promise<T> {
    const tracer = this.parts.tracer;
    if (!tracer) return fn();
    const attributes: Attributes = {};
    if (start.type) attributes['turn.type'] = this.types.of(start.type);
    if (start.conversationType) attributes['turn.conversation_type'] = start.conversationType.slice(0, 32);
    if (start.correlationId) attributes['turn.correlation_id'] = start.correlationId.slice(0, 64);
    const span = tracer.startSpan(`turn ${this.types.of(start.type)}`, { kind: SpanKind.SERVER, attributes });
    const scope: TurnScope = { span, statements: 0 };
    let failed = false;
    try {
      return await this.turnScope.run(scope, () => context.with(trace.setSpan(context.active(), span), fn));
    } catch (err) {
      failed = true;
      span.recordException(err instanceof Error ? err : String(err));
      throw err;
    } finally {
      const e = end?.() ?? {};
      if (e.name) span.setAttribute('turn.name', this.names.of(e.name));
      if (e.outcome) span.setAttribute('turn.outcome', this.outcomeLabel(e.outcome));
      if (e.status !== undefined) span.setAttribute('http.response.status_code', e.status);
      span.setAttribute('db.statements', scope.statements);
      if (failed || e.outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  }

  /** Records one web request (metrics-route.ts calls it for every request restify answers). */
  httpRequest(r: HttpRequestDone): void {
    this.requests?.add(1, {
      'http.route': r.route === undefined ? 'unmatched' : this.routes.of(r.route),
      'http.request.method': methodLabel(r.method),
      'http.response.status_code': r.status,
    });
  }

  /** Stops listening and flushes the exporters. */
  async shutdown(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.parts.shutdown?.();
  }

  private delivery(outcome: DeliveryOutcome): void {
    this.deliveries?.add(1, { outcome });
  }

  private statement(sql: string): void {
    const scope = this.turnScope.getStore();
    if (!scope) return;
    scope.statements++;
    if (scope.statements > MAX_STATEMENT_EVENTS) return;
    // on the span active now (a use case's, inside the turn), else on the turn's own
    const active = trace.getActiveSpan();
    const span = active?.isRecording() ? active : scope.span;
    span.addEvent('db.statement', { 'db.query.summary': statementSummary(sql) });
  }

  private outcomeLabel(outcome: string): string {
    return OUTCOMES.has(outcome) ? outcome : 'other';
  }

  private observeOutbox(meter: Meter, read: () => Promise<OutboxReading>): void {
    const depth: ObservableGauge = meter.createObservableGauge('csp.outbox.depth', {
      description: 'Notification outbox events by status: pending (still to deliver) and dead (given up on)',
    });
    const age: ObservableGauge = meter.createObservableGauge('csp.outbox.oldest_age', {
      description: 'Age of the oldest pending outbox event (0 when none is pending)',
      unit: 's',
    });
    meter.addBatchObservableCallback(
      async (result) => {
        let r: OutboxReading;
        try {
          r = await read();
        } catch {
          return; // no sample rather than a wrong one: the database is down, /readyz says so
        }
        result.observe(depth, r.pending, { status: 'pending' });
        result.observe(depth, r.dead, { status: 'dead' });
        result.observe(age, r.oldestPendingAgeSeconds);
      },
      [depth, age],
    );
  }
}

const OUTCOMES = new Set(['ok', 'refused', 'failed', 'rejected']);

/** The telemetry of a bot with none configured: every call does nothing. */
export const noTelemetry = new Telemetry();
