import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { Database, PrismaClient } from './db.js';
import { timestampValue, type HotSql, type HotStatement } from './hot-sql.js';

/**
 * A conditional write lost: the stored item's eTag is not the one the caller wrote with (another turn
 * or another bot instance wrote it first), or an insert-only write found the item already stored.
 * Callers branch on the type (`instanceof`), never on the message.
 */
export class EtagConflictError extends Error {
  override readonly name = 'EtagConflictError';
  constructor(
    /** The storage key that was not written. */
    readonly key: string,
    /** The eTag the caller wrote with. */
    readonly expectedEtag: string,
    options?: ErrorOptions,
  ) {
    super(`Storage: error writing "${key}" due to eTag conflict.`, options);
  }
}

/**
 * Rows read ahead for the turn running now (issue 15): the statement that reads the acting person at the start
 * of a turn also reads the conversation's state row, and the turn's first `read` of that key takes it from here
 * instead of asking again. A key is taken once (a later read, e.g. a forced reload, goes to the database), and a
 * write of the key drops it. Outside a turn scope (src/server.ts opens one per activity) nothing is kept.
 */
const turnPrefetch = new AsyncLocalStorage<Map<string, { data: string; etag: string } | null>>();

/** Runs one turn with its own read-ahead rows. */
export function withTurnPrefetch<T>(fn: () => T): T {
  return turnPrefetch.run(new Map(), fn);
}

/** Hands the turn the row (or its absence) that it is about to read for `key`. */
export function primeTurnRead(key: string, row: { data: string; etag: string } | null): void {
  turnPrefetch.getStore()?.set(key, row);
}

/** Keys of the bot's own records in the table, which the bot-state TTL does not purge. */
const KEPT_PREFIX = 'csp/';

/** How often the periodic purge runs. */
export const BOT_STATE_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Runs {@link PrismaStorage.purgeOlderThan} now and then every `intervalMs` (unref'd timer), deleting bot-state
 * rows not updated for `ttlDays` (BOT_STATE_TTL_DAYS). A failed pass is reported and the next one tries again.
 * Returns the function that stops it.
 */
export function startBotStatePurge(opts: {
  readonly storage: Pick<PrismaStorage, 'purgeOlderThan'>;
  readonly ttlDays: number;
  readonly intervalMs?: number;
  readonly now?: () => Date;
  readonly onPurged?: (count: number) => void;
  readonly onError?: (err: unknown) => void;
}): () => void {
  const now = opts.now ?? (() => new Date());
  const pass = (): void => {
    const cutoff = new Date(now().getTime() - opts.ttlDays * 24 * 60 * 60 * 1000);
    opts.storage.purgeOlderThan(cutoff).then(
      (count) => opts.onPurged?.(count),
      (err: unknown) => opts.onError?.(err),
    );
  };
  pass();
  const timer = setInterval(pass, opts.intervalMs ?? BOT_STATE_PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * botbuilder Storage (conversation, user and dialog state) in the BotState table, with the eTag
 * semantics of botbuilder's MemoryStorage:
 * - read returns each stored object with its `eTag`; missing keys are absent from the result;
 * - write with `eTag` absent or `'*'` overwrites (or creates);
 * - write with any other `eTag` succeeds only if it equals the stored one (or nothing is stored yet),
 *   otherwise it throws an {@link EtagConflictError} (its message is MemoryStorage's
 *   `Storage: error writing "<key>" due to eTag conflict.`, but callers branch on the type);
 * - every successful write stores a new eTag and sets it on the written item;
 * - deleting a missing key is not an error.
 * The eTag comparison happens inside the database (a conditional UPDATE, or an INSERT guarded by the
 * primary key), so two bot instances sharing one database can never both win the same write.
 * Items of one write() call are written one after another, not as one transaction (as MemoryStorage).
 * Rows expire: {@link PrismaStorage.purgeOlderThan} (run periodically by {@link startBotStatePurge}) deletes those
 * not written for BOT_STATE_TTL_DAYS.
 */
export class PrismaStorage implements Storage {
  private readonly prisma: PrismaClient;
  private readonly hot: HotSql;

  constructor(db: Pick<Database, 'prisma' | 'hot'>) {
    this.prisma = db.prisma;
    this.hot = db.hot;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    const prefetched = turnPrefetch.getStore();
    const unique = [...new Set(keys)].filter((key) => {
      if (!prefetched?.has(key)) return true;
      const row = prefetched.get(key);
      prefetched.delete(key);
      if (row) items[key] = { ...(JSON.parse(row.data) as Record<string, unknown>), eTag: row.etag } satisfies StoreItem;
      return false;
    });
    if (unique.length === 0) return items;
    const rows = await this.hot.rows<{ id: string; data: string; etag: string }>(readStatement(unique.length), unique);
    for (const row of rows) {
      const value = JSON.parse(row.data) as Record<string, unknown>;
      items[row.id] = { ...value, eTag: row.etag } satisfies StoreItem;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes) as [string, StoreItem | undefined][]) {
      turnPrefetch.getStore()?.delete(key);
      await this.writeOne(key, item ?? {});
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    for (const key of new Set(keys)) {
      turnPrefetch.getStore()?.delete(key);
      await this.hot.run(DELETE, [key]);
    }
  }

  /**
   * Deletes the bot-state rows (conversation and user state, with any dialog left in them) not written since
   * `before`; returns how many went. Rows under `csp/` are the bot's own records kept in this table (the personal
   * chats that proactive notices need, src/bot/conversation-refs.ts) and are kept: they hold no answers.
   */
  async purgeOlderThan(before: Date): Promise<number> {
    const { count } = await this.prisma.botState.deleteMany({
      where: { updatedAt: { lt: before }, NOT: { id: { startsWith: KEPT_PREFIX } } },
    });
    return count;
  }

  /**
   * One statement for an unconditional write (an upsert), two at most for a conditional one: the
   * compare-and-set UPDATE, and when it matched nothing an INSERT that only succeeds while no row exists
   * (the eTag was stale, or a concurrent writer got there first, when it inserts nothing).
   */
  private async writeOne(key: string, item: StoreItem): Promise<void> {
    const { eTag: expected, ...value } = item as StoreItem & { eTag?: unknown };
    const data = JSON.stringify(value);
    const etag = randomUUID();
    const now = timestampValue(new Date());
    if (expected === undefined || expected === null || expected === '' || expected === '*') {
      await this.hot.run(UPSERT, [key, data, etag, now]);
    } else {
      const updated = await this.hot.run(UPDATE_IF_ETAG, [data, etag, now, key, String(expected)]);
      if (updated === 0 && (await this.hot.run(INSERT_IF_ABSENT, [key, data, etag, now])) === 0) {
        throw new EtagConflictError(key, String(expected));
      }
    }
    item.eTag = etag;
  }
}

/** `SELECT … WHERE id IN (?, …)` for `n` keys (botbuilder reads one or two keys a turn). */
function readStatement(n: number): HotStatement {
  return {
    name: `botstate_read_${n}`,
    sql: `SELECT "id", "data", "etag" FROM "BotState" WHERE "id" IN (${Array.from({ length: n }, () => '?').join(', ')})`,
  };
}

const UPSERT: HotStatement = {
  name: 'botstate_upsert',
  sql: `INSERT INTO "BotState" ("id", "data", "etag", "updatedAt") VALUES (?, ?, ?, ?ts)
        ON CONFLICT ("id") DO UPDATE SET "data" = excluded."data", "etag" = excluded."etag", "updatedAt" = excluded."updatedAt"`,
};
const UPDATE_IF_ETAG: HotStatement = {
  name: 'botstate_update_if_etag',
  sql: `UPDATE "BotState" SET "data" = ?, "etag" = ?, "updatedAt" = ?ts WHERE "id" = ? AND "etag" = ?`,
};
const INSERT_IF_ABSENT: HotStatement = {
  name: 'botstate_insert_if_absent',
  sql: `INSERT INTO "BotState" ("id", "data", "etag", "updatedAt") VALUES (?, ?, ?, ?ts) ON CONFLICT ("id") DO NOTHING`,
};
const DELETE: HotStatement = { name: 'botstate_delete', sql: `DELETE FROM "BotState" WHERE "id" = ?` };
