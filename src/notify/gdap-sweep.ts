import { sweepGdap } from '../domain/gdap/sweep-gdap.js';
import type { DomainContext } from '../domain/shared/context.js';
import type { Logger } from '../log.js';

/** How often the GDAP sweep looks (ends are whole days apart: an hour is plenty; a missed run is caught next time). */
export const GDAP_SWEEP_INTERVAL_MS = 3_600_000;

/**
 * G5, G8, G12 (docs/gdap.md): runs sweepGdap at start and then every hour (expired relationships told to the
 * channel once, auto-extended ones moved on, expiring ones marked) and wakes the notification worker when it
 * queued something. Several instances may run it at once: each row moves by a conditional update, once.
 */
export class GdapSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly opts: {
      readonly domain: DomainContext;
      readonly logger: Logger;
      readonly wake: () => void;
      readonly intervalMs?: number;
    },
  ) {}

  /** One pass now (tests call it; the timer calls it). */
  runOnce(): Promise<void> {
    this.running ??= sweepGdap(this.opts.domain)
      .then((counts) => {
        if (counts.expired + counts.extended + counts.expiring > 0) {
          this.opts.logger.info(counts, 'gdap relationships swept');
          if (counts.expired > 0) this.opts.wake();
        }
      })
      .catch((err: unknown) => {
        this.opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'gdap sweep failed');
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.opts.intervalMs ?? GDAP_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
