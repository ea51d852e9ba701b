import type { NotifyDb } from '../notify/store-sql.js';

/** The notification outbox as the gauges show it. */
export interface OutboxReading {
  /** Events still to deliver (status pending, due or not). */
  readonly pending: number;
  /** Events given up on (status dead), waiting for an administrator to re-queue them. */
  readonly dead: number;
  /** Seconds since the oldest pending event was written; 0 when none is pending. */
  readonly oldestPendingAgeSeconds: number;
}

/**
 * Reads the outbox for the gauges when metrics are scraped (or exported), at most once per `ttlMs`: scrapers
 * come every 15-60 s, several of them (and Azure Monitor's exporter) may come at once, and each reading is two
 * statements the `(status, nextAttemptAt)` index answers: an aggregate over the pending rows (few, unless
 * delivery is stuck, which is when this matters) and a count of the dead ones. Concurrent scrapes share one read.
 */
export function outboxReader(
  db: Pick<NotifyDb, 'outboxEvent'>,
  opts: { readonly ttlMs?: number; readonly clock?: () => number } = {},
): () => Promise<OutboxReading> {
  const ttlMs = opts.ttlMs ?? 5_000;
  const clock = opts.clock ?? Date.now;
  let last: { at: number; reading: OutboxReading } | undefined;
  let reading: Promise<OutboxReading> | undefined;
  const read = async (): Promise<OutboxReading> => {
    const [pending, dead] = await Promise.all([
      db.outboxEvent.aggregate({ where: { status: 'pending' }, _count: { _all: true }, _min: { createdAt: true } }),
      db.outboxEvent.count({ where: { status: 'dead' } }),
    ]);
    const now = clock();
    const oldest = pending._min.createdAt;
    const r: OutboxReading = {
      pending: pending._count._all,
      dead,
      oldestPendingAgeSeconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0,
    };
    last = { at: now, reading: r };
    return r;
  };
  return () => {
    if (last && clock() - last.at < ttlMs) return Promise.resolve(last.reading);
    reading ??= read().finally(() => (reading = undefined));
    return reading;
  };
}
