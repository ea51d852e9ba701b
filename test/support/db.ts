import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, openDatabase, type Database } from '../../src/data/db.js';
import { pgIdent, pgTarget } from '../../src/data/database-url.js';

/**
 * Each test owns its database:
 *   const t = await freshSqlite();   // new SQLite file in a new temp dir, migrated
 *   ... t.db.prisma ... t.url (a DATABASE_URL for code that opens its own connection) ...
 *   await t.cleanup();
 * freshPostgres() does the same in a new, uniquely named schema of the server in TEST_DATABASE_URL
 * (dropped on cleanup). forEachDatabase() runs a suite on SQLite always and on PostgreSQL when
 * TEST_DATABASE_URL is set (otherwise the PostgreSQL suite is reported as pending).
 */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  /** DATABASE_URL of this database (SQLite: absolute file: URL; PostgreSQL: with ?schema=). */
  readonly url: string;
  readonly db: Database;
  /** Closes `db` and deletes the database. Safe to call twice. */
  cleanup(): Promise<void>;
}

export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL?.trim() || undefined;

/**
 * The migrations are applied once per test process into a template file; each fresh SQLite database
 * is a copy of it (a file copy is ~10x faster than replaying the migrations).
 */
let sqliteTemplate: Promise<string> | undefined;

function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-test-template-'));
    const file = path.join(dir, 'template.db');
    await applyMigrations(`file:${file}`); // closes the file: WAL checkpointed into it
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return file;
  })();
  return sqliteTemplate;
}

export async function freshSqlite(): Promise<TestDatabase> {
  const template = await migratedSqliteTemplate();
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-test-db-'));
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  try {
    copyFileSync(template, file);
    const db = await openDatabase({ DATABASE_URL: url, databaseKind: 'sqlite' });
    let done = false;
    return {
      kind: 'sqlite',
      url,
      db,
      async cleanup() {
        if (done) return;
        done = true;
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Adds or replaces `?schema=` in a postgres URL. */
function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

async function dropSchema(serverUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ ...pgTarget(serverUrl).pool, options: undefined });
  await client.connect();
  try {
    // A connection the test left behind (a worker still finishing its last claim) can hold a lock the
    // cascade needs; PostgreSQL then picks the DROP as the deadlock victim. It is safe to try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${pgIdent(schema)} CASCADE`);
        return;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '55P03')) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}

export async function freshPostgres(serverUrl: string | undefined = TEST_DATABASE_URL): Promise<TestDatabase> {
  if (serverUrl === undefined) throw new Error('freshPostgres needs TEST_DATABASE_URL');
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = withSchema(serverUrl, schema);
  try {
    await applyMigrations(url); // creates the schema
    const db = await openDatabase({ DATABASE_URL: url, databaseKind: 'postgres' });
    let done = false;
    return {
      kind: 'postgres',
      url,
      db,
      async cleanup() {
        if (done) return;
        done = true;
        try {
          await db.close();
        } finally {
          await dropSchema(serverUrl, schema);
        }
      },
    };
  } catch (e) {
    await dropSchema(serverUrl, schema);
    throw e;
  }
}

export function freshDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  return kind === 'sqlite' ? freshSqlite() : freshPostgres();
}

export interface DatabaseSuiteContext {
  readonly kind: 'sqlite' | 'postgres';
  /** A fresh, migrated database for one test; cleaned up after that test. */
  fresh(): Promise<TestDatabase>;
}

/**
 * Declares `describe("<title> [sqlite]")` and `describe("<title> [postgres]")` (skipped unless
 * TEST_DATABASE_URL is set). Inside, `ctx.fresh()` gives a new database that is removed after the
 * current test, e.g.
 *   forEachDatabase('PrismaStorage', (ctx) => {
 *     it('round trip', async () => { const { db } = await ctx.fresh(); ... });
 *   });
 */
export function forEachDatabase(title: string, fn: (ctx: DatabaseSuiteContext) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const suite = kind === 'postgres' && TEST_DATABASE_URL === undefined ? describe.skip : describe;
    suite(`${title} [${kind}]`, function () {
      const open: TestDatabase[] = [];
      afterEach(async function () {
        const all = open.splice(0);
        await Promise.all(all.map((t) => t.cleanup()));
      });
      fn({
        kind,
        async fresh() {
          const t = await freshDatabase(kind);
          open.push(t);
          return t;
        },
      });
    });
  }
}
