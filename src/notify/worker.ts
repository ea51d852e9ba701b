import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { OutboxEvent } from '../generated/sqlite/client.js';
import { resolveLocale, type Locale } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { backoffMs, classifySendError, type SendOutcome } from './classify.js';
import {
  SlidingWindowLimiter,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
  shareWindows,
  type RateWindow,
} from './limits.js';
import { OutboxStore, isTerminal, type NotifyDb } from './outbox-store.js';
import { defaultRenderer, type Renderer } from './render.js';
import { conversationKey, targetKey, type DeliveryTarget, type SendPort } from './send-port.js';

export interface NotifyWorkerOptions {
  readonly db: NotifyDb;
  readonly kind: 'sqlite' | 'postgres';
  readonly send: SendPort;
  readonly logger: Logger;
  readonly render?: Renderer;
  readonly defaultLocale?: Locale;
  /** Distinguishes this instance's leases; random by default. */
  readonly workerId?: string;
  readonly clock?: () => number;
  readonly random?: () => number;
  /** Events leased per claim (default 50) and at most held at once (default 500). */
  readonly batchSize?: number;
  readonly maxBuffered?: number;
  /** Sends in flight at once (default 32). */
  readonly concurrency?: number;
  /** Fallback poll when nobody calls wake() (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Lease length (default 120 s): far longer than any send, so a live owner never loses its rows. */
  readonly leaseMs?: number;
  /** A send is not started with less lease than this left (default 30 s). */
  readonly sendBudgetMs?: number;
  /** Attempts (failed rounds) before an event is dead (default 8). */
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** A target that the limiter holds back longer than this goes back to the database (default 15 s). */
  readonly deferAfterMs?: number;
  readonly conversationWindows?: readonly RateWindow[];
  readonly tenantWindows?: readonly RateWindow[];
  /** Widens every window (clock skew, jitter; default 20 ms). */
  readonly limitMarginMs?: number;
  /** Share of Teams' limits this instance may use when several send for one bot (default 1). */
  readonly limitShare?: number;
  /** Service URL for people whose organisation has no channel yet. */
  readonly defaultServiceUrl?: string;
}

type JobOutcome = SendOutcome | { readonly kind: 'sent'; readonly activityId?: string } | { readonly kind: 'defer'; readonly until: number };

interface EventState {
  readonly row: OutboxEvent;
  pending: number;
  sent: number;
  readonly dead: string[];
  readonly skipped: string[];
  retry?: { retryAfterMs?: number; reason: string };
  deferUntil?: number;
}

interface Job {
  readonly ev: EventState;
  readonly target: DeliveryTarget;
  readonly targetKey: string;
  readonly convKey: string;
  readonly tenantKey: string;
  readonly activity: Partial<Activity>;
}

/**
 * Delivers OutboxEvent rows to Teams (issue 5, item 6). See src/notify/README.md for the design:
 * leases, per-(event, target) delivery rows, limits, retries and the one duplicate window.
 */
export class NotifyWorker {
  readonly id: string;
  private readonly store: OutboxStore;
  private readonly o: Required<Omit<NotifyWorkerOptions, 'db' | 'kind' | 'send' | 'logger' | 'workerId'>>;
  private readonly conv: SlidingWindowLimiter;
  private readonly tenant: SlidingWindowLimiter;
  private readonly queue: Job[] = [];
  private readonly events = new Map<string, EventState>();
  private readonly inflight = new Set<Promise<void>>();
  /** Channels that answered 403 MessageWritesBlocked: queued sends there are skipped, not tried. */
  private readonly blockedChannels = new Set<string>();
  private nextClaimAt = 0;
  private stopping = false;
  private loopDone?: Promise<void>;
  private waker?: () => void;

  constructor(private readonly opts: NotifyWorkerOptions) {
    this.id = opts.workerId ?? `notify-${randomUUID()}`;
    this.store = new OutboxStore(opts.db, opts.kind);
    this.o = {
      render: opts.render ?? defaultRenderer,
      defaultLocale: opts.defaultLocale ?? 'en-US',
      clock: opts.clock ?? Date.now,
      random: opts.random ?? Math.random,
      batchSize: opts.batchSize ?? 50,
      maxBuffered: opts.maxBuffered ?? 500,
      concurrency: opts.concurrency ?? 32,
      pollIntervalMs: opts.pollIntervalMs ?? 1_000,
      leaseMs: opts.leaseMs ?? 120_000,
      sendBudgetMs: opts.sendBudgetMs ?? 30_000,
      maxAttempts: opts.maxAttempts ?? 8,
      backoffBaseMs: opts.backoffBaseMs ?? 1_000,
      backoffCapMs: opts.backoffCapMs ?? 300_000,
      deferAfterMs: opts.deferAfterMs ?? 15_000,
      conversationWindows: opts.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS,
      tenantWindows: opts.tenantWindows ?? TEAMS_TENANT_WINDOWS,
      limitMarginMs: opts.limitMarginMs ?? 20,
      limitShare: opts.limitShare ?? 1,
      defaultServiceUrl: opts.defaultServiceUrl ?? 'https://smba.trafficmanager.net/teams/',
    };
    this.conv = new SlidingWindowLimiter(shareWindows(this.o.conversationWindows, this.o.limitShare), this.o.limitMarginMs);
    this.tenant = new SlidingWindowLimiter(shareWindows(this.o.tenantWindows, this.o.limitShare), this.o.limitMarginMs);
  }

  start(): void {
    if (this.loopDone) return;
    this.stopping = false;
    this.loopDone = this.loop().catch((err: unknown) => {
      this.opts.logger.error({ err, worker: this.id }, 'notify worker stopped on an error');
    });
  }

  /** Finishes the sends in flight, records them, hands every other leased event back, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.poke();
    await this.loopDone;
    this.loopDone = undefined;
  }

  /** New events were committed: look now instead of at the next poll. */
  wake(): void {
    this.nextClaimAt = 0;
    this.poke();
  }

  /** Events held in memory (claimed, not yet finished). */
  get busy(): number {
    return this.events.size;
  }

  private poke(): void {
    const w = this.waker;
    this.waker = undefined;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.waker === done) this.waker = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, Math.min(ms, 60_000)));
      this.waker = done;
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let now = this.o.clock();
      if (now >= this.nextClaimAt && this.queue.length < this.o.batchSize && this.events.size < this.o.maxBuffered) {
        let claimed = 0;
        try {
          claimed = await this.claim(now);
        } catch (err) {
          this.opts.logger.warn({ err, worker: this.id }, 'claiming notifications failed; will retry');
        }
        now = this.o.clock();
        if (claimed === 0 && this.nextClaimAt <= now) this.nextClaimAt = now + this.o.pollIntervalMs;
        if (this.stopping) break;
      }
      const readyIn = this.dispatch(now);
      const claimIn = this.queue.length < this.o.batchSize && this.events.size < this.o.maxBuffered ? this.nextClaimAt - now : Infinity;
      const wait = Math.min(readyIn, claimIn, this.o.pollIntervalMs);
      if (wait > 0) await this.sleep(wait);
    }
    await Promise.allSettled([...this.inflight]);
    const now = this.o.clock();
    for (const job of this.queue.splice(0)) await this.settle(job, { kind: 'defer', until: now });
  }

  /** Leases due events and turns each into one job per target still owed. */
  private async claim(now: number): Promise<number> {
    const room = Math.min(this.o.batchSize, this.o.maxBuffered - this.events.size);
    const rows = await this.store.claim(this.id, new Date(now), new Date(now + this.o.leaseMs), room);
    for (const row of rows) await this.expand(row);
    return rows.length;
  }

  private async expand(row: OutboxEvent): Promise<void> {
    const ev: EventState = { row, pending: 0, sent: 0, dead: [], skipped: [] };
    this.events.set(row.id, ev);
    let targets: { target: DeliveryTarget; locale: Locale }[];
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload) as unknown;
      targets = await this.targetsOf(row);
    } catch (err) {
      ev.dead.push(`unreadable: ${err instanceof Error ? err.message : String(err)}`);
      await this.finalize(ev);
      return;
    }
    const done = await this.store.deliveries(row.id);
    for (const { target, locale } of targets) {
      const key = targetKey(target);
      const status = done.get(key);
      if (status === 'sent') ev.sent++;
      if (status !== undefined && isTerminal(status)) continue;
      if (status === 'sending') {
        // A worker died between posting and recording: we cannot tell whether Teams got it. Sending
        // again (with the same notificationKey) favours "never lost" over "never twice".
        this.opts.logger.warn({ eventId: row.id, target: key }, 'resending a notification whose delivery was interrupted');
      }
      let activity: Partial<Activity>;
      try {
        activity = this.o.render({ id: row.id, type: row.type, payload, idempotencyKey: row.idempotencyKey }, locale);
      } catch (err) {
        ev.dead.push(`render: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      const channelData: Record<string, unknown> = { ...(activity.channelData as Record<string, unknown> | undefined) };
      // Lets a receiver (and our tests) recognise a repeat of the same delivery.
      channelData.notificationKey = `${row.idempotencyKey}#${key}`;
      this.queue.push({
        ev,
        target,
        targetKey: key,
        convKey: conversationKey(target),
        tenantKey: `tenant:${target.tenantId}`,
        activity: { ...activity, channelData },
      });
      ev.pending++;
    }
    if (ev.pending === 0) await this.finalize(ev);
  }

  private async targetsOf(row: OutboxEvent): Promise<{ target: DeliveryTarget; locale: Locale }[]> {
    if (row.targetOrgId) {
      const org = await this.store.orgLocale(row.targetOrgId);
      const locale = resolveLocale(org?.locale, this.o.defaultLocale);
      const channels = await this.store.activeChannels(row.targetOrgId);
      return channels.map((c) => ({
        locale,
        target: { kind: 'channel', channelId: c.id, conversationId: c.conversationId, serviceUrl: c.serviceUrl, tenantId: c.tenantId },
      }));
    }
    const aad = row.userRef?.startsWith('aad:') ? row.userRef.slice(4) : undefined;
    if (!aad) throw new Error(`no deliverable recipient (${row.userRef ?? 'none'})`);
    const home = await this.store.userHome(aad);
    if (!home) throw new Error(`unknown user ${aad}`);
    const payloadLocale = (JSON.parse(row.payload) as { locale?: unknown }).locale;
    const locale = resolveLocale(typeof payloadLocale === 'string' ? payloadLocale : home.locale, this.o.defaultLocale);
    return [
      {
        locale,
        target: { kind: 'user', aadObjectId: aad, tenantId: home.tenantId, serviceUrl: home.serviceUrl ?? this.o.defaultServiceUrl },
      },
    ];
  }

  /** Starts every queued job the limits allow now; returns ms until the next one may be ready. */
  private dispatch(now: number): number {
    let soonest = Infinity;
    const memo = new Map<string, number>();
    const waitOf = (lim: SlidingWindowLimiter, key: string): number => {
      let w = memo.get(key);
      if (w === undefined) memo.set(key, (w = lim.waitMs(key, now)));
      return w;
    };
    for (let i = 0; i < this.queue.length && this.inflight.size < this.o.concurrency; ) {
      const job = this.queue[i];
      if (!job) break;
      if (job.target.kind === 'channel' && this.blockedChannels.has(job.target.channelId)) {
        this.queue.splice(i, 1);
        this.track(this.settle(job, { kind: 'blocked', reason: 'channel blocked the bot earlier' }));
        continue;
      }
      const wait = Math.max(waitOf(this.conv, job.convKey), waitOf(this.tenant, job.tenantKey));
      const leaseLeft = (job.ev.row.leaseUntil?.getTime() ?? 0) - now;
      if (wait > this.o.deferAfterMs || leaseLeft - wait < this.o.sendBudgetMs) {
        this.queue.splice(i, 1);
        this.track(this.settle(job, { kind: 'defer', until: now + wait }));
        continue;
      }
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      memo.delete(job.convKey);
      memo.delete(job.tenantKey);
      this.track(this.run(job, now));
    }
    return this.queue.length === 0 ? Infinity : soonest;
  }

  private track(p: Promise<void>): void {
    const tracked = p
      .catch((err: unknown) => this.opts.logger.error({ err, worker: this.id }, 'notification bookkeeping failed'))
      .finally(() => {
        this.inflight.delete(tracked);
        this.poke();
      });
    this.inflight.add(tracked);
  }

  private async run(job: Job, now: number): Promise<void> {
    const convSlot = this.conv.reserve(job.convKey, now);
    const tenantSlot = this.tenant.reserve(job.tenantKey, now);
    let outcome: JobOutcome;
    try {
      await this.store.setDelivery(job.ev.row.id, job.targetKey, 'sending');
      try {
        const res = await this.opts.send(job.target, job.activity);
        outcome = res.activityId === undefined ? { kind: 'sent' } : { kind: 'sent', activityId: res.activityId };
      } catch (err) {
        outcome = classifySendError(err, this.o.clock());
      }
    } catch (err) {
      outcome = { kind: 'retry', reason: `database: ${err instanceof Error ? err.message : String(err)}` };
    } finally {
      const end = this.o.clock();
      this.conv.settle(convSlot, end);
      this.tenant.settle(tenantSlot, end);
    }
    if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined) {
      this.conv.block(job.convKey, this.o.clock() + outcome.retryAfterMs);
    }
    await this.settle(job, outcome);
  }

  /** Records one job's outcome; the event is finalized when its last job settles. */
  private async settle(job: Job, outcome: JobOutcome): Promise<void> {
    const { ev } = job;
    const eventId = ev.row.id;
    try {
      switch (outcome.kind) {
        case 'sent':
          ev.sent++;
          await this.store.setDelivery(eventId, job.targetKey, 'sent', outcome.activityId ? { activityId: outcome.activityId } : {});
          break;
        case 'blocked':
          ev.skipped.push(outcome.reason);
          await this.store.setDelivery(eventId, job.targetKey, 'skipped', { error: outcome.reason });
          if (job.target.kind === 'channel') {
            this.blockedChannels.add(job.target.channelId);
            const queued = await this.store.deactivateChannel(job.target.channelId, `MessageWritesBlocked: ${outcome.reason}`, new Date(this.o.clock()));
            this.opts.logger.warn({ channelId: job.target.channelId, queued }, 'notification channel blocked the bot; marked inactive');
            if (queued > 0) this.wake();
          }
          break;
        case 'fatal':
          ev.dead.push(outcome.reason);
          await this.store.setDelivery(eventId, job.targetKey, 'dead', { error: outcome.reason });
          break;
        case 'retry':
          if (!ev.retry || (outcome.retryAfterMs ?? 0) > (ev.retry.retryAfterMs ?? 0)) ev.retry = outcome;
          await this.store.setDelivery(eventId, job.targetKey, 'retry', { error: outcome.reason });
          break;
        case 'defer':
          ev.deferUntil = Math.max(ev.deferUntil ?? 0, outcome.until);
          break;
      }
    } finally {
      ev.pending--;
      if (ev.pending <= 0) await this.finalize(ev);
    }
  }

  private async finalize(ev: EventState): Promise<void> {
    this.events.delete(ev.row.id);
    const now = this.o.clock();
    const { row } = ev;
    let ok: boolean;
    if (ev.retry) {
      const attempts = row.attempts + 1;
      if (attempts >= this.o.maxAttempts) {
        ok = await this.store.finish(row.id, this.id, { status: 'dead', attempts, lastError: `gave up after ${attempts} attempts: ${ev.retry.reason}` });
        await this.store.markRetriesDead(row.id);
      } else {
        const delay = backoffMs(attempts, { baseMs: this.o.backoffBaseMs, capMs: this.o.backoffCapMs }, this.o.random, ev.retry.retryAfterMs);
        const at = Math.max(now + delay, ev.deferUntil ?? 0);
        ok = await this.store.finish(row.id, this.id, { status: 'pending', attempts, nextAttemptAt: new Date(at), lastError: ev.retry.reason });
        this.nextClaimAt = Math.min(this.nextClaimAt, at);
      }
    } else if (ev.deferUntil !== undefined) {
      await this.store.release([row.id], this.id, new Date(ev.deferUntil));
      this.nextClaimAt = Math.min(this.nextClaimAt, ev.deferUntil);
      ok = true;
    } else if (ev.sent > 0 && ev.dead.length === 0) {
      ok = await this.store.finish(row.id, this.id, {
        status: 'sent',
        sentAt: new Date(now),
        lastError: ev.skipped.length ? ev.skipped.join('; ') : null,
      });
    } else {
      const why = [...ev.dead, ...ev.skipped];
      ok = await this.store.finish(row.id, this.id, {
        status: 'dead',
        lastError: why.length ? why.join('; ') : 'no active notification channel',
      });
    }
    if (!ok) this.opts.logger.warn({ eventId: row.id, worker: this.id }, 'lease lost before the event was finished');
  }
}
