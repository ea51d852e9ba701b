import { z } from 'zod';
import { RemoteCallError, type RemoteErrorDetails, type RemoteErrorKind } from '../http/retrying-fetch.js';

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

export interface PartnerCenterErrorDetails extends RemoteErrorDetails {
  /** Partner Center's description: for logs and support, never shown to a user as is. */
  readonly description?: string;
  readonly correlationId: string;
  readonly requestId: string;
}

/** The one error type the Partner Center client throws; `code` is Partner Center's error code (e.g. "2203"). */
export class PartnerCenterError extends RemoteCallError {
  readonly description: string | undefined;
  readonly correlationId: string;
  readonly requestId: string;

  constructor(details: PartnerCenterErrorDetails) {
    super('Partner Center', details);
    this.name = 'PartnerCenterError';
    this.description = details.description;
    this.correlationId = details.correlationId;
    this.requestId = details.requestId;
  }

  override toLogFields(): Record<string, unknown> {
    return {
      ...super.toLogFields(),
      description: this.description,
      correlationId: this.correlationId,
      requestId: this.requestId,
    };
  }
}
