/**
 * How the worker loop waits and is woken. It is woken from a macrotask: SQLite answers synchronously, so a loop
 * woken from a promise chain (claim → plan → wake → claim …) would never let the event loop reach the HTTP answers
 * and timers in between. Several pokes in one turn (a burst of answers) wake the loop once.
 */
export class LoopWaker {
  private scheduled = false;
  private waker?: () => void;

  poke(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const w = this.waker;
      this.waker = undefined;
      w?.();
    });
  }

  /** Waits `ms` (at most a minute), or until poked; 0 or less yields one macrotask. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
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
}
