import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { databaseKindOf, pgIdent, pgTarget, sqliteFilePath, type DatabaseKind } from './database-url.js';

/**
 * Applies the checked-in migrations (prisma/<sqlite|postgres>/migrations) in-process, straight through
 * the database driver. Why not `prisma migrate deploy`: on PostgreSQL the CLI's WebAssembly schema
 * engine leaves a 10 s timer behind, so every deploy takes ~11 s even with nothing to apply (SQLite:
 * ~2.5 s), far too slow for tests that migrate a fresh database each. This does the same job in
 * milliseconds and keeps Prisma's own bookkeeping table `_prisma_migrations` (same columns, same
 * SHA-256 checksum), so `prisma migrate status` / `migrate deploy` agree with it.
 *
 * Each migration runs in one transaction with its bookkeeping row (Prisma's engine does not do that),
 * so a failed migration leaves nothing half-applied. Concurrent callers are serialised: PostgreSQL by
 * Prisma's advisory lock key, SQLite by BEGIN IMMEDIATE.
 */

export interface MigrationResult {
  readonly kind: DatabaseKind;
  /** Names of the migrations applied by this call, in order (empty when up to date). */
  readonly applied: readonly string[];
}

export interface ApplyMigrationsOptions {
  /** Folder holding `sqlite/` and `postgres/` (default: the repository's prisma/). */
  readonly prismaDir?: string;
}

interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

interface AppliedRow {
  readonly migration_name: string;
  readonly checksum: string;
  readonly finished_at: unknown;
  readonly rolled_back_at: unknown;
}

const DEFAULT_PRISMA_DIR = fileURLToPath(new URL('../../prisma/', import.meta.url));
/** The advisory lock key Prisma Migrate uses, so this and the CLI exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

export function migrationsDir(kind: DatabaseKind, prismaDir: string = DEFAULT_PRISMA_DIR): string {
  return path.join(prismaDir, kind, 'migrations');
}

function loadMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Which migrations still have to run; refuses on a failed or edited migration, as Prisma does. */
function pending(all: readonly Migration[], applied: readonly AppliedRow[]): Migration[] {
  const done = new Map<string, AppliedRow>();
  for (const row of applied) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      throw new Error(
        `Migration ${row.migration_name} failed earlier and is marked unfinished in _prisma_migrations; ` +
          'fix the database by hand, then resolve it (prisma migrate resolve).',
      );
    }
    done.set(row.migration_name, row);
  }
  for (const m of all) {
    const row = done.get(m.name);
    if (row !== undefined && row.checksum !== m.checksum) {
      throw new Error(`Migration ${m.name} was edited after it was applied (checksum differs); add a new migration instead.`);
    }
  }
  return all.filter((m) => !done.has(m.name));
}

/** Prisma's own DDL for the bookkeeping table (SQLite flavour). */
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

function applySqlite(url: string, migrations: readonly Migration[]): string[] {
  const file = sqliteFilePath(url);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Sqlite(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const appliedNow: string[] = [];
    // Prisma's SQLite migrations redefine tables (create new, copy, DROP old, rename) between
    // `PRAGMA foreign_keys=OFF/ON`, but that pragma is a no-op inside a transaction, and DROP TABLE
    // with foreign keys on deletes the rows first, cascading to child tables. So, as SQLite's own
    // procedure for schema changes says: keys off for this connection, change, check, commit.
    db.pragma('foreign_keys = OFF');
    // BEGIN IMMEDIATE takes the write lock first, so two processes cannot both apply the same migration.
    db.exec('BEGIN IMMEDIATE');
    try {
      const rows = db
        .prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at')
        .all() as AppliedRow[];
      const insert = db.prepare(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
      );
      for (const m of pending(migrations, rows)) {
        const started = prismaTimestamp();
        db.exec(m.sql);
        insert.run(randomUUID(), m.checksum, prismaTimestamp(), m.name, started);
        appliedNow.push(m.name);
      }
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new Error(`Migrations ${appliedNow.join(', ')} leave foreign-key violations: ${JSON.stringify(violations.slice(0, 5))}`);
      }
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
    return appliedNow;
  } finally {
    db.close();
  }
}

/** The text form Prisma's SQLite adapter writes DATETIME values in. */
function prismaTimestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}

async function applyPostgres(url: string, migrations: readonly Migration[]): Promise<string[]> {
  const target = pgTarget(url);
  const client = new pg.Client(target.pool);
  await client.connect();
  try {
    // Lock first: concurrent CREATE SCHEMA IF NOT EXISTS can still collide on the catalog's unique index.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${pgIdent(target.schema)}`);
      await client.query(PG_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const appliedNow: string[] = [];
      for (const m of pending(migrations, rows)) {
        await client.query('BEGIN');
        try {
          const started = new Date();
          await client.query(m.sql); // simple-query protocol: several statements in one call are fine
          await client.query(
            'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)',
            [randomUUID(), m.checksum, m.name, started],
          );
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
        appliedNow.push(m.name);
      }
      return appliedNow;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Brings the database named by `url` (a DATABASE_URL: `file:` or `postgres://`, `?schema=` honoured;
 * a missing SQLite file and its folder are created) up to the checked-in migrations.
 */
export async function applyMigrations(url: string, options: ApplyMigrationsOptions = {}): Promise<MigrationResult> {
  const kind = databaseKindOf(url);
  const migrations = loadMigrations(migrationsDir(kind, options.prismaDir));
  const applied = kind === 'sqlite' ? applySqlite(url, migrations) : await applyPostgres(url, migrations);
  return { kind, applied };
}
