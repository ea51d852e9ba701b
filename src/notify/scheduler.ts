import { SlidingWindowLimiter, shareWindows } from './limits.js';
import type {
  ConversationQueue,
  Dispatch,
  SchedulableJob,
  SchedulerOptions,
  SendAnswer,
  Started,
  Timer,
} from './scheduler-types.js';
import { TimerHeap } from './timer-heap.js';

/** The per-conversation and per-tenant limiters of these options (shared by the schedulers of one process). */
export function sharedLimiters(
  o: Pick<SchedulerOptions<SchedulableJob>, 'conversationWindows' | 'tenantWindows' | 'limitShare' | 'limitMarginMs'>,
): { conversation: SlidingWindowLimiter; tenant: SlidingWindowLimiter } {
  return {
    conversation: new SlidingWindowLimiter(shareWindows(o.conversationWindows, o.limitShare), o.limitMarginMs),
    tenant: new SlidingWindowLimiter(shareWindows(o.tenantWindows, o.limitShare), o.limitMarginMs),
  };
}

/** How often the waiting conversations are checked against their leases and blocked channels. */
const SWEEP_MS = 250;

/**
 * Which queued notification may go to Teams when: per-conversation and per-tenant windows, Retry-After (only
 * the conversation that got the 429 waits), blocked channels, lease budgets. No I/O, timers or clock: `now` is given.
 *
 * Only the ready conversations are looked at by a dispatch: those whose windows opened (timer), whose
 * tenant's windows may have opened (a send of the tenant ended, or its timer), whose send in flight
 * ended, or that got new jobs. The cost per call is about the sends it starts, not the jobs queued.
 */
export class Scheduler<J extends SchedulableJob> {
  private readonly conv: SlidingWindowLimiter;
  private readonly tenant: SlidingWindowLimiter;
  /** Queued jobs per conversation (Map order: first enqueued first). */
  private readonly convs = new Map<string, ConversationQueue<J>>();
  private readonly ready = new Set<ConversationQueue<J>>();
  /** Conversations whose windows are open but whose tenant's are not, per tenant key. */
  private readonly tenantWaiters = new Map<string, Set<ConversationQueue<J>>>();
  private readonly timers = new TimerHeap<Timer<J>>();
  /** When each tenant's pending timer fires (other timers of the tenant in the heap are stale). */
  private readonly tenantTimerAt = new Map<string, number>();
  /** Channels that answered 403 MessageWritesBlocked: queued sends there are skipped, not tried. */
  private readonly blockedChannels = new Set<string>();
  private nextSweepAt = 0;
  private out: { deferred: Dispatch<J>['deferred']; skipped: J[] } = { deferred: [], skipped: [] };
  /** The counters read through the getters below. */
  private readonly n = { running: 0, queued: 0, tenantBound: 0, readyCount: 0 };

  constructor(private readonly o: SchedulerOptions<J>) {
    const shared = o.limiters ?? sharedLimiters(o);
    this.conv = shared.conversation;
    this.tenant = shared.tenant;
  }

  /** Sends started and not yet settled. */
  get running(): number {
    return this.n.running;
  }
  /** Jobs queued (not started, not handed back). */
  get queued(): number {
    return this.n.queued;
  }
  /** Queued jobs of the conversations waiting on their tenant's limit. */
  get tenantBound(): number {
    return this.n.tenantBound;
  }
  /** Conversations the limits would let go now (held back only by `concurrency`), as of the last dispatch. */
  get readyCount(): number {
    return this.n.readyCount;
  }

  enqueue(job: J): void {
    let cq = this.convs.get(job.convKey);
    if (!cq) {
      cq = {
        key: job.convKey,
        tenantKey: job.tenantKey,
        jobs: [],
        inFlight: 0,
        state: 'idle',
        wakeAt: 0,
        tenantCounted: 0,
      };
      this.convs.set(job.convKey, cq);
    }
    cq.jobs.push(job);
    this.n.queued++;
    if (cq.state === 'idle') this.makeReady(cq);
  }

  /** The bot may no longer write to this channel: its queued and future jobs are skipped. */
  blockChannel(channelId: string): void {
    this.blockedChannels.add(channelId);
  }

  /** Starts every send the limits allow at `now` (see Dispatch). */
  dispatch(now: number): Dispatch<J> {
    const out = (this.out = { deferred: [], skipped: [] });
    for (let t = this.timers.peek(); t && t.at <= now; t = this.timers.peek()) {
      this.timers.pop();
      if (t.conv) {
        if (t.conv.state === 'timer' && t.conv.wakeAt === t.at) this.makeReady(t.conv);
      } else if (t.tenantKey !== undefined && this.tenantTimerAt.get(t.tenantKey) === t.at) {
        this.tenantTimerAt.delete(t.tenantKey);
        this.wakeTenant(t.tenantKey, now);
      }
    }
    if (now >= this.nextSweepAt) {
      this.nextSweepAt = now + SWEEP_MS;
      this.sweep(now);
    }
    const started: Started<J>[] = [];
    if (this.ready.size > 0 && this.n.running < this.o.concurrency) {
      // A conversation's first notice in the limits' longest window before anyone's next (every conversation
      // reached early, whatever depth the queues of others have); then most queued jobs first, as an ideal
      // scheduler would: a conversation with many notifications waiting needs the most windows, so it starts
      // early instead of trailing at the end.
      const fresh = new Map<ConversationQueue<J>, number>();
      for (const cq of this.ready) fresh.set(cq, this.conv.used(cq.key, now) ? 1 : 0);
      const order = [...this.ready].sort(
        (a, b) => (fresh.get(a) ?? 0) - (fresh.get(b) ?? 0) || b.jobs.length - a.jobs.length,
      );
      const tenantWait = new Map<string, number>();
      for (const cq of order) {
        if (this.n.running >= this.o.concurrency) break;
        this.ready.delete(cq);
        this.startFrom(cq, now, tenantWait, started);
      }
    }
    this.n.readyCount = this.ready.size;
    const next = this.timers.peek();
    return { started, deferred: out.deferred, skipped: out.skipped, wakeAt: next ? next.at : Infinity };
  }

  /**
   * A send ended at `end`: its slots count from then on; a Retry-After blocks its conversation (and
   * only it); a 403 MessageWritesBlocked blocks its channel. Its conversation and tenant are looked at again.
   */
  settle(s: Started<J>, end: number, answer: SendAnswer): void {
    this.conv.settle(s.slots[0], end);
    this.tenant.settle(s.slots[1], end);
    if (answer.kind === 'retry' && answer.retryAfterMs !== undefined)
      this.conv.block(s.job.convKey, end + answer.retryAfterMs);
    s.conv.inFlight--;
    // Its window counted the call as "now" until here: look again (a Retry-After sets a timer then).
    if (s.conv.state !== 'ready') this.makeReady(s.conv);
    // The slot no longer counts as "now" in the tenant's window.
    this.wakeTenant(s.job.tenantKey, end);
    const channel = answer.kind === 'blocked' ? this.o.channelOf(s.job) : undefined;
    if (channel !== undefined) this.blockedChannels.add(channel);
    this.n.running--;
  }

  /** Empties every queue (a stop): returns the jobs that were still queued, in order per conversation. */
  drain(): J[] {
    const jobs: J[] = [];
    for (const cq of this.convs.values()) jobs.push(...cq.jobs.splice(0));
    this.n.queued = 0;
    this.convs.clear();
    this.ready.clear();
    this.tenantWaiters.clear();
    this.timers.clear();
    this.tenantTimerAt.clear();
    this.n.tenantBound = 0;
    this.n.readyCount = 0;
    return jobs;
  }

  /** Puts a conversation with jobs and room for a send in the ready set (from whatever it waited on). */
  private makeReady(cq: ConversationQueue<J>): void {
    if (cq.state === 'tenant') this.leaveTenantWait(cq);
    if (cq.jobs.length === 0) {
      cq.state = 'idle';
      if (cq.inFlight === 0) this.convs.delete(cq.key);
      return;
    }
    if (cq.inFlight >= this.o.conversationConcurrency) {
      cq.state = 'busy';
      return;
    }
    cq.state = 'ready';
    this.ready.add(cq);
  }

  private waitOnTenant(cq: ConversationQueue<J>, until: number): void {
    let set = this.tenantWaiters.get(cq.tenantKey);
    if (!set) {
      set = new Set();
      this.tenantWaiters.set(cq.tenantKey, set);
    }
    set.add(cq);
    cq.state = 'tenant';
    cq.tenantCounted = cq.jobs.length;
    this.n.tenantBound += cq.tenantCounted;
    this.tenantTimer(cq.tenantKey, until);
  }

  /** One pending timer per tenant with waiters, the earliest needed. */
  private tenantTimer(tenantKey: string, at: number): void {
    const pending = this.tenantTimerAt.get(tenantKey);
    if (pending !== undefined && pending <= at) return;
    this.tenantTimerAt.set(tenantKey, at);
    this.timers.push({ at, tenantKey });
  }

  private leaveTenantWait(cq: ConversationQueue<J>): void {
    const set = this.tenantWaiters.get(cq.tenantKey);
    set?.delete(cq);
    if (set?.size === 0) this.tenantWaiters.delete(cq.tenantKey);
    this.n.tenantBound -= cq.tenantCounted;
    cq.tenantCounted = 0;
  }

  /**
   * The tenant's windows may have opened (a send of it ended, or its timer): if they did, its waiting
   * conversations are looked at again; if not, they wait on, with the timer set to when they open.
   */
  private wakeTenant(tenantKey: string, now: number): void {
    const set = this.tenantWaiters.get(tenantKey);
    if (!set) return;
    const wait = this.tenant.waitMs(tenantKey, now);
    if (wait > 0) {
      this.tenantTimer(tenantKey, now + wait);
      return;
    }
    for (const cq of [...set]) this.makeReady(cq);
  }

  /**
   * Hands the conversation's queued jobs back, due at `until`: all of them, not only the ones that
   * must go, so that none overtakes an earlier one of the same conversation.
   */
  private deferAll(cq: ConversationQueue<J>, until: number): void {
    for (const job of cq.jobs) this.out.deferred.push({ job, until });
    this.n.queued -= cq.jobs.length;
    cq.jobs.length = 0;
  }

  /** Its channel blocked the bot: the queued jobs are skipped, not tried. */
  private skipBlocked(cq: ConversationQueue<J>): boolean {
    const head = cq.jobs[0];
    const channel = head === undefined ? undefined : this.o.channelOf(head);
    if (channel === undefined || !this.blockedChannels.has(channel)) return false;
    this.out.skipped.push(...cq.jobs);
    this.n.queued -= cq.jobs.length;
    cq.jobs.length = 0;
    return true;
  }

  /**
   * Would waiting `wait` ms for the next send outlive a lease? Leases follow enqueue order, so the head
   * job (claimed first) has the least left. Then the queue goes back, due when it may go.
   */
  private mustDefer(cq: ConversationQueue<J>, wait: number, now: number): boolean {
    const head = cq.jobs[0];
    if (head === undefined) return false;
    const leaseLeft = this.o.leaseEnd(head) - now;
    if (wait <= this.o.deferAfterMs && leaseLeft - wait >= this.o.sendBudgetMs) return false;
    this.deferAll(cq, now + wait);
    return true;
  }

  /** Every SWEEP_MS: the conversations not looked at by dispatch (waiting) against leases and blocked channels. */
  private sweep(now: number): void {
    for (const cq of this.convs.values()) {
      if (cq.jobs.length === 0 || cq.state === 'ready') continue;
      const wait = cq.state === 'timer' ? Math.max(0, cq.wakeAt - now) : 0;
      if (this.skipBlocked(cq) || this.mustDefer(cq, wait, now)) {
        if (cq.state !== 'busy') this.makeReady(cq);
      }
    }
  }

  /** Starts the conversation's next jobs as far as the limits allow, then files it under what it waits on. */
  private startFrom(
    cq: ConversationQueue<J>,
    now: number,
    tenantWait: Map<string, number>,
    started: Started<J>[],
  ): void {
    while (cq.jobs.length > 0 && cq.inFlight < this.o.conversationConcurrency) {
      if (this.skipBlocked(cq)) break;
      let tWait = tenantWait.get(cq.tenantKey);
      if (tWait === undefined) tenantWait.set(cq.tenantKey, (tWait = this.tenant.waitMs(cq.tenantKey, now)));
      // The tenant first: when its windows are closed (often, with many conversations in one tenant)
      // the conversation's own are looked at once the tenant's open.
      const cWait = tWait > 0 ? 0 : this.conv.waitMs(cq.key, now);
      const wait = Math.max(cWait, tWait);
      if (this.mustDefer(cq, wait, now)) break;
      if (cWait > 0) {
        cq.state = 'timer';
        cq.wakeAt = now + cWait;
        this.timers.push({ at: cq.wakeAt, conv: cq });
        return;
      }
      if (tWait > 0) {
        this.waitOnTenant(cq, now + tWait);
        return;
      }
      if (this.n.running >= this.o.concurrency) {
        cq.state = 'ready';
        this.ready.add(cq);
        return;
      }
      const job = cq.jobs.shift() as J;
      this.n.queued--;
      started.push({ job, conv: cq, slots: [this.conv.reserve(cq.key, now), this.tenant.reserve(cq.tenantKey, now)] });
      cq.inFlight++;
      this.n.running++;
      tenantWait.delete(cq.tenantKey);
    }
    this.makeReady(cq);
  }
}
