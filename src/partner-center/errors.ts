import { z } from 'zod';
import type { RemoteErrorKind } from '../http/retrying-fetch.js';

export { kindForStatus } from '../http/retrying-fetch.js';

/**
 * Why a Partner Center call failed, as a closed set the callers branch on (exhaustively) and map, in one place, to a
 * localized message (the kinds are shared with the Graph client: src/http/retrying-fetch.ts). Raw response bodies
 * never travel in an error: only Partner Center's `code` and `description` (for logs) and the ids Partner Center
 * support asks for. `forbidden` is, e.g., an app-only token on an app+user-only operation, or no relationship with
 * the customer.
 */
export type PartnerCenterErrorKind = RemoteErrorKind;

/**
 * Partner Center's error body ("Partner Center REST error codes", partner-center/developer/error-codes):
 * `code` (documented as a string, sent as a number in many examples), `description`, optional `data` and `source`.
 * Some newer routes add `errorName`.
 */
export const partnerCenterErrorBodySchema = z.object({
  code: z.union([z.string(), z.number()]).transform((code) => String(code)),
  description: z.string().optional(),
  errorName: z.string().optional(),
  data: z.array(z.unknown()).optional(),
  source: z.string().optional(),
});
export type PartnerCenterErrorBody = z.infer<typeof partnerCenterErrorBodySchema>;

export interface PartnerCenterErrorDetails {
  readonly kind: PartnerCenterErrorKind;
  /** The operation's name, e.g. "customers.create". */
  readonly operation: string;
  /** The HTTP status of the last attempt; absent after a timeout or a network failure. */
  readonly status?: number;
  /** Partner Center's error code (e.g. "2203"), when its error body had one. */
  readonly code?: string;
  /** Partner Center's description: for logs and support, never shown to a user as is. */
  readonly description?: string;
  readonly correlationId: string;
  readonly requestId: string;
  readonly attempts: number;
  /** For `throttled`: how long Partner Center asked us to wait. */
  readonly retryAfterMs?: number;
}

/** The one error type the Partner Center client throws. */
export class PartnerCenterError extends Error {
  readonly kind: PartnerCenterErrorKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly description: string | undefined;
  readonly correlationId: string;
  readonly requestId: string;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;

  constructor(details: PartnerCenterErrorDetails) {
    // The message names what and where, never a body: it may end up in a log line or a stack trace.
    super(
      `Partner Center ${details.operation} failed: ${details.kind}` +
        (details.status === undefined ? '' : ` (HTTP ${details.status}`) +
        (details.code === undefined ? '' : `, code ${details.code}`) +
        (details.status === undefined ? '' : ')'),
    );
    this.name = 'PartnerCenterError';
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.description = details.description;
    this.correlationId = details.correlationId;
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
      description: this.description,
      correlationId: this.correlationId,
      requestId: this.requestId,
      attempts: this.attempts,
    };
  }
}
