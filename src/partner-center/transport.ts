import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { kindForStatus, PartnerCenterError, partnerCenterErrorBodySchema } from './errors.js';
import { backoffMs, defaultRetryPolicy, isTransientStatus, retryAfterMs, type RetryPolicy } from './retry-policy.js';

export type { RetryPolicy } from './retry-policy.js';

/** The part of pino the client uses (pino's Logger satisfies it). */
export interface PartnerCenterLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const defaultPartnerCenterBaseUrl = 'https://api.partnercenter.microsoft.com';

export interface PartnerCenterTransportOptions {
  /** Default https://api.partnercenter.microsoft.com ("Partner Center REST URLs"). */
  readonly baseUrl?: string;
  /** An app+user access token for Partner Center's API (audience https://api.partnercenter.microsoft.com). */
  readonly accessToken: () => Promise<string>;
  readonly logger: PartnerCenterLogger;
  /** Milliseconds since the epoch; injectable so tests can read a Retry-After given as an HTTP date. */
  readonly clock?: () => number;
  /** Waits between attempts; injectable so tests do not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for the jitter. */
  readonly random?: () => number;
  /** New GUIDs for MS-RequestId and MS-CorrelationId. */
  readonly newGuid?: () => string;
  /** Per attempt, headers and body included. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Sent as MS-PartnerCenter-Application (optional per partner-center/developer/headers). */
  readonly applicationName?: string;
  readonly fetch?: typeof fetch;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One logical request. */
export interface RequestSpec<T> {
  /** A stable name for logs and errors, e.g. "customers.list". */
  readonly operation: string;
  readonly method: HttpMethod;
  /** Absolute path from the base URL, e.g. "/v1/customers". */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The documented response; an empty body parses as `undefined`. */
  readonly schema: z.ZodType<T>;
  /** MS-CorrelationId: one per logical operation, which may span several requests; new when absent. */
  readonly correlationId?: string;
}

/** What every public method accepts. */
export interface CallOptions {
  /** Ties this call to others in one operation (Partner Center support traces by it). */
  readonly correlationId?: string;
}

type AttemptOutcome =
  | { readonly type: 'response'; readonly status: number; readonly text: string; readonly retryAfter: string | null }
  | { readonly type: 'timeout' }
  | { readonly type: 'network'; readonly reason: string };

/**
 * Headers, retries and errors for every Partner Center call ("Partner Center REST and response headers",
 * partner-center/developer/headers):
 * - `Authorization: Bearer`, `Accept: application/json`.
 * - `MS-RequestId`: a new GUID per logical request, kept on its retries: the reference uses it for idempotency
 *   ("on a timeout the retry should carry the same value; reset it once a response arrives"), so a POST that timed
 *   out and is retried cannot create a second customer.
 * - `MS-CorrelationId`: one per logical operation; the caller may pass one to tie several requests together.
 * Both ids are in every log line and every error.
 */
export class PartnerCenterTransport {
  private readonly baseUrl: string;
  private readonly accessToken: () => Promise<string>;
  private readonly logger: PartnerCenterLogger;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly newGuid: () => string;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly applicationName: string | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: PartnerCenterTransportOptions) {
    this.baseUrl = (options.baseUrl ?? defaultPartnerCenterBaseUrl).replace(/\/+$/, '');
    this.accessToken = options.accessToken;
    this.logger = options.logger;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.newGuid = options.newGuid ?? randomUUID;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.applicationName = options.applicationName;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request<T>(spec: RequestSpec<T>): Promise<T> {
    const correlationId = spec.correlationId ?? this.newGuid();
    const requestId = this.newGuid();
    const ids = { operation: spec.operation, correlationId, requestId };
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      const started = this.clock();
      const outcome = await this.attempt(spec, correlationId, requestId);
      const durationMs = this.clock() - started;
      if (outcome.type === 'response' && outcome.status >= 200 && outcome.status < 300) {
        const body = this.parseSuccess(spec, outcome.text, { ...ids, status: outcome.status, attempts: attempt });
        this.logger.info({ ...ids, status: outcome.status, attempt, durationMs }, 'partner center call succeeded');
        return body;
      }
      const failure = this.describeFailure(outcome);
      const waitMs = this.retryDelay(outcome, attempt);
      const retryable = waitMs !== undefined;
      const budgetLeft = this.retry.maxTotalWaitMs - waitedMs;
      if (retryable && attempt < this.retry.maxAttempts && waitMs <= budgetLeft) {
        this.logger.warn(
          { ...ids, ...failure.log, attempt, durationMs, retryInMs: waitMs },
          'partner center call retried',
        );
        await this.sleep(waitMs);
        waitedMs += waitMs;
        continue;
      }
      const error = new PartnerCenterError({
        ...ids,
        kind: failure.kind,
        ...(failure.status === undefined ? {} : { status: failure.status }),
        ...(failure.code === undefined ? {} : { code: failure.code }),
        ...(failure.description === undefined ? {} : { description: failure.description }),
        ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
        attempts: attempt,
      });
      this.logger.error({ ...error.toLogFields(), durationMs }, 'partner center call failed');
      throw error;
    }
  }

  private async attempt<T>(spec: RequestSpec<T>, correlationId: string, requestId: string): Promise<AttemptOutcome> {
    const url = new URL(this.baseUrl + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    // Asked per attempt: the provider refreshes an expiring token, and a retry may outlive the old one.
    const token = await this.accessToken();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': requestId,
      'MS-CorrelationId': correlationId,
      ...(this.applicationName === undefined ? {} : { 'MS-PartnerCenter-Application': this.applicationName }),
      ...(spec.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...spec.headers,
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        signal: controller.signal,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
      });
      const text = await response.text();
      return { type: 'response', status: response.status, text, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      if (controller.signal.aborted) return { type: 'timeout' };
      return { type: 'network', reason: error instanceof Error ? error.message : 'unknown' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** How long to wait before the next attempt, or undefined when this outcome is final. */
  private retryDelay(outcome: AttemptOutcome, attempt: number): number | undefined {
    if (outcome.type !== 'response') return backoffMs(this.retry, attempt, this.random());
    if (outcome.status !== 429 && !isTransientStatus(outcome.status)) return undefined;
    // A 429 (or a 503 that says so) names its own wait; otherwise back off.
    return retryAfterMs(outcome.retryAfter, this.clock()) ?? backoffMs(this.retry, attempt, this.random());
  }

  private describeFailure(outcome: AttemptOutcome): {
    kind: PartnerCenterError['kind'];
    status?: number;
    code?: string;
    description?: string;
    retryAfterMs?: number;
    log: Record<string, unknown>;
  } {
    if (outcome.type === 'timeout') return { kind: 'unavailable', log: { failure: 'timeout' } };
    if (outcome.type === 'network') return { kind: 'unavailable', log: { failure: 'network', reason: outcome.reason } };
    const body = parseErrorBody(outcome.text);
    const askedWaitMs = outcome.status === 429 ? retryAfterMs(outcome.retryAfter, this.clock()) : undefined;
    return {
      kind: kindForStatus(outcome.status),
      status: outcome.status,
      ...(body?.code === undefined ? {} : { code: body.code }),
      ...(body?.description === undefined ? {} : { description: body.description }),
      ...(askedWaitMs === undefined ? {} : { retryAfterMs: askedWaitMs }),
      log: { status: outcome.status, code: body?.code },
    };
  }

  private parseSuccess<T>(
    spec: RequestSpec<T>,
    text: string,
    context: { operation: string; correlationId: string; requestId: string; status: number; attempts: number },
  ): T {
    let json: unknown = undefined;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        return this.unexpected(context, ['(not JSON)']);
      }
    }
    const parsed = spec.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    // Paths only: values may be personal data (names, emails, one-time passwords).
    return this.unexpected(
      context,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`),
    );
  }

  private unexpected(
    context: { operation: string; correlationId: string; requestId: string; status: number; attempts: number },
    issues: readonly string[],
  ): never {
    const error = new PartnerCenterError({ ...context, kind: 'unexpected-response' });
    this.logger.error(
      { ...error.toLogFields(), issues: issues.slice(0, 10) },
      'partner center answer had an unexpected shape',
    );
    throw error;
  }
}

function parseErrorBody(text: string): { code: string; description?: string } | undefined {
  try {
    const parsed = partnerCenterErrorBodySchema.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    return {
      code: parsed.data.code,
      ...(parsed.data.description === undefined ? {} : { description: parsed.data.description }),
    };
  } catch {
    return undefined;
  }
}
