/**
 * Bounded, jittered exponential back-off, shared by the Partner Center and Microsoft Graph clients. Partner Center's
 * throttling guidance (partner-center/developer/api-throttling-guidance) and Graph's ("Microsoft Graph throttling
 * guidance", graph/throttling) both ask clients to wait the Retry-After of a 429 and back off exponentially when it
 * repeats; 5xx and timeouts are transient too. Everything else (4xx) is an answer, and retrying it would only spend
 * the partner's quota.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** The first back-off step; each next step doubles, up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The most one call may spend waiting between attempts; a Retry-After beyond it fails at once as `throttled`. */
  readonly maxTotalWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalWaitMs: 30_000,
};

/** Exponential with "equal jitter": half the step fixed, half random, so clients that failed together spread out. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random * step) / 2);
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds from `now`. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** 5xx other than 501 (not implemented is permanent) and 408 are worth another attempt. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || (status >= 500 && status !== 501);
}
