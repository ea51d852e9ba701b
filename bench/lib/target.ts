/**
 * Which database the benchmarks use, and the guard that keeps them off the development database.
 * DATABASE_URL as the product reads it (file: → SQLite, postgres:// → PostgreSQL); default a SQLite
 * file under bench/.data/ (git-ignored). Seeding wipes the target, so a PostgreSQL database must have
 * "bench" in its name and a SQLite file must not be the product's default file.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applyMigrations } from '../../src/data/migrations.js';
import {
  DEFAULT_DATABASE_URL,
  databaseKindOf,
  pgIdent,
  pgTarget,
  sqliteFilePath,
} from '../../src/data/database-url.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultBenchUrl = `file:${path.join(root, 'bench', '.data', 'bench.db')}`;

export interface BenchTarget {
  readonly url: string;
  readonly kind: 'sqlite' | 'postgres';
  /** SQLite file path, or PostgreSQL database name */
  readonly label: string;
}

export function benchTarget(env: NodeJS.ProcessEnv = process.env): BenchTarget {
  const url = env.DATABASE_URL?.trim() || defaultBenchUrl;
  const kind = databaseKindOf(url);
  if (kind === 'sqlite') {
    const file = sqliteFilePath(url, root);
    if (file === sqliteFilePath(DEFAULT_DATABASE_URL, root) || file.startsWith(path.join(root, 'data') + path.sep)) {
      throw new Error(`refusing to use the development database ${file}: point DATABASE_URL at a bench file`);
    }
    return { url: `file:${file}`, kind, label: file };
  }
  const t = pgTarget(url);
  const db = String(t.pool.database);
  if (!/bench/i.test(db)) {
    throw new Error(`refusing PostgreSQL database "${db}": the benchmark database's name must contain "bench"`);
  }
  return { url, kind, label: `${String(t.pool.host)}:${String(t.pool.port)}/${db}` };
}

/** Drops and recreates the target (SQLite: deletes the file; PostgreSQL: DROP/CREATE DATABASE). */
export async function recreate(target: BenchTarget): Promise<void> {
  if (target.kind === 'sqlite') {
    const file = sqliteFilePath(target.url);
    mkdirSync(path.dirname(file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    return;
  }
  const t = pgTarget(target.url);
  const admin = new pg.Client({ ...t.pool, database: 'postgres', options: undefined });
  await admin.connect();
  try {
    const name = pgIdent(String(t.pool.database));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  if (t.schema !== 'public') {
    const c = new pg.Client({ ...t.pool, options: undefined });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${pgIdent(t.schema)}`);
    } finally {
      await c.end();
    }
  }
}

/** Applies the project's own migrations (prisma/<kind>/migrations) with the product's applyMigrations. */
export async function applyProjectMigrations(target: BenchTarget): Promise<readonly string[]> {
  const res = await applyMigrations(target.url);
  if (res.applied.length === 0) throw new Error(`no migrations found for ${target.kind}`);
  return res.applied;
}
