import type { z } from 'zod';
import { backoffMs, defaultRetryPolicy, isTransientStatus, retryAfterMs, type RetryPolicy } from './retry-policy.js';

/**
 * The attempt loop the Partner Center and Microsoft Graph clients share: one logical request sent until it is
 * answered, with a per-attempt timeout and bounded, jittered retries of what is transient (429, 408, 5xx but 501,
 * timeouts, refused connections). Each client keeps its own headers, ids, error type and log wording; this module
 * knows none of them and never reads a body beyond handing it back.
 */

/** The part of pino the clients use (pino's Logger satisfies it). */
export interface HttpLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The settings every client takes for its attempts; all injectable so tests neither wait nor guess. */
export interface AttemptSettings {
  /** Milliseconds since the epoch; lets tests read a Retry-After given as an HTTP date. */
  readonly clock?: () => number;
  /** Waits between attempts. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for the jitter. */
  readonly random?: () => number;
  /** Per attempt, headers and body included. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly fetch?: typeof fetch;
}

export type ResolvedAttemptSettings = Required<Omit<AttemptSettings, 'retry'>> & { readonly retry: RetryPolicy };

export function resolveAttemptSettings(settings: AttemptSettings): ResolvedAttemptSettings {
  return {
    clock: settings.clock ?? Date.now,
    sleep: settings.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: settings.random ?? Math.random,
    timeoutMs: settings.timeoutMs ?? 30_000,
    retry: { ...defaultRetryPolicy, ...settings.retry },
    fetch: settings.fetch ?? fetch,
  };
}

export type AttemptOutcome =
  | {
      readonly type: 'response';
      readonly status: number;
      readonly text: string;
      readonly headers: Headers;
      readonly retryAfter: string | null;
    }
  | { readonly type: 'timeout' }
  | { readonly type: 'network'; readonly reason: string };

export interface OutgoingRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  /** Asked per attempt: a token provider refreshes an expiring token, and a retry may outlive the old one. */
  readonly headers: () => Promise<Record<string, string>>;
  readonly body?: string;
}

/** What a retry looked like, for the client's own log line. */
export interface RetryNotice {
  readonly outcome: AttemptOutcome;
  readonly attempt: number;
  readonly durationMs: number;
  readonly retryInMs: number;
}

export interface FinalOutcome {
  readonly outcome: AttemptOutcome;
  /** Attempts made, this one included. */
  readonly attempts: number;
  /** Of the last attempt. */
  readonly durationMs: number;
}

export function isSuccess(
  outcome: AttemptOutcome,
): outcome is Extract<AttemptOutcome, { type: 'response' }> & { readonly status: number } {
  return outcome.type === 'response' && outcome.status >= 200 && outcome.status < 300;
}

/**
 * Sends until a final outcome: a 2xx, an answer not worth repeating, or the retries spent. A wait is taken only
 * while attempts are left and it fits the policy's total budget; a Retry-After beyond the budget ends at once.
 */
export async function sendWithRetries(
  settings: ResolvedAttemptSettings,
  request: OutgoingRequest,
  onRetry: (notice: RetryNotice) => void,
): Promise<FinalOutcome> {
  let waitedMs = 0;
  for (let attempt = 1; ; attempt += 1) {
    const started = settings.clock();
    const outcome = await attemptOnce(settings, request);
    const durationMs = settings.clock() - started;
    if (isSuccess(outcome)) return { outcome, attempts: attempt, durationMs };
    const waitMs = retryDelay(settings, outcome, attempt);
    const budgetLeft = settings.retry.maxTotalWaitMs - waitedMs;
    if (waitMs === undefined || attempt >= settings.retry.maxAttempts || waitMs > budgetLeft) {
      return { outcome, attempts: attempt, durationMs };
    }
    onRetry({ outcome, attempt, durationMs, retryInMs: waitMs });
    await settings.sleep(waitMs);
    waitedMs += waitMs;
  }
}

async function attemptOnce(settings: ResolvedAttemptSettings, request: OutgoingRequest): Promise<AttemptOutcome> {
  const headers = await request.headers();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  try {
    const response = await settings.fetch(request.url, {
      method: request.method,
      headers,
      signal: controller.signal,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    return {
      type: 'response',
      status: response.status,
      text,
      headers: response.headers,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    if (controller.signal.aborted) return { type: 'timeout' };
    return { type: 'network', reason: error instanceof Error ? error.message : 'unknown' };
  } finally {
    clearTimeout(timer);
  }
}

/** How long to wait before the next attempt, or undefined when this outcome is final. */
function retryDelay(settings: ResolvedAttemptSettings, outcome: AttemptOutcome, attempt: number): number | undefined {
  if (outcome.type !== 'response') return backoffMs(settings.retry, attempt, settings.random());
  if (outcome.status !== 429 && !isTransientStatus(outcome.status)) return undefined;
  // A 429 (or a 503 that says so) names its own wait; otherwise back off.
  return retryAfterMs(outcome.retryAfter, settings.clock()) ?? backoffMs(settings.retry, attempt, settings.random());
}

/** The wait a final 429 asked for, for the error (callers may show "try again in …"). */
export function askedWaitMs(outcome: AttemptOutcome, now: number): number | undefined {
  return outcome.type === 'response' && outcome.status === 429 ? retryAfterMs(outcome.retryAfter, now) : undefined;
}

export type ParsedBody<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly issues: string[] };

/**
 * A 2xx body against the documented schema; an empty body parses as `undefined`. The issues name paths and codes
 * only: values may be personal data (names, emails, one-time passwords).
 */
export function parseDocumented<T>(schema: z.ZodType<T>, text: string): ParsedBody<T> {
  let json: unknown = undefined;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, issues: ['(not JSON)'] };
    }
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.')}: ${issue.code}`),
  };
}

/**
 * Why a remote call failed, as a closed set the callers branch on (exhaustively):
 * - `unavailable`: 5xx, a network failure or a timeout, still failing after the bounded retries.
 * - `throttled`: 429 still answered after the retries, or a Retry-After longer than the retry budget.
 * - `unauthorized`: 401, the access token was refused (expired, revoked, wrong audience).
 * - `forbidden`: 403, e.g. a token without the permission the operation needs.
 * - `not-found`: 404.
 * - `conflict`: 409 or 412 (an eTag that no longer matches, a name already taken).
 * - `invalid-request`: any other 4xx: the service refused the input; its code says why.
 * - `unexpected-response`: a 2xx whose body does not have the documented shape.
 */
export type RemoteErrorKind =
  | 'unavailable'
  | 'throttled'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid-request'
  | 'unexpected-response';

/** The kind for a final (not retried, or retries spent) HTTP status. */
export function kindForStatus(status: number): RemoteErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'throttled';
  if (status >= 500 || status === 408) return 'unavailable';
  return 'invalid-request';
}

/** The kind of an outcome that did not answer at all. */
export function kindForOutcome(outcome: AttemptOutcome): RemoteErrorKind {
  return outcome.type === 'response' ? kindForStatus(outcome.status) : 'unavailable';
}

/** What every remote call error carries, whichever service answered. */
export interface RemoteErrorDetails {
  readonly kind: RemoteErrorKind;
  /** The operation's name, e.g. "customers.create". */
  readonly operation: string;
  /** The HTTP status of the last attempt; absent after a timeout or a network failure. */
  readonly status?: number;
  /** The service's own error code, when its error body had one. */
  readonly code?: string;
  readonly attempts: number;
  /** For `throttled`: how long the service asked us to wait. */
  readonly retryAfterMs?: number;
}

/**
 * The base of each client's one error type. The message names what and where, never a body: it may end up in a log
 * line or a stack trace.
 */
export abstract class RemoteCallError extends Error {
  readonly kind: RemoteErrorKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;

  protected constructor(service: string, details: RemoteErrorDetails) {
    const where =
      details.status === undefined
        ? ''
        : ` (HTTP ${details.status}${details.code === undefined ? '' : `, code ${details.code}`})`;
    super(`${service} ${details.operation} failed: ${details.kind}${where}`);
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** The fields a log line keeps (each service adds its ids). */
  toLogFields(): Record<string, unknown> {
    return {
      kind: this.kind,
      operation: this.operation,
      status: this.status,
      code: this.code,
      attempts: this.attempts,
    };
  }
}

/** How a client turns the loop's outcomes into its own errors and log lines. */
export interface CallHooks<E extends Error> {
  readonly onRetry: (notice: RetryNotice) => void;
  /** A 2xx: log it. */
  readonly succeeded: (
    final: FinalOutcome & { readonly outcome: { readonly status: number; readonly headers: Headers } },
  ) => void;
  /** A 2xx whose body is not the documented one: build (and log) the error to throw. */
  readonly unexpected: (
    final: FinalOutcome & { readonly outcome: { readonly status: number; readonly headers: Headers } },
    issues: readonly string[],
  ) => E;
  /** The final failure: build (and log) the error to throw. */
  readonly failed: (final: FinalOutcome) => E;
}

/** One logical call: the retried request, then the documented body or the client's error. */
export async function callDocumented<T, E extends Error>(
  settings: ResolvedAttemptSettings,
  request: OutgoingRequest,
  schema: z.ZodType<T>,
  hooks: CallHooks<E>,
): Promise<T> {
  const final = await sendWithRetries(settings, request, hooks.onRetry);
  const { outcome } = final;
  if (!isSuccess(outcome)) throw hooks.failed(final);
  const success = { ...final, outcome };
  const parsed = parseDocumented(schema, outcome.text);
  if (!parsed.ok) throw hooks.unexpected(success, parsed.issues);
  hooks.succeeded(success);
  return parsed.data;
}

/**
 * A JSON request with a bearer token asked per attempt: `Authorization`, `Accept: application/json`, and
 * `Content-Type` when there is a body; `headers` adds the service's own (ids, If-Match).
 */
export function bearerJsonRequest(spec: {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly body?: unknown;
  readonly accessToken: () => Promise<string>;
  readonly headers: Readonly<Record<string, string>>;
}): OutgoingRequest {
  return {
    method: spec.method,
    url: spec.url,
    ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
    headers: async () => ({
      Authorization: `Bearer ${await spec.accessToken()}`,
      Accept: 'application/json',
      ...(spec.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...spec.headers,
    }),
  };
}
