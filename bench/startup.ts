/**
 * Start-up benchmark (issue 16 item 2): the compiled bot (`node dist/scripts/start.js`, npm run start:prod)
 * against the tsx start (`tsx scripts/start.ts`, what npm start runs), on a migrated SQLite database.
 *
 *   npm run build && npm run bench:startup
 *   npm run bench:startup -- --runs 9
 *
 * Per run: spawn → first 200 from /readyz (database reachable and writable, migrations applied, so the
 * bot can take a turn), then the resident memory of the process tree (the tsx CLI runs the bot in a child
 * process; both count, as both live in the container), read from /proc. The two starts alternate so
 * machine noise falls on both. Prints the medians and the ratios tsx / compiled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyMigrations } from '../src/data/db.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('../', import.meta.url));
if (!existsSync(path.join(root, 'dist/scripts/start.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const variants = {
  compiled: [process.execPath, 'dist/scripts/start.js'],
  tsx: [path.join(root, 'node_modules/.bin/tsx'), 'scripts/start.ts'],
} as const;
type Variant = keyof typeof variants;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Resident set of a process and all its descendants, in MiB (Linux /proc). */
function treeRssMiB(pid: number): number {
  let kib = 0;
  const walk = (p: number): void => {
    const status = readFileSync(`/proc/${p}/status`, 'utf8');
    kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const task of readdirSync(`/proc/${p}/task`)) {
      const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ') : []) walk(Number(child));
    }
  };
  walk(pid);
  return kib / 1024;
}

async function readyStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
  } catch {
    return 0;
  }
}

async function startOnce(variant: Variant, dbFile: string): Promise<{ ms: number; rssMiB: number }> {
  const port = await freePort();
  const [cmd, ...args] = variants[variant];
  const started = performance.now();
  const child: ChildProcess = spawn(cmd, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    for (;;) {
      if ((await readyStatus(port)) === 200) break;
      if (child.exitCode !== null) throw new Error(`${variant} exited ${child.exitCode} before /readyz`);
      if (performance.now() - started > 60_000) throw new Error(`${variant}: no /readyz 200 within 60 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = performance.now() - started;
    return { ms, rssMiB: treeRssMiB(child.pid ?? 0) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const dir = mkdtempSync(path.join(tmpdir(), 'csp-bench-startup-'));
try {
  const template = path.join(dir, 'template.db');
  await applyMigrations(`file:${template}`);
  const results: Record<Variant, { ms: number[]; rss: number[] }> = {
    compiled: { ms: [], rss: [] },
    tsx: { ms: [], rss: [] },
  };
  // one unmeasured start each: the OS file cache holds node_modules for both, as on a running host
  for (const variant of ['compiled', 'tsx'] as const) {
    copyFileSync(template, path.join(dir, `warm-${variant}.db`));
    await startOnce(variant, path.join(dir, `warm-${variant}.db`));
  }
  for (let i = 0; i < runs; i++) {
    for (const variant of i % 2 ? (['tsx', 'compiled'] as const) : (['compiled', 'tsx'] as const)) {
      const db = path.join(dir, `${variant}-${i}.db`);
      copyFileSync(template, db);
      const r = await startOnce(variant, db);
      results[variant].ms.push(r.ms);
      results[variant].rss.push(r.rssMiB);
      console.log(
        `  run ${i + 1} ${variant.padEnd(8)} ${Math.round(r.ms)} ms to /readyz 200, ${r.rssMiB.toFixed(1)} MiB RSS`,
      );
    }
  }
  const c = { ms: median(results.compiled.ms), rss: median(results.compiled.rss) };
  const x = { ms: median(results.tsx.ms), rss: median(results.tsx.rss) };
  console.log(`\nmedians of ${runs} runs (SQLite, migrated database):`);
  console.log(`  compiled  node dist/scripts/start.js   ${Math.round(c.ms)} ms   ${c.rss.toFixed(1)} MiB`);
  console.log(`  tsx       tsx scripts/start.ts         ${Math.round(x.ms)} ms   ${x.rss.toFixed(1)} MiB`);
  console.log(`  ratio tsx / compiled: start-up ${(x.ms / c.ms).toFixed(2)}x, memory ${(x.rss / c.rss).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
