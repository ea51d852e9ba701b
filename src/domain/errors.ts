/**
 * The closed set of failure codes. Each code names the rule it enforces
 * (see ../shared/DOMAIN.md) and has one message per locale under
 * `error.<code>` in src/i18n/<locale>/errors.ts.
 */
export const errorCodes = ['VALIDATION'] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
