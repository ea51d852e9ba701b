/**
 * Run by azure-monitor.test.ts in a process of its own (Azure Monitor registers global providers, and the test
 * trusts a self-signed certificate): telemetry from APPLICATIONINSIGHTS_CONNECTION_STRING, one turn, then a
 * shutdown that flushes to the test's ingestion endpoint.
 */
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { startTelemetry } from '../../../src/telemetry/start.js';

const started = Date.now();
const config = loadConfig();
const telemetry = await startTelemetry({ config, logger: createLogger('warn') });
await telemetry.withTurnSpan(
  { type: 'message', correlationId: 'c0ffee' },
  () => Promise.resolve(),
  () => ({ name: 'help', outcome: 'ok', status: 200 }),
);
telemetry.turnFinished({ type: 'message', name: 'help', outcome: 'ok', ms: 42 });
const flushing = Date.now();
await telemetry.shutdown();
process.stdout.write(`flushed: started in ${flushing - started} ms, flushed in ${Date.now() - flushing} ms\n`);
// as src/index.ts does once stopped: the SDK's timers and kept-alive sockets would hold the process a while
process.exit(0);
