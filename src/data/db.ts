import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { PrismaClient as PostgresPrismaClient } from '../generated/postgres/client.js';
import { Prisma, PrismaClient as SqlitePrismaClient } from '../generated/sqlite/client.js';
import { pgTarget, sqliteFilePath } from './database-url.js';
import { postgresHotSql, sqliteHotSql, type HotSql } from './hot-sql.js';
import { PgAdapterFactory } from './pg-adapter.js';
import { scopeTransactionCallbacks, SqliteAdapterFactory } from './sqlite-adapter.js';

export { applyMigrations, type MigrationResult } from './migrations.js';
export { Prisma };

/**
 * The one Prisma client type the rest of the code sees. Both generated clients (src/generated/sqlite,
 * src/generated/postgres) come from the same models (prisma/models), so their model APIs are the same;
 * the SQLite client's type stands for both.
 */
export type PrismaClient = SqlitePrismaClient;
/** The client inside `prisma.$transaction(async (tx) => …)`. */
export type TransactionClient = Prisma.TransactionClient;

export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: 'sqlite' | 'postgres';
  /** Prepared statements on the same connections, for the per-turn hot paths (hot-sql.ts). */
  readonly hot: HotSql;
  /** Throws unless the database answers a trivial query. */
  ping(): Promise<void>;
  /** Closes the client and its connections; call once. */
  close(): Promise<void>;
}

/** How long a SQLite writer waits for another writer's lock before failing (SQLITE_BUSY). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the database DATABASE_URL names (migrations are not applied here: see applyMigrations).
 * SQLite: `file:` path relative to the working directory, its folder created if missing, WAL journal
 * and a busy timeout so several connections (tests, a second process) can write without SQLITE_BUSY.
 * PostgreSQL: `?schema=` selects the schema; `?connection_limit=` the pool size.
 */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'databaseKind'>): Promise<Database> {
  const { prisma, hot } =
    config.databaseKind === 'sqlite' ? openSqlite(config.DATABASE_URL) : openPostgres(config.DATABASE_URL);
  try {
    if (config.databaseKind === 'sqlite') {
      // Returns a row, hence $queryRaw. WAL is a property of the file and persists.
      await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    } else {
      await prisma.$queryRawUnsafe('SELECT 1');
    }
  } catch (e) {
    await prisma.$disconnect();
    throw e;
  }
  return {
    prisma,
    kind: config.databaseKind,
    hot,
    async ping() {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}

function openSqlite(url: string): { prisma: PrismaClient; hot: HotSql } {
  const file = sqliteFilePath(url);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  // better-sqlite3's `timeout` is SQLite's busy timeout. The factory is the stock one whose transactions
  // release the connection when COMMIT fails, and whose plain queries wait for the transaction lock
  // except inside their own transaction's callback (see sqlite-adapter.ts).
  const adapter = new SqliteAdapterFactory({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    prisma: scopeTransactionCallbacks(new SqlitePrismaClient({ adapter })),
    hot: sqliteHotSql(() => adapter.connection()),
  };
}

function openPostgres(url: string): { prisma: PrismaClient; hot: HotSql } {
  const target = pgTarget(url);
  // The stock factory whose transactions give their pool connection back when COMMIT fails (pg-adapter.ts).
  const adapter = new PgAdapterFactory(target.pool, { schema: target.schema });
  const client = new PostgresPrismaClient({ adapter });
  // The one cast between the two generated clients: they are distinct classes generated from the same
  // models, differing only in provider-specific internals, so the PostgreSQL client is used through
  // the SQLite client's type (see PrismaClient above). Model-level portability (no Json, no native
  // types) is what keeps this honest; prisma/models/*.prisma says so at the top.
  return { prisma: client as unknown as PrismaClient, hot: postgresHotSql(() => adapter.pool()) };
}

/** True when `e` is Prisma's unique-constraint violation (P2002), the same class for both clients. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}
