import { randomUUID } from 'node:crypto';
import { Prisma, type OutboxEvent } from '../generated/sqlite/client.js';
import { chunks, sqlTimestamp, type NotifyDb } from './store-sql.js';

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
    private readonly kind: 'sqlite' | 'postgres',
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
    const at = this.ts(now);
    const pg = this.kind === 'postgres';
    // Hot path in raw SQL, one statement that returns the rows too: Prisma's updateMany is a select
    // plus an update and ~10x the cost, and a findMany over the ids would be a second statement
    // (bound by SQLite's 999 parameters besides).
    // Due by time and deliverable here (`c`: the column prefix), and not leased (or the lease ran out).
    const due = (c: Prisma.Sql) => Prisma.sql`${c}status = 'pending'
      AND ${c}"nextAttemptAt" <= ${at}
      AND (${c}"targetOrgId" IS NOT NULL OR ${c}"userRef" LIKE 'aad:%')`;
    const free = (c: Prisma.Sql) => Prisma.sql`(${c}"leaseUntil" IS NULL OR ${c}"leaseUntil" < ${at})`;
    // Ranks count the leased events too (a target with one in flight offers its next as rank 2) and the
    // ones sent in the last RANK_RECENT_MS (by nextAttemptAt, which the status index holds): without
    // them a target whose first notices were already sent would offer its next as rank 1 again, older
    // than the 800th target's first, and win (seen: the last channel reached after 2,080 of 2,400 sends).
    const recent = this.ts(new Date(now.getTime() - RANK_RECENT_MS));
    const ranked = Prisma.sql`SELECT id, "createdAt", "leaseUntil", status,
        row_number() OVER (PARTITION BY COALESCE("targetOrgId", "userRef") ORDER BY "createdAt", id) AS rank
      FROM "OutboxEvent"
      WHERE (${due(Prisma.empty)}) OR (status = 'sent' AND "nextAttemptAt" > ${recent} AND "nextAttemptAt" <= ${at}
        AND ("targetOrgId" IS NOT NULL OR "userRef" LIKE 'aad:%'))`;
    const e = Prisma.raw('e.');
    // PostgreSQL: the candidates (twice the claim, so that another instance's locks still leave enough)
    // come from the ranking as one array, in claim order; each is then locked through the primary key in
    // a lateral sub-select (one with a locking clause is never merged into the join), and the Limit stops
    // pulling once `limit` are locked. No join planned on row estimates, which are far off right after a
    // burst of notices was written: a nested loop over 8,000 × 8,000 rows took 6 s in the bench.
    const pick = pg
      ? Prisma.sql`SELECT l.id FROM unnest(ARRAY(
            SELECT id FROM (${ranked}) r WHERE status = 'pending' AND ${free(Prisma.empty)} ORDER BY rank, "createdAt", id LIMIT ${limit * 2}
          )) AS c(id)
          CROSS JOIN LATERAL (
            SELECT e.id FROM "OutboxEvent" e WHERE e.id = c.id AND ${due(e)} AND ${free(e)} FOR UPDATE OF e SKIP LOCKED
          ) l
          LIMIT ${limit}`
      : Prisma.sql`SELECT id FROM (${ranked}) r WHERE status = 'pending' AND ${free(Prisma.empty)} ORDER BY rank, "createdAt", id LIMIT ${limit}`;
    const rows = await this.db.$queryRaw<OutboxEvent[]>`
      UPDATE "OutboxEvent" SET "leaseOwner" = ${owner}, "leaseUntil" = ${this.ts(leaseUntil)}
      WHERE id IN (${pick})
      RETURNING *`;
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
    const renewed = new Set<string>();
    for (const part of chunks(eventIds)) {
      const rows = await this.db.$queryRaw<{ id: string }[]>`
        UPDATE "OutboxEvent" SET "leaseUntil" = ${this.ts(leaseUntil)}
        WHERE ${held(part, owner)}
        RETURNING id`;
      for (const r of rows) renewed.add(r.id);
    }
    return renewed;
  }

  private ts(d: Date): Prisma.Sql {
    return sqlTimestamp(this.kind, d);
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
   * Notes that these deliveries are about to be posted, in one statement (one per 500 rows, then in one
   * transaction): the posts go only once it has committed, so finding a row still `sending` later means
   * a worker died during or right after the call, the one window in which a duplicate is possible. A
   * note never overwrites an outcome ("sent" recorded first stays "sent").
   */
  async noteSending(pairs: readonly Pair[], at: Date): Promise<void> {
    const now = this.ts(at);
    const ops = chunks(pairs).map(
      (part) => this.db.$executeRaw`
        INSERT INTO "OutboxDelivery" (id, "eventId", "targetKey", status, error, "createdAt", "updatedAt")
        VALUES ${this.rows(
          part.map((p) => ({ ...p, status: 'sending', error: null })),
          now,
        )}
        ON CONFLICT ("eventId", "targetKey") DO UPDATE SET status = 'sending', "updatedAt" = excluded."updatedAt"
        WHERE "OutboxDelivery".status IN ('retry', 'dead')`,
    );
    if (ops.length === 1) await ops[0];
    else if (ops.length > 1) await this.db.$transaction(ops);
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
    const now = this.ts(r.at);
    const outcomes = chunks(r.outcomes).map(
      (part) => Prisma.sql`
        INSERT INTO "OutboxDelivery" (id, "eventId", "targetKey", status, error, "createdAt", "updatedAt")
        VALUES ${this.rows(part, now)}
        ON CONFLICT ("eventId", "targetKey") DO UPDATE
        SET status = excluded.status, error = excluded.error, "activityId" = NULL, "updatedAt" = excluded."updatedAt"`,
    );
    const sent = chunks(r.sent).map(
      (part) => Prisma.sql`
        INSERT INTO "OutboxDelivery" (id, "eventId", "targetKey", status, error, "createdAt", "updatedAt")
        VALUES ${this.rows(
          part.map((p) => ({ ...p, status: 'sent', error: null })),
          now,
        )}
        ON CONFLICT ("eventId", "targetKey") DO UPDATE SET status = 'sent', error = NULL, "updatedAt" = excluded."updatedAt"`,
    );
    const finishing = chunks(r.finishedEventIds).map(
      (part) => Prisma.sql`
        UPDATE "OutboxEvent" SET status = 'sent', "sentAt" = ${now}, "lastError" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL
        WHERE ${held(part, r.owner)}`,
    );
    const writes = [...outcomes, ...sent];
    if (writes.length + finishing.length === 0) return 0;
    if (this.kind === 'postgres' && finishing.length <= 1) {
      // One statement, atomic by itself: no BEGIN and COMMIT round trips, one query through the client.
      const ctes = [
        ...writes.map((w, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${w} RETURNING 1)`),
        ...finishing.map((f) => Prisma.sql`f AS (${f} RETURNING 1)`),
      ];
      const [row] = await this.db.$queryRaw<{ n: number }[]>`
        WITH ${Prisma.join(ctes, ', ')}
        SELECT ${finishing.length === 1 ? Prisma.sql`(SELECT count(*) FROM f)::int` : Prisma.sql`0`} AS n`;
      return Number(row?.n ?? 0);
    }
    const ops = [...writes, ...finishing].map((q) => this.db.$executeRaw(q));
    const counts = await this.db.$transaction(ops);
    return counts.slice(writes.length).reduce((a, n) => a + n, 0);
  }

  private rows(rows: readonly DeliveryRow[], now: Prisma.Sql): Prisma.Sql {
    return Prisma.join(
      rows.map(
        (p) => Prisma.sql`(${randomUUID()}, ${p.eventId}, ${p.targetKey}, ${p.status}, ${p.error}, ${now}, ${now})`,
      ),
    );
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
    const set: Prisma.Sql[] = [Prisma.sql`status = ${data.status}`];
    if (data.attempts !== undefined) set.push(Prisma.sql`attempts = ${data.attempts}`);
    if (data.nextAttemptAt !== undefined) set.push(Prisma.sql`"nextAttemptAt" = ${this.ts(data.nextAttemptAt)}`);
    if (data.lastError !== undefined) set.push(Prisma.sql`"lastError" = ${data.lastError}`);
    if (data.sentAt !== undefined) set.push(Prisma.sql`"sentAt" = ${this.ts(data.sentAt)}`);
    const n = await this.db.$executeRaw`
      UPDATE "OutboxEvent" SET ${Prisma.join(set, ', ')}, "leaseOwner" = NULL, "leaseUntil" = NULL
      WHERE ${held([eventId], owner)}`;
    return n === 1;
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
    for (const part of chunks(eventIds)) {
      await this.db.$executeRaw`
        UPDATE "OutboxEvent" SET "leaseOwner" = NULL, "leaseUntil" = NULL
          ${nextAttemptAt ? Prisma.sql`, "nextAttemptAt" = ${this.ts(nextAttemptAt)}` : Prisma.empty}
        WHERE ${held(part, owner)}`;
    }
  }
}

/**
 * The events among `ids` that `owner` still holds, reached through the primary key only. Left to
 * itself, SQLite's planner (no statistics) took the (status, nextAttemptAt) index for `status =
 * 'pending'` and walked every pending event for each statement: 89 µs per finished event with 8,000
 * pending, the largest single cost of the 800-conversation bench. The `|| ''` keeps the status test
 * off that index on both databases (PostgreSQL's estimates are as stale right after a burst of notices).
 */
function held(ids: readonly string[], owner: string): Prisma.Sql {
  return Prisma.sql`id IN (${Prisma.join([...ids])}) AND "leaseOwner" = ${owner} AND (status || '') = 'pending'`;
}
