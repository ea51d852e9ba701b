import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

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
 */
export class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect(): Promise<SqliteAdapter> {
    return withReleasingTransactions(await super.connect());
  }
}

export type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter['startTransaction']>>;
type SqlQuery = Parameters<SqliteAdapter['executeRaw']>[0];

/** Replaces `adapter.startTransaction` (see SqliteAdapterFactory); returns the same adapter. */
export function withReleasingTransactions(adapter: SqliteAdapter): SqliteAdapter {
  const lock = new FifoLock();
  const stockStart = adapter.startTransaction.bind(adapter);

  const rollbackQuietly = async (): Promise<void> => {
    // "cannot rollback - no transaction is active" when SQLite already rolled back: nothing to do.
    // (The stock executeScript throws synchronously, hence try/await rather than .catch.)
    try {
      await adapter.executeScript('ROLLBACK');
    } catch {
      // nothing left to roll back, or nothing more that can be done here
    }
  };

  adapter.startTransaction = async (isolationLevel) => {
    // SQLite transactions are serializable; the stock adapter refuses anything else (before locking).
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') return stockStart(isolationLevel);
    const release = await lock.acquire();
    try {
      await adapter.executeRaw(statement('BEGIN'));
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
      queryRaw: (query) => ending(query, () => adapter.queryRaw(query), { columnNames: [], columnTypes: [], rows: [] }),
      executeRaw: (query) => ending(query, () => adapter.executeRaw(query), 0),
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
