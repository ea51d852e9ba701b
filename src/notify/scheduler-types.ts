import type { RateWindow, SlidingWindowLimiter, Slot } from './limits.js';

/* The scheduler's vocabulary (scheduler.ts): what it is given, what it hands out. */

/** What the scheduler needs of a job: which conversation it goes to and whose tenant that is. */
export interface SchedulableJob {
  readonly convKey: string;
  readonly tenantKey: string;
}

export interface SchedulerOptions<J extends SchedulableJob> {
  /** Per conversation (Teams: 7/1 s, 8/2 s, 60/30 s, 1800/1 h) and per tenant (50/1 s), see limits.ts. */
  readonly conversationWindows: readonly RateWindow[];
  readonly tenantWindows: readonly RateWindow[];
  readonly limitMarginMs: number;
  readonly limitShare: number;
  /** Sends in flight at once, over all conversations, and to one conversation. */
  readonly concurrency: number;
  readonly conversationConcurrency: number;
  /** A conversation held back longer than this is handed back (see `mustDefer`). */
  readonly deferAfterMs: number;
  /** A send is not started with less lease than this left. */
  readonly sendBudgetMs: number;
  /** When the job's lease ends (ms since the epoch). */
  readonly leaseEnd: (job: J) => number;
  /** The notification channel the job posts to, if any (a 403 MessageWritesBlocked there stops it). */
  readonly channelOf: (job: J) => string | undefined;
  /**
   * The limiters, when several schedulers of one process share Teams' limits (NotifyWorker's `workers`):
   * each checks and reserves a slot in one synchronous step, so together they never exceed a window.
   */
  readonly limiters?: { readonly conversation: SlidingWindowLimiter; readonly tenant: SlidingWindowLimiter };
}

/** How a send ended, as far as the limits care (SendOutcome and "sent" fit it). */
export type SendAnswer =
  { readonly kind: 'sent' | 'blocked' | 'fatal' } | { readonly kind: 'retry'; readonly retryAfterMs?: number };

/**
 * The jobs of one conversation, in enqueue order, and where the conversation stands:
 * - `idle`: nothing queued;
 * - `ready`: in the ready set, looked at by the next dispatch;
 * - `timer`: its windows (or a Retry-After) are closed until `wakeAt`;
 * - `tenant`: its windows are open but its tenant's are not (waits on the tenant, see `tenantWaiters`);
 * - `busy`: `conversationConcurrency` sends in flight; the end of one makes it ready again.
 */
export interface ConversationQueue<J> {
  readonly key: string;
  readonly tenantKey: string;
  readonly jobs: J[];
  inFlight: number;
  state: 'idle' | 'ready' | 'timer' | 'tenant' | 'busy';
  wakeAt: number;
  /** Jobs counted in Scheduler.tenantBound while waiting on the tenant. */
  tenantCounted: number;
}

/** A send the scheduler started: hand it back to `settle` when it ends. */
export interface Started<J> {
  readonly job: J;
  readonly conv: ConversationQueue<J>;
  readonly slots: readonly [Slot, Slot];
}

/** What one dispatch decided. */
export interface Dispatch<J> {
  /** Send these now. */
  readonly started: Started<J>[];
  /** Handed back, due at `until`: the limits hold the conversation longer than a lease allows. */
  readonly deferred: { readonly job: J; readonly until: number }[];
  /** Not tried: their channel blocked the bot. */
  readonly skipped: J[];
  /** When the next timer fires (Infinity: only a send ending or new jobs can make one ready). */
  readonly wakeAt: number;
}

/** A timer: a conversation whose windows open (valid while it is still in state `timer` at `at`) or a tenant's. */
export interface Timer<J> {
  readonly at: number;
  readonly conv?: ConversationQueue<J>;
  readonly tenantKey?: string;
}
