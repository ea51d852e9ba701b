import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, Attachment } from 'botbuilder';

/** What the bot did, as the Bot Connector saw it. */
export type CallKind = 'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'getMembers' | 'other';

/** Every HTTP call the bot made to the connector, including refused ones. */
export interface RecordedCall {
  readonly kind: CallKind;
  readonly method: string;
  readonly path: string;
  readonly conversationId?: string;
  /** replyToId for replies, the updated/deleted id for updates and deletes. */
  readonly activityId?: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** The status the connector answered. */
  readonly status: number;
  readonly at: number;
}

/** An activity the connector accepted (sent, replied, updated, or the first activity of a created conversation). */
export interface RecordedActivity {
  readonly kind: 'send' | 'reply' | 'update' | 'createConversation';
  readonly conversationId: string;
  /** The id the connector gave it (sends/replies) or the id updated. */
  readonly id: string;
  readonly replyToId?: string;
  readonly activity: Partial<Activity>;
  readonly text: string | undefined;
  readonly attachments: readonly Attachment[];
  /** The first Adaptive Card's content, if any. */
  readonly card: CardJson | undefined;
  readonly headers: IncomingHttpHeaders;
  /** For createConversation: the ConversationParameters the bot sent. */
  readonly parameters?: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CardJson = Record<string, any>;

export interface FailureOptions {
  /** Seconds for the Retry-After header (429 usually has one). */
  readonly retryAfter?: number;
  /** Body to answer with; default a Bot Framework error body. */
  readonly body?: unknown;
  /** Only calls to this conversation fail (default: any call). */
  readonly conversationId?: string;
}

export type RouteHandler = (req: {
  method: string;
  path: string;
  params: string[];
  body: unknown;
  headers: IncomingHttpHeaders;
}) => { status: number; body?: unknown } | undefined;

interface Failure {
  remaining: number;
  status: number;
  options: FailureOptions;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/**
 * A stand-in for the Bot Connector service (smba.trafficmanager.net): the bot's outgoing calls land
 * here and are recorded. Point an activity's serviceUrl at `url`.
 */
export class RecordingConnector {
  readonly calls: RecordedCall[] = [];
  readonly activities: RecordedActivity[] = [];
  /** Members returned by GET .../members, keyed by id (the harness registers its users; see teamsMember). */
  readonly members = new Map<string, Record<string, unknown>>();
  /**
   * Who is in which conversation (conversation id → member ids), as Teams knows it: GET .../members/{id} of a
   * known conversation answers only its own members (404 MemberNotFoundInConversation otherwise). A conversation
   * not listed here answers any registered member (tests that fill `members` themselves).
   */
  readonly memberships = new Map<string, Set<string>>();

  /** Registers a member (the REST shape, see teamsMember) in a conversation. */
  addMember(conversationId: string, member: TeamsMember): this {
    this.members.set(member.id, { ...member });
    const set = this.memberships.get(conversationId) ?? new Set<string>();
    set.add(member.id);
    this.memberships.set(conversationId, set);
    return this;
  }
  /** Requests that reached the connector (counted on arrival, before any delay or failure). */
  arrivals = 0;
  private cursor = 0;
  private nextId = 1;
  private failures: Failure[] = [];
  private delays: { remaining: number; ms: number }[] = [];
  private waiters: (() => void)[] = [];
  private routes: { method: string; pattern: RegExp; handler: RouteHandler }[] = [];
  private server!: Server;
  url = '';

  static async start(): Promise<RecordingConnector> {
    const c = new RecordingConnector();
    c.server = createServer((req, res) => {
      void c.handle(req, res);
    });
    c.server.listen(0, '127.0.0.1');
    await once(c.server, 'listening');
    c.url = `http://127.0.0.1:${(c.server.address() as AddressInfo).port}`;
    return c;
  }

  /** The next `times` calls (any route) are answered with `status` (e.g. 429 with Retry-After, 500). */
  failNext(times: number, status: number, options: FailureOptions = {}): this {
    this.failures.push({ remaining: times, status, options });
    return this;
  }

  /** The next `times` calls are answered only after `ms` (a slow connector keeps the bot's turn in flight). */
  delayNext(ms: number, times = 1): this {
    this.delays.push({ remaining: times, ms });
    return this;
  }

  /** Answer a route yourself (e.g. Teams' GET /v3/teams/:id). Return undefined to fall through. */
  on(method: string, pattern: RegExp, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, handler });
    return this;
  }

  /**
   * Waits until `n` more activities were accepted since the last waitFor, and returns exactly those
   * (consuming them). Rejects after `timeoutMs` listing what did arrive.
   */
  async waitFor(n: number, { timeoutMs = 5000 } = {}): Promise<RecordedActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.activities.length - this.cursor < n) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const got = this.activities.slice(this.cursor).map(describe);
        throw new Error(
          `connector: expected ${n} more activities within ${timeoutMs} ms, got ${got.length}: ${JSON.stringify(got)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const out = this.activities.slice(this.cursor, this.cursor + n);
    this.cursor += n;
    return out;
  }

  /** Asserts that nothing more arrives within `ms`. */
  async expectNone(ms = 300): Promise<void> {
    const before = this.activities.length;
    await new Promise((r) => setTimeout(r, ms));
    if (this.activities.length > before || this.activities.length > this.cursor) {
      const extra = this.activities.slice(this.cursor).map(describe);
      throw new Error(`connector: expected no more activities, got ${JSON.stringify(extra)}`);
    }
  }

  /** Activities accepted but not yet consumed by waitFor. */
  pending(): RecordedActivity[] {
    return this.activities.slice(this.cursor);
  }

  /** Forgets everything recorded and any queued failures or delays. */
  reset(): void {
    this.calls.length = 0;
    this.activities.length = 0;
    this.cursor = 0;
    this.failures = [];
    this.delays = [];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.arrivals++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = classify(method, path);

    const delay = this.delays[0];
    if (delay) {
      if (--delay.remaining <= 0) this.delays.shift();
      await new Promise((r) => setTimeout(r, delay.ms));
    }

    const failure = this.failures.find(
      (f) => f.options.conversationId === undefined || f.options.conversationId === route.conversationId,
    );
    if (failure) {
      if (--failure.remaining <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.options.retryAfter !== undefined) headers['retry-after'] = String(failure.options.retryAfter);
      this.record(route, method, path, req.headers, body, failure.status);
      res.writeHead(failure.status, headers);
      res.end(
        JSON.stringify(
          failure.options.body ?? {
            error: { code: failure.status === 429 ? 'Throttled' : 'ServiceError', message: 'injected by the test' },
          },
        ),
      );
      return;
    }

    for (const r of this.routes) {
      const m = r.method === method ? r.pattern.exec(path) : null;
      if (!m) continue;
      const answer = r.handler({
        method,
        path,
        params: m.slice(1).map(decodeURIComponent),
        body,
        headers: req.headers,
      });
      if (!answer) continue;
      this.record(route, method, path, req.headers, body, answer.status);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      return;
    }

    const { status, response } = this.answer(route, req.headers, body);
    this.record(route, method, path, req.headers, body, status);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(response === undefined ? '' : JSON.stringify(response));
    if (status < 300) this.wake();
  }

  private answer(route: Route, headers: IncomingHttpHeaders, body: unknown): { status: number; response?: unknown } {
    const activity = (body ?? {}) as Partial<Activity>;
    switch (route.kind) {
      case 'send':
      case 'reply': {
        const id = `activity-${this.nextId++}`;
        this.accept(route.kind, route.conversationId!, id, activity, headers, route.activityId);
        return { status: 200, response: { id } };
      }
      case 'update':
        this.accept('update', route.conversationId!, route.activityId!, activity, headers);
        return { status: 200, response: { id: route.activityId } };
      case 'delete':
        return { status: 200 };
      case 'createConversation': {
        const params = (body ?? {}) as { activity?: Partial<Activity> };
        const conversationId = `a:created-${this.nextId++}`;
        const activityId = params.activity ? `activity-${this.nextId++}` : undefined;
        if (params.activity)
          this.accept('createConversation', conversationId, activityId!, params.activity, headers, undefined, body);
        return { status: 201, response: { id: conversationId, activityId } };
      }
      case 'getMembers': {
        const inConversation = route.conversationId ? this.memberships.get(route.conversationId) : undefined;
        const visible = [...this.members.values()].filter(
          (x) => !inConversation || (typeof x.id === 'string' && inConversation.has(x.id)),
        );
        if (route.memberId) {
          // Teams takes the member's Teams user id (29:...) or its Entra object id
          const m = visible.find((x) => x.id === route.memberId || x.aadObjectId === route.memberId);
          return m
            ? { status: 200, response: m }
            : { status: 404, response: { error: { code: 'MemberNotFoundInConversation', message: 'not found' } } };
        }
        const list = visible;
        return { status: 200, response: route.paged ? { members: list } : list };
      }
      default:
        return {
          status: 404,
          response: { error: { code: 'NotFound', message: 'the recording connector does not know this route' } },
        };
    }
  }

  private accept(
    kind: RecordedActivity['kind'],
    conversationId: string,
    id: string,
    activity: Partial<Activity>,
    headers: IncomingHttpHeaders,
    replyToId?: string,
    parameters?: unknown,
  ): void {
    const attachments = activity.attachments ?? [];
    const card = attachments.find((a) => a.contentType === ADAPTIVE)?.content as CardJson | undefined;
    this.activities.push({
      kind,
      conversationId,
      id,
      replyToId,
      activity,
      text: activity.text,
      attachments,
      card,
      headers,
      parameters,
    });
  }

  private record(
    route: Route,
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: unknown,
    status: number,
  ): void {
    this.calls.push({
      kind: route.kind,
      method,
      path,
      conversationId: route.conversationId,
      activityId: route.activityId,
      headers,
      body,
      status,
      at: Date.now(),
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

interface Route {
  kind: CallKind;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  paged?: boolean;
}

function classify(method: string, path: string): Route {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  // v3 / conversations / :id / activities / :activityId
  if (seg[0] !== 'v3' || seg[1] !== 'conversations') return { kind: 'other' };
  if (seg.length === 2 && method === 'POST') return { kind: 'createConversation' };
  const conversationId = seg[2];
  if (seg[3] === 'activities') {
    if (seg.length === 4 && method === 'POST') return { kind: 'send', conversationId };
    if (seg.length === 5 && method === 'POST') return { kind: 'reply', conversationId, activityId: seg[4] };
    if (seg.length === 5 && method === 'PUT') return { kind: 'update', conversationId, activityId: seg[4] };
    if (seg.length === 5 && method === 'DELETE') return { kind: 'delete', conversationId, activityId: seg[4] };
  }
  if ((seg[3] === 'members' || seg[3] === 'pagedmembers') && method === 'GET') {
    return { kind: 'getMembers', conversationId, memberId: seg[4], paged: seg[3] === 'pagedmembers' };
  }
  return { kind: 'other', conversationId };
}

function describe(a: RecordedActivity): string {
  return a.text ?? (a.card ? `card: ${JSON.stringify(a.card).slice(0, 120)}` : a.kind);
}

/**
 * A Teams member as the Bot Framework REST reference gives it (GET v3/conversations/{id}/members/{userId},
 * TeamsChannelAccount): id, name, aadObjectId, email, userPrincipalName, tenantId, userRole. Every Entra user
 * has a user principal name; `email` is there only when the account has a mailbox address (the caller says so).
 */
export interface TeamsMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email?: string;
  readonly userPrincipalName: string;
  readonly tenantId: string;
  readonly userRole: 'user' | 'guest' | 'anonymous';
}

export function teamsMember(
  user: { id: string; name: string; aadObjectId: string; tenantId: string },
  opts: { email?: string; userPrincipalName?: string; userRole?: TeamsMember['userRole'] } = {},
): TeamsMember {
  const upn =
    opts.userPrincipalName ??
    opts.email ??
    `user-${user.aadObjectId.slice(0, 8)}@tenant-${user.tenantId.slice(0, 8)}.onmicrosoft.example`;
  return {
    id: user.id,
    name: user.name,
    aadObjectId: user.aadObjectId,
    ...(opts.email ? { email: opts.email } : {}),
    userPrincipalName: upn,
    tenantId: user.tenantId,
    userRole: opts.userRole ?? 'user',
  };
}
