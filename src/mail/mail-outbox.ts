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
 * Once a message is sent, the links it carried (verification links hold a bearer token) are replaced in the row's
 * payload by {@link redactedLink}: the outbox keeps what was sent, not a usable link.
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
        const message = renderMail(row.type, row.payload, to);
        await transport(message);
        await store.read.outboxEvent.updateMany({
          where: { id: row.id, leaseOwner: this.id },
          data: {
            status: 'sent',
            sentAt: new Date(),
            leaseOwner: null,
            leaseUntil: null,
            lastError: null,
            // the link (a bearer secret) has left: the row no longer holds it
            payload: withoutLinks(row.payload, message.links),
          },
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

/** The marker a sent link is replaced with: the same address up to its last path segment, which says it is gone. */
export const REDACTED = 'redacted';

/** A link with its secret part (the last path segment, query and fragment) replaced: still a URL, no longer usable. */
export function redactedLink(link: string): string {
  try {
    const u = new URL(link);
    const path = u.pathname.replace(/[^/]*$/, REDACTED);
    return `${u.origin}${path}`;
  } catch {
    return REDACTED;
  }
}

/** The payload (JSON text) with every occurrence of `links` in its strings replaced by {@link redactedLink}. */
export function withoutLinks(payloadJson: string, links: readonly string[]): string {
  if (links.length === 0) return payloadJson;
  const redact = (v: unknown): unknown => {
    if (typeof v === 'string') return links.reduce((s, l) => (l ? s.split(l).join(redactedLink(l)) : s), v);
    if (Array.isArray(v)) return v.map(redact);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redact(x)]));
    return v;
  };
  return JSON.stringify(redact(JSON.parse(payloadJson)));
}
