import { randomUUID } from 'node:crypto';
import type { Locale } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { backoffMs, classifySendError, type SendOutcome } from './classify.js';
import {
  SlidingWindowLimiter,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
  shareWindows,
  type RateWindow,
  type Slot,
} from './limits.js';
import { deactivateChannel } from './deactivate-channel.js';
import { OutboxStore, type DeliveryRow, type Pair } from './outbox-store.js';
import { planBatch, type EventState, type Job, type PersonFinder } from './plan.js';
import { defaultRenderer, type Renderer } from './render.js';
import type { SendPort } from './send-port.js';
import type { NotifyDb } from './store-sql.js';
import { TargetReads } from './target-reads.js';

export interface NotifyWorkerOptions {
  readonly db: NotifyDb;
  readonly kind: 'sqlite' | 'postgres';
  readonly send: SendPort;
  readonly logger: Logger;
  readonly render?: Renderer;
  readonly defaultLocale?: Locale;
  /** Distinguishes this instance's leases; random by default. */
  readonly workerId?: string;
  readonly clock?: () => number;
  readonly random?: () => number;
  /** Events leased per claim (default 250) and at most held at once (default 5000). */
  readonly batchSize?: number;
  readonly maxBuffered?: number;
  /** Sends in flight at once, over all conversations (default 64). */
  readonly concurrency?: number;
  /**
   * Sends in flight at once to one conversation (default 1: each starts when the one before it has
   * been answered, so a conversation receives its notifications in the order they were claimed).
   */
  readonly conversationConcurrency?: number;
  /** Fallback poll when nobody calls wake() (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Lease length (default 120 s): far longer than any send, so a live owner never loses its rows. */
  readonly leaseMs?: number;
  /** A send is not started with less lease than this left (default 30 s). */
  readonly sendBudgetMs?: number;
  /** Attempts (failed rounds) before an event is dead (default 8). */
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** A target that the limiter holds back longer than this goes back to the database (default 15 s). */
  readonly deferAfterMs?: number;
  readonly conversationWindows?: readonly RateWindow[];
  readonly tenantWindows?: readonly RateWindow[];
  /** Widens every window (clock skew, jitter; default 10 ms). */
  readonly limitMarginMs?: number;
  /** Share of Teams' limits this instance may use when several send for one bot (default 1). */
  readonly limitShare?: number;
  /** Outcomes (and "sending" notes) are recorded once a tick, in one transaction (default 20 ms). */
  readonly tickMs?: number;
  /** Service URL for people whose organisation has no channel yet. */
  readonly defaultServiceUrl?: string;
  /** Tenant for "aad:" recipients that have no User row (program administrators): the bot's home tenant. */
  readonly defaultTenantId?: string;
  /** Where "aad:" recipients last talked to the bot in personal chat (tried before the two above). */
  readonly findPerson?: PersonFinder;
}

type JobOutcome =
  | SendOutcome
  | { readonly kind: 'sent'; readonly activityId?: string }
  | { readonly kind: 'defer'; readonly until: number };

interface Started {
  readonly job: Job;
  readonly conv: ConvQueue;
  readonly slots: readonly [Slot, Slot];
}

/**
 * The jobs of one conversation, in claim order, and where the conversation stands:
 * - `idle`: nothing queued;
 * - `ready`: in the ready set, looked at by the next dispatch;
 * - `timer`: its windows (or a Retry-After) are closed until `wakeAt`;
 * - `tenant`: its windows are open but its tenant's are not (waits on the tenant, see `tenantWaiters`);
 * - `busy`: `conversationConcurrency` sends in flight; the end of one makes it ready again.
 */
interface ConvQueue {
  readonly key: string;
  readonly tenantKey: string;
  readonly jobs: Job[];
  inFlight: number;
  state: 'idle' | 'ready' | 'timer' | 'tenant' | 'busy';
  wakeAt: number;
  /** Jobs counted in NotifyWorker.tenantBound while waiting on the tenant. */
  tenantCounted: number;
}

/** A timer: a conversation whose windows open (valid while it is still in state `timer` at `at`) or a tenant's. */
interface Timer {
  readonly at: number;
  readonly conv?: ConvQueue;
  readonly tenantKey?: string;
}

/** Binary min-heap of timers by `at` (stale entries are skipped when they come up). */
class TimerHeap {
  private readonly a: Timer[] = [];

  get size(): number {
    return this.a.length;
  }

  peek(): Timer | undefined {
    return this.a[0];
  }

  push(t: Timer): void {
    const a = this.a;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].at <= t.at) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = t;
  }

  pop(): Timer | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && a[r].at < a[l].at ? r : l;
      if (a[c].at >= last.at) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = last;
    return top;
  }

  clear(): void {
    this.a.length = 0;
  }
}

/** How often the queued jobs are checked against their leases and blocked channels. */
const SWEEP_MS = 250;

/**
 * Delivers OutboxEvent rows to Teams (issue 5, item 6); the design is in src/notify/README.md.
 *
 * One loop per instance: lease a batch of due events → plan one job per (event, target) still owed,
 * queued per conversation → start every conversation's next job that Teams' limits allow now (HTTP
 * calls in parallel across conversations, `conversationConcurrency` within one) → once a tick, in one
 * transaction, write the "sending" notes of the calls started and the outcomes of the calls ended,
 * finishing the events whose last job that was.
 */
export class NotifyWorker {
  readonly id: string;
  private readonly store: OutboxStore;
  private readonly reads: TargetReads;
  private readonly o: Required<
    Omit<NotifyWorkerOptions, 'db' | 'kind' | 'send' | 'logger' | 'workerId' | 'defaultTenantId' | 'findPerson'>
  >;
  private readonly conv: SlidingWindowLimiter;
  private readonly tenant: SlidingWindowLimiter;
  /** Queued jobs per conversation (Map order: first claimed first). */
  private readonly convs = new Map<string, ConvQueue>();
  /** Conversations the next dispatch looks at (see ConvQueue.state). */
  private readonly ready = new Set<ConvQueue>();
  /** Conversations whose windows are open but whose tenant's are not, per tenant key. */
  private readonly tenantWaiters = new Map<string, Set<ConvQueue>>();
  private readonly timers = new TimerHeap();
  /** When each tenant's pending timer fires (other timers of the tenant in the heap are stale). */
  private readonly tenantTimerAt = new Map<string, number>();
  private queued = 0;
  private readonly events = new Map<string, EventState>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly completed: { job: Job; outcome: JobOutcome }[] = [];
  /** Calls started since the last flush: their "sending" notes are written with it. */
  private readonly noting: Job[] = [];
  private flushing = false;
  private pokeScheduled = false;
  private nextSweepAt = 0;
  /** Channels that answered 403 MessageWritesBlocked: queued sends there are skipped, not tried. */
  private readonly blockedChannels = new Set<string>();
  private running = 0;
  private claiming = false;
  /** Queued jobs of the conversations waiting on their tenant's limit. */
  private tenantBound = 0;
  /** Queued jobs the limits would let go now (held back only by `concurrency`), as of the last dispatch. */
  private readyQueued = 0;
  private lastFlush = 0;
  private nextClaimAt = 0;
  private stopping = false;
  private loopDone?: Promise<void>;
  private waker?: () => void;

  constructor(private readonly opts: NotifyWorkerOptions) {
    this.id = opts.workerId ?? `notify-${randomUUID()}`;
    this.store = new OutboxStore(opts.db, opts.kind);
    this.reads = new TargetReads(opts.db);
    this.o = {
      render: opts.render ?? defaultRenderer,
      defaultLocale: opts.defaultLocale ?? 'en-US',
      clock: opts.clock ?? Date.now,
      random: opts.random ?? Math.random,
      batchSize: opts.batchSize ?? 250,
      maxBuffered: opts.maxBuffered ?? 5_000,
      concurrency: opts.concurrency ?? 64,
      conversationConcurrency: opts.conversationConcurrency ?? 1,
      pollIntervalMs: opts.pollIntervalMs ?? 1_000,
      leaseMs: opts.leaseMs ?? 120_000,
      sendBudgetMs: opts.sendBudgetMs ?? 30_000,
      maxAttempts: opts.maxAttempts ?? 8,
      backoffBaseMs: opts.backoffBaseMs ?? 1_000,
      backoffCapMs: opts.backoffCapMs ?? 300_000,
      deferAfterMs: opts.deferAfterMs ?? 15_000,
      conversationWindows: opts.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS,
      tenantWindows: opts.tenantWindows ?? TEAMS_TENANT_WINDOWS,
      limitMarginMs: opts.limitMarginMs ?? 10,
      limitShare: opts.limitShare ?? 1,
      defaultServiceUrl: opts.defaultServiceUrl ?? 'https://smba.trafficmanager.net/teams/',
      tickMs: opts.tickMs ?? 20,
    };
    this.conv = new SlidingWindowLimiter(
      shareWindows(this.o.conversationWindows, this.o.limitShare),
      this.o.limitMarginMs,
    );
    this.tenant = new SlidingWindowLimiter(shareWindows(this.o.tenantWindows, this.o.limitShare), this.o.limitMarginMs);
  }

  start(): void {
    if (this.loopDone) return;
    this.stopping = false;
    this.loopDone = this.loop().catch((err: unknown) => {
      this.opts.logger.error({ err, worker: this.id }, 'notify worker stopped on an error');
    });
  }

  /** Lets the sends in flight finish and records them, hands every other leased event back, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.poke();
    await this.loopDone;
    this.loopDone = undefined;
  }

  /** New events were committed: look now instead of at the next poll. */
  wake(): void {
    this.nextClaimAt = 0;
    this.poke();
  }

  /** Events held in memory (claimed, not yet finished). */
  get busy(): number {
    return this.events.size;
  }

  /**
   * Wakes the loop, from a macrotask: SQLite answers synchronously, so a loop woken from a promise
   * chain (claim → plan → wake → claim …) would never let the event loop reach the HTTP answers and
   * timers in between. Several pokes in one turn (a burst of answers) wake the loop once.
   */
  private poke(): void {
    if (this.pokeScheduled) return;
    this.pokeScheduled = true;
    setImmediate(() => {
      this.pokeScheduled = false;
      const w = this.waker;
      this.waker = undefined;
      w?.();
    });
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.waker === done) this.waker = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, Math.min(ms, 60_000)));
      this.waker = done;
    });
  }

  /**
   * Claim more while fewer than a batch of queued jobs could go right now: jobs held back by one
   * conversation's limits must not keep other conversations' events waiting in the database.
   */
  private roomToClaim(): boolean {
    // Jobs held back by the tenant limit still count as work in hand, but keep a deeper buffer of them:
    // the scheduler can only spread a conversation's events over its windows if it sees them early.
    return this.readyQueued + this.tenantBound / 4 < this.o.batchSize && this.events.size < this.o.maxBuffered;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const now = this.o.clock();
      if (!this.claiming && now >= this.nextClaimAt && this.roomToClaim()) {
        // In the background: sending goes on while the next batch is read.
        this.claiming = true;
        this.track(this.claimTask(now));
      }
      // Dispatch as soon as the limits allow (a window opening is the moment to send); record notes
      // and outcomes once a tick, in the background too, one flush at a time.
      const readyIn = this.dispatch(now);
      let flushIn = Infinity;
      if (!this.flushing && (this.completed.length > 0 || this.noting.length > 0)) {
        if (now - this.lastFlush >= this.o.tickMs || this.completed.length >= this.o.batchSize) {
          this.lastFlush = now;
          this.flushing = true;
          this.track(this.flushTask());
        } else {
          flushIn = this.lastFlush + this.o.tickMs - now;
        }
      }
      const claimIn = !this.claiming && this.roomToClaim() ? this.nextClaimAt - this.o.clock() : Infinity;
      const wait = Math.min(readyIn, claimIn, flushIn, this.o.pollIntervalMs);
      await this.sleep(wait);
    }
    while (this.tasks.size > 0) {
      await Promise.allSettled([...this.tasks]);
      await this.flush();
    }
    const now = this.o.clock();
    for (const cq of this.convs.values()) this.deferAll(cq, now);
    this.convs.clear();
    this.ready.clear();
    this.tenantWaiters.clear();
    this.timers.clear();
    this.tenantTimerAt.clear();
    this.tenantBound = 0;
    await this.flush();
  }

  private async claimTask(now: number): Promise<void> {
    let claimed = 0;
    try {
      claimed = await this.claim(now);
    } catch (err) {
      this.opts.logger.warn({ err, worker: this.id }, 'claiming notifications failed; will retry');
    } finally {
      this.claiming = false;
    }
    const after = this.o.clock();
    if (claimed === 0 && this.nextClaimAt <= after) this.nextClaimAt = after + this.o.pollIntervalMs;
  }

  private async claim(now: number): Promise<number> {
    const room = Math.min(this.o.batchSize, this.o.maxBuffered - this.events.size);
    const rows = await this.store.claim(this.id, new Date(now), new Date(now + this.o.leaseMs), room);
    if (rows.length === 0) return 0;
    const { states, jobs } = await planBatch(rows, {
      store: this.reads,
      render: this.o.render,
      defaultLocale: this.o.defaultLocale,
      defaultServiceUrl: this.o.defaultServiceUrl,
      defaultTenantId: this.opts.defaultTenantId,
      ...(this.opts.findPerson ? { findPerson: this.opts.findPerson } : {}),
      logger: this.opts.logger,
    });
    for (const ev of states) this.events.set(ev.row.id, ev);
    for (const job of jobs) this.enqueue(job);
    for (const ev of states) if (ev.pending === 0) await this.finalize(ev);
    return rows.length;
  }

  private enqueue(job: Job): void {
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
    this.queued++;
    if (cq.state === 'idle') this.makeReady(cq);
  }

  /** Puts a conversation with jobs and room for a send in the ready set (from whatever it waited on). */
  private makeReady(cq: ConvQueue): void {
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

  private waitOnTenant(cq: ConvQueue, until: number): void {
    let set = this.tenantWaiters.get(cq.tenantKey);
    if (!set) {
      set = new Set();
      this.tenantWaiters.set(cq.tenantKey, set);
    }
    set.add(cq);
    cq.state = 'tenant';
    cq.tenantCounted = cq.jobs.length;
    this.tenantBound += cq.tenantCounted;
    this.tenantTimer(cq.tenantKey, until);
  }

  /** One pending timer per tenant with waiters, the earliest needed. */
  private tenantTimer(tenantKey: string, at: number): void {
    const pending = this.tenantTimerAt.get(tenantKey);
    if (pending !== undefined && pending <= at) return;
    this.tenantTimerAt.set(tenantKey, at);
    this.timers.push({ at, tenantKey });
  }

  private leaveTenantWait(cq: ConvQueue): void {
    const set = this.tenantWaiters.get(cq.tenantKey);
    set?.delete(cq);
    if (set?.size === 0) this.tenantWaiters.delete(cq.tenantKey);
    this.tenantBound -= cq.tenantCounted;
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
   * Hands the conversation's queued jobs back to the database, due at `until`: all of them, not only
   * the ones that must go, so that none overtakes an earlier one of the same conversation.
   */
  private deferAll(cq: ConvQueue, until: number): void {
    for (const job of cq.jobs) this.completed.push({ job, outcome: { kind: 'defer', until } });
    this.queued -= cq.jobs.length;
    cq.jobs.length = 0;
  }

  /** Its channel blocked the bot: the queued jobs are skipped, not tried. */
  private skipBlocked(cq: ConvQueue): boolean {
    const head = cq.jobs[0];
    if (head?.target.kind !== 'channel' || !this.blockedChannels.has(head.target.channelId)) return false;
    for (const job of cq.jobs)
      this.completed.push({ job, outcome: { kind: 'blocked', reason: 'channel blocked the bot earlier' } });
    this.queued -= cq.jobs.length;
    cq.jobs.length = 0;
    return true;
  }

  /**
   * Would waiting `wait` ms for the next send outlive a lease? Leases follow claim order, so the head
   * job (claimed first) has the least left. Then the queue goes back, due when it may go.
   */
  private mustDefer(cq: ConvQueue, wait: number, now: number): boolean {
    const head = cq.jobs[0];
    if (!head) return false;
    const leaseLeft = (head.ev.row.leaseUntil?.getTime() ?? 0) - now;
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

  /**
   * Starts every send the limits allow now; returns ms until the next timer (Infinity: only a send
   * ending, a claim or a wake can make one ready).
   *
   * Only the ready conversations are looked at: those whose windows opened (timer), whose tenant's
   * windows may have opened (a send of the tenant ended, or its timer), whose send in flight ended, or
   * that got new jobs. The cost per call is about the sends it starts, not the jobs queued.
   */
  private dispatch(now: number): number {
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
    if (this.ready.size > 0 && this.running < this.o.concurrency) {
      // Most queued jobs first, as an ideal scheduler would: a conversation with many notifications
      // waiting needs the most windows, so it starts early instead of trailing at the end.
      const order = [...this.ready].sort((a, b) => b.jobs.length - a.jobs.length);
      const tenantWait = new Map<string, number>();
      const started: Started[] = [];
      for (const cq of order) {
        if (this.running >= this.o.concurrency) break;
        this.ready.delete(cq);
        this.startFrom(cq, now, tenantWait, started);
      }
      for (const g of started) {
        this.noting.push(g.job);
        this.track(this.call(g));
      }
    }
    this.readyQueued = this.ready.size;
    const next = this.timers.peek();
    return next ? Math.max(0, next.at - now) : Infinity;
  }

  /** Starts the conversation's next jobs as far as the limits allow, then files it under what it waits on. */
  private startFrom(cq: ConvQueue, now: number, tenantWait: Map<string, number>, started: Started[]): void {
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
      if (this.running >= this.o.concurrency) {
        cq.state = 'ready';
        this.ready.add(cq);
        return;
      }
      const job = cq.jobs.shift() as Job;
      this.queued--;
      started.push({ job, conv: cq, slots: [this.conv.reserve(cq.key, now), this.tenant.reserve(cq.tenantKey, now)] });
      cq.inFlight++;
      this.running++;
      tenantWait.delete(cq.tenantKey);
    }
    this.makeReady(cq);
  }

  private track(p: Promise<void>): void {
    const tracked = p
      .catch((err: unknown) => this.opts.logger.error({ err, worker: this.id }, 'notification bookkeeping failed'))
      .finally(() => {
        this.tasks.delete(tracked);
        this.poke();
      });
    this.tasks.add(tracked);
  }

  private async call(g: Started): Promise<void> {
    let outcome: JobOutcome;
    try {
      const res = await this.opts.send(g.job.target, g.job.activity);
      outcome = res.activityId === undefined ? { kind: 'sent' } : { kind: 'sent', activityId: res.activityId };
    } catch (err) {
      outcome = classifySendError(err, this.o.clock());
    }
    this.done(g, outcome);
  }

  private done(g: Started, outcome: JobOutcome): void {
    const end = this.o.clock();
    this.conv.settle(g.slots[0], end);
    this.tenant.settle(g.slots[1], end);
    if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined)
      this.conv.block(g.job.convKey, end + outcome.retryAfterMs);
    g.conv.inFlight--;
    // Its window counted the call as "now" until here: look again (a Retry-After sets a timer then).
    if (g.conv.state !== 'ready') this.makeReady(g.conv);
    // The slot no longer counts as "now" in the tenant's window.
    this.wakeTenant(g.job.tenantKey, end);
    if (outcome.kind === 'blocked' && g.job.target.kind === 'channel') this.blockedChannels.add(g.job.target.channelId);
    this.running--;
    this.completed.push({ job: g.job, outcome });
    this.poke();
  }

  private async flushTask(): Promise<void> {
    try {
      await this.flushOnce();
    } finally {
      this.flushing = false;
    }
  }

  private async flush(): Promise<void> {
    while (this.completed.length > 0 || this.noting.length > 0) await this.flushOnce();
  }

  /**
   * Records one tick: the "sending" notes of calls started and not yet answered, the outcome of every
   * call answered and the events those complete with every target sent, in one transaction; then the
   * events that end otherwise (retry, defer, dead, partly skipped), and channels that blocked the bot.
   */
  private async flushOnce(): Promise<void> {
    const batch = this.completed.splice(0);
    const answered = new Set(batch.map((b) => b.job));
    const sending = this.noting.splice(0).filter((job) => !answered.has(job));
    const sent: Pair[] = [];
    const other: DeliveryRow[] = [];
    const troubled = new Set<EventState>();
    const blocked = new Map<string, string>();
    const finished = new Set<EventState>();
    for (const { job, outcome } of batch) {
      const { ev } = job;
      const pair = { eventId: ev.row.id, targetKey: job.targetKey };
      switch (outcome.kind) {
        case 'sent':
          ev.sent++;
          sent.push(pair);
          break;
        case 'blocked':
          ev.skipped.push(outcome.reason);
          other.push({ ...pair, status: 'skipped', error: outcome.reason });
          troubled.add(ev);
          if (job.target.kind === 'channel') blocked.set(job.target.channelId, outcome.reason);
          break;
        case 'fatal':
          ev.dead.push(outcome.reason);
          other.push({ ...pair, status: 'dead', error: outcome.reason });
          troubled.add(ev);
          break;
        case 'retry':
          if (!ev.retry || (outcome.retryAfterMs ?? 0) > (ev.retry.retryAfterMs ?? 0)) ev.retry = outcome;
          other.push({ ...pair, status: 'retry', error: outcome.reason });
          troubled.add(ev);
          break;
        case 'defer':
          ev.deferUntil = Math.max(ev.deferUntil ?? 0, outcome.until);
          break;
      }
      ev.pending--;
      if (ev.pending <= 0) finished.add(ev);
    }
    const allSent = [...finished].filter(
      (ev) => !ev.retry && ev.deferUntil === undefined && ev.dead.length === 0 && ev.skipped.length === 0,
    );
    for (const ev of allSent) this.events.delete(ev.row.id);
    try {
      const n = await this.store.record({
        sending: sending.map((job) => ({ eventId: job.ev.row.id, targetKey: job.targetKey })),
        outcomes: other,
        sent,
        finishedEventIds: allSent.map((ev) => ev.row.id),
        owner: this.id,
        at: new Date(this.o.clock()),
      });
      if (n !== allSent.length)
        this.opts.logger.warn({ worker: this.id, lost: allSent.length - n }, 'leases lost before events were finished');
    } catch (err) {
      // Successes not recorded: the rows stay "sending"; the leases run out and the events go again
      // (the duplicate window). Other outcomes not recorded: their events go back for another round.
      this.opts.logger.error({ err, worker: this.id }, 'recording notification outcomes failed');
      for (const ev of troubled) ev.retry ??= { reason: 'database: recording the outcome failed' };
    }
    for (const [channelId, reason] of blocked) {
      try {
        const queued = await deactivateChannel(
          this.opts.db,
          channelId,
          `MessageWritesBlocked: ${reason}`,
          new Date(this.o.clock()),
        );
        if (queued > 0) {
          this.opts.logger.warn({ channelId, queued }, 'notification channel blocked the bot; marked inactive');
          this.wake();
        }
      } catch (err) {
        this.opts.logger.error({ err, channelId }, 'marking a blocked notification channel inactive failed');
      }
    }
    const rest = [...finished].filter((ev) => !allSent.includes(ev));
    // Hand-backs without an attempt (a stop, long limiter waits) go in one statement per due time.
    const releases = new Map<number, string[]>();
    for (const ev of rest) {
      if (!ev.retry && ev.deferUntil !== undefined) {
        this.events.delete(ev.row.id);
        releases.set(ev.deferUntil, [...(releases.get(ev.deferUntil) ?? []), ev.row.id]);
      } else {
        await this.finalize(ev);
      }
    }
    for (const [until, ids] of releases) {
      try {
        await this.store.release(ids, this.id, new Date(until));
        this.nextClaimAt = Math.min(this.nextClaimAt, until);
      } catch (err) {
        // The leases run out and another round (or instance) takes the events again.
        this.opts.logger.error({ err, events: ids.length }, 'handing notifications back failed');
      }
    }
  }

  /** Ends the lease with the event's new state (the uncommon paths; all-sent events go in batches). */
  private async finalize(ev: EventState): Promise<void> {
    this.events.delete(ev.row.id);
    const now = this.o.clock();
    const { row } = ev;
    let ok = true;
    try {
      if (ev.retry) {
        const attempts = row.attempts + 1;
        if (attempts >= this.o.maxAttempts) {
          ok = await this.store.finish(row.id, this.id, {
            status: 'dead',
            attempts,
            lastError: `gave up after ${attempts} attempts: ${ev.retry.reason}`,
          });
          await this.store.markRetriesDead(row.id);
        } else {
          const delay = backoffMs(
            attempts,
            { baseMs: this.o.backoffBaseMs, capMs: this.o.backoffCapMs },
            this.o.random,
            ev.retry.retryAfterMs,
          );
          const at = Math.max(now + delay, ev.deferUntil ?? 0);
          ok = await this.store.finish(row.id, this.id, {
            status: 'pending',
            attempts,
            nextAttemptAt: new Date(at),
            lastError: ev.retry.reason,
          });
          this.nextClaimAt = Math.min(this.nextClaimAt, at);
        }
      } else if (ev.deferUntil !== undefined) {
        await this.store.release([row.id], this.id, new Date(ev.deferUntil));
        this.nextClaimAt = Math.min(this.nextClaimAt, ev.deferUntil);
      } else if (ev.sent > 0 && ev.dead.length === 0) {
        ok = await this.store.finish(row.id, this.id, {
          status: 'sent',
          sentAt: new Date(now),
          lastError: ev.skipped.length ? ev.skipped.join('; ') : null,
        });
      } else {
        const why = [...ev.dead, ...ev.skipped];
        ok = await this.store.finish(row.id, this.id, {
          status: 'dead',
          lastError: why.length ? why.join('; ') : 'no active notification channel',
        });
      }
    } catch (err) {
      // The lease runs out and another round (or instance) takes the event again.
      this.opts.logger.error({ err, eventId: row.id }, 'finishing a notification failed');
    }
    if (!ok) this.opts.logger.warn({ eventId: row.id, worker: this.id }, 'lease lost before the event was finished');
  }
}
