import { z } from 'zod';
import type { RemoteErrorKind } from '../http/retrying-fetch.js';

/** Why a Graph call failed: the same closed set as Partner Center's (src/http/retrying-fetch.ts). */
export type GraphErrorKind = RemoteErrorKind;

/**
 * Microsoft Graph's error body ("Microsoft Graph error responses and resource types", graph/errors):
 * `{ "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } }`; `code` is a
 * string such as "Request_BadRequest" or "Authorization_RequestDenied", `innerError` may nest a further `code`.
 */
export const graphErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    innerError: z
      .object({
        code: z.string().optional(),
        date: z.string().optional(),
        'request-id': z.string().optional(),
        'client-request-id': z.string().optional(),
      })
      .optional(),
  }),
});
export type GraphErrorBody = z.infer<typeof graphErrorBodySchema>;

export interface GraphErrorDetails {
  readonly kind: GraphErrorKind;
  /** The operation's name, e.g. "relationships.create". */
  readonly operation: string;
  /** The HTTP status of the last attempt; absent after a timeout or a network failure. */
  readonly status?: number;
  /** Graph's error code (e.g. "Request_BadRequest"), when its error body had one. */
  readonly code?: string;
  /** Graph's message: for logs and support, never shown to a user as is. */
  readonly graphMessage?: string;
  /** The client-request-id we sent (one per logical request, kept across its retries). */
  readonly clientRequestId: string;
  /** Graph's request-id of the last answer (its response header, or innerError's), which Microsoft support asks for. */
  readonly requestId?: string;
  readonly attempts: number;
  /** For `throttled`: how long Graph asked us to wait. */
  readonly retryAfterMs?: number;
}

/** The one error type the Graph client throws. */
export class GraphError extends Error {
  readonly kind: GraphErrorKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly graphMessage: string | undefined;
  readonly clientRequestId: string;
  readonly requestId: string | undefined;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;

  constructor(details: GraphErrorDetails) {
    // The message names what and where, never a body: it may end up in a log line or a stack trace.
    super(
      `Microsoft Graph ${details.operation} failed: ${details.kind}` +
        (details.status === undefined ? '' : ` (HTTP ${details.status}`) +
        (details.code === undefined ? '' : `, code ${details.code}`) +
        (details.status === undefined ? '' : ')'),
    );
    this.name = 'GraphError';
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.graphMessage = details.graphMessage;
    this.clientRequestId = details.clientRequestId;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** The fields a log line keeps. */
  toLogFields(): Record<string, unknown> {
    return {
      kind: this.kind,
      operation: this.operation,
      status: this.status,
      code: this.code,
      graphMessage: this.graphMessage,
      clientRequestId: this.clientRequestId,
      requestId: this.requestId,
      attempts: this.attempts,
    };
  }
}
