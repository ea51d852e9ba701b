import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { noteStatement } from './statement-trace.js';

/**
 * The PostgreSQL driver-adapter factory the running bot uses: the stock one, with interactive
 * transactions that always give their pool connection back.
 *
 * Why: the stock adapter (6.19.3) checks a connection out of the pool in `startTransaction` and returns
 * it only in the transaction's `commit()` / `rollback()`, which Prisma calls after the COMMIT / ROLLBACK
 * statement succeeded. When that statement fails (a connection lost during COMMIT, e.g. at a fail-over;
 * a deferred constraint) the connection is never returned; once the pool's connections have leaked
 * that way, every query waits for ever. The SQLite adapter has the same flaw (see sqlite-adapter.ts).
 *
 * Here a failed COMMIT / ROLLBACK rolls back on that connection and returns it; if even the rollback
 * fails, the connection is destroyed instead of going back to the pool.
 */
export class PgAdapterFactory extends PrismaPg {
  #pool: Pool | undefined;

  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    // The stock adapter keeps its pg.Pool as `client` (adapter-pg 6.19.3); hot-sql.ts prepares statements on it.
    const pool = (adapter as unknown as { client?: Pool }).client;
    if (pool && typeof pool.query === 'function') this.#pool = pool;
    return withReturnedConnections(adapter);
  }

  /** The connected adapter's pool (hot-sql.ts); throws before the first query. */
  pool(): Pool {
    if (!this.#pool) throw new Error('PostgreSQL: not connected yet');
    return this.#pool;
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type PgTransaction = Awaited<ReturnType<PgAdapter['startTransaction']>>;
type SqlQuery = Parameters<PgAdapter['executeRaw']>[0];

/** What the stock PgTransaction holds (public fields of its JavaScript class, not of its type). */
interface StockInternals {
  readonly client?: { release(destroy?: unknown): void };
  readonly cleanup?: () => void;
}

export function withReturnedConnections(adapter: PgAdapter): PgAdapter {
  const stockStart = adapter.startTransaction.bind(adapter);
  const stockQuery = adapter.queryRaw.bind(adapter);
  const stockExecute = adapter.executeRaw.bind(adapter);
  const stockScript = adapter.executeScript.bind(adapter);
  adapter.queryRaw = (query) => (noteStatement(query.sql), stockQuery(query));
  adapter.executeRaw = (query) => (noteStatement(query.sql), stockExecute(query));
  adapter.executeScript = (script) => (noteStatement(script), stockScript(script));
  adapter.startTransaction = async (isolationLevel) => {
    noteStatement('BEGIN');
    const tx = await stockStart(isolationLevel);
    let closed = false;
    const giveBack = async (broken: unknown): Promise<void> => {
      if (closed) return;
      closed = true;
      const internals = tx as unknown as StockInternals;
      if (broken !== undefined && typeof internals.client?.release === 'function') {
        internals.cleanup?.();
        internals.client.release(broken instanceof Error ? broken : new Error('ROLLBACK failed'));
        return;
      }
      await tx.rollback();
    };
    const ending = async <T>(query: SqlQuery, run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (e) {
        if (!closed && /^\s*(COMMIT|END|ROLLBACK\b(?!\s+TO\b))/i.test(query.sql)) {
          let broken: unknown;
          try {
            await tx.executeRaw(statement('ROLLBACK'));
          } catch (rollbackError) {
            broken = rollbackError;
          }
          await giveBack(broken);
        }
        throw e;
      }
    };
    const wrapped: PgTransaction = {
      provider: tx.provider,
      adapterName: tx.adapterName,
      options: tx.options,
      queryRaw: (query) => ending(query, () => (noteStatement(query.sql), tx.queryRaw(query))),
      executeRaw: (query) => ending(query, () => (noteStatement(query.sql), tx.executeRaw(query))),
      commit: async () => {
        if (closed) return;
        closed = true;
        await tx.commit();
      },
      rollback: async () => {
        if (closed) return;
        closed = true;
        await tx.rollback();
      },
    };
    return wrapped;
  };
  return adapter;
}

function statement(sql: string): SqlQuery {
  return { sql, args: [], argTypes: [] };
}
