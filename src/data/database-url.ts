import path from 'node:path';
import type pg from 'pg';

/**
 * DATABASE_URL parsing shared by the runtime (src/data/db.ts), prisma.config.ts and the scripts.
 * `file:` → SQLite (path relative to the process's working directory, as the Prisma adapter does);
 * `postgres://` / `postgresql://` → PostgreSQL, with Prisma's `?schema=` honoured.
 */
export type DatabaseKind = 'sqlite' | 'postgres';

export const DEFAULT_DATABASE_URL = 'file:./data/csp-bot.db';

export function databaseKindOf(url: string): DatabaseKind {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)');
}

/** Absolute path of the SQLite file named by a `file:` URL (query string ignored). */
export function sqliteFilePath(url: string, cwd: string = process.cwd()): string {
  const raw = url.replace(/^file:/, '').replace(/\?.*$/, '');
  if (raw === ':memory:') return raw;
  return path.resolve(cwd, raw);
}

export interface PgTarget {
  /** Discrete fields, never `connectionString`: pg lets a connection string override `database`. */
  readonly pool: pg.PoolConfig;
  /** The schema from `?schema=` (Prisma's convention); `public` when absent. */
  readonly schema: string;
}

// Lower-case only: the name goes unquoted into search_path, where PostgreSQL folds case.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function pgTarget(url: string): PgTarget {
  const u = new URL(url);
  const q = u.searchParams;
  const schema = q.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Unsupported PostgreSQL schema name: ${schema}`);
  const sslmode = q.get('sslmode');
  const pool: pg.PoolConfig = {
    host: q.get('host') ?? (u.hostname.replace(/^\[|\]$/g, '') || 'localhost'),
    port: u.port ? Number(u.port) : 5432,
    user: u.username ? decodeURIComponent(u.username) : 'postgres',
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    // Unqualified names (migration SQL, raw queries) resolve in the selected schema.
    options: `-c search_path=${schema}`,
    ...(sslmode === null || sslmode === 'disable' || sslmode === 'prefer' || sslmode === 'allow'
      ? {}
      : { ssl: { rejectUnauthorized: sslmode === 'verify-full' || sslmode === 'verify-ca' } }),
  };
  const max = q.get('connection_limit');
  if (max !== null) pool.max = Number(max);
  return { pool, schema };
}

/** Quotes an identifier for PostgreSQL. */
export function pgIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
