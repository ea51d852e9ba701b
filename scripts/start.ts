/**
 * npm start — applies pending migrations to the database DATABASE_URL selects, then runs the bot
 * (src/index.ts, which starts itself on import). Migrating first keeps a fresh checkout or a new
 * release a one-command start; concurrent starts are safe (applyMigrations takes a lock).
 */
import { configSchema } from '../src/config.js';
import { applyMigrations } from '../src/data/db.js';
import { createLogger } from '../src/log.js';

const env = configSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true }).safeParse(process.env);
if (env.success) {
  const logger = createLogger(env.data.LOG_LEVEL);
  try {
    const result = await applyMigrations(env.data.DATABASE_URL);
    logger.info({ database: result.kind, applied: result.applied }, 'migrations applied');
  } catch (err) {
    logger.fatal({ err }, 'migrations failed; not starting');
    process.exit(1);
  }
}
// An invalid DATABASE_URL/LOG_LEVEL falls through: src/index.ts reports every invalid variable.
await import('../src/index.js');
