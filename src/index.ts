// first: keeps restify's unused spdy (and its DEP0111 warning) from loading (see the file)
import './web/spdy-on-demand.js';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './log.js';

/**
 * How long a SIGTERM waits for in-flight turns. Below the 30 s grace period that Kubernetes and
 * Azure App Service give a process before killing it.
 */
const SHUTDOWN_TIMEOUT_MS = 25_000;

/** The composition root: configuration → logger → database → services → HTTP server. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      // Before the logger exists: a plain message naming each invalid variable.
      process.stderr.write(e.message + '\n');
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Loaded after the configuration is known good: a bad setting fails in well under a second
  // instead of after loading the Bot Framework SDK and Prisma.
  const [
    { openDatabase },
    { PrismaStorage, startBotStatePurge },
    { createServer },
    { describeError },
    { createAppServices },
    { createReadinessCheck },
    { programAdminsOf },
    { startTelemetry },
  ] = await Promise.all([
    import('./data/db.js'),
    import('./data/prisma-storage.js'),
    import('./server.js'),
    import('./bot/turn-error.js'),
    import('./app-services.js'),
    import('./data/readiness.js'),
    import('./domain/shared/context.js'),
    import('./telemetry/start.js'),
  ]);
  // Migrations are applied by `npm start` / `npm run db:migrate` (scripts/), not here.
  const db = await openDatabase(config);
  const storage = new PrismaStorage(db);
  const services = createAppServices({ config, db, logger });
  const telemetry = await startTelemetry({ config, logger, db: db.prisma });
  // bot-state rows not written for BOT_STATE_TTL_DAYS go, now and every hour
  const stopPurge = startBotStatePurge({
    storage,
    ttlDays: config.BOT_STATE_TTL_DAYS,
    onPurged: (count) => {
      if (count > 0) logger.info({ count, ttlDays: config.BOT_STATE_TTL_DAYS }, 'expired bot state purged');
    },
    onError: (err) => logger.warn({ err: describeError(err) }, 'bot state purge failed'),
  });
  const server = createServer({
    config,
    logger,
    storage,
    ping: () => db.ping(),
    ready: createReadinessCheck(db),
    services,
    telemetry,
  });
  let url: string;
  try {
    url = await server.start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
      // one line a person can act on, not a stack trace (issue 14 item 7)
      process.stderr.write(`port ${config.PORT} is in use; set PORT to a free port (e.g. PORT=${config.PORT + 1})\n`);
      stopPurge();
      await db.close().catch(() => undefined);
      process.exit(1);
    }
    throw err;
  }
  logger.info(
    {
      url,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      database: db.kind,
      authentication: config.MicrosoftAppId ? 'on' : 'off',
      // without SMTP, mail (verification and invitation links) goes to .eml files only, never to the log
      mail: config.SMTP_URL ? 'smtp' : { files: path.resolve(config.MAIL_DIR) },
    },
    'listening',
  );
  if (config.DEMO_MODE) logger.info('demo mode: the data in this database is made-up demo data');
  // Without a program administrator nobody can approve an enrollment (E5) or decide P7/P10 requests.
  const programAdmins = await programAdminsOf(services.domain, services.domain.store.read).catch(() => undefined);
  if (programAdmins?.length === 0) {
    logger.warn(
      'no program administrator is configured: enrollments wait in review until one exists. Set PROGRAM_ADMINS to the Microsoft Entra object id of the person who reviews them (comma-separated for several).',
    );
  } else if (programAdmins) {
    logger.info({ count: programAdmins.length }, 'program administrators configured');
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: server.inFlight() }, 'shutting down');
    setTimeout(() => {
      logger.error({ inFlight: server.inFlight() }, 'shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    stopPurge();
    server
      .stop()
      .then(() => telemetry.shutdown())
      .then(() => db.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err: describeError(err) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  process.on('unhandledRejection', (err) => logger.error({ err: describeError(err) }, 'unhandled rejection'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    // e.g. DATA_ENCRYPTION_KEY, checked once the database is known (src/data/data-key.ts)
    process.stderr.write(err.message + '\n');
    process.exit(1);
  }
  process.stderr.write(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
