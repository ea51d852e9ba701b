import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { isUniqueViolation, type PrismaClient } from './db.js';

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
  constructor(private readonly prisma: PrismaClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const rows = await this.prisma.botState.findMany({ where: { id: { in: [...new Set(keys)] } } });
    for (const row of rows) {
      const value = JSON.parse(row.data) as Record<string, unknown>;
      items[row.id] = { ...value, eTag: row.etag } satisfies StoreItem;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes) as [string, StoreItem | undefined][]) {
      await this.writeOne(key, item ?? {});
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.prisma.botState.deleteMany({ where: { id: { in: keys } } });
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

  private async writeOne(key: string, item: StoreItem): Promise<void> {
    const { eTag: expected, ...value } = item as StoreItem & { eTag?: unknown };
    const data = JSON.stringify(value);
    const etag = randomUUID();
    if (expected === undefined || expected === null || expected === '' || expected === '*') {
      await this.prisma.botState.upsert({
        where: { id: key },
        create: { id: key, data, etag },
        update: { data, etag },
      });
    } else {
      // Atomic compare-and-set: only the row still carrying the caller's eTag is updated. One raw
      // statement rather than updateMany, which Prisma wraps in BEGIN … COMMIT across awaits: with
      // SQLite (synchronous driver) a second connection in the same process would then wait on the
      // lock while blocking the thread that has to COMMIT.
      const count = await this.prisma.$executeRaw`
        UPDATE "BotState" SET "data" = ${data}, "etag" = ${etag}, "updatedAt" = ${new Date()}
        WHERE "id" = ${key} AND "etag" = ${String(expected)}`;
      if (count === 0) {
        // Stale eTag, or nothing stored (MemoryStorage then writes). The insert fails on the primary
        // key if any row exists, i.e. the eTag was stale or a concurrent writer got there first.
        try {
          await this.prisma.botState.create({ data: { id: key, data, etag } });
        } catch (e) {
          if (isUniqueViolation(e)) throw new EtagConflictError(key, String(expected), { cause: e });
          throw e;
        }
      }
    }
    item.eTag = etag;
  }
}
