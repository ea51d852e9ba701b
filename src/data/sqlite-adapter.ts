import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { SqliteConnection } from './hot-sql.js';
import { noteStatement } from './statement-trace.js';

/**
 * The SQLite driver-adapter factory the running bot uses: the stock one, with interactive transactions
 * that cannot wedge the connection.
 *
 * Why: the stock adapter (6.19.3) serialises interactive transactions with a private mutex taken in
 * `startTransaction` and released only by the transaction's `commit()` / `rollback()`. Prisma's client
 * sends the `COMMIT` (or `ROLLBACK`) statement first and calls `commit()` / `rollback()` only when that
 * statement succeeded. When COMMIT itself fails (disk full, the file or its WAL made unwritable, a
 * deferred foreign key) the mutex is never released: every later transaction waits for ever, while
 * plain queries (`SELECT 1`) still answer. A failing BEGIN leaks the mutex the same way.
 *
 * Here transactions take their own lock, and every way out of a transaction releases it exactly once:
 * a failed COMMIT or ROLLBACK first rolls back whatever SQLite still holds open (SQLite rolls back by
 * itself after an I/O error, but keeps the transaction open after a deferred-constraint failure), then
 * releases the lock and rethrows, so the caller fails fast and the next write starts clean.
 *
 * The same lock covers queries made outside a transaction (the plain client): all queries share the
 * one SQLite connection, so a plain write issued while another request's interactive transaction is
 * open (BEGIN … awaits … COMMIT) would otherwise run inside it, and be rolled back or committed with
 * it. Each such query waits for the lock and holds it only while it runs. A query that the
 * transaction's own callback makes through the plain client (the client opened by openDatabase wraps
 * `$transaction(callback)` with scopeTransactionCallbacks) runs at once, inside that transaction, as it
 * always did; waiting would deadlock it. (src/ makes no such query: the domain uses `tx`.)
 *
 * Known gap: Prisma batches `findUnique` / `findUniqueOrThrow` calls made in the same tick (and every
 * query of a transaction client) and runs each batch in the async context of the call that opened the
 * tick. A plain `findUnique` from another request that joins a tick opened inside a transaction's
 * callback therefore still runs inside that transaction: a read, never a write (writes are not
 * batched). Conversely a plain `findUnique` made inside a callback could wait for its own
 * transaction's lock if another request opened the tick; the transaction's timeout then ends it.
 */
export class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  #connection: SqliteConnection | undefined;

  override async connect(): Promise<SqliteAdapter> {
    const adapter = withReleasingTransactions(await super.connect());
    const client = (adapter as unknown as { client?: SqliteDatabase }).client;
    const exclusive = exclusiveRunners.get(adapter);
    // WAL with synchronous=NORMAL: a commit is durable against the process being killed (the WAL is written
    // before COMMIT returns) and only the fsync waits for a checkpoint. FULL (SQLite's default) fsynced every
    // commit: ~1 ms each, the largest cost of the notification worker's bookkeeping and of every turn that saves
    // state. What NORMAL gives up is the last transactions on a power cut or OS crash (PostgreSQL for that).
    client?.pragma('synchronous = NORMAL');
    if (client && exclusive) this.#connection = { client, exclusive };
    return adapter;
  }

  /** The connected adapter's better-sqlite3 connection and lock (hot-sql.ts); throws before the first query. */
  connection(): SqliteConnection {
    if (!this.#connection) throw new Error('SQLite: not connected yet');
    return this.#connection;
  }
}

/** Runs work on the adapter's connection in its own turn of the lock (or inside the caller's transaction). */
const exclusiveRunners = new WeakMap<SqliteAdapter, <T>(run: () => T) => Promise<T>>();

export type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter['startTransaction']>>;
type SqlQuery = Parameters<SqliteAdapter['executeRaw']>[0];

/**
 * Marks the async context of each `client.$transaction(callback)` (the callback and everything it
 * awaits) as that transaction's, so the adapter lets the plain client's queries made there through
 * without waiting for the lock the transaction itself holds. Array transactions are left as they are.
 */
export function scopeTransactionCallbacks<C extends { $transaction: (...args: never[]) => unknown }>(client: C): C {
  const stock = client.$transaction.bind(client) as (...args: unknown[]) => unknown;
  const scoped = (...args: unknown[]): unknown =>
    typeof args[0] === 'function' ? transactionScope.run(new TransactionOwner(), () => stock(...args)) : stock(...args);
  client.$transaction = scoped;
  return client;
}

class TransactionOwner {}

/** The `$transaction(callback)` the current async context belongs to, if any. */
const transactionScope = new AsyncLocalStorage<TransactionOwner>();

/**
 * Replaces `adapter.startTransaction` (see SqliteAdapterFactory) and makes the plain queries
 * (`queryRaw`, `executeRaw`, `executeScript`) take the same lock; returns the same adapter.
 */
export function withReleasingTransactions(adapter: SqliteAdapter): SqliteAdapter {
  const lock = new FifoLock();
  const stockStart = adapter.startTransaction.bind(adapter);
  const stock = {
    queryRaw: adapter.queryRaw.bind(adapter),
    executeRaw: adapter.executeRaw.bind(adapter),
    executeScript: adapter.executeScript.bind(adapter),
  };
  /** Whose transaction holds the lock now (undefined: none, or one not started by a callback). */
  let holder: TransactionOwner | undefined;

  /** Runs a plain query in its own turn of the lock, or at once inside the caller's own transaction. */
  const outside = async <T>(run: () => Promise<T>): Promise<T> => {
    const owner = transactionScope.getStore();
    if (owner !== undefined && owner === holder) return run();
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  exclusiveRunners.set(adapter, (run) => outside(() => Promise.resolve().then(run)));
  adapter.queryRaw = (query) => outside(() => (noteStatement(query.sql), stock.queryRaw(query)));
  adapter.executeRaw = (query) => outside(() => (noteStatement(query.sql), stock.executeRaw(query)));
  adapter.executeScript = (script) => outside(() => (noteStatement(script), stock.executeScript(script)));

  const rollbackQuietly = async (): Promise<void> => {
    // "cannot rollback - no transaction is active" when SQLite already rolled back: nothing to do.
    // (The stock executeScript throws synchronously, hence try/await rather than .catch.)
    try {
      await stock.executeScript('ROLLBACK');
    } catch {
      // nothing left to roll back, or nothing more that can be done here
    }
  };

  adapter.startTransaction = async (isolationLevel) => {
    // SQLite transactions are serializable; the stock adapter refuses anything else (before locking).
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') return stockStart(isolationLevel);
    const owner = transactionScope.getStore();
    const releaseLock = await lock.acquire();
    holder = owner;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      if (holder === owner) holder = undefined;
      releaseLock();
    };
    try {
      noteStatement('BEGIN');
      await stock.executeRaw(statement('BEGIN'));
    } catch (e) {
      // We hold the lock, so a transaction left open on the connection is nobody's: end it.
      await rollbackQuietly();
      release();
      throw e;
    }
    const ending = async <T>(query: SqlQuery, run: () => Promise<T>, none: T): Promise<T> => {
      try {
        return await run();
      } catch (e) {
        if (!isEndOfTransaction(query.sql)) throw e;
        await rollbackQuietly();
        release();
        // SQLite already rolled back by itself (after an I/O error in a statement): the rollback that
        // Prisma asked for is done, and the statement's own error is the one worth reporting.
        if (isRollback(query.sql) && isNoTransaction(e)) return none;
        throw clearer(e, query.sql);
      }
    };
    const tx: SqliteTransaction = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      // Prisma sends the COMMIT / ROLLBACK statement through executeRaw, then calls commit() / rollback().
      options: { usePhantomQuery: false },
      queryRaw: (query) =>
        ending(query, () => (noteStatement(query.sql), stock.queryRaw(query)), {
          columnNames: [],
          columnTypes: [],
          rows: [],
        }),
      executeRaw: (query) => ending(query, () => (noteStatement(query.sql), stock.executeRaw(query)), 0),
      commit: () => Promise.resolve(release()),
      rollback: () => Promise.resolve(release()),
    };
    return tx;
  };
  return adapter;
}

function statement(sql: string): SqlQuery {
  return { sql, args: [], argTypes: [] };
}

function isEndOfTransaction(sql: string): boolean {
  return /^\s*(COMMIT|END)\b/i.test(sql) || isRollback(sql);
}

function isRollback(sql: string): boolean {
  return /^\s*ROLLBACK\b(?!\s+TO\b)/i.test(sql);
}

/**
 * The driver's own errors (an I/O error, a read-only file, a full disk) reach the caller as they are,
 * e.g. "disk I/O error"; say which statement failed and that nothing was kept. Errors Prisma knows how to
 * map (constraint violations, DriverAdapterError) are left alone so their Prisma codes stay the same.
 */
function clearer(e: unknown, sql: string): unknown {
  if (!(e instanceof Error) || e.name === 'DriverAdapterError') return e;
  const code = (e as { code?: unknown }).code;
  const what = /^\s*ROLLBACK/i.test(sql) ? 'ROLLBACK' : 'COMMIT';
  const error = new Error(
    `SQLite ${what} failed (${typeof code === 'string' ? `${code}: ` : ''}${e.message}); the transaction was rolled back and the database connection released`,
    { cause: e },
  );
  if (typeof code === 'string') Object.assign(error, { code });
  return error;
}

function isNoTransaction(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e);
  return /no transaction is active/i.test(text);
}

/** A first-come first-served lock whose release function is safe to call more than once. */
class FifoLock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let open!: () => void;
    const turn = new Promise<void>((resolve) => (open = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    let released = false;
    return previous.then(() => () => {
      if (released) return;
      released = true;
      open();
    });
  }
}
