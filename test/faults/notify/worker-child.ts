/**
 * A notification worker in its own process, for the kill -9 test (kill9.test.ts): the real worker
 * with its production lease and timeouts, over the database in DATABASE_URL (a SQLite file, or a
 * PostgreSQL schema), sending through the real send port to the channels' service URL. Prints
 * "ready" once started; on SIGTERM stops gracefully and prints its stats as one JSON line.
 */
import { openDatabase } from '../../../src/data/db.js';
import { createLogger } from '../../../src/log.js';
import { NotifyWorker } from '../../../src/notify/worker.js';
import { realSend } from './support.js';

const url = process.env.DATABASE_URL ?? '';
const kind = url.startsWith('postgres') ? 'postgres' : 'sqlite';
const db = await openDatabase({ DATABASE_URL: url, databaseKind: kind });
const worker = new NotifyWorker({
  db: db.prisma,
  hot: db.hot,
  send: realSend(),
  logger: createLogger('silent'),
  pollIntervalMs: 200,
});
worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void (async () => {
    await worker.stop();
    process.stdout.write(`${JSON.stringify({ stats: worker.stats })}\n`);
    await db.close();
    process.exit(0);
  })();
});
