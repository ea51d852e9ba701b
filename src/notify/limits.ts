/**
 * Teams' published throttling limits (STACK.md "Teams limits"; Microsoft Learn, "Optimize your bot:
 * rate limiting and best practices in Teams"), enforced before each send so that a well-behaved
 * worker normally never sees a 429.
 */
export interface RateWindow {
  readonly limit: number;
  readonly ms: number;
}

/** Per bot per conversation (channel, group chat or 1:1); creating a conversation counts the same. */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

/** Per app per tenant: 50 requests per second overall. */
export const TEAMS_TENANT_WINDOWS: readonly RateWindow[] = [{ limit: 50, ms: 1_000 }];

/** Scales limits for N instances that share one bot registration (each gets `share` of every window). */
export function shareWindows(windows: readonly RateWindow[], share: number): RateWindow[] {
  return windows.map((w) => ({ limit: Math.max(1, Math.floor(w.limit * share)), ms: w.ms }));
}

/** A send counted against a key: `at` is when it started, then when it ended (see `settle`). */
export interface Slot {
  at: number;
  inFlight: boolean;
}

/**
 * Sliding-window limiter over several windows per key.
 *
 * Conservative by construction: a slot is reserved when the request starts and, while in flight,
 * counts as "now" in every window; when the request ends its time becomes the end time. The server
 * received it somewhere in between, so the gap the server sees between two sends is never shorter
 * than the gap measured here. `marginMs` widens every window to absorb clock skew and jitter.
 */
export class SlidingWindowLimiter {
  private readonly slots = new Map<string, Slot[]>();
  private readonly longest: number;
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly marginMs = 0,
  ) {
    this.longest = Math.max(...windows.map((w) => w.ms)) + marginMs;
  }

  /** Milliseconds until `key` may send again (0: now). */
  waitMs(key: string, now: number): number {
    const blocked = (this.blockedUntil.get(key) ?? 0) - now;
    const list = this.prune(key, now);
    let wait = Math.max(0, blocked);
    for (const w of this.windows) {
      if (list.length < w.limit) continue;
      const span = w.ms + this.marginMs;
      let count = 0;
      for (const s of list) if (s.inFlight || s.at > now - span) count++;
      if (count < w.limit) continue;
      // The oldest (count - limit + 1) sends must leave the window first.
      const times: number[] = [];
      for (const s of list)
        if (s.inFlight || s.at > now - span) times.push(s.inFlight ? Number.POSITIVE_INFINITY : s.at);
      times.sort((a, b) => a - b);
      const leaving = times[count - w.limit] ?? Number.POSITIVE_INFINITY;
      // An in-flight send leaves no earlier than its end: wait a whole window at most, callers re-check
      // whenever a send ends anyway.
      const until = Number.isFinite(leaving) ? leaving + span - now : span;
      wait = Math.max(wait, until);
    }
    return wait;
  }

  /** Whether `key` sent within the longest window (or has a send in flight). */
  used(key: string, now: number): boolean {
    return this.prune(key, now).length > 0;
  }

  reserve(key: string, now: number): Slot {
    const slot: Slot = { at: now, inFlight: true };
    const list = this.slots.get(key);
    if (list) list.push(slot);
    else this.slots.set(key, [slot]);
    return slot;
  }

  settle(slot: Slot, now: number): void {
    slot.at = now;
    slot.inFlight = false;
  }

  /** The server said "not before": honour it for every later send to this key (Retry-After). */
  block(key: string, until: number): void {
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0));
  }

  /** Drops the slots older than the longest window, in place (this runs before every look). */
  private prune(key: string, now: number): Slot[] {
    const b = this.blockedUntil.get(key);
    if (b !== undefined && b <= now) this.blockedUntil.delete(key);
    const list = this.slots.get(key);
    if (!list) return [];
    let kept = 0;
    for (const s of list) if (s.inFlight || s.at > now - this.longest) list[kept++] = s;
    list.length = kept;
    if (kept === 0) this.slots.delete(key);
    return list;
  }
}
