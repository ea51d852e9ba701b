import { context, metrics, trace, type Meter, type Tracer } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { NotifyDb } from '../notify/store-sql.js';
import { outboxReader } from './outbox-reading.js';
import { Telemetry, noTelemetry } from './telemetry.js';

export interface StartTelemetryOptions {
  readonly config: Pick<Config, 'METRICS_ENABLED' | 'APPLICATIONINSIGHTS_CONNECTION_STRING'>;
  readonly logger: Logger;
  /** The database the outbox gauges read; without it they are not reported. */
  readonly db?: Pick<NotifyDb, 'outboxEvent'>;
  /** More span processors (tests: an in-memory exporter). Tracing is on when there are some, or Azure Monitor. */
  readonly spanProcessors?: SpanProcessor[];
  /** How long an outbox reading serves scrapes (default 5 s). */
  readonly outboxCacheMs?: number;
}

const SCOPE = 'csp-partner-bot';

/**
 * Builds the bot's telemetry from configuration (the composition root calls it once; tests, once per server):
 * - nothing configured: `noTelemetry`, and no OpenTelemetry SDK is loaded;
 * - METRICS_ENABLED: a meter provider of its own whose reader is the Prometheus exporter, serialised on demand
 *   by GET /metrics (metrics-route.ts) rather than on the exporter's own port, so the bot opens no second port;
 * - APPLICATIONINSIGHTS_CONNECTION_STRING: @azure/monitor-opentelemetry, imported only then (it brings ~170
 *   packages), which registers the global meter and tracer providers and exports metrics and spans to
 *   Application Insights; the Prometheus reader, when enabled too, is handed to it so both see the same figures.
 */
export async function startTelemetry(opts: StartTelemetryOptions): Promise<Telemetry> {
  const { config, logger } = opts;
  const azure = config.APPLICATIONINSIGHTS_CONNECTION_STRING;
  const spanProcessors = opts.spanProcessors ?? [];
  if (!config.METRICS_ENABLED && !azure && spanProcessors.length === 0) return noTelemetry;

  const [{ resourceFromAttributes }, prometheus] = await Promise.all([
    import('@opentelemetry/resources'),
    config.METRICS_ENABLED ? import('@opentelemetry/exporter-prometheus') : undefined,
  ]);
  const resource = resourceFromAttributes({ 'service.name': SCOPE });
  // preventServerStart: served by the bot's own restify server (GET /metrics), not on a port of the exporter's
  const exporter = prometheus ? new prometheus.PrometheusExporter({ preventServerStart: true }) : undefined;
  const serializer = prometheus ? new prometheus.PrometheusSerializer() : undefined;
  // the exporter's own HTTP handler does the same: collect now (the outbox gauges read then), serialise
  const scrape =
    exporter && serializer ? async () => serializer.serialize((await exporter.collect()).resourceMetrics) : undefined;
  const outbox = opts.db ? outboxReader(opts.db, { ttlMs: opts.outboxCacheMs ?? 5_000 }) : undefined;

  let meter: Meter | undefined;
  let tracer: Tracer | undefined;
  let shutdown: () => Promise<void>;
  if (azure) {
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: azure },
      resource,
      ...(exporter ? { metricReaders: [exporter] } : {}),
      spanProcessors,
      // Live Metrics keeps a connection to Azure open from every instance; opt in through the portal's SDK config
      enableLiveMetrics: false,
    });
    meter = metrics.getMeter(SCOPE);
    tracer = trace.getTracer(SCOPE);
    shutdown = () => shutdownAzureMonitor();
    logger.info({ metrics: exporter ? '/metrics' : 'off' }, 'telemetry: Application Insights on');
  } else {
    const providers: { shutdown(): Promise<void> }[] = [];
    if (exporter) {
      const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
      const provider = new MeterProvider({ resource, readers: [exporter] });
      providers.push(provider);
      meter = provider.getMeter(SCOPE);
    }
    if (spanProcessors.length > 0) {
      const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
      const provider = new NodeTracerProvider({ resource, spanProcessors });
      providers.push(provider);
      tracer = provider.getTracer(SCOPE);
      // registered, so the use-case spans (spans.ts) reach the same provider through @opentelemetry/api
      // (one telemetry a process; a later start, e.g. another test's server, takes the place of the one before)
      trace.disable();
      trace.setGlobalTracerProvider(provider);
      await ensureContextManager();
    }
    shutdown = async () => {
      await Promise.all(providers.map((p) => p.shutdown()));
    };
    logger.info({ metrics: exporter ? '/metrics' : 'off', traces: tracer ? 'on' : 'off' }, 'telemetry on');
  }
  return new Telemetry({
    ...(meter ? { meter } : {}),
    ...(tracer ? { tracer } : {}),
    ...(scrape ? { scrape } : {}),
    ...(outbox ? { outbox } : {}),
    shutdown,
  });
}

/**
 * Spans started inside a turn become its children only with a context manager (AsyncLocalStorage). Azure
 * Monitor's SDK registers one; without it, the first tracing telemetry of the process does, once.
 */
let contextManager: Promise<void> | undefined;
function ensureContextManager(): Promise<void> {
  contextManager ??= import('@opentelemetry/context-async-hooks').then(({ AsyncLocalStorageContextManager }) => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  return contextManager;
}
