import { createHash, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type restify from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Telemetry } from './telemetry.js';

export interface MetricsRouteDeps {
  readonly telemetry: Telemetry;
  readonly config: Pick<Config, 'METRICS_TOKEN'>;
  readonly logger: Logger;
}

/** Prometheus' text exposition format (what the exporter writes). */
const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Counts every web request the server answers (`http.server.requests`, by route pattern, method and status) and,
 * when metrics are enabled, serves them at GET /metrics. Off (METRICS_ENABLED unset): no route, so /metrics is a
 * 404 like any unknown path. On with METRICS_TOKEN: 401 without `Authorization: Bearer <METRICS_TOKEN>`.
 * Call it once, before the server listens; register it before the other routes or after, it sees them all.
 */
export function registerMetrics(server: restify.Server, deps: MetricsRouteDeps): void {
  const { telemetry, config, logger } = deps;
  if (!telemetry.enabled) return;

  server.on('after', (req: restify.Request, res: restify.Response) => {
    telemetry.httpRequest({ route: routeOf(req), method: req.method, status: res.statusCode });
  });

  if (!telemetry.scrapes) return;
  const expected = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : undefined;
  server.get('/metrics', async (req: restify.Request, res: restify.Response) => {
    if (expected && !bearerMatches(req.header('authorization'), expected)) {
      res.header('www-authenticate', 'Bearer realm="metrics"');
      res.send(401, { code: 'Unauthorized', message: 'GET /metrics needs the metrics bearer token.' });
      return;
    }
    const started = performance.now();
    try {
      const text = await telemetry.scrape();
      res.writeHead(200, { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store' });
      res.end(text);
      logger.debug({ ms: Math.round(performance.now() - started), bytes: text.length }, 'metrics scraped');
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'metrics scrape failed');
      res.send(500, { code: 'InternalError', message: 'The metrics could not be collected.' });
    }
  });
}

/** The route's pattern (`/invite/:token`): a label that names the route, never a path a client made up. */
function routeOf(req: restify.Request): string | undefined {
  const route = (req.getRoute as (() => restify.Route | undefined) | undefined)?.call(req);
  if (!route) return undefined;
  return typeof route.path === 'string' ? route.path : String(route.path);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison of the bearer token with the configured one (through their digests, equal lengths). */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m !== null && timingSafeEqual(digest(m[1] ?? ''), expected);
}
