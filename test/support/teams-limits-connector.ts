import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot Connector stand-in that enforces Teams' throttling limits (STACK.md "Teams limits") the way
 * the service does: sliding windows per conversation and per tenant over accepted requests, and
 * HTTP 429 with Retry-After (whole seconds, until the request would fit) beyond them. Faults can be
 * programmed per conversation (429 storms, 5xx runs, 403 MessageWritesBlocked, no answer at all) or
 * for every call. Routes are matched after any prefix of the service URL's path (Teams serves
 * https://smba.trafficmanager.net/amer/ and the like). Used by the notification fault tests and
 * bench/notify.ts.
 */
export interface LimitWindow {
  readonly limit: number;
  readonly ms: number;
}

export interface LimitsConnectorOptions {
  readonly conversationWindows?: readonly LimitWindow[];
  readonly tenantWindows?: readonly LimitWindow[];
  /** Added to every answer (a real service is not on loopback). */
  readonly latencyMs?: number;
}

export interface Accepted {
  readonly conversationId: string;
  readonly tenantId: string;
  readonly notificationKey: string | undefined;
  readonly text: string | undefined;
  readonly at: number;
  readonly body: Record<string, unknown>;
  /** The request's path as it came over the wire (percent-encoding kept). */
  readonly path: string;
  /** The request's Authorization header, if any. */
  readonly authorization: string | undefined;
}

interface Fault {
  remaining: number;
  /**
   * 0: read the request and never answer it (the socket stays open until close());
   * -1: accept the activity (it counts as delivered) and drop the connection without answering.
   */
  readonly status: number;
  readonly retryAfter?: number;
  readonly body?: unknown;
}

export const BLOCKED_BODY = {
  error: {
    code: 'Forbidden',
    message: 'The bot is not part of the conversation roster.',
    subCode: 'MessageWritesBlocked',
  },
};

export class TeamsLimitsConnector {
  readonly accepted: Accepted[] = [];
  /** Every request answered, by status. */
  readonly statusCounts = new Map<number, number>();
  /** Requests refused by the limits (as opposed to programmed faults). */
  throttled = 0;
  readonly createdConversations: { id: string; member: string; tenantId: string; authorization: string | undefined }[] =
    [];
  /** Requests read and left unanswered (see hang()). */
  unanswered = 0;
  url = '';
  private readonly convSends = new Map<string, number[]>();
  private readonly tenantSends = new Map<string, number[]>();
  private readonly convFaults = new Map<string, Fault[]>();
  private readonly globalFaults: Fault[] = [];
  private readonly blocked = new Set<string>();
  private readonly waiters: (() => void)[] = [];
  private server!: Server;
  private readonly conversationWindows: readonly LimitWindow[];
  private readonly tenantWindows: readonly LimitWindow[];

  private constructor(private readonly opts: LimitsConnectorOptions) {
    this.conversationWindows = opts.conversationWindows ?? [
      { limit: 7, ms: 1_000 },
      { limit: 8, ms: 2_000 },
      { limit: 60, ms: 30_000 },
      { limit: 1_800, ms: 3_600_000 },
    ];
    this.tenantWindows = opts.tenantWindows ?? [{ limit: 50, ms: 1_000 }];
  }

  static async start(opts: LimitsConnectorOptions = {}): Promise<TeamsLimitsConnector> {
    const c = new TeamsLimitsConnector(opts);
    c.server = createServer((req, res) => void c.handle(req, res));
    c.server.keepAliveTimeout = 30_000;
    c.server.listen(0, '127.0.0.1');
    await once(c.server, 'listening');
    c.url = `http://127.0.0.1:${(c.server.address() as AddressInfo).port}/`;
    return c;
  }

  /** The next `times` sends to `conversationId` (or to any conversation when omitted) get `status`. */
  fail(
    times: number,
    status: number,
    opts: { conversationId?: string; retryAfter?: number; body?: unknown } = {},
  ): this {
    const f: Fault = { remaining: times, status, retryAfter: opts.retryAfter, body: opts.body };
    if (opts.conversationId === undefined) this.globalFaults.push(f);
    else this.convFaults.set(opts.conversationId, [...(this.convFaults.get(opts.conversationId) ?? []), f]);
    return this;
  }

  /**
   * The next `times` sends to `conversationId` (or to any conversation) are read and never answered:
   * a service that accepted the connection and then went quiet.
   */
  hang(times: number, opts: { conversationId?: string } = {}): this {
    return this.fail(times, 0, opts);
  }

  /**
   * Accepts the next `times` sends (to `conversationId`, or any) and closes the connection without
   * an answer: Teams got the message, the bot cannot know it (the one case that may duplicate).
   */
  acceptThenDrop(times: number, opts: { conversationId?: string } = {}): this {
    return this.fail(times, -1, opts);
  }

  /**
   * From now for `ms`, every send (to any conversation) is answered `status` (with Retry-After when
   * given): an outage or a 429 storm as a phase of time rather than a number of calls.
   */
  failFor(ms: number, status: number, opts: { retryAfter?: number } = {}): this {
    this.phases.push({ until: Date.now() + ms, status, retryAfter: opts.retryAfter });
    return this;
  }

  /** Ends every failFor phase now. */
  endPhases(): this {
    this.phases.length = 0;
    return this;
  }

  /** Requests answered by a failFor phase. */
  phaseFailures = 0;
  private readonly phases: { until: number; status: number; retryAfter?: number }[] = [];

  /** Every send to this conversation gets 403 MessageWritesBlocked (the team removed the bot). */
  block(conversationId: string): this {
    this.blocked.add(conversationId);
    return this;
  }

  /** How many times each notificationKey was accepted. */
  countsByKey(): Map<string, number> {
    const m = new Map<string, number>();
    for (const a of this.accepted) {
      const k = a.notificationKey ?? `(no key) ${a.text ?? ''}`;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  }

  duplicates(): string[] {
    return [...this.countsByKey()].filter(([, n]) => n > 1).map(([k]) => k);
  }

  async waitForAccepted(n: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.accepted.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`connector: ${this.accepted.length} of ${n} accepted after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private count(status: number): void {
    this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.count(status);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  /** ms until one more request fits every window, 0 when it fits now. */
  private static waitFor(list: number[], windows: readonly LimitWindow[], now: number): number {
    let wait = 0;
    for (const w of windows) {
      const inWindow = list.filter((t) => t > now - w.ms);
      if (inWindow.length < w.limit) continue;
      const oldestToLeave = inWindow[inWindow.length - w.limit] ?? now;
      wait = Math.max(wait, oldestToLeave + w.ms - now + 1);
    }
    return wait;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const rawPath = new URL(req.url ?? '/', 'http://x').pathname;
    const segments = rawPath.split('/').filter(Boolean).map(decodeURIComponent);
    const path = segments.slice(Math.max(0, segments.indexOf('v3')));
    const authorization = req.headers.authorization;
    if (req.method === 'POST' && path.length === 2 && path[0] === 'v3' && path[1] === 'conversations') {
      const members = (body.members as { id: string }[] | undefined) ?? [];
      const tenantId = typeof body.tenantId === 'string' ? body.tenantId : '';
      const member = members[0]?.id ?? '?';
      const id = `a:1on1-${member}`;
      this.createdConversations.push({ id, member, tenantId, authorization });
      this.reply(res, 201, { id });
      return;
    }
    if (req.method !== 'POST' || path.length !== 4 || path[0] !== 'v3' || path[3] !== 'activities') {
      this.reply(res, 404, { error: { code: 'NotFound', message: 'unknown route' } });
      return;
    }
    const conversationId = path[2] ?? '';
    const conversation = (body.conversation ?? {}) as { tenantId?: string };
    const channelData = (body.channelData ?? {}) as { tenant?: { id?: string }; notificationKey?: string };
    const tenantId = conversation.tenantId ?? channelData.tenant?.id ?? 'unknown';

    const phase = this.phases.find((p) => Date.now() < p.until);
    if (phase) {
      this.phaseFailures++;
      this.reply(
        res,
        phase.status,
        { error: { code: phase.status === 429 ? 'Throttled' : 'ServiceError', message: 'injected (phase)' } },
        phase.retryAfter === undefined ? {} : { 'retry-after': String(phase.retryAfter) },
      );
      return;
    }
    const fault = this.convFaults.get(conversationId)?.[0] ?? this.globalFaults[0];
    if (fault) {
      fault.remaining--;
      if (fault.remaining <= 0) {
        const list = this.convFaults.get(conversationId);
        if (list?.[0] === fault) list.shift();
        else this.globalFaults.shift();
      }
      if (fault.status === 0) {
        this.unanswered++;
        return;
      }
      if (fault.status === -1) {
        this.unanswered++;
        this.accept(conversationId, tenantId, channelData.notificationKey, body, rawPath, authorization);
        res.socket?.destroy();
        return;
      }
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      this.reply(
        res,
        fault.status,
        fault.body ?? { error: { code: fault.status === 429 ? 'Throttled' : 'ServiceError', message: 'injected' } },
        headers,
      );
      return;
    }
    if (this.blocked.has(conversationId)) {
      this.reply(res, 403, BLOCKED_BODY);
      return;
    }
    const now = Date.now();
    const conv = this.convSends.get(conversationId) ?? [];
    const tenant = this.tenantSends.get(tenantId) ?? [];
    const wait = Math.max(
      TeamsLimitsConnector.waitFor(conv, this.conversationWindows, now),
      TeamsLimitsConnector.waitFor(tenant, this.tenantWindows, now),
    );
    if (wait > 0) {
      this.throttled++;
      this.reply(
        res,
        429,
        { error: { code: 'Throttled', message: 'rate limit exceeded' } },
        { 'retry-after': String(Math.ceil(wait / 1000)) },
      );
      return;
    }
    conv.push(now);
    tenant.push(now);
    this.convSends.set(
      conversationId,
      conv.filter((t) => t > now - 3_600_000),
    );
    this.tenantSends.set(
      tenantId,
      tenant.filter((t) => t > now - 60_000),
    );
    this.accept(conversationId, tenantId, channelData.notificationKey, body, rawPath, authorization);
    this.reply(res, 200, { id: `activity-${this.accepted.length}` });
  }

  private accept(
    conversationId: string,
    tenantId: string,
    notificationKey: string | undefined,
    body: Record<string, unknown>,
    path: string,
    authorization: string | undefined,
  ): void {
    this.accepted.push({
      conversationId,
      tenantId,
      notificationKey,
      text: typeof body.text === 'string' ? body.text : undefined,
      at: Date.now(),
      body,
      path,
      authorization,
    });
    const waiters = this.waiters.splice(0);
    for (const w of waiters) w();
  }
}
