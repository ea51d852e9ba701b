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
   * PostgreSQL: one UPDATE over a `FOR UPDATE SKIP LOCKED` sub-select, so concurrent instances take
   * disjoint rows without waiting on each other. SQLite (one writer): the same statement without
   * SKIP LOCKED, atomic by itself.
   */
  async claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxEvent[]> {
    const at = this.ts(now);
    // Hot path in raw SQL, one statement that returns the rows too: Prisma's updateMany is a select
    // plus an update and ~10x the cost, and a findMany over the ids would be a second statement
    // (bound by SQLite's 999 parameters besides).
    const rows = await this.db.$queryRaw<OutboxEvent[]>`
      UPDATE "OutboxEvent" SET "leaseOwner" = ${owner}, "leaseUntil" = ${this.ts(leaseUntil)}
      WHERE id IN (
        SELECT id FROM "OutboxEvent"
        WHERE status = 'pending'
          AND "nextAttemptAt" <= ${at}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${at})
          AND ("targetOrgId" IS NOT NULL OR "userRef" LIKE 'aad:%')
        ORDER BY "nextAttemptAt", id
        LIMIT ${limit}
        ${this.kind === 'postgres' ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty})
      RETURNING *`;
    // RETURNING follows no ORDER BY: back to the claim order (the order of each conversation's sends).
    return rows.sort(
      (x, y) => x.nextAttemptAt.getTime() - y.nextAttemptAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
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
        WHERE id IN (${Prisma.join([...part])}) AND "leaseOwner" = ${owner} AND status = 'pending'
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
    const ops: Prisma.PrismaPromise<number>[] = [];
    const now = this.ts(r.at);
    for (const part of chunks(r.outcomes)) {
      ops.push(this.db.$executeRaw`
        INSERT INTO "OutboxDelivery" (id, "eventId", "targetKey", status, error, "createdAt", "updatedAt")
        VALUES ${this.rows(part, now)}
        ON CONFLICT ("eventId", "targetKey") DO UPDATE
        SET status = excluded.status, error = excluded.error, "activityId" = NULL, "updatedAt" = excluded."updatedAt"`);
    }
    for (const part of chunks(r.sent)) {
      ops.push(this.db.$executeRaw`
        INSERT INTO "OutboxDelivery" (id, "eventId", "targetKey", status, error, "createdAt", "updatedAt")
        VALUES ${this.rows(
          part.map((p) => ({ ...p, status: 'sent', error: null })),
          now,
        )}
        ON CONFLICT ("eventId", "targetKey") DO UPDATE SET status = 'sent', error = NULL, "updatedAt" = excluded."updatedAt"`);
    }
    const finishing: Prisma.PrismaPromise<number>[] = [];
    for (const part of chunks(r.finishedEventIds)) {
      finishing.push(this.db.$executeRaw`
        UPDATE "OutboxEvent" SET status = 'sent', "sentAt" = ${now}, "lastError" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL
        WHERE id IN (${Prisma.join([...part])}) AND "leaseOwner" = ${r.owner} AND status = 'pending'`);
    }
    if (ops.length + finishing.length === 0) return 0;
    const counts = await this.db.$transaction([...ops, ...finishing]);
    return counts.slice(ops.length).reduce((a, n) => a + n, 0);
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
    const r = await this.db.outboxEvent.updateMany({
      where: { id: eventId, leaseOwner: owner, status: 'pending' },
      data: { ...data, leaseOwner: null, leaseUntil: null },
    });
    return r.count === 1;
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
      await this.db.outboxEvent.updateMany({
        where: { id: { in: part }, leaseOwner: owner, status: 'pending' },
        data: { leaseOwner: null, leaseUntil: null, ...(nextAttemptAt ? { nextAttemptAt } : {}) },
      });
    }
  }
}
