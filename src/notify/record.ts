import type { Logger } from '../log.js';
import { deactivateChannel } from './deactivate-channel.js';
import { eventFate, foldOutcome, isAllSent, type JobOutcome, type RetryPolicy } from './outcome.js';
import type { DeliveryRow, OutboxStore, Pair } from './outbox-store.js';
import type { EventState, Job } from './plan.js';
import type { NotifyDb } from './store-sql.js';

export interface RecorderDeps {
  readonly db: NotifyDb;
  readonly store: OutboxStore;
  /** The worker's id: every write that ends a lease is conditional on it. */
  readonly owner: string;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly random: () => number;
  readonly policy: RetryPolicy;
  /** The events the worker holds, by id: an event leaves it when it is finished or handed back. */
  readonly events: Map<string, EventState>;
  /** Events fall due again at `at` (a retry, a hand-back): claim again no later than then. */
  readonly dueAt: (at: number) => void;
  /** New events were queued (the admins of a channel that blocked the bot): claim now. */
  readonly wake: () => void;
}

/**
 * The worker's bookkeeping: folds the outcomes of one tick into their events (outcome.ts) and writes
 * them, then ends the leases of the events that are done. All I/O of the delivery's end is here.
 */
export class OutcomeRecorder {
  constructor(private readonly d: RecorderDeps) {}

  /**
   * Records one tick: the outcome of every job that ended and the events those complete with every target sent, in one transaction; then the
   * events that end otherwise (retry, defer, dead, partly skipped), and channels that blocked the bot.
   */
  async record(batch: readonly { job: Job; outcome: JobOutcome }[]): Promise<void> {
    const { d } = this;
    const sent: Pair[] = [];
    const other: DeliveryRow[] = [];
    const troubled = new Set<EventState>();
    const blocked = new Map<string, string>();
    const finished = new Set<EventState>();
    for (const { job, outcome } of batch) {
      const { ev } = job;
      const change = foldOutcome(ev, outcome);
      const pair = { eventId: ev.row.id, targetKey: job.targetKey };
      if (change?.status === 'sent') sent.push(pair);
      else if (change) {
        other.push({ ...pair, status: change.status, error: change.error });
        troubled.add(ev);
        if (change.status === 'skipped' && job.target.kind === 'channel')
          blocked.set(job.target.channelId, change.error);
      }
      if (ev.pending <= 0) finished.add(ev);
    }
    const allSent = [...finished].filter(isAllSent);
    for (const ev of allSent) d.events.delete(ev.row.id);
    try {
      const n = await d.store.record({
        outcomes: other,
        sent,
        finishedEventIds: allSent.map((ev) => ev.row.id),
        owner: d.owner,
        at: new Date(d.clock()),
      });
      if (n !== allSent.length)
        d.logger.warn({ worker: d.owner, lost: allSent.length - n }, 'leases lost before events were finished');
    } catch (err) {
      // Successes not recorded: the rows stay "sending"; the leases run out and the events go again
      // (the duplicate window). Other outcomes not recorded: their events go back for another round.
      d.logger.error({ err, worker: d.owner }, 'recording notification outcomes failed');
      for (const ev of troubled) ev.retry ??= { reason: 'database: recording the outcome failed' };
    }
    for (const [channelId, reason] of blocked) await this.deactivate(channelId, reason);
    const rest = [...finished].filter((ev) => !allSent.includes(ev));
    // Hand-backs without an attempt (a stop, long limiter waits) go in one statement per due time.
    const releases = new Map<number, string[]>();
    for (const ev of rest) {
      if (!ev.retry && ev.deferUntil !== undefined) {
        d.events.delete(ev.row.id);
        releases.set(ev.deferUntil, [...(releases.get(ev.deferUntil) ?? []), ev.row.id]);
      } else {
        await this.finalize(ev);
      }
    }
    for (const [until, ids] of releases) {
      try {
        await d.store.release(ids, d.owner, new Date(until));
        d.dueAt(until);
      } catch (err) {
        // The leases run out and another round (or instance) takes the events again.
        d.logger.error({ err, events: ids.length }, 'handing notifications back failed');
      }
    }
  }

  /** Ends the lease with the event's new state (the uncommon paths; all-sent events go in batches). */
  async finalize(ev: EventState): Promise<void> {
    const { d } = this;
    d.events.delete(ev.row.id);
    const now = d.clock();
    const { id } = ev.row;
    const fate = eventFate(ev, now, d.policy, d.random);
    let ok = true;
    try {
      switch (fate.kind) {
        case 'dead':
          ok = await d.store.finish(id, d.owner, {
            status: 'dead',
            ...(fate.afterAttempts === undefined ? {} : { attempts: fate.afterAttempts }),
            lastError: fate.lastError,
          });
          if (fate.afterAttempts !== undefined) await d.store.markRetriesDead(id);
          break;
        case 'retry':
          ok = await d.store.finish(id, d.owner, {
            status: 'pending',
            attempts: fate.attempts,
            nextAttemptAt: new Date(fate.nextAttemptAt),
            lastError: fate.lastError,
          });
          d.dueAt(fate.nextAttemptAt);
          break;
        case 'release':
          await d.store.release([id], d.owner, new Date(fate.until));
          d.dueAt(fate.until);
          break;
        case 'sent':
          ok = await d.store.finish(id, d.owner, { status: 'sent', sentAt: new Date(now), lastError: fate.lastError });
          break;
      }
    } catch (err) {
      // The lease runs out and another round (or instance) takes the event again.
      d.logger.error({ err, eventId: id }, 'finishing a notification failed');
    }
    if (!ok) d.logger.warn({ eventId: id, worker: d.owner }, 'lease lost before the event was finished');
  }

  /** 403 MessageWritesBlocked: the channel goes inactive and its admins are told (deactivate-channel.ts). */
  private async deactivate(channelId: string, reason: string): Promise<void> {
    const { d } = this;
    try {
      const why = `MessageWritesBlocked: ${reason}`;
      const queued = await deactivateChannel(d.db, channelId, why, new Date(d.clock()));
      if (queued > 0) {
        d.logger.warn({ channelId, queued }, 'notification channel blocked the bot; marked inactive');
        d.wake();
      }
    } catch (err) {
      d.logger.error({ err, channelId }, 'marking a blocked notification channel inactive failed');
    }
  }
}
