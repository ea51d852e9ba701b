import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Pool } from 'pg';
import { noteStatement } from './statement-trace.js';

/**
 * Prepared statements for the few queries every turn runs (issue 15, item 3): bot state (PrismaStorage)
 * and the acting person's facts (src/data/actor-facts.ts). Prisma's client serialises and compiles each
 * query in WebAssembly on every call (~0.5 ms of CPU for a findUnique); these run on the driver itself,
 * prepared once: better-sqlite3 statements on the very connection Prisma uses, behind the same lock its
 * transactions take (sqlite-adapter.ts), and named pg statements on Prisma's own pool (prepared once per
 * connection by PostgreSQL). The domain's use cases stay on Prisma's typed API.
 *
 * A statement is written once with `?` placeholders and double-quoted identifiers, which both databases
 * read; PostgreSQL gets `$1, $2, …`. Values are strings, numbers or null. A DateTime parameter is written
 * `?ts` and given as {@link timestampValue}: SQLite stores that text as Prisma does, PostgreSQL reads it as
 * UTC wall time (Prisma's timestamp(3)).
 */
export interface HotStatement {
  /** unique per text: the PostgreSQL prepared-statement name and the SQLite cache key */
  readonly name: string;
  readonly sql: string;
  /** PostgreSQL text, when it differs from `sql` beyond placeholders */
  readonly postgres?: string;
}

export type HotValue = string | number | null;

export interface HotSql {
  readonly kind: 'sqlite' | 'postgres';
  /** The rows of a query (SQLite integers as numbers, PostgreSQL values as pg parses them). */
  rows<T>(statement: HotStatement, args: readonly HotValue[]): Promise<T[]>;
  /** Runs a write; resolves with the number of rows it changed. */
  run(statement: HotStatement, args: readonly HotValue[]): Promise<number>;
  /** Runs writes in one transaction, in order; resolves with the rows each changed. */
  runAll(steps: readonly HotStep[]): Promise<number[]>;
}

export interface HotStep {
  readonly statement: HotStatement;
  readonly args: readonly HotValue[];
}

/** The connection Prisma's SQLite adapter uses and the lock its transactions take (sqlite-adapter.ts). */
export interface SqliteConnection {
  readonly client: SqliteDatabase;
  exclusive<T>(run: () => T): Promise<T>;
}

export function sqliteHotSql(connection: () => SqliteConnection): HotSql {
  const prepared = new Map<string, { db: SqliteDatabase; statement: Statement }>();
  const statementOf = (s: HotStatement): Statement => {
    const { client } = connection();
    const cached = prepared.get(s.name);
    if (cached && cached.db === client) return cached.statement;
    const statement = client.prepare(s.sql.replace(/\?ts\b/g, '?'));
    statement.safeIntegers(false);
    prepared.set(s.name, { db: client, statement });
    return statement;
  };
  return {
    kind: 'sqlite',
    rows: <T>(s: HotStatement, args: readonly HotValue[]) =>
      connection().exclusive(() => {
        noteStatement(s.sql);
        return statementOf(s).all(...args) as T[];
      }),
    run: (s, args) =>
      connection().exclusive(() => {
        noteStatement(s.sql);
        return statementOf(s).run(...args).changes;
      }),
    runAll: (steps) =>
      connection().exclusive(() =>
        connection().client.transaction(() =>
          steps.map(({ statement, args }) => {
            noteStatement(statement.sql);
            return statementOf(statement).run(...args).changes;
          }),
        )(),
      ),
  };
}

export function postgresHotSql(pool: () => Pool): HotSql {
  const texts = new Map<string, string>();
  const textOf = (s: HotStatement): string => {
    let text = texts.get(s.name);
    if (text === undefined) {
      let n = 0;
      text = (s.postgres ?? s.sql).replace(/\?(ts\b)?/g, (_m, ts?: string) =>
        ts ? `($${++n}::timestamptz AT TIME ZONE 'UTC')` : `$${++n}`,
      );
      texts.set(s.name, text);
    }
    return text;
  };
  return {
    kind: 'postgres',
    async rows<T>(s: HotStatement, args: readonly HotValue[]): Promise<T[]> {
      noteStatement(s.sql);
      const result = await pool().query({ name: s.name, text: textOf(s), values: [...args] });
      return result.rows as T[];
    },
    async run(s, args) {
      noteStatement(s.sql);
      const result = await pool().query({ name: s.name, text: textOf(s), values: [...args] });
      return result.rowCount ?? 0;
    },
    async runAll(steps) {
      const client = await pool().connect();
      try {
        await client.query('BEGIN');
        const counts: number[] = [];
        for (const { statement, args } of steps) {
          noteStatement(statement.sql);
          const result = await client.query({ name: statement.name, text: textOf(statement), values: [...args] });
          counts.push(result.rowCount ?? 0);
        }
        await client.query('COMMIT');
        return counts;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

/**
 * A statement written once per database with named parameters, `{name}` (`{name:ts}` for a DateTime), for the
 * texts whose parameters differ in number or order between SQLite and PostgreSQL (see {@link bindNamed}).
 */
export interface NamedStatement {
  readonly sqlite: { readonly statement: HotStatement; readonly keys: readonly string[] };
  readonly postgres: { readonly statement: HotStatement; readonly keys: readonly string[] };
}

export function namedStatement(name: string, sqlite: string, postgres: string = sqlite): NamedStatement {
  const compile = (text: string) => {
    const keys: string[] = [];
    const sql = text.replace(/\{(\w+)(:ts)?\}/g, (_m, key: string, ts?: string) => {
      keys.push(key);
      return ts ? '?ts' : '?';
    });
    return { statement: { name, sql }, keys };
  };
  return { sqlite: compile(sqlite), postgres: compile(postgres) };
}

/** The statement of this database and its positional arguments; a DateTime value is given as a Date. */
export function bindNamed(
  kind: HotSql['kind'],
  s: NamedStatement,
  values: Readonly<Record<string, HotValue | Date>>,
): HotStep {
  const { statement, keys } = s[kind];
  return {
    statement,
    args: keys.map((k) => {
      const v = values[k];
      if (v === undefined) throw new Error(`statement ${statement.name}: no value for {${k}}`);
      return v instanceof Date ? timestampValue(v) : v;
    }),
  };
}

/** A `?ts` value: ISO 8601 with "+00:00", the text Prisma's SQLite adapter stores for a DateTime. */
export function timestampValue(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/** 1/0 (SQLite), true/false (PostgreSQL), or bigint 1n: true for the first of each. */
export function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === 1n || v === '1' || v === 't';
}
