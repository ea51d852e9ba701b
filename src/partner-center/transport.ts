import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  askedWaitMs,
  bearerJsonRequest,
  callDocumented,
  kindForOutcome,
  resolveAttemptSettings,
  type AttemptOutcome,
  type AttemptSettings,
  type HttpLogger,
  type HttpMethod,
  type ResolvedAttemptSettings,
} from '../http/retrying-fetch.js';
import { PartnerCenterError, partnerCenterErrorBodySchema } from './errors.js';

export type { RetryPolicy } from '../http/retry-policy.js';
export type { HttpMethod } from '../http/retrying-fetch.js';

/** The part of pino the client uses (pino's Logger satisfies it). */
export type PartnerCenterLogger = HttpLogger;

export const defaultPartnerCenterBaseUrl = 'https://api.partnercenter.microsoft.com';

/** clock, sleep, random, timeoutMs (default 30 s), retry and fetch as in src/http/retrying-fetch.ts. */
export interface PartnerCenterTransportOptions extends AttemptSettings {
  /** Default https://api.partnercenter.microsoft.com ("Partner Center REST URLs"). */
  readonly baseUrl?: string;
  /** An app+user access token for Partner Center's API (audience https://api.partnercenter.microsoft.com). */
  readonly accessToken: () => Promise<string>;
  readonly logger: PartnerCenterLogger;
  /** New GUIDs for MS-RequestId and MS-CorrelationId. */
  readonly newGuid?: () => string;
  /** Sent as MS-PartnerCenter-Application (optional per partner-center/developer/headers). */
  readonly applicationName?: string;
}

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
  private readonly settings: ResolvedAttemptSettings;
  private readonly newGuid: () => string;
  private readonly applicationName: string | undefined;

  constructor(options: PartnerCenterTransportOptions) {
    this.baseUrl = (options.baseUrl ?? defaultPartnerCenterBaseUrl).replace(/\/+$/, '');
    this.accessToken = options.accessToken;
    this.logger = options.logger;
    this.settings = resolveAttemptSettings(options);
    this.newGuid = options.newGuid ?? randomUUID;
    this.applicationName = options.applicationName;
  }

  async request<T>(spec: RequestSpec<T>): Promise<T> {
    const correlationId = spec.correlationId ?? this.newGuid();
    const requestId = this.newGuid();
    const ids = { operation: spec.operation, correlationId, requestId };
    const url = new URL(this.baseUrl + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return callDocumented(
      this.settings,
      bearerJsonRequest({
        method: spec.method,
        url,
        body: spec.body,
        accessToken: this.accessToken,
        headers: {
          'MS-RequestId': requestId,
          'MS-CorrelationId': correlationId,
          ...(this.applicationName === undefined ? {} : { 'MS-PartnerCenter-Application': this.applicationName }),
          ...spec.headers,
        },
      }),
      spec.schema,
      {
        onRetry: ({ outcome, attempt, durationMs, retryInMs }) => {
          this.logger.warn(
            { ...ids, ...this.describeFailure(outcome).log, attempt, durationMs, retryInMs },
            'partner center call retried',
          );
        },
        succeeded: ({ outcome, attempts, durationMs }) => {
          this.logger.info(
            { ...ids, status: outcome.status, attempt: attempts, durationMs },
            'partner center call succeeded',
          );
        },
        unexpected: ({ outcome, attempts }, issues) => {
          const error = new PartnerCenterError({
            ...ids,
            status: outcome.status,
            attempts,
            kind: 'unexpected-response',
          });
          this.logger.error({ ...error.toLogFields(), issues }, 'partner center answer had an unexpected shape');
          return error;
        },
        failed: ({ outcome, attempts, durationMs }) => {
          const failure = this.describeFailure(outcome);
          const error = new PartnerCenterError({
            ...ids,
            kind: kindForOutcome(outcome),
            ...(failure.status === undefined ? {} : { status: failure.status }),
            ...(failure.code === undefined ? {} : { code: failure.code }),
            ...(failure.description === undefined ? {} : { description: failure.description }),
            ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
            attempts,
          });
          this.logger.error({ ...error.toLogFields(), durationMs }, 'partner center call failed');
          return error;
        },
      },
    );
  }

  private describeFailure(outcome: AttemptOutcome): {
    status?: number;
    code?: string;
    description?: string;
    retryAfterMs?: number;
    log: Record<string, unknown>;
  } {
    if (outcome.type === 'timeout') return { log: { failure: 'timeout' } };
    if (outcome.type === 'network') return { log: { failure: 'network', reason: outcome.reason } };
    const body = parseErrorBody(outcome.text);
    const waitMs = askedWaitMs(outcome, this.settings.clock());
    return {
      status: outcome.status,
      ...(body?.code === undefined ? {} : { code: body.code }),
      ...(body?.description === undefined ? {} : { description: body.description }),
      ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }),
      log: { status: outcome.status, code: body?.code },
    };
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
