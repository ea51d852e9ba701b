import { Writable } from 'node:stream';
import {
  MemoryStorage,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type Middleware,
  type Storage,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotDeps } from '../../src/bot/bot.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { Telemetry } from '../../src/telemetry/telemetry.js';
import { createServer, type BotServer } from '../../src/server.js';
import { PrismaStorage } from '../../src/data/prisma-storage.js';
import { freshDatabase, type TestDatabase } from './db.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices } from '../../src/app-services.js';
import type { MailTransport } from '../../src/mail/transport.js';
import { RecordingConnector, teamsMember, type RecordedActivity } from './connector.js';
import { TEST_DATA_ENCRYPTION_KEY } from './fixtures.js';
import {
  botAccount,
  makeConversation,
  makeUser,
  teamsActivity,
  withMention,
  type ChatKind,
  type ConversationInit,
  type TeamsConversation,
  type TeamsUser,
  type TeamsUserInit,
} from './teams.js';

export interface HarnessOptions {
  /** Environment for loadConfig (PORT is forced to 0, or `port`). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * A fixed port instead of an ephemeral one: for pages whose address must be known before the server
   * starts (PUBLIC_BASE_URL, the OpenID provider's redirect URI).
   */
  readonly port?: number;
  /**
   * 'sqlite' (default): PrismaStorage on a fresh SQLite file; 'postgres': the same on a fresh schema of
   * TEST_DATABASE_URL (db.ts freshPostgres; pair with forEachDatabase); 'memory': botbuilder's MemoryStorage.
   */
  readonly storage?: 'sqlite' | 'postgres' | 'memory';
  /** Replaces the database ping behind /healthz. */
  readonly ping?: () => Promise<unknown>;
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
  readonly middleware?: readonly Middleware[];
  readonly createBot?: (deps: BotDeps) => ActivityHandler;
  /**
   * Domain services (issue 4): on by default with database storage (the domain uses the same test
   * database); false starts the foundation-only bot.
   */
  readonly services?: boolean;
  /**
   * Run the notification outbox worker inside the server (default false, so a test sees only the
   * activities its own turns cause; notify-worker tests drive the worker directly).
   */
  readonly notifications?: boolean;
  /** Called each time the server wakes the notification worker (with or without `notifications`). */
  readonly onNotifyWake?: () => void;
  /** What the notification worker answers when /readyz asks whether it runs (a stand-in for a worker that died). */
  readonly workerRunning?: () => boolean;
  /** Replaces the mail transport built from SMTP_URL / MAIL_DIR. */
  readonly mailTransport?: MailTransport;
  /** Returns the Authorization header value for each post to /api/messages (auth tests). */
  readonly authorization?: (activity: Partial<Activity>) => Promise<string | undefined> | string | undefined;
  /**
   * Metrics and traces (src/telemetry), built once from the harness' configuration, logger and database (e.g. with
   * startTelemetry), given to every server it starts and shut down by close().
   */
  readonly telemetry?: (deps: {
    config: Config;
    logger: Logger;
    database: TestDatabase | undefined;
  }) => Promise<Telemetry>;
}

/** One JSON line the server logged. */
export type LogRecord = Record<string, unknown> & { level: string; msg?: string };

export interface PostResult {
  readonly status: number;
  /** The activity that was posted (for chat helpers), e.g. to match a reply's replyToId. */
  readonly activity?: Partial<Activity>;
  /** Parsed JSON body, or undefined when empty / not JSON. */
  readonly body: unknown;
  readonly text: string;
}

export interface InvokeResult {
  /** The HTTP status of the POST (Teams expects 200 for adaptiveCard/action). */
  readonly status: number;
  /** The invoke response body: { statusCode, type, value }. */
  readonly body: AdaptiveCardInvokeResponse;
}

export interface SayOptions {
  /** Prefix the bot's <at> mention; default true in channels and group chats. */
  readonly mention?: boolean;
  /** Extra activity fields. */
  readonly extra?: Partial<Activity>;
}

/** A user in one conversation: everything they can do to the bot. */
export interface Chat {
  readonly user: TeamsUser;
  readonly conversation: TeamsConversation;
  /** Posts a message (with the bot's @mention in channels and group chats, as Teams does). */
  say(text: string, options?: SayOptions): Promise<PostResult>;
  /** Posts an `adaptiveCard/action` invoke (Action.Execute) and returns Teams' view of the answer. */
  invoke(verb: string, data?: unknown, extra?: Partial<Activity>): Promise<InvokeResult>;
  /** Posts an `adaptiveCard/action` invoke with an arbitrary value (for malformed-value tests). */
  invokeValue(value: unknown): Promise<InvokeResult>;
  /** What Teams sends when the app is added here: installationUpdate(add), then conversationUpdate(membersAdded: bot). */
  install(): Promise<void>;
  /** installationUpdate with `action` ('add', 'remove', 'add-upgrade', ...). */
  installationUpdate(action: string): Promise<PostResult>;
  /** conversationUpdate with the bot (default) or the given members added. */
  membersAdded(members?: { id: string; name?: string; aadObjectId?: string }[]): Promise<PostResult>;
  /** Posts any activity of this user in this conversation. */
  send(fields: Partial<Activity>): Promise<PostResult>;
  /** Builds (does not post) an activity of this user in this conversation. */
  activity(fields: Partial<Activity>): Partial<Activity>;
  /** Another user in the same conversation. */
  as(user?: TeamsUserInit): Chat;
}

export interface ChatInit extends TeamsUserInit, Omit<ConversationInit, 'kind'> {
  /** The work email Teams' roster (GET members) reports for this user; activities never carry it. */
  readonly email?: string;
  /** The user principal name the roster reports (default: the email, else one made up in the tenant's domain). */
  readonly upn?: string;
}

export interface Harness {
  /** Base URL of the bot (http://127.0.0.1:port). */
  readonly url: string;
  readonly server: BotServer;
  readonly config: Config;
  readonly connector: RecordingConnector;
  readonly storage: Storage;
  /** The test's own database (storage 'sqlite' or 'postgres'): `database.db.prisma` for assertions on rows. */
  readonly database: TestDatabase | undefined;
  /** Everything the server logged, parsed. */
  readonly logs: LogRecord[];
  /** A user in a new personal (1:1) chat. */
  user(init?: ChatInit): Chat;
  /** A user in a new group chat. */
  groupChat(init?: ChatInit): Chat;
  /** A user in a team channel (new team and channel unless ids are given). */
  channel(init?: ChatInit): Chat;
  /** A user in a new conversation of `kind`. */
  chat(kind: ChatKind, init?: ChatInit): Chat;
  /** Posts a raw body (object → JSON; string → as is) to /api/messages. */
  post(body: unknown, options?: { headers?: Record<string, string> }): Promise<PostResult>;
  /**
   * A ConversationReference for `chat`, as a proactive sender would store it (without activityId,
   * so sends through it are new posts, not replies).
   */
  reference(chat: Chat): Partial<ConversationReference>;
  /** = connector.waitFor(n). */
  waitForReplies(n: number, options?: { timeoutMs?: number }): Promise<RecordedActivity[]>;
  /** GET a path on the bot. */
  get(path: string, headers?: Record<string, string>): Promise<PostResult>;
  /** POSTs an urlencoded form to a path on the bot, as a browser does from a page (same Origin; redirects not followed). */
  postForm(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<PostResult>;
  /**
   * Stops the server and starts a new one on the same database and bot state (a bot restart);
   * chats keep working against the new server.
   */
  restart(): Promise<void>;
  /**
   * Starts another bot instance on the same database and connector (two instances behind one
   * endpoint) and returns a function that posts an activity to it; stopped by close().
   */
  secondInstance(): Promise<(activity: Partial<Activity>) => Promise<PostResult>>;
  close(): Promise<void>;
}

/**
 * Starts the real server (createServer) on an ephemeral port, with its bot state in a fresh
 * database, plus a recording connector that every activity's serviceUrl points at.
 *
 *   const h = await startHarness();
 *   const user = h.user({ locale: 'ko-KR' });
 *   await user.say('help');
 *   const [reply] = await h.connector.waitFor(1);
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const config = loadConfig({
    LOG_LEVEL: 'debug',
    MAIL_DIR: mkdtempSync(join(tmpdir(), 'csp-mail-')),
    DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
    ...options.env,
    PORT: String(options.port ?? 0),
  });
  const logs: LogRecord[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) logs.push(JSON.parse(line) as LogRecord);
      }
      if (process.env.HARNESS_LOG) process.stderr.write(chunk);
      cb();
    },
  });
  const logger = createLogger(config.LOG_LEVEL, sink);
  const connector = await RecordingConnector.start();

  const database = await openStorage(options.storage ?? 'sqlite');
  const telemetry = await options.telemetry?.({ config, logger, database: database.database });

  const build = () => {
    const testDb = database.database;
    const services =
      options.services !== false && testDb
        ? createAppServices({
            config,
            db: testDb.db,
            logger,
            mailPollIntervalMs: 100,
            notifications: options.notifications ?? false,
            ...(options.mailTransport ? { transport: options.mailTransport } : {}),
          })
        : undefined;
    const onWake = options.onNotifyWake ?? (() => undefined);
    const workerRunning = options.workerRunning;
    const watched: typeof services =
      services && (options.onNotifyWake || workerRunning)
        ? {
            ...services,
            notifier: (adapter, refs) => {
              const inner = services.notifier?.(adapter, refs);
              return {
                start: () => inner?.start(),
                stop: async () => inner?.stop(),
                wake: () => {
                  onWake();
                  inner?.wake();
                },
                ...(workerRunning ? { running: workerRunning } : {}),
              };
            },
          }
        : services;
    return createServer({
      config,
      logger,
      storage: database.storage,
      ping: options.ping ?? database.ping,
      host: '127.0.0.1',
      ...(watched ? { services: watched } : {}),
      ...(options.credentialsFactory ? { credentialsFactory: options.credentialsFactory } : {}),
      ...(options.middleware ? { middleware: options.middleware } : {}),
      ...(options.createBot ? { createBot: options.createBot } : {}),
      ...(telemetry ? { telemetry } : {}),
    });
  };
  let server = build();
  const others: ReturnType<typeof build>[] = [];
  let url = await server.start();
  const bot = botAccount(config.MicrosoftAppId);
  const serviceUrl = `${connector.url}/`;

  async function post(body: unknown, opts: { headers?: Record<string, string> } = {}): Promise<PostResult> {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...opts.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return readResult(res);
  }

  async function postActivity(activity: Partial<Activity>): Promise<PostResult> {
    const auth = options.authorization ? await options.authorization(activity) : undefined;
    return post(activity, auth ? { headers: { authorization: auth } } : {});
  }

  function chat(kind: ChatKind, init: ChatInit = {}, shared?: TeamsConversation): Chat {
    const user = makeUser(init);
    const conversation = shared ?? makeConversation({ ...init, kind }, user);
    // Teams' roster answers the work email (U2 links added users by it; the enrolling user is recorded with it)
    connector.addMember(
      conversation.id,
      teamsMember(user, {
        ...(init.email ? { email: init.email } : {}),
        ...(init.upn ? { userPrincipalName: init.upn } : {}),
      }),
    );
    const build = (fields: Partial<Activity>) => teamsActivity(serviceUrl, bot, user, conversation, fields);
    const send = async (fields: Partial<Activity>): Promise<PostResult> => {
      const activity = build(fields);
      return { ...(await postActivity(activity)), activity };
    };
    const invokeValue = async (value: unknown, extra: Partial<Activity> = {}): Promise<InvokeResult> => {
      const r = await send({ type: 'invoke', name: 'adaptiveCard/action', value, ...extra });
      return { status: r.status, body: r.body as AdaptiveCardInvokeResponse };
    };
    const self: Chat = {
      user,
      conversation,
      say: (text, o = {}) => {
        const mention = o.mention ?? kind !== 'personal';
        return send({
          type: 'message',
          textFormat: 'plain',
          ...(mention ? withMention(bot, text) : { text }),
          ...o.extra,
        });
      },
      invoke: (verb, data = {}, extra = {}) =>
        invokeValue({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, extra),
      invokeValue: (value) => invokeValue(value),
      installationUpdate: (action) => send({ type: 'installationUpdate', action }),
      membersAdded: (members) =>
        send({
          type: 'conversationUpdate',
          membersAdded: (members ?? [{ id: bot.id }]).map((m) => ({ name: '', ...m })),
          ...(kind === 'channel' ? { channelData: { eventType: 'teamMemberAdded' } } : {}),
        }),
      install: async () => {
        await expectOk(await self.installationUpdate('add'));
        await expectOk(await self.membersAdded());
      },
      send,
      activity: build,
      // another person: their own identity and roster entry (never this user's email)
      as: (other = {}) =>
        chat(kind, { ...withoutRoster(init), ...other, id: other.id, aadObjectId: other.aadObjectId }, conversation),
    };
    return self;
  }

  return {
    get url() {
      return url;
    },
    get server() {
      return server;
    },
    config,
    connector,
    storage: database.storage,
    database: database.database,
    logs,
    user: (init) => chat('personal', init),
    groupChat: (init) => chat('groupChat', init),
    channel: (init) => chat('channel', init),
    chat: (kind, init) => chat(kind, init),
    post,
    reference: (c) => {
      const { activityId: _omit, ...reference } = TurnContext.getConversationReference(c.activity({ type: 'message' }));
      return reference;
    },
    waitForReplies: (n, o) => connector.waitFor(n, o),
    get: async (path, headers = {}) => readResult(await fetch(`${url}${path}`, { headers })),
    postForm: async (path, form, headers = {}) =>
      readResult(
        await fetch(`${url}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, ...headers },
          body: new URLSearchParams(form).toString(),
        }),
      ),
    restart: async () => {
      await server.stop();
      server = build();
      url = await server.start();
    },
    secondInstance: async () => {
      const other = build();
      others.push(other);
      const otherUrl = await other.start();
      return async (activity) => {
        const auth = options.authorization ? await options.authorization(activity) : undefined;
        const res = await fetch(`${otherUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: JSON.stringify(activity),
        });
        return readResult(res);
      };
    },
    close: async () => {
      for (const other of others) await other.stop();
      await server.stop();
      await telemetry?.shutdown();
      await connector.close();
      await database.cleanup();
    },
  };
}

/** Bot state in a fresh, migrated database (the real PrismaStorage), or in memory when asked. */
async function openStorage(kind: 'sqlite' | 'postgres' | 'memory'): Promise<{
  storage: Storage;
  ping: () => Promise<unknown>;
  cleanup: () => Promise<void>;
  database?: TestDatabase;
}> {
  if (kind === 'memory')
    return { storage: new MemoryStorage(), ping: () => Promise.resolve(), cleanup: () => Promise.resolve() };
  const t = await freshDatabase(kind);
  return { storage: new PrismaStorage(t.db), ping: () => t.db.ping(), cleanup: () => t.cleanup(), database: t };
}

function withoutRoster(init: ChatInit): ChatInit {
  const rest: { -readonly [K in keyof ChatInit]?: ChatInit[K] } = { ...init };
  delete rest.email;
  delete rest.upn;
  return rest;
}

async function readResult(res: Response): Promise<PostResult> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

async function expectOk(r: PostResult): Promise<void> {
  if (r.status >= 300) throw new Error(`bot answered ${r.status}: ${r.text}`);
  return Promise.resolve();
}
