/**
 * npm run db:migrate — applies the checked-in migrations to the database DATABASE_URL selects
 * (default file:./data/csp-bot.db; ./data is created if missing; postgres:// URLs may carry ?schema=).
 * Uses src/data/migrations.ts (in-process, Prisma-compatible _prisma_migrations bookkeeping), not the
 * Prisma CLI, which takes ~11 s per deploy on PostgreSQL. `prisma migrate status` still works.
 */
import { configSchema } from '../src/config.js';
import { applyMigrations } from '../src/data/db.js';

const { DATABASE_URL } = configSchema.pick({ DATABASE_URL: true }).parse(process.env);
const started = performance.now();
const result = await applyMigrations(DATABASE_URL);
const ms = Math.round(performance.now() - started);
const where = DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@'); // no password in the output
if (result.applied.length === 0) {
  console.log(`${result.kind} ${where}: up to date (${ms} ms)`);
} else {
  console.log(`${result.kind} ${where}: applied ${result.applied.join(', ')} (${ms} ms)`);
}
