import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { t } from '../../src/i18n/index.js';
import { RecordingConnector } from '../support/connector.js';
import { freshSqlite, type TestDatabase } from '../support/db.js';
import { botAccount, makeConversation, makeUser, teamsActivity } from '../support/teams.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Running {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** Runs src/index.ts as `npm start` would (minus migrations), with only the given environment. */
function run(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => stdout.push(...d.split('\n').filter(Boolean)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function logLine(r: Running, msg: string): Record<string, unknown> | undefined {
  for (const line of r.stdout) {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.msg === msg) return parsed;
    } catch {
      // not a log line
    }
  }
  return undefined;
}

describe('the bot process (src/index.ts)', function () {
  this.timeout(40000);
  let db: TestDatabase;
  let connector: RecordingConnector;
  // Start-up (tsx + botbuilder + Prisma) takes seconds on a busy machine: all three processes start at once.
  let badConfig: Running;
  let forTerm: Running;
  let forInt: Running;

  before(async () => {
    db = await freshSqlite();
    connector = await RecordingConnector.start();
    badConfig = run({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    forTerm = run({ PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: 'info' });
    forInt = run({ PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: 'info' });
  });
  after(async () => {
    for (const r of [badConfig, forTerm, forInt]) if (r && r.child.exitCode === null) r.child.kill('SIGKILL');
    await connector?.close();
    await db?.cleanup();
  });

  it('refuses an invalid setting: names the variable on stderr and exits 1', async () => {
    assert.equal(await badConfig.exited, 1);
    const err = badConfig.stderr.join('');
    assert.match(err, /Invalid configuration/);
    assert.match(err, /PORT:/);
    assert.match(err, /DATABASE_URL:/);
  });

  it('on SIGTERM: stops accepting, finishes the in-flight turn (its reply still arrives), exits 0', async () => {
    const r = forTerm;
    const listening = await until('the listening log line', () => logLine(r, 'listening'), 30000);
    const url = String(listening.url);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);

    // A slow turn: the connector holds the bot's reply for 1.5 s, so the turn is in flight.
    connector.delayNext(1500);
    const user = makeUser();
    const activity = teamsActivity(`${connector.url}/`, botAccount(''), user, makeConversation({}, user), {
      type: 'message',
      text: 'cancel',
    });
    const posted = fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await until('the reply to reach the connector', () => (connector.arrivals >= 1 ? true : undefined));

    r.child.kill('SIGTERM');
    const shutting = await until('the shutting-down log line', () => logLine(r, 'shutting down'));
    assert.equal(shutting.inFlight, 1);
    // No longer accepting: a new connection is refused while the turn is still running.
    await assert.rejects(fetch(`${url}/healthz`));

    const response = await posted;
    assert.equal(response.status, 200, 'the in-flight request completed');
    const [reply] = await connector.waitFor(1);
    assert.equal(reply.text, t('en-US', 'bot.nothingToCancel'));
    assert.equal(await r.exited, 0);
    assert.ok(logLine(r, 'stopped'), 'logged "stopped" after closing the database');
  });

  it('on SIGINT (Ctrl-C) with nothing in flight: exits 0 promptly', async () => {
    const r = forInt;
    await until('the listening log line', () => logLine(r, 'listening'), 30000);
    const sent = Date.now();
    r.child.kill('SIGINT');
    assert.equal(await r.exited, 0);
    assert.ok(Date.now() - sent < 3000, 'no waiting when nothing is in flight');
    assert.equal(logLine(r, 'shutting down')?.signal, 'SIGINT');
  });
});
