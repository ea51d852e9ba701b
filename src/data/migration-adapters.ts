import { randomUUID } from 'node:crypto';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { pgIdent, type PgTarget } from './database-url.js';

/**
 * Driver-adapter factories for the Prisma CLI (prisma.config.ts), with workarounds for bugs of the
 * 6.19 adapters when the schema engine drives them. Verified on Prisma 6.19.3; see ../shared/STACK.md.
 * The running bot does not need them (src/data/db.ts uses the stock adapters).
 */

type SqlAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connectToShadowDb']>>;

function isMultiStatementError(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e);
  return /more than one statement/i.test(text);
}

/**
 * SQLite: `migrate dev` / `migrate diff --from-migrations` replay whole migration files on the shadow
 * database through the single-statement call, which better-sqlite3 refuses ("more than one
 * statement"). On the shadow connection, parameterless SQL that fails that way goes through
 * `executeScript` (better-sqlite3's `exec`) instead.
 */
export class SqliteMigrationAdapterFactory extends PrismaBetterSQLite3 {
  override async connectToShadowDb(): Promise<SqlAdapter> {
    const adapter = await super.connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (e) {
        if (query.args.length > 0 || !isMultiStatementError(e)) throw e;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    adapter.queryRaw = async (query) => {
      try {
        return await queryRaw(query);
      } catch (e) {
        if (query.args.length > 0 || !isMultiStatementError(e)) throw e;
        await adapter.executeScript(query.sql);
        return { columnNames: [], columnTypes: [], rows: [] };
      }
    };
    return adapter;
  }
}

// PostgreSQL catalog types the pg adapter cannot decode (prisma/orm#27403, #28145), reported as text.
const TEXT = 25;
const TEXT_ARRAY = 1009;
const CATALOG_AS_TEXT = new Map<number, number>([
  [18, TEXT], // "char"
  [19, TEXT], // name
  [24, TEXT], // regproc
  [194, TEXT], // pg_node_tree
  [2205, TEXT], // regclass
  [1003, TEXT_ARRAY], // name[]
]);

type TypeParserLookup = (oid: number, format?: string) => unknown;
type QueryCallback = (err: Error | null, res?: pg.QueryResult) => void;
type LooseQuery = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A pg.Client whose results describe catalog-typed columns as text (and parse them as text). */
export class CatalogAsTextClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    const original = (pg.Client.prototype.query as LooseQuery).bind(this);
    const patched: LooseQuery = (config, values, callback) => {
      if (typeof callback !== 'function' || config === null || typeof config !== 'object') {
        return original(config, values, callback);
      }
      const cfg = config as { types?: { getTypeParser: TypeParserLookup } };
      const inner: TypeParserLookup =
        cfg.types?.getTypeParser ?? (pg.types.getTypeParser as unknown as TypeParserLookup);
      const types = {
        getTypeParser: (oid: number, format?: string) => inner(CATALOG_AS_TEXT.get(oid) ?? oid, format),
      };
      const cb = callback as QueryCallback;
      return original({ ...cfg, types }, values, (err: Error | null, res?: pg.QueryResult) => {
        for (const field of res?.fields ?? []) {
          field.dataTypeID = CATALOG_AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
        }
        cb(err, res);
      });
    };
    (this as unknown as { query: LooseQuery }).query = patched;
  }
}

/** Pool settings for the CLI: catalog-tolerant client; exit as soon as idle (else each command waits ~10 s). */
function cliPool(target: PgTarget, database?: string): pg.PoolConfig {
  return {
    ...target.pool,
    ...(database === undefined ? {} : { database }),
    Client: CatalogAsTextClient,
    allowExitOnIdle: true,
    idleTimeoutMillis: 200,
  };
}

/**
 * PostgreSQL for the CLI. The stock `connectToShadowDb` lets a connection string override the shadow
 * database's name and drops the database before closing its own pool (so the DROP fails). Here the
 * shadow database is created, used, its pool closed, and only then dropped.
 */
export class PgMigrationAdapterFactory extends PrismaPg {
  readonly #target: PgTarget;

  constructor(target: PgTarget) {
    super(cliPool(target), { schema: target.schema });
    this.#target = target;
  }

  override async connectToShadowDb(): Promise<Awaited<ReturnType<PrismaPg['connect']>>> {
    const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ ...this.#target.pool });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pgIdent(name)}`);
    } catch (e) {
      await admin.end();
      throw e;
    }
    const shadowTarget: PgTarget = { pool: { ...this.#target.pool, database: name, options: undefined }, schema: 'public' };
    const adapter = await new PrismaPg(cliPool(shadowTarget), { schema: 'public' }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      try {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS ${pgIdent(name)}`);
      } finally {
        await admin.end();
      }
    };
    return adapter;
  }
}
