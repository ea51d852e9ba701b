/**
 * Bulk writers for the seeding script: one per table, same calling convention on both databases.
 *  - SQLite: a better-sqlite3 prepared statement per table, all rows inside one transaction.
 *  - PostgreSQL: rows buffered per column and sent as `INSERT … SELECT * FROM unnest($1::text[], …)`,
 *    one parameter per column whatever the batch size; the next batch is built while the server
 *    inserts the previous one (one connection, so statements run in submission order).
 * Values arrive already converted by `Sink.ts()` / `Sink.bool()` to what the product's Prisma adapter
 * writes (SQLite: ISO-8601 text and 0/1, as @prisma/adapter-better-sqlite3 does by default).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

export type Cell = string | number | boolean | null;

export interface TableWriter {
  readonly table: string;
  /** Returns a promise only when the caller must wait (a PostgreSQL batch went out). */
  push(row: readonly Cell[]): Promise<void> | undefined;
  /** Queues what is buffered (PostgreSQL) without waiting for the server to finish it. */
  submit(): Promise<void>;
  /** Sends what is buffered and waits for it. */
  flush(): Promise<void>;
  readonly rows: number;
}

export interface Sink {
  readonly kind: 'sqlite' | 'postgres';
  ts(ms: number): string;
  bool(b: boolean): number | boolean;
  writer(table: string, columns: readonly string[], dependsOn?: readonly TableWriter[]): Promise<TableWriter>;
  /**
   * Drops the secondary indexes of `tables` (everything but primary keys) and returns their DDL, read
   * from the database itself (so re-creating them restores exactly what the migrations built).
   */
  dropIndexes(tables: readonly string[]): Promise<string[]>;
  exec(sql: string): Promise<void>;
  /** Rows whose foreign key points nowhere, per constraint (empty when the data is consistent). */
  orphans(): Promise<string[]>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  analyze(): Promise<void>;
  close(): Promise<void>;
}

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export class SqliteSink implements Sink {
  readonly kind = 'sqlite' as const;
  constructor(private readonly db: BetterSqlite3.Database) {
    // Bulk load: no rollback journal, no fsync. The product's own pragmas apply when it opens the file.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
  }

  ts(ms: number): string {
    // @prisma/adapter-better-sqlite3 (timestampFormat "iso8601", its default) writes this form.
    return new Date(ms).toISOString().replace('Z', '+00:00');
  }

  bool(b: boolean): number {
    return b ? 1 : 0;
  }

  writer(table: string, columns: readonly string[]): Promise<TableWriter> {
    const stmt = this.db.prepare(
      `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    let rows = 0;
    const w: TableWriter = {
      table,
      push(row) {
        stmt.run(...row);
        rows++;
        return undefined;
      },
      submit: () => Promise.resolve(),
      flush: () => Promise.resolve(),
      get rows() {
        return rows;
      },
    };
    return Promise.resolve(w);
  }

  dropIndexes(tables: readonly string[]): Promise<string[]> {
    const rows = this.db
      .prepare<unknown[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`,
      )
      .all(...tables);
    for (const r of rows) this.db.exec(`DROP INDEX ${q(r.name)}`);
    return Promise.resolve(rows.map((r) => r.sql));
  }

  exec(sql: string): Promise<void> {
    this.db.exec(sql);
    return Promise.resolve();
  }

  orphans(): Promise<string[]> {
    const rows = this.db.prepare<[], { table: string; parent: string }>('PRAGMA foreign_key_check').all();
    return Promise.resolve(rows.map((r) => `${r.table} → ${r.parent}`));
  }

  begin(): Promise<void> {
    this.db.exec('BEGIN');
    return Promise.resolve();
  }

  commit(): Promise<void> {
    this.db.exec('COMMIT');
    return Promise.resolve();
  }

  analyze(): Promise<void> {
    this.db.exec('ANALYZE');
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.db.pragma('journal_mode = WAL');
    this.db.close();
    return Promise.resolve();
  }
}

const BATCH = 5000;

class PgWriter implements TableWriter {
  private cols: Cell[][];
  private buffered = 0;
  private sent = 0;
  private pending: Promise<void> | null = null;
  private failure: Error | null = null;
  private readonly sql: string;

  constructor(
    private readonly run: (sql: string, values: unknown[]) => Promise<unknown>,
    readonly table: string,
    private readonly columns: readonly string[],
    types: readonly string[],
    private readonly dependsOn: readonly TableWriter[],
  ) {
    this.cols = columns.map(() => []);
    const args = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
    this.sql = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) SELECT * FROM unnest(${args})`;
  }

  get rows(): number {
    return this.sent + this.buffered;
  }

  push(row: readonly Cell[]): Promise<void> | undefined {
    for (let i = 0; i < this.columns.length; i++) this.cols[i].push(row[i] ?? null);
    this.buffered++;
    return this.buffered >= BATCH ? this.submit() : undefined;
  }

  async submit(): Promise<void> {
    // Rows of a table this one references are queued first (foreign keys are checked per statement,
    // and one connection runs statements in order).
    for (const d of this.dependsOn) await d.submit();
    if (this.pending) await this.pending;
    if (this.failure !== null) throw this.failure;
    if (this.buffered === 0) return;
    const values = this.cols;
    this.cols = this.columns.map(() => []);
    this.sent += this.buffered;
    this.buffered = 0;
    this.pending = this.run(this.sql, values).then(
      () => undefined,
      (e: unknown) => {
        this.failure = e instanceof Error ? e : new Error(String(e));
      },
    );
  }

  async flush(): Promise<void> {
    await this.submit();
    if (this.pending) await this.pending;
    this.pending = null;
    if (this.failure !== null) throw this.failure;
  }
}

export class PgSink implements Sink {
  readonly kind = 'postgres' as const;
  /** Statements are chained: pg runs one at a time per connection anyway, and warns when asked to queue. */
  private tail: Promise<unknown> = Promise.resolve();
  constructor(private readonly client: pg.Client) {}

  private run = (sql: string, values: unknown[]): Promise<unknown> => {
    const next = this.tail.then(() => this.client.query(sql, values));
    this.tail = next.catch(() => undefined);
    return next;
  };

  async dropIndexes(tables: readonly string[]): Promise<string[]> {
    const res = await this.client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')
        ORDER BY i.indexname`,
      [tables],
    );
    for (const r of res.rows) await this.client.query(`DROP INDEX ${q(r.indexname)}`);
    return res.rows.map((r) => r.indexdef);
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async orphans(): Promise<string[]> {
    const fks = await this.client.query<{ child: string; col: string; parent: string; pcol: string }>(
      `SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS pcol
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND cardinality(c.conkey) = 1`,
    );
    const out: string[] = [];
    for (const fk of fks.rows) {
      const r = await this.client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${fk.child} x WHERE x.${q(fk.col)} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM ${fk.parent} y WHERE y.${q(fk.pcol)} = x.${q(fk.col)})`,
      );
      if (Number(r.rows[0]?.n ?? 0) > 0) out.push(`${fk.child}.${fk.col} → ${fk.parent}: ${String(r.rows[0]?.n)}`);
    }
    return out;
  }

  ts(ms: number): string {
    // Prisma's DateTime is timestamp(3) without time zone, holding UTC.
    return new Date(ms).toISOString().replace('Z', '');
  }

  bool(b: boolean): boolean {
    return b;
  }

  async writer(
    table: string,
    columns: readonly string[],
    dependsOn: readonly TableWriter[] = [],
  ): Promise<TableWriter> {
    const res = await this.client.query<{ column_name: string; udt_name: string }>(
      `SELECT column_name, udt_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1`,
      [table],
    );
    const byName = new Map(res.rows.map((r) => [r.column_name, r.udt_name]));
    const types = columns.map((c) => {
      const t = byName.get(c);
      if (t === undefined) throw new Error(`${table}.${c}: no such column (are the migrations applied?)`);
      return t;
    });
    return new PgWriter(this.run, table, columns, types, dependsOn);
  }

  async begin(): Promise<void> {
    await this.client.query('SET synchronous_commit = off');
    await this.client.query("SET maintenance_work_mem = '512MB'");
    // Bulk path: foreign-key triggers off for this session while loading (the generator only references
    // rows it has already written; seed.ts checks for orphans afterwards).
    await this.client.query('SET session_replication_role = replica');
    await this.client.query('BEGIN');
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
    await this.client.query('SET session_replication_role = DEFAULT');
  }

  async analyze(): Promise<void> {
    await this.client.query('VACUUM ANALYZE');
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
