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
import { OutboxStore, type NotifyDb } from './outbox-store.js';
import { planBatch, type EventState, type Job, type PersonFinder } from './plan.js';
import { defaultRenderer, type Renderer } from './render.js';
import type { SendPort } from './send-port.js';

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
  /** Events leased per claim (default 100) and at most held at once (default 1000). */
  readonly batchSize?: number;
  readonly maxBuffered?: number;
  /** Sends in flight at once (default 64). */
  readonly concurrency?: number;
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
  /** Outcomes are recorded once a tick, in one transaction (default 20 ms). */
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
  readonly slots: readonly [Slot, Slot];
}

/**
 * Delivers OutboxEvent rows to Teams (issue 5, item 6); the design is in src/notify/README.md.
 *
 * One loop per instance: lease a batch of due events → plan one job per (event, target) still owed →
 * start the jobs Teams' limits allow now (one "sending" write for the group, then the HTTP calls in
 * parallel) → record outcomes in batches → finish each event when its last job is recorded.
 */
export class NotifyWorker {
  readonly id: string;
  private readonly store: OutboxStore;
  private readonly o: Required<Omit<NotifyWorkerOptions, 'db' | 'kind' | 'send' | 'logger' | 'workerId' | 'defaultTenantId' | 'findPerson'>>;
  private readonly conv: SlidingWindowLimiter;
  private readonly tenant: SlidingWindowLimiter;
  private readonly queue: Job[] = [];
  private readonly events = new Map<string, EventState>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly completed: { job: Job; outcome: JobOutcome }[] = [];
  /** Channels that answered 403 MessageWritesBlocked: queued sends there are skipped, not tried. */
  private readonly blockedChannels = new Set<string>();
  private running = 0;
  private claiming = false;
  /** Queued jobs held back only by the tenant's limit, as of the last dispatch. */
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
    this.o = {
      render: opts.render ?? defaultRenderer,
      defaultLocale: opts.defaultLocale ?? 'en-US',
      clock: opts.clock ?? Date.now,
      random: opts.random ?? Math.random,
      batchSize: opts.batchSize ?? 100,
      maxBuffered: opts.maxBuffered ?? 1_000,
      concurrency: opts.concurrency ?? 64,
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
    this.conv = new SlidingWindowLimiter(shareWindows(this.o.conversationWindows, this.o.limitShare), this.o.limitMarginMs);
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

  private poke(): void {
    const w = this.waker;
    this.waker = undefined;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
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
      // Dispatch as soon as the limits allow (a window opening is the moment to send; the "sending"
      // notes are written alongside); record outcomes once a tick.
      const readyIn = this.dispatch(now);
      let flushIn = Infinity;
      if (this.completed.length > 0) {
        if (now - this.lastFlush >= this.o.tickMs || this.completed.length >= this.o.batchSize) {
          this.lastFlush = now;
          await this.flush();
        } else {
          flushIn = this.lastFlush + this.o.tickMs - now;
        }
      }
      const claimIn = !this.claiming && this.roomToClaim() ? this.nextClaimAt - this.o.clock() : Infinity;
      const wait = Math.min(readyIn, claimIn, flushIn, this.o.pollIntervalMs);
      if (wait > 0) await this.sleep(wait);
    }
    while (this.tasks.size > 0) {
      await Promise.allSettled([...this.tasks]);
      await this.flush();
    }
    const now = this.o.clock();
    for (const job of this.queue.splice(0)) this.completed.push({ job, outcome: { kind: 'defer', until: now } });
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
      store: this.store,
      render: this.o.render,
      defaultLocale: this.o.defaultLocale,
      defaultServiceUrl: this.o.defaultServiceUrl,
      defaultTenantId: this.opts.defaultTenantId,
      ...(this.opts.findPerson ? { findPerson: this.opts.findPerson } : {}),
      logger: this.opts.logger,
    });
    for (const ev of states) this.events.set(ev.row.id, ev);
    this.queue.push(...jobs);
    for (const ev of states) if (ev.pending === 0) await this.finalize(ev);
    return rows.length;
  }

  /** Starts every queued job the limits allow now; returns ms until the next one may be ready. */
  private dispatch(now: number): number {
    let soonest = Infinity;
    const memo = new Map<string, number>();
    const waitOf = (lim: SlidingWindowLimiter, key: string): number => {
      let w = memo.get(key);
      if (w === undefined) memo.set(key, (w = lim.waitMs(key, now)));
      return w;
    };
    const group: Started[] = [];
    let ready = 0;
    let tenantBound = 0;
    const kept: Job[] = [];
    // Most queued jobs first (per conversation), as an ideal scheduler would: a conversation with many
    // notifications waiting needs the most windows, so it starts early instead of trailing at the end.
    const perConv = new Map<string, number>();
    for (const job of this.queue) perConv.set(job.convKey, (perConv.get(job.convKey) ?? 0) + 1);
    const ordered = this.queue
      .map((job, i) => ({ job, i, n: perConv.get(job.convKey) ?? 0 }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map((x) => x.job);
    for (const job of ordered) {
      if (job.target.kind === 'channel' && this.blockedChannels.has(job.target.channelId)) {
        this.completed.push({ job, outcome: { kind: 'blocked', reason: 'channel blocked the bot earlier' } });
        continue;
      }
      const convWait = waitOf(this.conv, job.convKey);
      const wait = Math.max(convWait, waitOf(this.tenant, job.tenantKey));
      const leaseLeft = (job.ev.row.leaseUntil?.getTime() ?? 0) - now;
      if (wait > this.o.deferAfterMs || leaseLeft - wait < this.o.sendBudgetMs) {
        // Waiting that long in memory would outlive the lease: hand it back, due when it may go.
        this.completed.push({ job, outcome: { kind: 'defer', until: now + wait } });
        continue;
      }
      if (wait > 0 || this.running >= this.o.concurrency) {
        if (wait > 0) soonest = Math.min(soonest, wait);
        else ready++;
        if (wait > 0 && convWait === 0) tenantBound++;
        kept.push(job);
        continue;
      }
      memo.delete(job.convKey);
      memo.delete(job.tenantKey);
      group.push({ job, slots: [this.conv.reserve(job.convKey, now), this.tenant.reserve(job.tenantKey, now)] });
      this.running++;
    }
    this.queue.splice(0, this.queue.length, ...kept);
    this.readyQueued = ready;
    this.tenantBound = tenantBound;
    if (group.length) this.track(this.startGroup(group));
    return this.queue.length === 0 ? Infinity : soonest;
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

  /** The calls of one tick in parallel, with their "sending" note written alongside. */
  private async startGroup(group: readonly Started[]): Promise<void> {
    const intent = this.store
      .markSending(group.map((g) => ({ eventId: g.job.ev.row.id, targetKey: g.job.targetKey })))
      .catch((err: unknown) => this.opts.logger.warn({ err, worker: this.id }, 'noting deliveries in progress failed'));
    await Promise.all(group.map((g) => this.call(g)));
    await intent;
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
    for (const slot of g.slots) (slot === g.slots[0] ? this.conv : this.tenant).settle(slot, end);
    if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined) this.conv.block(g.job.convKey, end + outcome.retryAfterMs);
    if (outcome.kind === 'blocked' && g.job.target.kind === 'channel') this.blockedChannels.add(g.job.target.channelId);
    this.running--;
    this.completed.push({ job: g.job, outcome });
    this.poke();
  }

  /** Records finished jobs: successes in two statements for the lot, the rest one by one. */
  private async flush(): Promise<void> {
    while (this.completed.length > 0) {
      const batch = this.completed.splice(0);
      for (const b of batch) if (b.outcome.kind !== 'sent') await this.record(b.job, b.outcome);
      const sent = batch.filter((b) => b.outcome.kind === 'sent');
      for (const b of sent) b.job.ev.sent++;
      const finished = new Set<EventState>();
      for (const b of batch) {
        b.job.ev.pending--;
        if (b.job.ev.pending <= 0) finished.add(b.job.ev);
      }
      const allSent = [...finished].filter((ev) => !ev.retry && ev.deferUntil === undefined && ev.dead.length === 0 && ev.skipped.length === 0);
      for (const ev of allSent) this.events.delete(ev.row.id);
      try {
        // The deliveries and the events they complete, in one transaction.
        const n = await this.store.recordSent(
          sent.map((b) => ({ eventId: b.job.ev.row.id, targetKey: b.job.targetKey })),
          allSent.map((ev) => ev.row.id),
          this.id,
          new Date(this.o.clock()),
        );
        if (n !== allSent.length) this.opts.logger.warn({ worker: this.id, lost: allSent.length - n }, 'leases lost before events were finished');
      } catch (err) {
        // Not recorded: the rows stay "sending"; the leases run out and the events go again (the duplicate window).
        this.opts.logger.error({ err, worker: this.id }, 'recording sent notifications failed');
      }
      for (const ev of finished) if (!allSent.includes(ev)) await this.finalize(ev);
    }
  }

  private async record(job: Job, outcome: Exclude<JobOutcome, { kind: 'sent' }>): Promise<void> {
    const { ev } = job;
    const eventId = ev.row.id;
    try {
      switch (outcome.kind) {
        case 'blocked':
          ev.skipped.push(outcome.reason);
          await this.store.setDelivery(eventId, job.targetKey, 'skipped', { error: outcome.reason });
          if (job.target.kind === 'channel') {
            const at = new Date(this.o.clock());
            const queued = await this.store.deactivateChannel(job.target.channelId, `MessageWritesBlocked: ${outcome.reason}`, at);
            if (queued > 0) {
              this.opts.logger.warn({ channelId: job.target.channelId, queued }, 'notification channel blocked the bot; marked inactive');
              this.wake();
            }
          }
          break;
        case 'fatal':
          ev.dead.push(outcome.reason);
          await this.store.setDelivery(eventId, job.targetKey, 'dead', { error: outcome.reason });
          break;
        case 'retry':
          if (!ev.retry || (outcome.retryAfterMs ?? 0) > (ev.retry.retryAfterMs ?? 0)) ev.retry = outcome;
          await this.store.setDelivery(eventId, job.targetKey, 'retry', { error: outcome.reason });
          break;
        case 'defer':
          ev.deferUntil = Math.max(ev.deferUntil ?? 0, outcome.until);
          break;
      }
    } catch (err) {
      this.opts.logger.error({ err, eventId }, 'recording a notification outcome failed');
      ev.retry ??= { reason: 'database: recording the outcome failed' };
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
          ok = await this.store.finish(row.id, this.id, { status: 'dead', attempts, lastError: `gave up after ${attempts} attempts: ${ev.retry.reason}` });
          await this.store.markRetriesDead(row.id);
        } else {
          const delay = backoffMs(attempts, { baseMs: this.o.backoffBaseMs, capMs: this.o.backoffCapMs }, this.o.random, ev.retry.retryAfterMs);
          const at = Math.max(now + delay, ev.deferUntil ?? 0);
          ok = await this.store.finish(row.id, this.id, { status: 'pending', attempts, nextAttemptAt: new Date(at), lastError: ev.retry.reason });
          this.nextClaimAt = Math.min(this.nextClaimAt, at);
        }
      } else if (ev.deferUntil !== undefined) {
        await this.store.release([row.id], this.id, new Date(ev.deferUntil));
        this.nextClaimAt = Math.min(this.nextClaimAt, ev.deferUntil);
      } else if (ev.sent > 0 && ev.dead.length === 0) {
        ok = await this.store.finish(row.id, this.id, { status: 'sent', sentAt: new Date(now), lastError: ev.skipped.length ? ev.skipped.join('; ') : null });
      } else {
        const why = [...ev.dead, ...ev.skipped];
        ok = await this.store.finish(row.id, this.id, { status: 'dead', lastError: why.length ? why.join('; ') : 'no active notification channel' });
      }
    } catch (err) {
      // The lease runs out and another round (or instance) takes the event again.
      this.opts.logger.error({ err, eventId: row.id }, 'finishing a notification failed');
    }
    if (!ok) this.opts.logger.warn({ eventId: row.id, worker: this.id }, 'lease lost before the event was finished');
  }
}
