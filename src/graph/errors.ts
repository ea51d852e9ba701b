import { z } from 'zod';
import { RemoteCallError, type RemoteErrorDetails, type RemoteErrorKind } from '../http/retrying-fetch.js';

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

export interface GraphErrorDetails extends RemoteErrorDetails {
  /** Graph's message: for logs and support, never shown to a user as is. */
  readonly graphMessage?: string;
  /** The client-request-id we sent (one per logical request, kept across its retries). */
  readonly clientRequestId: string;
  /** Graph's request-id of the last answer (its response header, or innerError's), which Microsoft support asks for. */
  readonly requestId?: string;
}

/** The one error type the Graph client throws; `code` is Graph's error code (e.g. "Request_BadRequest"). */
export class GraphError extends RemoteCallError {
  readonly graphMessage: string | undefined;
  readonly clientRequestId: string;
  readonly requestId: string | undefined;

  constructor(details: GraphErrorDetails) {
    super('Microsoft Graph', details);
    this.name = 'GraphError';
    this.graphMessage = details.graphMessage;
    this.clientRequestId = details.clientRequestId;
    this.requestId = details.requestId;
  }

  override toLogFields(): Record<string, unknown> {
    return {
      ...super.toLogFields(),
      graphMessage: this.graphMessage,
      clientRequestId: this.clientRequestId,
      requestId: this.requestId,
    };
  }
}
