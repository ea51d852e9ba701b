import { PartnerCenterError } from '../../../src/partner-center/errors.js';
import { PartnerCenterClient, type PartnerCenterClientOptions } from '../../../src/partner-center/client.js';
import type { LocalPartnerCenter } from './server.js';
import { rejectionOf, withFakeAttempts, type LogLine } from '../fake-attempts.js';

export type { LogLine } from '../fake-attempts.js';

/**
 * A client wired to the local Partner Center with a fake clock: `sleep` records each wait and moves the clock
 * instead of waiting, and `random` is fixed at 0.5 so back-off values are exact.
 */
export const clientFor = (
  stub: LocalPartnerCenter,
  overrides: Partial<PartnerCenterClientOptions> & { token?: string } = {},
): { client: PartnerCenterClient; logs: LogLine[]; waits: number[]; now: () => number } =>
  withFakeAttempts((settings) => {
    const token = overrides.token ?? stub.issueToken();
    return new PartnerCenterClient({
      baseUrl: stub.url,
      accessToken: () => Promise.resolve(token),
      ...settings,
      ...overrides,
    });
  });

/** The PartnerCenterError a call fails with (anything else is rethrown; success fails the test). */
export const rejection = rejectionOf(PartnerCenterError);
