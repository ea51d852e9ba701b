import { bindNamed, type HotSql } from '../data/hot-sql.js';
import type { OutboxEvent } from '../generated/sqlite/client.js';
import {
  CLAIM,
  FINISH,
  FINISH_EVENTS,
  NOTE_SENDING,
  RECORD_OUTCOMES,
  RECORD_TICK,
  RELEASE,
  RENEW,
} from './outbox-sql.js';
import type { NotifyDb } from './store-sql.js';

export type { NotifyDb } from './store-sql.js';

/*
 * The OutboxEvent queue (leases) and the worker's bookkeeping: OutboxDelivery rows (one per event and
 * target). What the plan reads is in target-reads.ts; a channel that blocked the bot, in
 * deactivate-channel.ts; the shared SQL helpers, in store-sql.ts.
 */

export interface Pair {
  readonly eventId: string;
  readonly targetKey: string;
}

export type DeliveryStatus = 'sending' | 'retry' | 'sent' | 'skipped' | 'dead';

/** A delivery's new state, as the worker records it. */
export interface DeliveryRow extends Pair {
  readonly status: DeliveryStatus;
  readonly error: string | null;
}

/**
 * Deliveries never tried again. A 'dead' delivery is not among them: it exists only on a dead event,
 * and when that event is pending again (an administrator re-queued it) its dead targets are owed.
 */
const TERMINAL: ReadonlySet<string> = new Set(['sent', 'skipped']);

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

/** Events sent this recently still count in their target's claim rank (see OutboxStore.claim). */
const RANK_RECENT_MS = 30_000;

export class OutboxStore {
  constructor(
    private readonly db: NotifyDb,
    private readonly hot: HotSql,
  ) {}

  /**
   * Leases up to `limit` due events to `owner` until `leaseUntil`. Only events this worker can deliver
   * are taken: organisation-targeted ones (channels) and "aad:" persons; "email:" events are left
   * for a mailer. An event is due when pending, nextAttemptAt ≤ now and its lease (if any) has ended.
   *
   * Fair across conversations (issue 15, item 5): the claim unit is the event, and an event's targets
   * are either its organisation's channels or one person's chat, so the events of one target
   * (`COALESCE(targetOrgId, userRef)`) share the conversations Teams' per-conversation limits apply to.
   * Each target's due events are ranked oldest first (`row_number() OVER (PARTITION BY target ORDER BY
   * createdAt, id)`), counting the ones already leased (in flight somewhere), and the claim takes them
   * by (rank, createdAt): the oldest notice of every target before the second of any, so the 800th
   * channel's first notice goes in the first claims instead of after all of channel 1's.
   *
   * PostgreSQL: one UPDATE over a `FOR UPDATE OF e SKIP LOCKED` sub-select (window functions cannot sit
   * at the locking level, so the ranking is a derived table joined to the rows locked; the due
   * conditions are repeated on the locked row, which PostgreSQL re-checks on a row another instance
   * claimed since this statement's snapshot). Concurrent instances take disjoint rows without waiting.
   * SQLite (one writer): the same statement without the lock, atomic by itself.
   */
  async claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxEvent[]> {
    // Hot path, one statement that returns the rows too: Prisma's updateMany is a select plus an update
    // and ~10x the cost, and a findMany over the ids would be a second statement. The text is in
    // outbox-sql.ts (CLAIM), prepared once.
    // Ranks count the leased events too (a target with one in flight offers its next as rank 2) and the
    // ones sent in the last RANK_RECENT_MS (by nextAttemptAt, which the status index holds): without
    // them a target whose first notices were already sent would offer its next as rank 1 again, older
    // than the 800th target's first, and win (seen: the last channel reached after 2,080 of 2,400 sends).
    // PostgreSQL: the candidates (twice the claim, so that another instance's locks still leave enough)
    // come from the ranking as one array, in claim order; each is then locked through the primary key in
    // a lateral sub-select (one with a locking clause is never merged into the join), and the Limit stops
    // pulling once `limit` are locked. No join planned on row estimates, which are far off right after a
    // burst of notices was written: a nested loop over 8,000 × 8,000 rows took 6 s in the bench.
    const { statement, args } = bindNamed(this.hot.kind, CLAIM, {
      owner,
      leaseUntil,
      at: now,
      recent: new Date(now.getTime() - RANK_RECENT_MS),
      limit,
      candidates: limit * 2,
    });
    const rows = (await this.hot.rows<RawEvent>(statement, args)).map(eventOf);
    // RETURNING follows no ORDER BY: back to each target's order (the order of each conversation's sends).
    return rows.sort(
      (x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
  }

  /**
   * Extends the leases `owner` still holds on these events to `leaseUntil`; returns the ids renewed
   * (an id missing was finished meanwhile, or its lease was lost).
   */
  async renew(owner: string, eventIds: readonly string[], leaseUntil: Date): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const { statement, args } = bindNamed(this.hot.kind, RENEW, { owner, leaseUntil, ids: JSON.stringify(eventIds) });
    const rows = await this.hot.rows<{ id: string }>(statement, args);
    return new Set(rows.map((r) => r.id));
  }

  /** When the next event falls due (for the idle sleep), or undefined when none is pending. */
  async nextDueAt(): Promise<Date | undefined> {
    const row = await this.db.outboxEvent.findFirst({
      where: { status: 'pending', OR: [{ targetOrgId: { not: null } }, { userRef: { startsWith: 'aad:' } }] },
      orderBy: { nextAttemptAt: 'asc' },
      select: { nextAttemptAt: true, leaseUntil: true },
    });
    if (!row) return undefined;
    const lease = row.leaseUntil?.getTime() ?? 0;
    return new Date(Math.max(row.nextAttemptAt.getTime(), lease));
  }

  /**
   * Notes that these deliveries are about to be posted, in one statement: the posts go only once it has committed, so finding a row still `sending` later means
   * a worker died during or right after the call, the one window in which a duplicate is possible. A
   * note never overwrites an outcome ("sent" recorded first stays "sent").
   */
  async noteSending(pairs: readonly Pair[], at: Date): Promise<void> {
    if (pairs.length === 0) return;
    const rows = JSON.stringify(pairs.map((p) => [p.eventId, p.targetKey, 'sending', null]));
    const { statement, args } = bindNamed(this.hot.kind, NOTE_SENDING, { rows, now: at });
    await this.hot.run(statement, args);
  }

  /**
   * One tick of the worker's bookkeeping, in one transaction:
   * - `outcomes`: deliveries that failed (retry), were skipped (blocked) or are dead;
   * - `sent`: successful deliveries;
   * - `finishedEventIds`: events whose every target was sent, finished as sent if `owner` still holds them.
   * Returns how many of those events were finished.
   */
  async record(r: {
    outcomes: readonly DeliveryRow[];
    sent: readonly Pair[];
    finishedEventIds: readonly string[];
    owner: string;
    at: Date;
  }): Promise<number> {
    if (r.outcomes.length + r.sent.length + r.finishedEventIds.length === 0) return 0;
    const rows = JSON.stringify([
      ...r.outcomes.map((o) => [o.eventId, o.targetKey, o.status, o.error]),
      ...r.sent.map((p) => [p.eventId, p.targetKey, 'sent', null]),
    ]);
    const values = { rows, now: r.at, owner: r.owner, ids: JSON.stringify(r.finishedEventIds) };
    if (this.hot.kind === 'postgres') {
      // One statement, atomic by itself: no BEGIN and COMMIT round trips.
      const { statement, args } = bindNamed('postgres', RECORD_TICK, values);
      const [row] = await this.hot.rows<{ n: number }>(statement, args);
      return Number(row?.n ?? 0);
    }
    const [, finished] = await this.hot.runAll([
      bindNamed('sqlite', RECORD_OUTCOMES, values),
      bindNamed('sqlite', FINISH_EVENTS, values),
    ]);
    return finished ?? 0;
  }

  /** Ends this worker's lease with the event's new state; false when the lease was lost. */
  async finish(
    eventId: string,
    owner: string,
    data: {
      status: 'pending' | 'sent' | 'dead';
      attempts?: number;
      nextAttemptAt?: Date;
      lastError?: string | null;
      sentAt?: Date;
    },
  ): Promise<boolean> {
    const { statement, args } = bindNamed(this.hot.kind, FINISH, {
      id: eventId,
      owner,
      status: data.status,
      attempts: data.attempts ?? null,
      nextAttemptAt: data.nextAttemptAt ?? null,
      setLastError: data.lastError === undefined ? 0 : 1,
      lastError: data.lastError ?? null,
      sentAt: data.sentAt ?? null,
    });
    return (await this.hot.run(statement, args)) === 1;
  }

  /** An event given up on: its deliveries still owed are dead too. */
  async markRetriesDead(eventId: string): Promise<void> {
    await this.db.outboxDelivery.updateMany({
      where: { eventId, status: { in: ['retry', 'sending'] } },
      data: { status: 'dead' },
    });
  }

  /** Hands events back without counting an attempt (stop, or a limiter wait longer than the lease). */
  async release(eventIds: readonly string[], owner: string, nextAttemptAt?: Date): Promise<void> {
    if (eventIds.length === 0) return;
    const { statement, args } = bindNamed(this.hot.kind, RELEASE, {
      owner,
      ids: JSON.stringify(eventIds),
      nextAttemptAt: nextAttemptAt ?? null,
    });
    await this.hot.run(statement, args);
  }
}

/** An OutboxEvent as the driver returns it: SQLite's DateTimes are ISO text. */
type RawEvent = Omit<OutboxEvent, 'nextAttemptAt' | 'leaseUntil' | 'sentAt' | 'createdAt'> & {
  nextAttemptAt: Date | string;
  leaseUntil: Date | string | null;
  sentAt: Date | string | null;
  createdAt: Date | string;
};

const dateOf = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function eventOf(r: RawEvent): OutboxEvent {
  return {
    ...r,
    attempts: Number(r.attempts),
    nextAttemptAt: dateOf(r.nextAttemptAt),
    leaseUntil: r.leaseUntil === null ? null : dateOf(r.leaseUntil),
    sentAt: r.sentAt === null ? null : dateOf(r.sentAt),
    createdAt: dateOf(r.createdAt),
  };
}
