import { backoffMs, type SendOutcome } from './classify.js';
import type { EventState } from './plan.js';

/**
 * Outcome folding: what a send's result does to its delivery row and to its event. No I/O, no clock
 * (`now` is an argument) and no hidden randomness (`random` is an argument), so every rule here is
 * unit-tested with fixed numbers (test/unit/notify/outcome.test.ts).
 */

/** How a job ended: a send's answer (classify.ts), or handed back unsent (`defer`: limits, lease, stop). */
export type JobOutcome =
  | SendOutcome
  | { readonly kind: 'sent'; readonly activityId?: string }
  | { readonly kind: 'defer'; readonly until: number };

/** The delivery row a job's outcome writes; none for a job handed back unsent. */
export type DeliveryChange =
  { readonly status: 'sent' } | { readonly status: 'skipped' | 'dead' | 'retry'; readonly error: string } | undefined;

/**
 * Folds one job's outcome into its event's tally (the event's only state in memory) and says which
 * delivery row to write. Of several retryable failures of one event, the one with the longest
 * Retry-After decides when the event goes again, so no conversation is called before the server said.
 */
export function foldOutcome(ev: EventState, outcome: JobOutcome): DeliveryChange {
  let change: DeliveryChange;
  switch (outcome.kind) {
    case 'sent':
      ev.sent++;
      change = { status: 'sent' };
      break;
    case 'blocked':
      ev.skipped.push(outcome.reason);
      change = { status: 'skipped', error: outcome.reason };
      break;
    case 'fatal':
      ev.dead.push(outcome.reason);
      change = { status: 'dead', error: outcome.reason };
      break;
    case 'retry':
      if (!ev.retry || (outcome.retryAfterMs ?? 0) > (ev.retry.retryAfterMs ?? 0)) ev.retry = outcome;
      change = { status: 'retry', error: outcome.reason };
      break;
    case 'defer':
      ev.deferUntil = Math.max(ev.deferUntil ?? 0, outcome.until);
      break;
  }
  ev.pending--;
  return change;
}

/** Every target of the event got it (the common case, finished in batches). */
export function isAllSent(ev: EventState): boolean {
  return !ev.retry && ev.deferUntil === undefined && ev.dead.length === 0 && ev.skipped.length === 0;
}

export interface RetryPolicy {
  /** Rounds after which an event is dead whatever the time (default: no such limit). */
  readonly maxAttempts: number;
  /**
   * How long, from the event's creation, retryable failures are retried before the event is dead
   * (NOTIFY_RETRY_HOURS, 24 h by default); unset: no limit but `maxAttempts`.
   */
  readonly retryForMs?: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
}

/**
 * An event past `retryForMs` still gets this many rounds before it is dead: one an administrator
 * re-queued (attempts back to 0) long after it was created is tried again for a while, not given up
 * on at its first failure.
 */
export const MIN_ATTEMPTS_BEFORE_DEAD = 8;

/** What becomes of an event whose last job is done (times in ms since the epoch). */
export type EventFate =
  /** Another round at `nextAttemptAt`, counting one attempt more. */
  | { readonly kind: 'retry'; readonly attempts: number; readonly nextAttemptAt: number; readonly lastError: string }
  /** Given up on; `afterAttempts`: after maxAttempts rounds (its deliveries still owed are dead too). */
  | { readonly kind: 'dead'; readonly afterAttempts?: number; readonly lastError: string }
  /** Handed back unsent, without counting an attempt, due at `until`. */
  | { readonly kind: 'release'; readonly until: number }
  /** Sent to at least one target and no target failed for good; `lastError` names the skipped ones. */
  | { readonly kind: 'sent'; readonly lastError: string | null };

/**
 * The event's fate from its tally. A retryable failure goes again after full-jitter exponential
 * backoff, capped (classify.ts `backoffMs`), never before a Retry-After, nor before a hand-back's due
 * time; once `retryForMs` has passed since the event was created (and it had at least
 * MIN_ATTEMPTS_BEFORE_DEAD rounds), or at `maxAttempts` rounds, it is dead (dead-lettered: status 'dead',
 * the last failure in lastError, for an administrator to re-queue). A channel that blocked the bot is skipped, not failed.
 */
export function eventFate(ev: EventState, now: number, policy: RetryPolicy, random: () => number): EventFate {
  if (ev.retry) {
    const attempts = ev.row.attempts + 1;
    if (attempts >= policy.maxAttempts)
      return {
        kind: 'dead',
        afterAttempts: attempts,
        lastError: `gave up after ${attempts} attempts: ${ev.retry.reason}`,
      };
    const age = policy.retryForMs === undefined ? 0 : now - ev.row.createdAt.getTime();
    if (policy.retryForMs !== undefined && age >= policy.retryForMs && attempts >= MIN_ATTEMPTS_BEFORE_DEAD)
      return {
        kind: 'dead',
        afterAttempts: attempts,
        lastError: `gave up after ${attempts} attempts over ${formatAge(age)}: ${ev.retry.reason}`,
      };
    const delay = backoffMs(
      attempts,
      { baseMs: policy.backoffBaseMs, capMs: policy.backoffCapMs },
      random,
      ev.retry.retryAfterMs,
    );
    return {
      kind: 'retry',
      attempts,
      nextAttemptAt: Math.max(now + delay, ev.deferUntil ?? 0),
      lastError: ev.retry.reason,
    };
  }
  if (ev.deferUntil !== undefined) return { kind: 'release', until: ev.deferUntil };
  if (ev.sent > 0 && ev.dead.length === 0)
    return { kind: 'sent', lastError: ev.skipped.length ? ev.skipped.join('; ') : null };
  const why = [...ev.dead, ...ev.skipped];
  return { kind: 'dead', lastError: why.length ? why.join('; ') : 'no active notification channel' };
}

function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 120) return `${Math.round(minutes / 60)} h`;
  if (minutes >= 1) return `${minutes} min`;
  return `${Math.round(ms / 1000)} s`;
}
