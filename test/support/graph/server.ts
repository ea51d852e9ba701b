import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphError, graphRoutes, type GraphAnswer } from './routes.js';
import { GraphWorld } from './world.js';
import type { InjectedFault, RecordedPartnerCenterRequest } from '../partner-center/server.js';

/**
 * What the local Graph received (refused requests included), for asserting headers, bodies and retries: the local
 * Partner Center's record, plus the request-id the answer carried.
 */
export interface GraphHit extends RecordedPartnerCenterRequest {
  readonly requestId: string;
}

/** A throttle or a server error to answer instead of the route, as with the local Partner Center. */
export type GraphFault = InjectedFault;

/** The scope a delegated token must carry for these routes (every page's permission table). */
export const GDAP_PERMISSION = 'DelegatedAdminRelationship.ReadWrite.All';

const faultCodes: Readonly<Record<GraphFault['status'], [string, string]>> = {
  429: ['TooManyRequests', 'Too many requests.'],
  500: ['generalException', 'An unspecified error has occurred.'],
  502: ['badGateway', 'Bad gateway.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable.'],
  504: ['gatewayTimeout', 'The gateway did not receive a response in time.'],
};

/**
 * The local Microsoft Graph: a real HTTP server on 127.0.0.1 serving the v1.0 GDAP routes (routes.ts) from an
 * in-memory world (world.ts) under `/v1.0`. As Graph, it requires `Authorization: Bearer` (401
 * InvalidAuthenticationToken), refuses a token without DelegatedAdminRelationship.ReadWrite.All (403
 * Authorization_RequestDenied), echoes client-request-id, gives every answer a request-id, and puts both with the
 * date in every error's innerError ("Microsoft Graph error responses and resource types"). Tests can make it
 * answer 429/5xx (failNext, outage) or answer late (latency).
 */
export class LocalGraph {
  readonly world = new GraphWorld();
  readonly hits: GraphHit[] = [];
  /** items per page when the client sends no $top */
  pageSize = 100;
  private readonly tokens = new Map<string, { scopes: readonly string[] }>();
  private verifyJwt: ((token: string) => Promise<Readonly<Record<string, unknown>> | undefined>) | undefined;
  private readonly faults: { fault: GraphFault; path: RegExp | undefined }[] = [];
  private outageUntil = 0;
  private delayMs = 0;
  private server: Server | undefined;
  /** http://127.0.0.1:port/v1.0: what a client takes as its base URL */
  baseUrl = '';

  static async start(): Promise<LocalGraph> {
    const graph = new LocalGraph();
    const server = createServer((req, res) => {
      graph.serve(req, res).catch((error: unknown) => {
        process.stderr.write(
          `local Graph: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    graph.server = server;
    graph.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
    return graph;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }

  /** An opaque delegated token; `scopes` default to the GDAP permission. */
  issueToken(scopes: readonly string[] = [GDAP_PERMISSION]): string {
    const token = `local-graph.${randomUUID()}`;
    this.tokens.set(token, { scopes });
    return token;
  }

  /** Also accept Entra JWTs: `verify` checks signature, audience and expiry and answers the claims (scp read here). */
  acceptJwts(verify: (token: string) => Promise<Readonly<Record<string, unknown>> | undefined>): void {
    this.verifyJwt = verify;
  }

  /** The next `count` requests (to paths matching `path`, if given) get this fault instead of an answer. */
  failNext(count: number, fault: GraphFault, path?: RegExp): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ fault, path });
  }

  /** Every request answers 503 for the next `ms` milliseconds of wall-clock time. */
  outage(ms: number): void {
    this.outageUntil = Date.now() + ms;
  }

  /** Every answer is held this long (for client timeouts). */
  latency(ms: number): void {
    this.delayMs = ms;
  }

  private async scopesOf(authorization: string | undefined): Promise<readonly string[] | undefined> {
    if (authorization === undefined || !authorization.startsWith('Bearer ')) return undefined;
    const bearer = authorization.slice('Bearer '.length).trim();
    const opaque = this.tokens.get(bearer);
    if (opaque !== undefined) return opaque.scopes;
    const claims = this.verifyJwt === undefined ? undefined : await this.verifyJwt(bearer).catch(() => undefined);
    if (claims === undefined) return undefined;
    return typeof claims['scp'] === 'string' ? claims['scp'].split(' ') : [];
  }

  private async route(req: IncomingMessage, url: URL, body: unknown, malformed: boolean): Promise<GraphAnswer> {
    if (Date.now() < this.outageUntil) return graphError(503, ...faultCodes[503]);
    const at = this.faults.findIndex((f) => f.path === undefined || f.path.test(url.pathname));
    if (at >= 0) {
      const fault = this.faults.splice(at, 1)[0]?.fault ?? { status: 503 };
      const answer = graphError(fault.status, ...faultCodes[fault.status]);
      return fault.retryAfter === undefined
        ? answer
        : { ...answer, headers: { 'Retry-After': String(fault.retryAfter) } };
    }
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const scopes = await this.scopesOf(authorization);
    if (scopes === undefined) {
      return authorization === undefined
        ? graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.')
        : graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
    if (!scopes.includes(GDAP_PERMISSION)) {
      return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    if (!url.pathname.startsWith('/v1.0/')) return graphError(400, 'BadRequest', 'Invalid version.');
    const path = url.pathname.slice('/v1.0'.length);
    const method = req.method ?? 'GET';
    const candidates = graphRoutes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === method);
    if (route === undefined) {
      return candidates.length > 0
        ? graphError(405, 'Request_BadRequest', 'The HTTP method is not allowed on this resource.')
        : graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
    }
    if (malformed) return graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
    const match = route.pattern.exec(path) as RegExpExecArray;
    return route.handle(
      {
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
        world: this.world,
        base: this.baseUrl,
        pageSize: this.pageSize,
      },
      match,
    );
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += (chunk as Buffer).toString('utf8');
    let body: unknown;
    let malformed = false;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      malformed = true;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = await this.route(req, url, body, malformed);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const requestId = randomUUID();
    const clientRequestId =
      typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined;
    this.hits.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      status: answer.status,
      requestId,
      at: Date.now(),
    });
    const date = new Date().toISOString().replace(/\.\d{3}Z$/, '');
    const payload =
      answer.status >= 400 && typeof answer.body === 'object' && answer.body !== null && 'error' in answer.body
        ? {
            error: {
              ...(answer.body.error as Record<string, unknown>),
              innerError: { date, 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId },
            },
          }
        : answer.body;
    const headers: Record<string, string> = {
      'request-id': requestId,
      'client-request-id': clientRequestId ?? requestId,
      ...answer.headers,
    };
    // two calls, never chained: restify's patched writeHead returns nothing
    if (payload === undefined) {
      res.writeHead(answer.status, headers);
      res.end();
      return;
    }
    res.writeHead(answer.status, {
      ...headers,
      'Content-Type':
        'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    });
    res.end(JSON.stringify(payload));
  }
}

/**
 * A local Graph of its own for each test of the calling suite (started before, stopped after): read `.graph` inside
 * a test; a test that stops it may put a new one there.
 */
export function localGraphPerTest(): { graph: LocalGraph } {
  const holder = {} as { graph: LocalGraph };
  beforeEach(async () => {
    holder.graph = await LocalGraph.start();
  });
  afterEach(async () => {
    await holder.graph.stop();
  });
  return holder;
}
