import './web/spdy-on-demand.js';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type Activity,
  CloudAdapter,
  ConversationState,
  UserState,
  type ActivityHandler,
  type Middleware,
  type Storage,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import restify from 'restify';
import { BotAuthentication } from './bot/authentication.js';
import { TurnAdapter } from './bot/turn-adapter.js';
import { activityProblems } from './bot/turn.js';
import { CspBot, type BotDeps } from './bot/bot.js';
import { createTurnErrorHandler, describeError } from './bot/turn-error.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Readiness } from './data/readiness.js';
import { ConversationRefs } from './bot/conversation-refs.js';
import { compareAndSetState } from './data/compare-and-set-state.js';
import { ReviewNotifier } from './bot/enrollment/review-notifier.js';
import type { AppServices, TurnServices } from './bot/services.js';
import { registerVerifyPage } from './web/verify-page.js';
import { withTimeout } from './web/with-timeout.js';
import { registerDashboard } from './web/dashboard/routes.js';
import { registerCustomerInvitePages } from './web/customer-invite.js';
import { registerGdapApprovalPages } from './web/gdap-approval.js';
import { GdapSweep } from './notify/gdap-sweep.js';
import { createAcceptanceNotifier } from './bot/customers/acceptance-notifier.js';
import { registerPartnershipInvitePage } from './web/partnership-invite.js';
import { registerAboutPages } from './web/about-pages.js';
import { registerPartnerCenterLinkPages } from './web/partner-center-link.js';
import { registerPartnerCenterEvents } from './web/partner-center-events.js';
import { traceStatements, type StatementTally } from './data/statement-trace.js';
import { withTurnPrefetch } from './data/prisma-storage.js';
import { newCorrelationId, recordingTurn, type TurnRecord } from './bot/turn-record.js';
import { registerMetrics } from './telemetry/metrics-route.js';
import { noTelemetry, type Telemetry } from './telemetry/telemetry.js';

/** Everything the HTTP server needs; src/index.ts builds it from configuration, tests from a harness. */
export interface ServerDeps {
  readonly config: Config;
  readonly logger: Logger;
  /** Bot state (ConversationState + UserState): PrismaStorage in the real server. */
  readonly storage: Storage;
  /** Resolves when the database answers; rejects (or times out) otherwise. Drives /healthz. */
  readonly ping: () => Promise<unknown>;
  /**
   * Readiness (src/data/readiness.ts): the database takes a committed write and the migrations are
   * applied. Drives /readyz; without it /readyz answers from `ping` alone.
   */
  readonly ready?: () => Promise<Readiness>;
  /**
   * Credentials for the bot's outgoing calls. Default: the app id/password from config (tokens
   * from Entra ID). Tests inject one that signs with a local token.
   */
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
  /** Extra adapter middleware, run before the bot on every authenticated turn. */
  readonly middleware?: readonly Middleware[];
  /** Builds the activity handler; default `new CspBot(deps)`. */
  readonly createBot?: (deps: BotDeps) => ActivityHandler;
  /**
   * The domain (and the mail outbox, which the server starts and stops). Without it the bot answers
   * only the foundation's commands (help, cancel) and serves no verification page.
   */
  readonly services?: AppServices;
  /** Interface to listen on; default all interfaces. */
  readonly host?: string;
  /** Metrics and traces (src/telemetry/start.ts: startTelemetry); default none, and /metrics is a 404. */
  readonly telemetry?: Telemetry;
}

export interface BotServer {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  /** Listens on config.PORT (0 = any free port); resolves with the base URL, e.g. http://127.0.0.1:3978. */
  start(): Promise<string>;
  /** The base URL once started. */
  readonly url: string;
  /** Turns being processed right now. */
  inFlight(): number;
  /**
   * Graceful stop: stop listening, let in-flight turns finish (their replies still go out), then
   * close the remaining connections. Does not close the database: its owner does.
   */
  stop(): Promise<void>;
}

/** Health probes: their request lines are logged at debug, or they would be most of the log. */
const PROBES = new Set(['/healthz', '/livez', '/readyz']);

/** How long /healthz waits for the database before calling it down. */
const PING_TIMEOUT_MS = 3000;
/** How long /readyz waits for its check (whose own write probe is bounded at 2 s) before answering 503. */
const READY_TIMEOUT_MS = 3000;

export function createServer(deps: ServerDeps): BotServer {
  const { config, logger } = deps;
  // JWT validation is on whenever MicrosoftAppId is set (the SDK skips it only for an empty app id).
  const auth = new BotAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      ...(config.ToBotFromChannelOpenIdMetadataUrl
        ? { ToBotFromChannelOpenIdMetadataUrl: config.ToBotFromChannelOpenIdMetadataUrl }
        : {}),
      ...(config.ToBotFromChannelTokenIssuer
        ? { ToBotFromChannelTokenIssuer: config.ToBotFromChannelTokenIssuer }
        : {}),
    },
    deps.credentialsFactory,
    config.ALLOWED_CHANNELS,
    (channel) =>
      logger.warn({ channel: channel.slice(0, 40), allowed: config.ALLOWED_CHANNELS }, 'activity refused: channel'),
  );
  // replies posted directly (turn-adapter.ts), unless a proxy is configured: only the SDK's pipeline honours one
  const adapter = config.outgoingProxy === undefined ? new TurnAdapter(auth) : new CloudAdapter(auth);
  adapter.onTurnError = createTurnErrorHandler(config, logger);
  for (const m of deps.middleware ?? []) adapter.use(m);

  // compare-and-set on the eTag each turn read (botbuilder's saveChanges would write '*': last writer wins)
  const conversationState = new ConversationState(compareAndSetState(deps.storage));
  const userState = new UserState(compareAndSetState(deps.storage));
  let services: TurnServices | undefined;
  const refs = new ConversationRefs(deps.storage);
  // The notification outbox worker sends through this adapter; started with the server.
  const notifier = deps.services?.notifier?.(adapter, refs);
  const pcWarnings = deps.services?.partnerCenterWarnings?.(() => notifier?.wake());
  // issue 18 (G5, G8): GDAP relationships past their end expire (told once) or auto-extend, hourly
  const gdapSweep = deps.services
    ? new GdapSweep({ domain: deps.services.domain, logger, wake: () => notifier?.wake() })
    : undefined;
  const gdapDigest = deps.services?.gdapDigest?.(() => notifier?.wake());
  if (deps.services) {
    const mail = deps.services.mail;
    services = {
      ...deps.services,
      conversationState,
      refs,
      reviews: new ReviewNotifier(adapter, config, deps.services.domain, refs, logger),
      wakeMail: () => mail?.wake(),
      wakeNotify: () => notifier?.wake(),
    };
  }
  const botDeps: BotDeps = { config, logger, conversationState, userState, ...(services ? { services } : {}) };
  const bot = deps.createBot ? deps.createBot(botDeps) : new CspBot(botDeps);

  const server = restify.createServer({ name: 'csp-partner-bot', handleUncaughtExceptions: false });
  // GET /metrics when METRICS_ENABLED, and http.server.requests for every request (README "Metrics and traces")
  const telemetry = deps.telemetry ?? noTelemetry;
  registerMetrics(server, { telemetry, config, logger });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let url = '';

  server.on(
    'restifyError',
    (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
      logger.warn(
        { method: req.method, path: req.path(), status: err.statusCode, err: err.message },
        'request refused',
      );
      cb();
    },
  );

  // Issue 16 item 4: one line per web request (the turn has its own line). The route's pattern, never the path
  // itself: invitation and verification links carry their token in the path. Probes are logged at debug.
  server.on('after', (req: restify.Request, res: restify.Response, route: { spec?: { path?: unknown } } | null) => {
    const path = req.path();
    if (path === '/api/messages') return;
    const pattern = typeof route?.spec?.path === 'string' ? route.spec.path : '(no route)';
    const line = { http: { method: req.method, route: pattern, status: res.statusCode, ms: Date.now() - req.time() } };
    if (PROBES.has(pattern)) logger.debug(line, 'request');
    else logger.info(line, 'request');
  });

  // Only /api/messages reads a body. Malformed JSON → 400, more than MAX_BODY_BYTES → 413 (restify's
  // body reader counts bytes, so a lying or missing Content-Length does not get past it).
  const bodyParser = restify.plugins.bodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false });

  server.post('/api/messages', ...bodyParser, async (req: restify.Request, res: restify.Response) => {
    // every statement the turn sends is tallied (issue 15): the budget tests read it, the bot knows from it
    // whether what it read at the start of the turn still holds (src/bot/actor.ts), and the notices it wrote
    // are delivered at once rather than at the next poll
    const tally: StatementTally = { statements: 0, transactions: 0 };
    const record: TurnRecord = { correlationId: newCorrelationId() };
    const started = performance.now();
    const type = (req.body as { type?: unknown } | undefined)?.type;
    const turn = recordingTurn(record, () =>
      traceStatements(tally, () =>
        withTurnPrefetch(() =>
          telemetry.withTurnSpan(
            { ...(typeof type === 'string' ? { type } : {}), correlationId: record.correlationId },
            () => processTurn(req, res),
            () => ({
              ...(record.name ? { name: record.name } : {}),
              outcome: record.outcome ?? 'ok',
              status: res.statusCode,
            }),
          ),
        ),
      ),
    );
    inFlight.add(turn);
    try {
      await turn;
    } finally {
      inFlight.delete(turn);
      // after the turn, so after its commits; a turn that wrote no notice does not wake the worker
      if (tally.outboxWrites) notifier?.wake();
      logTurn(req.body, res.statusCode, record, tally, performance.now() - started);
    }
  });

  /**
   * Issue 16 item 4: one structured line per turn. What the turn was and how it ended, never what anyone wrote:
   * no message text, no names, no tokens. The correlation id is the one a failed turn's apology quotes.
   */
  function logTurn(body: unknown, status: number, record: TurnRecord, tally: StatementTally, ms: number): void {
    const a = (typeof body === 'object' && body !== null ? body : {}) as Partial<Activity>;
    const outcome = status >= 400 ? 'rejected' : (record.outcome ?? 'ok');
    const line = {
      turn: {
        activityId: typeof a.id === 'string' ? a.id.slice(0, 128) : undefined,
        type: typeof a.type === 'string' ? a.type.slice(0, 64) : undefined,
        conversationType: a.conversation?.conversationType ?? undefined,
        tenant: a.conversation?.tenantId ?? undefined,
        name: record.name ?? (a.type === 'invoke' && typeof a.name === 'string' ? a.name.slice(0, 64) : undefined),
        outcome,
        ...(record.reason ? { reason: record.reason } : {}),
        status,
        ms: Math.round(ms * 10) / 10,
        statements: tally.statements,
        transactions: tally.transactions,
      },
      correlationId: record.correlationId,
    };
    if (outcome === 'failed') logger.warn(line, 'turn');
    else logger.info(line, 'turn');
    const { type, name } = line.turn;
    telemetry.turnFinished({
      ...(type ? { type } : {}),
      ...(name ? { name } : {}),
      outcome,
      ms,
      statements: tally.statements,
    });
  }

  async function processTurn(req: restify.Request, res: restify.Response): Promise<void> {
    // A malformed activity is the sender's fault: 400 before the adapter, never a TypeError in the turn (500).
    const problems = activityProblems(req.body);
    if (problems !== undefined) {
      logger.warn({ problems }, 'activity refused: malformed');
      res.send(400, { code: 'BadRequest', message: `The activity could not be read: ${problems}` });
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      // The adapter throws on an activity it cannot read (it answers 401/500 itself otherwise).
      logger.warn({ err: describeError(err) }, 'activity refused');
      if (!res.headersSent) res.send(400, { code: 'BadRequest', message: 'The activity could not be read.' });
    }
  }

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    if (stopping) {
      res.send(503, { status: 'stopping' });
      return;
    }
    try {
      await withTimeout(deps.ping(), PING_TIMEOUT_MS);
      res.send(200, { status: 'ok' });
    } catch (err) {
      logger.warn({ err: describeError(err) }, 'health check: database unreachable');
      res.send(503, { status: 'error', database: 'unreachable' });
    }
  });

  // Readiness: 200 only when the database takes a write and is migrated; 503 with a JSON reason
  // otherwise. Concurrent probes share one check, so a slow database is not probed in a pile.
  let readyCheck: Promise<Readiness> | undefined;
  const checkReady = (): Promise<Readiness> => {
    const ready = deps.ready;
    readyCheck ??= (ready ? ready() : deps.ping().then((): Readiness => ({ ready: true }))).finally(
      () => (readyCheck = undefined),
    );
    return readyCheck;
  };
  // Liveness (issue 16 item 3): the process answers; nothing else is asked, so a slow database never gets a
  // live process restarted.
  server.get('/livez', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    if (stopping) {
      res.send(503, { status: 'stopping' });
      return;
    }
    if (notifier?.running && url && !notifier.running()) {
      logger.warn({ reason: 'worker-stopped' }, 'readiness check: not ready');
      res.send(503, { status: 'not ready', reason: 'worker-stopped' });
      return;
    }
    try {
      const r = await withTimeout(checkReady(), READY_TIMEOUT_MS);
      if (r.ready) {
        res.send(200, { status: 'ready' });
        return;
      }
      logger.warn({ reason: r.reason, detail: r.detail }, 'readiness check: not ready');
      res.send(503, { status: 'not ready', reason: r.reason, ...(r.pending ? { pending: r.pending } : {}) });
    } catch (err) {
      logger.warn({ err: describeError(err) }, 'readiness check failed');
      const timedOut = err instanceof Error && /^timed out after/.test(err.message);
      res.send(503, { status: 'not ready', reason: timedOut ? 'timeout' : 'database-unreachable' });
    }
  });

  if (services) {
    registerVerifyPage(server, {
      domain: services.domain,
      reviews: services.reviews,
      logger,
      wakeMail: services.wakeMail,
      wakeNotify: services.wakeNotify,
      defaultLocale: config.DEFAULT_LOCALE,
    });
    // partnership links (issue 5) are answered before routing; customer links go on to the route below
    registerPartnershipInvitePage(server, { domain: services.domain, logger, appId: config.MicrosoftAppId });
    registerCustomerInvitePages(server, {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      logger,
      domain: services.domain,
      onAnswered: createAcceptanceNotifier({ adapter, config, domain: services.domain, refs: services.refs, logger }),
      ...(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
        ? {
            oidc: {
              issuer: config.OIDC_ISSUER,
              clientId: config.OIDC_CLIENT_ID,
              clientSecret: config.OIDC_CLIENT_SECRET,
            },
          }
        : {}),
    });
    // issue 18 item 3: the customer's GDAP approval page, signed in like the invitation page (src/web/gdap-approval.ts)
    registerGdapApprovalPages(server, {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      logger,
      domain: services.domain,
      onAnswered: () => {
        services.wakeNotify();
        return Promise.resolve();
      },
      ...(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
        ? {
            oidc: {
              issuer: config.OIDC_ISSUER,
              clientId: config.OIDC_CLIENT_ID,
              clientSecret: config.OIDC_CLIENT_SECRET,
            },
          }
        : {}),
    });
    // issue 17 item 2: linking the organisation's Partner Center account (src/web/partner-center-link.ts)
    const pc = services.partnerCenter;
    registerPartnerCenterLinkPages(server, {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      logger,
      domain: services.domain,
      ...(pc ? { signIn: { client: pc.signIn, cookieSecret: pc.cookieSecret } } : {}),
    });
    // issue 17 item 4: Partner Center's webhook events into channel notices (src/web/partner-center-events.ts)
    const hooks = services.partnerCenterWebhooks;
    if (hooks) {
      const lookup = hooks.partnerCenter;
      registerPartnerCenterEvents(server, {
        domain: services.domain,
        logger,
        verify: (headers, raw) => hooks.verifier.verify(headers, raw),
        ...(lookup ? { customerName: (orgId: string, id: string) => lookup.customerName(orgId, id) } : {}),
        wakeNotify: services.wakeNotify,
      });
    }
  }

  // What this is, and the privacy and terms pages the app manifest links to (issue 14 item 7).
  registerAboutPages(server, {
    publicBaseUrl: config.PUBLIC_BASE_URL,
    defaultLocale: config.DEFAULT_LOCALE,
    demo: config.DEMO_MODE,
  });

  // The partner dashboard tab (issue 7): its page always, its data when the domain is there.
  registerDashboard(server, { config, logger, ...(services ? { domain: services.domain } : {}) });

  return {
    adapter,
    bot,
    conversationState,
    userState,
    get url() {
      return url;
    },
    inFlight: () => inFlight.size,
    start: () =>
      new Promise<string>((resolve, reject) => {
        // restify re-emits the listen error (EADDRINUSE, EACCES) on itself: without a listener there
        // it would be an uncaught 'error' event instead of this promise's rejection
        server.server.once('error', reject);
        server.once('error', reject);
        server.listen(config.PORT, deps.host, () => {
          server.server.off('error', reject);
          server.off('error', reject);
          deps.services?.mail?.start();
          notifier?.start();
          pcWarnings?.start();
          gdapSweep?.start();
          gdapDigest?.start();
          const { port } = server.server.address() as AddressInfo;
          url = `http://${deps.host && deps.host !== '0.0.0.0' && deps.host !== '::' ? deps.host : 'localhost'}:${port}`;
          resolve(url);
        });
      }),
    stop: async () => {
      if (stopping) return;
      stopping = true;
      const http = server.server;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      // Requests already on the wire (including on kept-alive sockets) are still served and tracked.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      http.closeIdleConnections();
      await Promise.race([closed, delay(1000)]);
      http.closeAllConnections();
      await closed;
      await deps.services?.mail?.stop();
      await notifier?.stop();
      await pcWarnings?.stop();
      await gdapSweep?.stop();
      await gdapDigest?.stop();
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
