/**
 * The limit-enforcing connector of bench/notify.ts (test/support/teams-limits-connector.ts), either in
 * this process (as the fault tests use it) or in a worker thread, so that the fake Teams service's own
 * HTTP and JSON work does not run on the notification worker's event loop (the real one runs
 * elsewhere). Either way the bench reads the same report once the run is over.
 */
import { once } from 'node:events';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { TeamsLimitsConnector, type LimitsConnectorOptions } from '../../test/support/teams-limits-connector.js';

export interface AcceptedSend {
  readonly conversationId: string;
  readonly notificationKey: string | undefined;
  readonly at: number;
}

export interface ConnectorReport {
  readonly accepted: readonly AcceptedSend[];
  /** Every request answered, by status. */
  readonly statusCounts: ReadonlyMap<number, number>;
  /** Requests refused by the limits. */
  readonly throttled: number;
}

export interface BenchConnector {
  readonly url: string;
  /** Stops the connector and says what it saw. */
  finish(): Promise<ConnectorReport>;
}

function reportOf(c: TeamsLimitsConnector): {
  accepted: AcceptedSend[];
  statusCounts: [number, number][];
  throttled: number;
} {
  return {
    accepted: c.accepted.map((a) => ({
      conversationId: a.conversationId,
      notificationKey: a.notificationKey,
      at: a.at,
    })),
    statusCounts: [...c.statusCounts],
    throttled: c.throttled,
  };
}

const ROLE = 'bench-limits-connector';

export async function startBenchConnector(opts: LimitsConnectorOptions, inThread: boolean): Promise<BenchConnector> {
  if (!inThread) {
    const c = await TeamsLimitsConnector.start(opts);
    return {
      url: c.url,
      finish: async () => {
        await c.close();
        const r = reportOf(c);
        return { ...r, statusCounts: new Map(r.statusCounts) };
      },
    };
  }
  // A worker thread does not inherit tsx's loader: a small ES module registers it, then loads this file.
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(import.meta.url)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
    workerData: { role: ROLE, opts },
  });
  const [{ url }] = (await once(worker, 'message')) as [{ url: string }];
  return {
    url,
    finish: async () => {
      worker.postMessage('finish');
      const [r] = (await once(worker, 'message')) as [ReturnType<typeof reportOf>];
      await worker.terminate();
      return { ...r, statusCounts: new Map(r.statusCounts) };
    },
  };
}

const data = workerData as { role?: string; opts?: LimitsConnectorOptions } | undefined;
if (!isMainThread && parentPort && data?.role === ROLE) {
  const port = parentPort;
  const c = await TeamsLimitsConnector.start(data.opts ?? {});
  port.on('message', (m: unknown) => {
    if (m !== 'finish') return;
    void c.close().then(() => port.postMessage(reportOf(c)));
  });
  port.postMessage({ url: c.url });
}
