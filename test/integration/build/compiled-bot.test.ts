import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { t } from '../../../src/i18n/index.js';
import { RecordingConnector } from '../../support/connector.js';
import { freshPostgres, TEST_DATABASE_URL, type TestDatabase } from '../../support/db.js';
import { TEST_DATA_ENCRYPTION_KEY } from '../../support/fixtures.js';
import { botAccount, makeConversation, makeUser, teamsActivity } from '../../support/teams.js';

/**
 * Issue 16 items 2 and 7: `npm run build` output runs as `node dist/scripts/start.js` (npm run start:prod)
 * from a folder holding only dist/, package.json and node_modules without tsx or esbuild (the dev tools);
 * it applies its migrations, answers the probes, serves the prebuilt tab script and a `help` turn, and
 * prints nothing on stderr (no DEP0111). A module trace (ES module resolutions through a loader hook, plus
 * the CommonJS cache at exit) shows tsx, esbuild and spdy's http-deceiver were never loaded.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Development-only packages a production install lacks (package.json devDependencies and their own). */
const DEV_ONLY = new Set(['.bin', 'tsx', 'esbuild', '@esbuild']);

const TRACE_HOOKS = `import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  appendFileSync(file, 'import ' + specifier + ' from ' + (context.parentURL ?? '-') + '\\n');
  const resolved = await next(specifier, context);
  appendFileSync(file, 'esm ' + resolved.url + '\\n');
  return resolved;
}
`;
const TRACE_REGISTER = `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const file = process.env.MODULE_TRACE_FILE;
register('./trace-hooks.mjs', import.meta.url, { data: { file } });
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(file, Object.keys(require.cache).map((f) => 'cjs ' + f + '\\n').join('')));
`;

interface Running {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

function run(cwd: string, args: string[], env: Record<string, string>): Running {
  // only these variables: no NODE_OPTIONS (no tsx loader), no NODE_NO_WARNINGS (warnings would show)
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => stdout.push(...d.split('\n').filter(Boolean)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}

async function listeningUrl(r: Running, timeoutMs = 60_000): Promise<string> {
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
    if (r.child.exitCode !== null) throw new Error(`exited ${r.child.exitCode}: ${r.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`no "listening" line: ${r.stdout.join('\n')}${r.stderr.join('')}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('the compiled build (npm run build, npm run start:prod)', function () {
  this.timeout(180_000);
  let dir: string;
  let app: string;
  let connector: RecordingConnector;

  before(async function () {
    dir = mkdtempSync(path.join(tmpdir(), 'csp-build-'));
    app = path.join(dir, 'app');
    connector = await RecordingConnector.start();
    const build = run(root, ['--import', 'tsx', 'scripts/build.ts', '--out', path.join(app, 'dist')], {});
    assert.equal(await build.exited, 0, `npm run build failed:\n${build.stdout.join('\n')}${build.stderr.join('')}`);
    await copyFile(path.join(root, 'package.json'), path.join(app, 'package.json'));
    // production node_modules: the repository's packages minus the development tools
    const modules = path.join(app, 'node_modules');
    mkdirSync(modules);
    for (const name of readdirSync(path.join(root, 'node_modules'))) {
      if (DEV_ONLY.has(name)) continue;
      symlinkSync(realpathSync(path.join(root, 'node_modules', name)), path.join(modules, name));
    }
    await writeFile(path.join(dir, 'trace-hooks.mjs'), TRACE_HOOKS);
    await writeFile(path.join(dir, 'trace.mjs'), TRACE_REGISTER);
  });
  after(async () => {
    await connector?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds dist/ with the compiled start, the tab bundle, the card templates and both migration folders', () => {
    for (const file of [
      'dist/scripts/start.js',
      'dist/src/index.js',
      'dist/src/generated/sqlite/client.js',
      'dist/src/generated/postgres/client.js',
      'dist/src/web/dashboard/client.bundle.js',
      'dist/cards/help.json',
      'dist/prisma/sqlite/migrations',
      'dist/prisma/postgres/migrations',
    ]) {
      assert.ok(existsSync(path.join(app, file)), `${file} is missing`);
    }
    assert.deepEqual(
      readdirSync(path.join(app, 'dist/prisma/sqlite/migrations')).sort(),
      readdirSync(path.join(root, 'prisma/sqlite/migrations')).sort(),
    );
    assert.ok(
      !existsSync(path.join(app, 'node_modules', 'tsx')) && !existsSync(path.join(app, 'node_modules', 'esbuild')),
    );
  });

  async function exercise(env: Record<string, string>): Promise<void> {
    const trace = path.join(dir, `trace-${Date.now()}.txt`);
    const bot = run(app, ['--import', path.join(dir, 'trace.mjs'), 'dist/scripts/start.js'], {
      PORT: '0',
      LOG_LEVEL: 'info',
      MODULE_TRACE_FILE: trace,
      ...env,
    });
    try {
      const url = await listeningUrl(bot);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 200, await ready.text()); // migrations applied from dist/prisma

      const tab = await fetch(`${url}/tab/dashboard.js`);
      assert.equal(tab.status, 200);
      const js = await tab.text();
      assert.equal(js, readFileSync(path.join(app, 'dist/src/web/dashboard/client.bundle.js'), 'utf8'));

      const user = makeUser();
      const activity = teamsActivity(`${connector.url}/`, botAccount(''), user, makeConversation({}, user), {
        type: 'message',
        text: 'help',
      });
      const posted = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      assert.equal(posted.status, 200);
      const [reply] = await connector.waitFor(1, { timeoutMs: 15_000 });
      const card = JSON.stringify(reply?.card ?? null);
      assert.ok(
        card.includes(t('en-US', 'guide.title')) || card.includes(t('en-US', 'help.title')),
        `the help card (from dist/cards): ${card.slice(0, 300)}`,
      );
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exited, 0, bot.stderr.join(''));
    assert.equal(bot.stderr.join(''), '', 'nothing on stderr: no DEP0111 or other warning');

    const loaded = readFileSync(trace, 'utf8').split('\n');
    assert.ok(
      loaded.some((l) => l.endsWith('/dist/src/index.js')),
      'the trace saw the compiled bot (it works)',
    );
    assert.ok(
      loaded.some((l) => l.startsWith('cjs ') && l.includes('/restify/')),
      'the trace saw CommonJS packages (it works)',
    );
    const unwanted = loaded.filter((l) => /\btsx\b|esbuild|http-deceiver|\.ts$/.test(l));
    assert.deepEqual(unwanted, [], 'no tsx, esbuild, TypeScript source or http-deceiver was loaded');
  }

  it('runs from a folder with only dist/, package.json and production node_modules: probes, tab, a help turn (SQLite, default ./data)', async () => {
    await exercise({}); // DATABASE_URL unset: file:./data/csp-bot.db in the working folder, as in the image
    assert.ok(existsSync(path.join(app, 'data', 'csp-bot.db')));
  });

  (TEST_DATABASE_URL ? it : it.skip)('the same on PostgreSQL', async () => {
    let db: TestDatabase | undefined;
    try {
      db = await freshPostgres();
      await exercise({ DATABASE_URL: db.url, DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY });
    } finally {
      await db?.cleanup();
    }
  });
});
