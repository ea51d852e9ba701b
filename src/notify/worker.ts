import { randomUUID } from 'node:crypto';
import type { OutboxEvent } from '../generated/sqlite/client.js';
import { noteDelivery } from '../telemetry/delivery-events.js';
import { classifySendError } from './classify.js';
import type { JobOutcome } from './outcome.js';
import { renewLeases } from './lease-renewal.js';
import { LoopWaker } from './loop-waker.js';
import { OutboxStore } from './outbox-store.js';
import { planBatch, type EventState, type Job } from './plan.js';
import { OutcomeRecorder } from './record.js';
import { Scheduler, sharedLimiters } from './scheduler.js';
import { SendingNotes } from './sending-notes.js';
import type { SchedulerOptions, SendAnswer, Started } from './scheduler-types.js';
import { TargetReads } from './target-reads.js';
import { resolveWorkerOptions, type NotifyWorkerOptions, type ResolvedWorkerOptions } from './worker-options.js';

export type { NotifyWorkerOptions } from './worker-options.js';

/**
 * Delivers OutboxEvent rows to Teams (issue 5, item 6); the design is in src/notify/README.md.
 *
 * One loop per instance: lease a batch of due events (claim) → plan one job per (event, target) still
 * owed (plan.ts) → start every job Teams' limits allow now (scheduler.ts; HTTP calls in parallel across
 * conversations, `conversationConcurrency` within one), each post going once the "sending" notes of
 * its dispatch round are written (one statement) → once a tick, in one transaction, record the outcomes
 * of the calls ended (outcome.ts), finishing the events whose last job that was.
 */
export class NotifyWorker {
  readonly id: string;
  private readonly store: OutboxStore;
  private readonly reads: TargetReads;
  private readonly o: ResolvedWorkerOptions;
  private readonly scheduler: Scheduler<Job>;
  private readonly recorder: OutcomeRecorder;
  private readonly events = new Map<string, EventState>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly completed: { job: Job; outcome: JobOutcome }[] = [];
  private readonly notes: SendingNotes;
  private flushing = false;
  private claiming = false;
  private lastFlush = 0;
  private lastRenew = 0;
  private renewing = false;
  private readonly counts = { interruptedResends: 0, unansweredSends: 0, leasesLost: 0 };
  private nextClaimAt = 0;
  /** Every due target's oldest event is held here (see roomToClaim); cleared by wake, a due retry or a poll. */
  private depthOnly = false;
  private lastClaimAt = 0;
  /** Counts the reasons to look for new targets (wake, a due retry): one during a claim keeps its pause off. */
  private newWork = 0;
  private stopping = false;
  private loopDone?: Promise<void>;
  private readonly waker = new LoopWaker();

  /** The other delivery loops of this process (`workers` > 1): started, woken and stopped with this one. */
  private readonly siblings: NotifyWorker[] = [];

  constructor(
    private readonly opts: NotifyWorkerOptions,
    shared?: SchedulerOptions<Job>['limiters'],
  ) {
    this.id = opts.workerId ?? `notify-${randomUUID()}`;
    this.store = new OutboxStore(opts.db, opts.hot);
    this.reads = new TargetReads(opts.db, opts.hot);
    this.o = resolveWorkerOptions(opts);
    const limiters = shared ?? sharedLimiters(this.o);
    if (!shared)
      for (let i = 2; i <= this.o.workers; i++)
        this.siblings.push(new NotifyWorker({ ...opts, workers: 1, workerId: `${this.id}/${i}` }, limiters));
    this.scheduler = new Scheduler<Job>({
      ...this.o,
      limiters,
      leaseEnd: (job) => job.ev.row.leaseUntil?.getTime() ?? 0,
      channelOf: (job) => (job.target.kind === 'channel' ? job.target.channelId : undefined),
    });
    this.recorder = new OutcomeRecorder({
      db: opts.db,
      store: this.store,
      owner: this.id,
      logger: opts.logger,
      clock: this.o.clock,
      random: this.o.random,
      policy: this.o,
      events: this.events,
      dueAt: (at) => {
        this.nextClaimAt = Math.min(this.nextClaimAt, at);
        this.depthOnly = false;
        this.newWork++;
      },
      wake: () => this.wake(),
    });
    this.notes = new SendingNotes({
      write: (keys, at) => this.store.noteSending(keys, at),
      clock: this.o.clock,
      onError: (err, count) =>
        opts.logger.error(
          { err, worker: this.id, deliveries: count },
          'writing notification sending notes failed; those posts are not sent and go again later',
        ),
      track: (task) => this.track(task),
    });
  }

  start(): void {
    for (const w of this.siblings) w.start();
    if (this.loopDone) return;
    this.stopping = false;
    this.failed = false;
    this.loopDone = this.loop().catch((err: unknown) => {
      this.failed = true;
      this.opts.logger.error({ err, worker: this.id }, 'notify worker stopped on an error');
    });
  }

  /** Started and not stopped on an error (/readyz). */
  running(): boolean {
    return this.loopDone !== undefined && !this.failed;
  }
  private failed = false;

  /** Lets the sends in flight finish and records them, hands every other leased event back, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.poke();
    await Promise.all([this.loopDone, ...this.siblings.map((w) => w.stop())]);
    this.loopDone = undefined;
    if (this.stats.possibleDuplicates > 0)
      this.opts.logger.info({ worker: this.id, ...this.stats }, 'notify worker stopped; possible duplicates counted');
  }

  /** New events were committed: look now instead of at the next poll. */
  wake(): void {
    this.nextClaimAt = 0;
    this.depthOnly = false;
    this.newWork++;
    this.poke();
    for (const w of this.siblings) w.wake();
  }

  /**
   * The deliveries that may have reached Teams twice, the one case where Teams cannot tell
   * (README.md "The one duplicate window"): `interruptedResends`, deliveries found "sending" when
   * claimed (a worker died between the post and its record) and sent again; `unansweredSends`, posts
   * that got no answer (timeout, connection reset or dropped) and go again, of which Teams may have
   * accepted some. `possibleDuplicates` is their sum; each is logged too (warn).
   */
  get stats(): {
    readonly possibleDuplicates: number;
    readonly interruptedResends: number;
    readonly unansweredSends: number;
    readonly leasesLost: number;
  } {
    const c = { ...this.counts };
    for (const w of this.siblings) {
      const s = w.stats;
      c.interruptedResends += s.interruptedResends;
      c.unansweredSends += s.unansweredSends;
      c.leasesLost += s.leasesLost;
    }
    return { ...c, possibleDuplicates: c.interruptedResends + c.unansweredSends };
  }

  /** Events held in memory (claimed, not yet finished). */
  get busy(): number {
    return this.siblings.reduce((n, w) => n + w.busy, this.events.size);
  }

  private poke(): void {
    this.waker.poke();
  }

  /**
   * Claim more while fewer than a batch of queued jobs could go right now: jobs held back by one
   * conversation's limits must not keep other conversations' events waiting in the database.
   *
   * Once a claim has shown that every target with a due event already has one here (`depthOnly`: claims go
   * by rank, so a target's first due event comes before any target's second), more claims only deepen the
   * queues of conversations held already; they wait until fewer than a batch of jobs is queued. A claim and
   * its plan hold the event loop for tens of milliseconds, during which no answer is read and no post goes
   * out: back to back they delayed every conversation's second notice, and its 2 s window with it. New
   * events (wake), a retry falling due, or a poll interval since the last claim (other instances' events)
   * end it.
   */
  private roomToClaim(): boolean {
    // Jobs held back by the tenant limit still count as work in hand, but keep a deeper buffer of them:
    // the scheduler can only spread a conversation's events over its windows if it sees them early.
    const s = this.scheduler;
    if (this.depthOnly && this.o.clock() - this.lastClaimAt >= this.o.pollIntervalMs) this.depthOnly = false;
    if (this.depthOnly && s.queued >= this.o.batchSize) return false;
    return s.readyCount + s.tenantBound / 4 < this.o.batchSize && this.events.size < this.o.maxBuffered;
  }

  /** Whether a claim of `room` that returned `rows` leaves only deeper events of held targets in the database. */
  private onlyDepthLeft(rows: readonly OutboxEvent[], room: number): boolean {
    if (rows.length < room) return true;
    const held = new Set<string>();
    for (const ev of this.events.values()) held.add(targetOf(ev.row));
    for (const row of rows) {
      const target = targetOf(row);
      if (held.has(target)) return true;
      held.add(target);
    }
    return false;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const now = this.o.clock();
      if (!this.claiming && now >= this.nextClaimAt && this.roomToClaim()) {
        // In the background: sending goes on while the next batch is read.
        this.claiming = true;
        this.track(this.claimTask(now));
      }
      if (!this.renewing && this.events.size > 0 && now - this.lastRenew >= this.o.leaseRenewMs) {
        this.lastRenew = now;
        this.renewing = true;
        this.track(this.renewTask(now));
      }
      // Dispatch as soon as the limits allow (a window opening is the moment to send); record outcomes
      // once a tick, in the background too, one flush at a time.
      const readyIn = this.dispatch(now);
      let flushIn = Infinity;
      if (!this.flushing && this.completed.length > 0) {
        if (now - this.lastFlush >= this.o.tickMs || this.completed.length >= this.o.batchSize) {
          this.lastFlush = now;
          this.flushing = true;
          this.track(this.flushTask());
        } else {
          flushIn = this.lastFlush + this.o.tickMs - now;
        }
      }
      const claimIn = !this.claiming && this.roomToClaim() ? this.nextClaimAt - this.o.clock() : Infinity;
      const renewIn = this.events.size > 0 ? this.lastRenew + this.o.leaseRenewMs - now : Infinity;
      const wait = Math.min(readyIn, claimIn, flushIn, renewIn, this.o.pollIntervalMs);
      await this.waker.sleep(wait);
    }
    while (this.tasks.size > 0) {
      // Keep recording the calls that end while the rest finish.
      if (!this.flushing && this.completed.length > 0) {
        this.flushing = true;
        this.track(this.flushTask());
      }
      await Promise.race([
        Promise.allSettled([...this.tasks]),
        new Promise((resolve) => setTimeout(resolve, this.o.tickMs)),
      ]);
    }
    await this.flush();
    const until = this.o.clock();
    for (const job of this.scheduler.drain()) this.completed.push({ job, outcome: { kind: 'defer', until } });
    await this.flush();
  }

  /**
   * Extends the leases of every event held, so that a live worker keeps its rows (however long the
   * limits or the connector keep them) while the rows of a dead one come free within `leaseMs`.
   * An event whose lease was lost is not sent here any more: its queued jobs are handed back (the
   * scheduler sees no lease left) and its outcome writes, conditional on the lease, do nothing.
   */
  private async renewTask(now: number): Promise<void> {
    try {
      const { leaseMs, leaseRenewMs: renewMs } = this.o;
      const lost = await renewLeases({ store: this.store, owner: this.id, events: this.events, now, leaseMs, renewMs });
      if (lost > 0) {
        this.counts.leasesLost += lost;
        this.opts.logger.warn({ worker: this.id, lost }, 'notification leases lost; their events are handed back');
      }
    } catch (err) {
      this.opts.logger.warn({ err, worker: this.id }, 'renewing notification leases failed; will retry');
    } finally {
      this.renewing = false;
    }
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
    const newWork = this.newWork;
    const rows = await this.store.claim(this.id, new Date(now), new Date(now + this.o.leaseMs), room);
    this.lastClaimAt = this.o.clock();
    // Events committed while the claim ran may be for targets not held: the next claim must not wait.
    this.depthOnly = this.newWork === newWork && this.onlyDepthLeft(rows, room);
    if (rows.length === 0) return 0;
    const { states, jobs } = await planBatch(rows, {
      store: this.reads,
      render: this.o.render,
      defaultLocale: this.o.defaultLocale,
      defaultServiceUrl: this.o.defaultServiceUrl,
      defaultTenantId: this.opts.defaultTenantId,
      ...(this.opts.findPerson ? { findPerson: this.opts.findPerson } : {}),
      logger: this.opts.logger,
      onInterrupted: () => {
        this.counts.interruptedResends++;
      },
    });
    for (const ev of states) this.events.set(ev.row.id, ev);
    for (const job of jobs) this.scheduler.enqueue(job);
    for (const ev of states) if (ev.pending === 0) await this.recorder.finalize(ev);
    return rows.length;
  }

  /** Starts the sends the scheduler allows now; returns ms until it next needs a look (Infinity: on an event). */
  private dispatch(now: number): number {
    const d = this.scheduler.dispatch(now);
    for (const { job, until } of d.deferred) this.completed.push({ job, outcome: { kind: 'defer', until } });
    for (const job of d.skipped)
      this.completed.push({ job, outcome: { kind: 'blocked', reason: 'channel blocked the bot earlier' } });
    for (const s of d.started) {
      const noted = this.notes.add({ eventId: s.job.ev.row.id, targetKey: s.job.targetKey });
      this.track(this.call(s, noted));
    }
    this.notes.kick();
    return Math.max(0, d.wakeAt - now);
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

  private async call(s: Started<Job>, noted: Promise<boolean>): Promise<void> {
    let outcome: JobOutcome & SendAnswer;
    // The post waits for its "sending" note (one statement for its dispatch round): the scheduler
    // counts the call from now until its answer, and the service sees the post somewhere in between.
    if (!(await noted)) {
      // No note, no post: after a crash only posts whose note exists may have gone out.
      outcome = { kind: 'retry', reason: 'database: the sending note could not be written' };
      this.scheduler.settle(s, this.o.clock(), outcome);
      this.completed.push({ job: s.job, outcome });
      this.poke();
      return;
    }
    try {
      const res = await this.opts.send(s.job.target, s.job.activity);
      outcome = res.activityId === undefined ? { kind: 'sent' } : { kind: 'sent', activityId: res.activityId };
    } catch (err) {
      outcome = classifySendError(err, this.o.clock());
      if (outcome.kind === 'retry' && outcome.reason.startsWith('network:')) {
        // Teams may have accepted it and the answer was lost: sending again may make a duplicate.
        this.counts.unansweredSends++;
        this.opts.logger.warn(
          { worker: this.id, eventId: s.job.ev.row.id, target: s.job.targetKey, reason: outcome.reason },
          'a notification post got no answer; it will be sent again (possible duplicate)',
        );
      }
    }
    noteDelivery(outcome); // csp.notify.deliveries (src/telemetry): sent, throttled, retry, blocked, dead
    this.scheduler.settle(s, this.o.clock(), outcome);
    this.completed.push({ job: s.job, outcome });
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
    while (this.completed.length > 0) await this.flushOnce();
  }

  /** Records one tick (record.ts): every job that ended. */
  private async flushOnce(): Promise<void> {
    await this.recorder.record(this.completed.splice(0));
  }
}

/** The claim's ranking partition (outbox-sql.ts RANKED): an event's organisation, or its person. */
function targetOf(row: OutboxEvent): string {
  return row.targetOrgId ?? row.userRef ?? '';
}
