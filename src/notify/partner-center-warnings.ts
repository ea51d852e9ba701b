import { warnExpiringPartnerCenterLinks } from '../domain/partner-center/expiry-warnings.js';
import type { DomainContext } from '../domain/shared/context.js';
import type { Logger } from '../log.js';

/** How often the job looks (the warnings are days apart: hours are plenty, and a missed run is caught next time). */
export const WARNING_INTERVAL_MS = 3 * 3_600_000;

/**
 * L8 (docs/partner-center.md): runs warnExpiringPartnerCenterLinks at start and then every few hours, and wakes the
 * notification worker when it queued a warning. Several instances may run it at once: the use case warns once.
 */
export class PartnerCenterWarnings {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly opts: {
      readonly domain: Pick<DomainContext, 'store' | 'now'>;
      readonly logger: Logger;
      readonly wake: () => void;
      readonly intervalMs?: number;
    },
  ) {}

  /** One pass now (tests call it; the timer calls it). */
  runOnce(): Promise<void> {
    this.running ??= warnExpiringPartnerCenterLinks(this.opts.domain)
      .then(({ warned }) => {
        if (warned > 0) {
          this.opts.logger.info({ warned }, 'partner center sign-in expiry warnings queued');
          this.opts.wake();
        }
      })
      .catch((err: unknown) => {
        this.opts.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'partner center warnings failed',
        );
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    if (this.timer) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.opts.intervalMs ?? WARNING_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
