import type { HotSql } from '../data/hot-sql.js';
import type { Locale } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS, type RateWindow } from './limits.js';
import type { PersonFinder } from './plan.js';
import { defaultRenderer, type AsyncRenderer } from './render.js';
import type { SendPort } from './send-port.js';
import type { NotifyDb } from './store-sql.js';

/** NotifyWorker's options: the ports it is given, and its tuning (every default in `resolveWorkerOptions`). */
export interface NotifyWorkerOptions {
  readonly db: NotifyDb;
  /** The worker's statements, prepared once (the same database as `db`). */
  readonly hot: HotSql;
  readonly send: SendPort;
  readonly logger: Logger;
  readonly render?: AsyncRenderer;
  readonly defaultLocale?: Locale;
  /** Distinguishes this instance's leases; random by default. */
  readonly workerId?: string;
  readonly clock?: () => number;
  readonly random?: () => number;
  /**
   * Delivery loops in this process (default 1), each claiming its own events (leases keep them apart, as
   * between instances) while all share one set of Teams' limits: on PostgreSQL one loop's claim, plan and
   * writes wait on the database while another's run. `conversationConcurrency` holds per loop, as it does
   * per instance: two loops may each have a call in flight to one conversation, so a 429's Retry-After
   * can be overtaken by a call started before it came back (as with two instances).
   */
  readonly workers?: number;
  /** Events leased per claim (default 250) and at most held at once (default 5000). */
  readonly batchSize?: number;
  readonly maxBuffered?: number;
  /**
   * Sends in flight at once, over all conversations (default 200). Each conversation has one at a time
   * (`conversationConcurrency`), so this bounds how many conversations are served at once: with Teams
   * answering in 100–300 ms, 64 in flight capped a burst to 200–600 posts/s, below what 200 conversations'
   * limits allow (bench/README.md: 0.41 of the allowed rate at 150 ms per answer, 0.83 with 256).
   */
  readonly concurrency?: number;
  /**
   * Sends in flight at once to one conversation (default 1: each starts when the one before it has
   * been answered, so a conversation receives its notifications in the order they were claimed).
   */
  readonly conversationConcurrency?: number;
  /** Fallback poll when nobody calls wake() (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /**
   * Lease length (default 20 s). The worker renews the leases of the events it holds every
   * `leaseRenewMs`, so a live owner keeps its rows however long they wait, and rows of a worker that
   * died are claimed again within this time (plus a poll).
   */
  readonly leaseMs?: number;
  /** How often held leases are renewed (default leaseMs / 4). */
  readonly leaseRenewMs?: number;
  /**
   * A send is not started with less lease than this left (default 12 s, more than the send port's
   * timeout, 10 s): its answer comes, or it is given up on, while the lease holds even if renewing fails.
   */
  readonly sendBudgetMs?: number;
  /** Retryable failures are retried for this long from the event's creation, then it is dead (default 24 h). */
  readonly retryForMs?: number;
  /** Attempts (failed rounds) after which an event is dead whatever its age (default: no limit). */
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** A target that the limiter holds back longer than this goes back to the database (default 15 s). */
  readonly deferAfterMs?: number;
  readonly conversationWindows?: readonly RateWindow[];
  readonly tenantWindows?: readonly RateWindow[];
  /** Widens every window (clock skew, jitter; default 10 ms). */
  readonly limitMarginMs?: number;
  /** Share of Teams' limits this instance may use when several send for one bot (default 1). */
  readonly limitShare?: number;
  /** Outcomes (and "sending" notes) are recorded once a tick, in one transaction (default 20 ms). */
  readonly tickMs?: number;
  /** Service URL for people whose organisation has no channel yet. */
  readonly defaultServiceUrl?: string;
  /** Tenant for "aad:" recipients that have no User row (program administrators): the bot's home tenant. */
  readonly defaultTenantId?: string;
  /** Where "aad:" recipients last talked to the bot in personal chat (tried before the two above). */
  readonly findPerson?: PersonFinder;
}

/** The tuning with every default filled in (the ports and the optional lookups stay with the options). */
export type ResolvedWorkerOptions = Required<
  Omit<NotifyWorkerOptions, 'db' | 'hot' | 'send' | 'logger' | 'workerId' | 'defaultTenantId' | 'findPerson'>
>;

export function resolveWorkerOptions(opts: NotifyWorkerOptions): ResolvedWorkerOptions {
  const leaseMs = opts.leaseMs ?? 20_000;
  return {
    render: opts.render ?? defaultRenderer,
    defaultLocale: opts.defaultLocale ?? 'en-US',
    clock: opts.clock ?? Date.now,
    random: opts.random ?? Math.random,
    workers: Math.max(1, Math.floor(opts.workers ?? 1)),
    batchSize: opts.batchSize ?? 250,
    maxBuffered: opts.maxBuffered ?? 5_000,
    concurrency: opts.concurrency ?? 200,
    conversationConcurrency: opts.conversationConcurrency ?? 1,
    pollIntervalMs: opts.pollIntervalMs ?? 1_000,
    leaseMs,
    leaseRenewMs: opts.leaseRenewMs ?? Math.max(1, Math.floor(leaseMs / 4)),
    sendBudgetMs: opts.sendBudgetMs ?? 12_000,
    retryForMs: opts.retryForMs ?? 24 * 3_600_000,
    maxAttempts: opts.maxAttempts ?? Number.POSITIVE_INFINITY,
    backoffBaseMs: opts.backoffBaseMs ?? 1_000,
    backoffCapMs: opts.backoffCapMs ?? 300_000,
    deferAfterMs: opts.deferAfterMs ?? 15_000,
    conversationWindows: opts.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS,
    tenantWindows: opts.tenantWindows ?? TEAMS_TENANT_WINDOWS,
    limitMarginMs: opts.limitMarginMs ?? 10,
    limitShare: opts.limitShare ?? 1,
    defaultServiceUrl: opts.defaultServiceUrl ?? 'https://smba.trafficmanager.net/teams/',
    tickMs: opts.tickMs ?? 20,
  };
}
