import { GraphClient } from '../../../src/graph/delegated-admin.js';
import { GraphError } from '../../../src/graph/errors.js';
import type { GraphTransportOptions } from '../../../src/graph/transport.js';
import type { LocalGraph } from './server.js';
import { rejectionOf, withFakeAttempts } from '../fake-attempts.js';

/** A Graph client on the local Graph with a fake clock and recorded waits and log lines (../fake-attempts.ts). */
export const graphClientFor = (
  graph: LocalGraph,
  overrides: Partial<GraphTransportOptions> & { token?: string } = {},
) =>
  withFakeAttempts((settings) => {
    const { token = graph.issueToken(), ...options } = overrides;
    return new GraphClient({
      baseUrl: graph.baseUrl,
      accessToken: () => Promise.resolve(token),
      ...settings,
      ...options,
    });
  });

/** The GraphError a call fails with (anything else is rethrown; success fails the test). */
export const graphRejection = rejectionOf(GraphError);

/** Entra built-in role templates the tests use. */
export const ROLES = {
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
} as const;
