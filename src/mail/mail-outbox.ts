import { randomUUID } from 'node:crypto';
import type { Store } from '../domain/shared/store.js';
import type { Logger } from '../log.js';
import { isMailEventType, renderMail } from './render-mail.js';
import type { MailTransport } from './transport.js';

export interface MailOutboxOptions {
  readonly store: Store;
  readonly transport: MailTransport;
  readonly logger: Logger;
  readonly pollIntervalMs?: number;
  readonly maxAttempts?: number;
  readonly now?: () => Date;
}

/** Lease on a claimed row: far longer than one SMTP exchange; an instance that died releases it. */
const LEASE_MS = 120_000;

/**
 * Delivers the outbox's mail rows (userRef "email:<address>", written by the domain in the same
 * transaction as the change), which the Teams notification worker (src/notify) leaves alone.
 * Each row is claimed with a conditional update on its lease, so several bot instances send each
 * message once; a failure is retried with exponential backoff up to maxAttempts, then marked dead.
 */
export class MailOutbox {
  private readonly id = `mail-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly o: MailOutboxOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs a pass soon (after a use case wrote mail rows). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.o.logger.error({ err: String(err) }, 'mail outbox pass failed'))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          const next = this.again ? 0 : (this.o.pollIntervalMs ?? 1000);
          this.again = false;
          this.schedule(next);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass: claims due mail rows and sends them. Returns how many were sent. */
  async runOnce(): Promise<number> {
    const { store, transport, logger } = this.o;
    const now = this.o.now?.() ?? new Date();
    const due = await store.read.outboxEvent.findMany({
      where: {
        status: 'pending',
        userRef: { startsWith: 'email:' },
        nextAttemptAt: { lte: now },
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      },
      orderBy: { createdAt: 'asc' },
      take: 50,
    });
    let sent = 0;
    for (const row of due) {
      const claim = await store.read.outboxEvent.updateMany({
        where: { id: row.id, status: 'pending', OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        data: { leaseOwner: this.id, leaseUntil: new Date(now.getTime() + LEASE_MS) },
      });
      if (claim.count !== 1) continue;
      const to = (row.userRef ?? '').slice('email:'.length);
      try {
        if (!isMailEventType(row.type)) throw new Error(`no mail template for ${row.type}`);
        await transport(renderMail(row.type, row.payload, to));
        await store.read.outboxEvent.updateMany({
          where: { id: row.id, leaseOwner: this.id },
          data: { status: 'sent', sentAt: new Date(), leaseOwner: null, leaseUntil: null, lastError: null },
        });
        sent++;
        logger.info({ eventId: row.id, type: row.type }, 'mail sent');
      } catch (err) {
        const attempts = row.attempts + 1;
        const dead = attempts >= (this.o.maxAttempts ?? 8) || !isMailEventType(row.type);
        const backoff = Math.min(2 ** attempts * 1000, 15 * 60_000) * (0.5 + Math.random() / 2);
        await store.read.outboxEvent.updateMany({
          where: { id: row.id, leaseOwner: this.id },
          data: {
            status: dead ? 'dead' : 'pending',
            attempts,
            nextAttemptAt: new Date(Date.now() + backoff),
            leaseOwner: null,
            leaseUntil: null,
            lastError: err instanceof Error ? err.message : String(err),
          },
        });
        logger.warn(
          { eventId: row.id, type: row.type, attempts, dead, err: err instanceof Error ? err.message : String(err) },
          'mail failed',
        );
      }
    }
    return sent;
  }
}
