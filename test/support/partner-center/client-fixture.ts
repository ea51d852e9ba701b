import assert from 'node:assert/strict';
import { PartnerCenterError } from '../../../src/partner-center/errors.js';
import { PartnerCenterClient, type PartnerCenterClientOptions } from '../../../src/partner-center/client.js';
import type { LocalPartnerCenter } from './server.js';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/**
 * A client wired to the local Partner Center with a fake clock: `sleep` records each wait and moves the clock
 * instead of waiting, and `random` is fixed at 0.5 so back-off values are exact.
 */
export function clientFor(
  stub: LocalPartnerCenter,
  overrides: Partial<PartnerCenterClientOptions> & { token?: string } = {},
): { client: PartnerCenterClient; logs: LogLine[]; waits: number[]; now: () => number } {
  const logs: LogLine[] = [];
  const waits: number[] = [];
  let now = Date.parse('2026-12-01T00:00:00Z');
  const token = overrides.token ?? stub.issueToken();
  const log = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) => {
    logs.push({ level, fields, message });
  };
  const client = new PartnerCenterClient({
    baseUrl: stub.url,
    accessToken: () => Promise.resolve(token),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    clock: () => now,
    sleep: (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
    timeoutMs: 5_000,
    ...overrides,
  });
  return { client, logs, waits, now: () => now };
}

/** The PartnerCenterError a call fails with (anything else is rethrown; success fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<PartnerCenterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PartnerCenterError) return error;
    throw error;
  }
  assert.fail('expected a PartnerCenterError');
}
