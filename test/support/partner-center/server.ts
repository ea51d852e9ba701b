import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { pcError, routes, type StubAnswer, type StubRequest } from './routes.js';
import type { WebhookEmitter } from './webhook-emitter.js';
import { PartnerCenterWorld } from './world.js';

/** Every request the local Partner Center received, refused ones included, for asserting headers and bodies. */
export interface RecordedPartnerCenterRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The JSON body as sent (original casing), or undefined. */
  readonly body: unknown;
  readonly status: number;
  readonly at: number;
}

/** A fault to answer with instead of the route: a throttle or a server error, either with a Retry-After. */
export interface InjectedFault {
  readonly status: 429 | 500 | 502 | 503 | 504;
  readonly retryAfter?: number | string;
}

/**
 * Access tokens. Partner Center's real tokens are Entra JWTs; the stand-in issues opaque ones (issueToken) and
 * remembers which are app-only (client credentials, no user) and which are app+user (delegated), and can also accept
 * JWTs through acceptJwts (app-only = no `scp` claim, as with Entra ID). An unknown token answers 401; an app-only
 * token on a route whose reference says "App+User credentials only" answers 403. The reference documents the
 * restriction, not the exact answer: 403 with code 400 ("Access denied") is this stand-in's choice.
 */
export interface IssuedToken {
  readonly appOnly: boolean;
}

/**
 * The local Partner Center: a real HTTP server on 127.0.0.1 answering the REST routes the bot uses from an
 * in-memory world (see world.ts, routes.ts), with fault injection and a record of requests.
 */
export class LocalPartnerCenter {
  readonly world = new PartnerCenterWorld();
  readonly requests: RecordedPartnerCenterRequest[] = [];
  private readonly tokens = new Map<string, IssuedToken>();
  private jwtVerifier: ((token: string) => Promise<Readonly<Record<string, unknown>> | undefined>) | undefined;
  private readonly faults: { fault: InjectedFault; path: RegExp | undefined }[] = [];
  private outageUntil = 0;
  private latencyMs = 0;
  private server: Server | undefined;
  private emitter: WebhookEmitter | undefined;
  url = '';

  static async start(): Promise<LocalPartnerCenter> {
    const stub = new LocalPartnerCenter();
    stub.server = createServer((request, response) => {
      // a stand-in that fails must answer (500) and say why, never leave the client waiting
      stub.handle(request, response).catch((error: unknown) => {
        process.stderr.write(
          `local Partner Center: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end('local Partner Center failed');
      });
    });
    stub.server.listen(0, '127.0.0.1');
    await once(stub.server, 'listening');
    const address = stub.server.address() as AddressInfo;
    stub.url = `http://127.0.0.1:${address.port}`;
    return stub;
  }

  async stop(): Promise<void> {
    if (this.server === undefined) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
    this.server = undefined;
  }

  /** An access token the stand-in accepts; app-only tokens are refused on app+user-only routes. */
  issueToken(options: { appOnly?: boolean } = {}): string {
    const token = `local-pc.${options.appOnly === true ? 'app-only' : 'app-user'}.${randomUUID()}`;
    this.tokens.set(token, { appOnly: options.appOnly === true });
    return token;
  }

  /**
   * Also accept Entra-style JWTs (e.g. from the linking work's local identity provider): `verify` checks the
   * signature, audience and expiry and answers the claims, or undefined to refuse. As with Entra ID, a delegated
   * (app+user) token carries an `scp` claim and an app-only token does not (it carries `roles`).
   */
  acceptJwts(verify: (token: string) => Promise<Readonly<Record<string, unknown>> | undefined>): void {
    this.jwtVerifier = verify;
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** The next `count` requests (matching `path`, if given) answer with this fault instead. */
  failNext(count: number, fault: InjectedFault, path?: RegExp): void {
    for (let index = 0; index < count; index += 1) this.faults.push({ fault, path });
  }

  /** Every request answers 503 for the next `ms` milliseconds (wall clock). */
  outage(ms: number): void {
    this.outageUntil = Date.now() + ms;
  }

  /** Every answer waits this long first (for timeouts). */
  latency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Lets the validation-event route and emit() deliver signed events. */
  useWebhookEmitter(emitter: WebhookEmitter): void {
    this.emitter = emitter;
  }

  /**
   * Sends a signed event to the registered webhook, if it is registered for that event name (what Partner Center
   * does when, say, a customer accepts a reseller relationship: 'reseller-relationship-accepted-by-customer').
   */
  async emit(eventName: string, resourceUri: string, resourceName: string): Promise<number | undefined> {
    const registration = this.world.webhookRegistration;
    if (registration === undefined || !registration.webhookEvents.includes(eventName) || this.emitter === undefined) {
      return undefined;
    }
    return this.emitter.deliver(registration.webhookUrl, {
      EventName: eventName,
      ResourceUri: resourceUri,
      ResourceName: resourceName,
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
  }

  /** Requests to one path, for header assertions. */
  requestsTo(path: string): RecordedPartnerCenterRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let body: unknown = undefined;
    let badJson = false;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
      }
    }
    const answer = await this.answer(request, url, body, badJson);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    this.requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body,
      status: answer.status,
      at: Date.now(),
    });
    // Partner Center echoes both ids (partner-center/developer/headers "REST response headers"); it makes up its
    // own when the client sent none.
    const headers: Record<string, string> = {
      'MS-RequestId': headerText(request.headers['ms-requestid']) ?? randomUUID(),
      'MS-CorrelationId': headerText(request.headers['ms-correlationid']) ?? randomUUID(),
      ...answer.headers,
    };
    // not chained: restify, once loaded in the process, replaces ServerResponse's writeHead with one returning nothing
    if (answer.body === undefined) {
      response.writeHead(answer.status, headers);
      response.end();
      return;
    }
    const json = JSON.stringify(answer.body);
    response.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    response.end(json);
  }

  private async tokenFor(bearer: string): Promise<IssuedToken | undefined> {
    const issued = this.tokens.get(bearer);
    if (issued !== undefined || this.jwtVerifier === undefined) return issued;
    const claims = await this.jwtVerifier(bearer).catch(() => undefined);
    return claims === undefined ? undefined : { appOnly: isAppOnly(claims) };
  }

  private async answer(request: IncomingMessage, url: URL, body: unknown, badJson: boolean): Promise<StubAnswer> {
    const method = request.method ?? 'GET';
    if (Date.now() < this.outageUntil) return pcError(503, 'ServiceUnavailable', 'The service is unavailable.');
    const faultIndex = this.faults.findIndex((entry) => entry.path === undefined || entry.path.test(url.pathname));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0]?.fault : undefined;
    if (fault !== undefined) {
      const error =
        fault.status === 429
          ? pcError(429, 'TooManyRequests', 'Too many requests.')
          : pcError(fault.status, 'ServerError', 'The service could not complete the request.');
      return {
        ...error,
        ...(fault.retryAfter === undefined ? {} : { headers: { 'Retry-After': String(fault.retryAfter) } }),
      };
    }
    // partner-center/developer/error-codes: 401 carries WWW-Authenticate and code 400 ("Access denied").
    const authorization = headerText(request.headers['authorization']);
    const token =
      authorization?.startsWith('Bearer ') === true ? await this.tokenFor(authorization.slice(7)) : undefined;
    if (token === undefined) {
      return {
        ...pcError(401, 400, 'Access denied'),
        headers: { 'WWW-Authenticate': 'OAuth realm=urn:cpsvc:cpid:local' },
      };
    }
    for (const route of routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (match === null) continue;
      if (route.appUserOnly && token.appOnly) {
        return pcError(403, 400, 'Access denied: this operation supports App+User credentials only.');
      }
      if (badJson) return pcError(400, 800002, 'Invalid request input');
      const stubRequest: StubRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: camelizeKeys(body),
      };
      return route.handle(stubRequest, match, {
        world: this.world,
        emit: async (eventName, resourceUri, resourceName) => {
          await this.emit(eventName, resourceUri, resourceName);
        },
      });
    }
    const pathKnown = routes.some((route) => route.pattern.test(url.pathname));
    return pathKnown ? pcError(405, 'MethodNotAllowed', 'Method not allowed') : pcError(404, 1000, 'Not found');
  }
}

function isAppOnly(claims: Readonly<Record<string, unknown>>): boolean {
  return typeof claims['scp'] !== 'string' || claims['scp'] === '';
}

function headerText(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Partner Center binds JSON case-insensitively (the reference's requests are PascalCase, its answers camelCase). */
function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), camelizeKeys(inner)]),
  );
}
