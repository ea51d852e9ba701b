/**
 * The image's HEALTHCHECK (`node dist/scripts/healthcheck.js`): exit 0 when the bot on this machine answers
 * /readyz with 200 (database reachable and writable, migrations applied), else 1. Node 20 slim images
 * have no curl; this needs nothing but Node. PORT is the bot's own setting.
 */
import { configSchema } from '../src/config.js';

const { PORT } = configSchema.pick({ PORT: true }).parse(process.env);
try {
  const res = await fetch(`http://127.0.0.1:${PORT}/readyz`, { signal: AbortSignal.timeout(4000) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
