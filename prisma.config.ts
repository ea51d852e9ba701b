import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { DEFAULT_DATABASE_URL, databaseKindOf, pgTarget, sqliteFilePath } from './src/data/database-url.js';
import { PgMigrationAdapterFactory, SqliteMigrationAdapterFactory } from './src/data/migration-adapters.js';

/**
 * Prisma CLI configuration. DATABASE_URL (from the process environment only: with this file present
 * the CLI does not read .env) selects both the schema folder (prisma/sqlite or prisma/postgres, which
 * share prisma/models) and the driver adapter the JavaScript schema engine uses. Default: SQLite at
 * ./data/csp-bot.db. Usually called through `npm run db:migrate` / `npm run db:migration`.
 */
const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
const kind = databaseKindOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', kind),
  adapter: () =>
    Promise.resolve(
      kind === 'sqlite'
        ? new SqliteMigrationAdapterFactory({ url: sqliteFilePath(url), timeout: 10_000 })
        : new PgMigrationAdapterFactory(pgTarget(url)),
    ),
});
