import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Application Insights through @azure/monitor-opentelemetry, end to end: a bot process with only
 * APPLICATIONINSIGHTS_CONNECTION_STRING set sends its turn metrics and its turn span to the connection string's
 * ingestion endpoint (here a local HTTPS server: the exporter speaks HTTPS only) when it shuts down.
 */
describe('Application Insights export (APPLICATIONINSIGHTS_CONNECTION_STRING)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: Server;
  const envelopes: { name?: string; data?: { baseType?: string; baseData?: Record<string, unknown> } }[] = [];

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'csp-ai-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
    } catch {
      throw new Error('openssl is needed to make the test ingestion endpoint a certificate');
    }
    server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          let body = Buffer.concat(chunks);
          if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
          if (req.url?.startsWith('/v2.1/track')) {
            const text = body.toString('utf8').trim();
            // JSON array, or one envelope per line
            const items: unknown[] = text.startsWith('[')
              ? (JSON.parse(text) as unknown[])
              : text.split('\n').map((l) => JSON.parse(l) as unknown);
            envelopes.push(...(items as typeof envelopes));
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the turn metrics and the turn span to the ingestion endpoint', async () => {
    const { port } = server.address() as AddressInfo;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/telemetry/azure-monitor-child.ts'], {
      env: {
        PATH: process.env.PATH,
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:${port}/`,
        // the test endpoint's certificate is self-signed; only this child trusts it
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
        NODE_NO_WARNINGS: '1',
        // the SDK's own usage reports go to Microsoft's endpoints, which a test machine cannot reach
        APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
        // every span (the default, 5 traces a second, can skip the first one of a process)
        OTEL_TRACES_SAMPLER: 'always_on',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, out);
    assert.match(out, /flushed/);

    const metrics = envelopes.filter((e) => e.data?.baseType === 'MetricData');
    const names = metrics.flatMap((e) =>
      ((e.data?.baseData?.metrics as { name: string }[] | undefined) ?? []).map((m) => m.name),
    );
    assert.ok(names.includes('csp.turns'), `metrics exported: ${names.join(', ')}`);
    assert.ok(names.includes('csp.turn.duration'), `metrics exported: ${names.join(', ')}`);
    const turn = envelopes.find((e) => e.data?.baseType === 'RequestData' && e.data.baseData?.name === 'turn message');
    assert.ok(turn, `a request envelope for the turn span among ${envelopes.map((e) => e.data?.baseType).join(', ')}`);
    const props = turn.data?.baseData?.properties as Record<string, string> | undefined;
    assert.equal(props?.['turn.name'], 'help');
    assert.equal(props?.['turn.correlation_id'], 'c0ffee');
  });
});
