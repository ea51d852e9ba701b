import { runGdapDigest, type DigestRun } from '../domain/gdap/gdap-digest.js';
import type { DomainContext } from '../domain/shared/context.js';
import type { Logger } from '../log.js';

/**
 * How often the job looks. The digest goes once a day at its hour; looking every 10 minutes means it leaves within
 * 10 minutes of the hour (or of a start-up after it), and a look that finds the day's digest done costs a few reads.
 */
export const DIGEST_INTERVAL_MS = 10 * 60_000;

/**
 * Issue 18 item 4 (G14–G17): runs runGdapDigest at start and then every few minutes, and wakes the notification
 * worker when it queued a digest. Several instances may run it at once: each organisation's digest is queued once.
 */
export class GdapDigestJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DigestRun | undefined> | undefined;

  constructor(
    private readonly opts: {
      readonly domain: Pick<DomainContext, 'store' | 'now'>;
      readonly logger: Logger;
      readonly wake: () => void;
      /** G14: the digest's hour, UTC (GDAP_DIGEST_HOUR_UTC) */
      readonly hourUtc: number;
      readonly intervalMs?: number;
    },
  ) {}

  /** One pass now (tests call it; the timer calls it). Resolves undefined when the pass failed (logged). */
  runOnce(): Promise<DigestRun | undefined> {
    this.running ??= runGdapDigest(this.opts.domain, { hourUtc: this.opts.hourUtc })
      .then((run) => {
        if (run.queued > 0) {
          this.opts.logger.info(run, 'gdap digests queued');
          this.opts.wake();
        }
        return run;
      })
      .catch((err: unknown) => {
        this.opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'gdap digest failed');
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.opts.intervalMs ?? DIGEST_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
