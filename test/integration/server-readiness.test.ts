import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sqliteFilePath } from '../../src/data/database-url.js';
import { RecordingConnector } from '../support/connector.js';
import { freshDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/db.js';
import { TEST_DATA_ENCRYPTION_KEY } from '../support/fixtures.js';
import { botAccount, makeConversation, makeUser, teamsActivity } from '../support/teams.js';

/**
 * Issue 13 item 7 through the real process (src/index.ts): /readyz proves the database takes a write.
 * SQLite: with its WAL made immutable (chattr, root on ext4 and the like) /readyz answers 503 within
 * its timeout while /healthz (liveness) and the bot keep answering; writable again, /readyz is 200
 * and the bot's writes succeed. PostgreSQL: the 200 path.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Running {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly exited: Promise<number | null>;
}

function run(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => stdout.push(...d.split('\n').filter(Boolean)));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, exited };
}

async function listeningUrl(r: Running, timeoutMs = 30000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const line of r.stdout) {
      try {
        const parsed = JSON.parse(line) as { msg?: string; url?: string };
        if (parsed.msg === 'listening' && parsed.url) return parsed.url;
      } catch {
        // not a log line
      }
    }
    if (Date.now() > deadline || r.child.exitCode !== null) throw new Error('the bot did not start');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = Date.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(10000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: Date.now() - started };
}

function chattr(flag: '+i' | '-i', file: string): boolean {
  try {
    execFileSync('chattr', [flag, file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

for (const kind of ['sqlite', 'postgres'] as const) {
  const suite = kind === 'postgres' && TEST_DATABASE_URL === undefined ? describe.skip : describe;
  suite(`GET /readyz on the running bot [${kind}]`, function () {
    this.timeout(60000);
    let db: TestDatabase;
    let connector: RecordingConnector;
    let bot: Running;
    let url: string;

    before(async () => {
      db = await freshDatabase(kind);
      connector = await RecordingConnector.start();
      bot = run({
        PORT: '0',
        DATABASE_URL: db.url,
        LOG_LEVEL: 'info',
        ...(kind === 'postgres' ? { DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY } : {}),
      });
      url = await listeningUrl(bot);
    });
    after(async () => {
      if (bot && bot.child.exitCode === null) {
        bot.child.kill('SIGTERM');
        await bot.exited;
      }
      await connector?.close();
      await db?.cleanup();
    });

    async function say(text: string): Promise<number> {
      const user = makeUser();
      const activity = teamsActivity(`${connector.url}/`, botAccount(''), user, makeConversation({}, user), {
        type: 'message',
        text,
      });
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(15000),
      });
      return res.status;
    }

    it('answers 200 {status:"ready"} on a migrated, writable database', async () => {
      const r = await getJson(`${url}/readyz`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { status: 'ready' });
      assert.equal((await getJson(`${url}/healthz`)).status, 200);
    });

    if (kind === 'sqlite') {
      it('answers 503 while the file cannot be written, the process still serves; 200 and writes again after', async function () {
        const wal = `${sqliteFilePath(db.url)}-wal`;
        if (!existsSync(wal) || !chattr('+i', wal)) this.skip();
        try {
          const r = await getJson(`${url}/readyz`);
          assert.equal(r.status, 503);
          assert.deepEqual(r.body, { status: 'not ready', reason: 'database-not-writable' });
          assert.ok(r.ms < 3500, `answered within its timeout (${r.ms} ms)`);
          // Liveness is unchanged: the process and the database connection are up.
          assert.equal((await getJson(`${url}/healthz`)).status, 200);
          // A turn that has to write (starting the enrollment dialog saves its state) fails fast
          // instead of hanging; the user gets the apology from the turn-error handler.
          connector.reset();
          const started = Date.now();
          await say('enroll');
          assert.ok(Date.now() - started < 5000, 'the turn did not hang');
          assert.equal(await db.db.prisma.botState.count(), 0, 'nothing was written');
          assert.equal((await getJson(`${url}/readyz`)).status, 503, 'still not ready, still answering');
        } finally {
          chattr('-i', wal);
        }
        const again = await getJson(`${url}/readyz`);
        assert.equal(again.status, 200);
        connector.reset();
        assert.equal(await say('enroll'), 200);
        assert.equal((await connector.waitFor(3)).length, 3, 'the enrollment dialog started');
        assert.ok((await db.db.prisma.botState.count()) > 0, 'its state was written');
        assert.ok(
          bot.stdout.some((l) => l.includes('readiness check: not ready')),
          'the reason was logged',
        );
      });
    }
  });
}
