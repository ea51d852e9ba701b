import { AppError, type ErrorCode } from '../domain/shared/errors.js';
import type { RemoteCallError, RemoteErrorKind } from './retrying-fetch.js';

/**
 * How a connected adapter turns its client's error into the one AppError users read: each kind to a code, chosen
 * once per service (PC_*, GRAPH_*). The service's message, code and request ids stay in the client's log lines.
 * Anything else (an AppError from the token provider) passes as it came.
 */
export function remoteErrorsAs(
  type: abstract new (...args: never[]) => RemoteCallError,
  codeByKind: Readonly<Record<RemoteErrorKind, ErrorCode>>,
) {
  const asAppError = (error: unknown): unknown =>
    error instanceof type ? new AppError(codeByKind[error.kind]) : error;
  const translated = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw asAppError(error);
    }
  };
  return { asAppError, translated };
}
