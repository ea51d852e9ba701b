/**
 * Query plans for a list view: runs the view once on a Prisma client that records the SQL it sends,
 * then asks the database how it runs each statement (SQLite: EXPLAIN QUERY PLAN; PostgreSQL:
 * EXPLAIN (ANALYZE, BUFFERS)). Diagnosis only: the timings come from the product's ordinary client.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgTarget, sqliteFilePath } from '../../src/data/database-url.js';
import type { PrismaClient } from '../../src/data/db.js';
import { PrismaClient as PgClient } from '../../src/generated/postgres/client.js';
import { PrismaClient as SqliteClient } from '../../src/generated/sqlite/client.js';
import type { BenchTarget } from './target.js';

export interface Statement {
  readonly sql: string;
  readonly params: unknown[];
  readonly ms: number;
}

export interface Recorder {
  readonly prisma: PrismaClient;
  /** statements sent since the last call */
  take(): Statement[];
  close(): Promise<void>;
}

export function recordingClient(target: BenchTarget): Recorder {
  let seen: Statement[] = [];
  const log = [{ level: 'query' as const, emit: 'event' as const }];
  let prisma: PrismaClient;
  if (target.kind === 'sqlite') {
    const c = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(target.url) }), log });
    c.$on('query', (e) => seen.push({ sql: e.query, params: JSON.parse(e.params) as unknown[], ms: e.duration }));
    prisma = c;
  } else {
    const t = pgTarget(target.url);
    const c = new PgClient({ adapter: new PrismaPg(t.pool, { schema: t.schema }), log });
    c.$on('query', (e) => seen.push({ sql: e.query, params: JSON.parse(e.params) as unknown[], ms: e.duration }));
    prisma = c as unknown as PrismaClient;
  }
  return {
    prisma,
    take() {
      const out = seen;
      seen = [];
      return out;
    },
    close: () => prisma.$disconnect(),
  };
}

function sqliteParam(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** Plans of `statements` (skipping transaction control), as printable text. */
export async function explain(target: BenchTarget, statements: readonly Statement[]): Promise<string> {
  const out: string[] = [];
  const interesting = statements.filter((s) => /^\s*SELECT/i.test(s.sql));
  if (target.kind === 'sqlite') {
    const db = new BetterSqlite3(sqliteFilePath(target.url), { readonly: true });
    try {
      for (const s of interesting) {
        const rows = db
          .prepare<unknown[], { id: number; parent: number; detail: string }>(`EXPLAIN QUERY PLAN ${s.sql}`)
          .all(...s.params.map(sqliteParam));
        out.push(`-- ${s.ms} ms: ${s.sql}\n-- params ${JSON.stringify(s.params)}`);
        const depth = new Map<number, number>([[0, 0]]);
        for (const r of rows) {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          out.push(`${'  '.repeat(d)}${r.detail}`);
        }
      }
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client(pgTarget(target.url).pool);
    await client.connect();
    try {
      for (const s of interesting) {
        const res = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
        out.push(`-- ${s.ms} ms: ${s.sql}\n-- params ${JSON.stringify(s.params)}`);
        for (const r of res.rows) out.push(`  ${r['QUERY PLAN']}`);
      }
    } finally {
      await client.end();
    }
  }
  return out.join('\n');
}
