import assert from 'node:assert/strict';
import { GraphClient } from '../../../src/graph/delegated-admin.js';
import { GraphError } from '../../../src/graph/errors.js';
import type { GraphTransportOptions } from '../../../src/graph/transport.js';
import type { LocalGraph } from './server.js';

export interface GraphLogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/**
 * A Graph client on the local Graph with a fake clock: `sleep` records each wait and moves the clock instead of
 * waiting, and `random` is 0.5 so back-off values are exact.
 */
export function graphClientFor(
  graph: LocalGraph,
  overrides: Partial<GraphTransportOptions> & { token?: string } = {},
): { client: GraphClient; logs: GraphLogLine[]; waits: number[]; now: () => number } {
  const logs: GraphLogLine[] = [];
  const waits: number[] = [];
  let now = Date.parse('2026-12-01T00:00:00Z');
  const { token = graph.issueToken(), ...options } = overrides;
  const line = (level: GraphLogLine['level']) => (fields: Record<string, unknown>, message: string) => {
    logs.push({ level, fields, message });
  };
  const client = new GraphClient({
    baseUrl: graph.baseUrl,
    accessToken: () => Promise.resolve(token),
    logger: { info: line('info'), warn: line('warn'), error: line('error') },
    clock: () => now,
    sleep: (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
    timeoutMs: 5_000,
    ...options,
  });
  return { client, logs, waits, now: () => now };
}

/** The GraphError a call fails with (anything else is rethrown; success fails the test). */
export async function graphRejection(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  assert.fail('expected a GraphError');
}

/** Entra built-in role templates the tests use. */
export const ROLES = {
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
} as const;
