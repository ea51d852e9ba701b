import assert from 'node:assert/strict';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/**
 * The attempt settings a client under test gets (src/http/retrying-fetch.ts), with a fake clock: `sleep` records
 * each wait and moves the clock instead of waiting, `random` is 0.5 so back-off values are exact, and the logger
 * keeps its lines. Shared by the Partner Center and Graph client fixtures.
 */
export function fakeAttempts(start = '2026-12-01T00:00:00Z') {
  const logs: LogLine[] = [];
  const waits: number[] = [];
  let now = Date.parse(start);
  const line = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) => {
    logs.push({ level, fields, message });
  };
  return {
    logs,
    waits,
    now: () => now,
    settings: {
      logger: { info: line('info'), warn: line('warn'), error: line('error') },
      clock: () => now,
      sleep: (ms: number) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
      timeoutMs: 5_000,
    },
  };
}

/** The error of class `type` a call fails with (anything else is rethrown; success fails the test). */
export function rejectionOf<E extends Error>(type: abstract new (...args: never[]) => E) {
  return async (promise: Promise<unknown>): Promise<E> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof type) return error;
      throw error;
    }
    assert.fail(`expected a ${type.name}`);
  };
}

/** A client made with the fake attempt settings, with its recorded waits, log lines and clock. */
export function withFakeAttempts<C>(make: (settings: ReturnType<typeof fakeAttempts>['settings']) => C) {
  const { logs, waits, now, settings } = fakeAttempts();
  return { client: make(settings), logs, waits, now };
}
