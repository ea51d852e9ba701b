import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script as `npm start` / `npm run playground` would, with only the given environment. */
function run(script: string, env: Record<string, string>, until?: RegExp): Promise<Finished> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // a server that started: stop it (by its pid) once the line looked for is there
      if (until && until.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function holdPort(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/**
 * Issue 14 item 7: a busy port is one clear line (not a stack trace) from `npm start` and from
 * `npm run playground`; `npm start` warns when no program administrator is configured.
 */
describe('start-up lines (npm start, npm run playground)', function () {
  this.timeout(90_000);
  let dir: string;
  let held: Awaited<ReturnType<typeof holdPort>>;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'start-up-lines-'));
    held = await holdPort();
  });
  after(async () => {
    await held.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm start on a busy port: exit 1 and one line "port N is in use; set PORT", no stack trace', async () => {
    const r = await run('scripts/start.ts', {
      PORT: String(held.port),
      DATABASE_URL: `file:${path.join(dir, 'start.db')}`,
      LOG_LEVEL: 'warn',
    });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr.trim(), `port ${held.port} is in use; set PORT to a free port (e.g. PORT=${held.port + 1})`);
    assert.doesNotMatch(r.stdout + r.stderr, /EADDRINUSE|\n\s+at /);
  });

  it('npm run playground on a busy port: exit 1 and the same line, before anything starts', async () => {
    const r = await run('scripts/playground.ts', {
      PORT: String(held.port),
      PLAYGROUND_DATABASE_URL: `file:${path.join(dir, 'playground.db')}`,
    });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr.trim(),
      `[playground] port ${held.port} is in use; set PORT to a free port (e.g. PORT=${held.port + 1})`,
    );
    assert.doesNotMatch(r.stdout + r.stderr, /EADDRINUSE|\n\s+at /);
  });

  it('E5: npm start warns when no program administrator is configured, and not when PROGRAM_ADMINS names one', async () => {
    const none = await run(
      'scripts/start.ts',
      { PORT: '0', DATABASE_URL: `file:${path.join(dir, 'none.db')}` },
      /"msg":"no program administrator[^\n]*\n/,
    );
    assert.match(none.stdout, /"level":"warn"[^\n]*no program administrator is configured[^\n]*PROGRAM_ADMINS/);

    const some = await run(
      'scripts/start.ts',
      { PORT: '0', DATABASE_URL: `file:${path.join(dir, 'some.db')}`, PROGRAM_ADMINS: 'aad-object-id-1' },
      /"msg":"program administrators configured"[^\n]*\n/,
    );
    assert.match(some.stdout, /"count":1,"msg":"program administrators configured"/);
    assert.doesNotMatch(some.stdout, /no program administrator/);
  });
});
