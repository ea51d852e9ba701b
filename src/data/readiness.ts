import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './db.js';
import { migrationsDir } from './migrations.js';

/**
 * Readiness (GET /readyz): can this process do its job right now? Unlike liveness (/healthz: the
 * database answers `SELECT 1`), it proves that the database takes a committed write through the same
 * transaction path the bot uses, and that every checked-in migration is applied.
 *
 * The write: SQLite rewrites `PRAGMA user_version` with its own value inside an interactive transaction
 * (a real page write to the WAL at COMMIT, no table of its own, nothing Prisma Migrate sees);
 * PostgreSQL takes a transaction id (`txid_current()`, refused on a standby) and refuses a read-only
 * session, so the COMMIT writes a WAL record.
 */
export type Readiness =
  | { readonly ready: true }
  | {
      readonly ready: false;
      readonly reason: 'database-not-writable' | 'migrations-pending';
      /** For logs, not for the HTTP answer: the driver's message. */
      readonly detail: string;
      /** migrations-pending: the names of the migrations not applied. */
      readonly pending?: readonly string[];
    };

/** Default bound for the write probe. */
export const READINESS_TIMEOUT_MS = 2000;

export interface ReadinessOptions {
  /** Bound for the write probe's transaction (default READINESS_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** Folder holding `sqlite/` and `postgres/` migrations (default: the repository's prisma/). */
  readonly prismaDir?: string;
}

type ProbeDb = Pick<Database, 'prisma' | 'kind'>;

/** Builds the check; it remembers once all migrations were seen applied (they do not come undone). */
export function createReadinessCheck(db: ProbeDb, options: ReadinessOptions = {}): () => Promise<Readiness> {
  let migrated = false;
  return async () => {
    try {
      await writeProbe(db, options.timeoutMs ?? READINESS_TIMEOUT_MS);
    } catch (e) {
      return { ready: false, reason: 'database-not-writable', detail: e instanceof Error ? e.message : String(e) };
    }
    if (!migrated) {
      const pending = await pendingMigrations(db, options.prismaDir);
      if (pending.length > 0) {
        return {
          ready: false,
          reason: 'migrations-pending',
          detail: `${pending.length} migration(s) not applied`,
          pending,
        };
      }
      migrated = true;
    }
    return { ready: true };
  };
}

async function writeProbe(db: ProbeDb, timeoutMs: number): Promise<void> {
  const limits = { maxWait: timeoutMs, timeout: timeoutMs };
  if (db.kind === 'sqlite') {
    await db.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ user_version: bigint | number }[]>('PRAGMA user_version');
      const version = Number(row?.user_version ?? 0);
      await tx.$executeRawUnsafe(`PRAGMA user_version = ${Math.trunc(version)}`);
    }, limits);
    return;
  }
  await db.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ read_only: string }[]>(
      "SELECT current_setting('transaction_read_only') AS read_only, txid_current()::text AS xid",
    );
    if (row?.read_only === 'on') throw new Error('the PostgreSQL session is read-only');
  }, limits);
}

async function pendingMigrations(db: ProbeDb, prismaDir: string | undefined): Promise<string[]> {
  const dir = prismaDir ? migrationsDir(db.kind, prismaDir) : migrationsDir(db.kind);
  const expected = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
        .map((d) => d.name)
    : [];
  if (expected.length === 0) return [];
  let applied: { migration_name: string }[];
  try {
    applied = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
  } catch {
    return expected.sort(); // no bookkeeping table: nothing applied
  }
  const done = new Set(applied.map((r) => r.migration_name));
  return expected.filter((name) => !done.has(name)).sort();
}
