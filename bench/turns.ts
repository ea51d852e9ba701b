/**
 * npm run bench:turns — how many turns per second the product serves next to a bare botbuilder echo bot
 * (bench/echo-bot.ts) on the same machine, driven alternately by one load generator (issue 15, item 1),
 * and the product's memory at idle and after N turns (item 6). See bench/README.md "bench:turns".
 *
 *   npm run bench:turns -- [--concurrency 8] [--rounds 3] [--seconds 5] [--warmup 2] [--only help|dialog|list]
 *                          [--pg | --sqlite-only] [--pg-url postgres://postgres@127.0.0.1:5432/csp_bench_turns]
 *                          [--turns-for-memory 10000] [--resellers 50]
 *
 * Exit status 0 unless a turn got a wrong answer (or the setup failed): it is a measurement, not a gate.
 */
import { cleanUps, positive, scenariosOf } from './lib/cli.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applyMigrations } from '../src/data/db.js';
import { pgIdent, pgTarget } from '../src/data/database-url.js';
import { summarize } from './lib/stats.js';
import { recreate, root, type BenchTarget } from './lib/target.js';
import {
  TurnConnector,
  addPhase,
  emptyPhase,
  invokeFields,
  messageFields,
  runLoad,
  type PhaseResult,
  type Step,
  type VirtualClient,
} from './lib/turn-load.js';
import { BENCH_DATA_KEY, RESELLER_NAME_PREFIX, seedTurnWorld, staffMember, type TurnWorld } from './lib/turn-seed.js';

const SCENARIOS = ['help', 'dialog', 'list'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** issue 15's targets: product/echo turns per second on SQLite (PostgreSQL: within 20% of these) */
const TARGETS: Record<Scenario, number> = { help: 0.6, dialog: 0.5, list: 0.4 };
const SCENARIO_LABEL: Record<Scenario, string> = {
  help: 'help',
  dialog: 'dialog step (enroll, cancel)',
  list: 'list invoke (resellers page)',
};

const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string' },
    pg: { type: 'boolean', default: false },
    'sqlite-only': { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/csp_bench_turns' },
    'turns-for-memory': { type: 'string', default: '10000' },
    resellers: { type: 'string', default: '50' },
  },
});

const concurrency = positive('concurrency', args.concurrency);
const rounds = positive('rounds', args.rounds);
const seconds = positive('seconds', args.seconds, false);
const warmupSeconds = Number(args.warmup);
const turnsForMemory = Number(args['turns-for-memory']);
const resellerCount = positive('resellers', args.resellers);
const scenarios = scenariosOf<Scenario>(SCENARIOS, args.only);

// ---------------------------------------------------------------------------------------------------
// Clean-up: children stopped, databases removed, whatever happens

const cleanup = cleanUps('stopping the bots and removing the databases');

// ---------------------------------------------------------------------------------------------------
// Child processes

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface Child {
  readonly proc: ChildProcess;
  readonly pid: number;
  readonly messagesUrl: string;
  stop(): Promise<void>;
}

function startChild(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  // DEP0111: restify 11 reads process.binding('http_parser'); the warning says nothing about the run
  // BENCH_NODE_FLAGS adds flags to both bots, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile of each
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const flags = ['--expose-gc', '--disable-warning=DEP0111', ...extra, '--import', 'tsx'];
  return spawn(process.execPath, [...flags, path.join(root, file)], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function stopper(proc: ChildProcess): () => Promise<void> {
  return async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
}

function exitedEarly(proc: ChildProcess, what: string): Promise<never> {
  return new Promise((_, reject) =>
    proc.once('exit', (code, signal) => reject(new Error(`${what} exited (${code ?? signal}) before it was ready`))),
  );
}

async function startEcho(): Promise<Child> {
  const proc = startChild('bench/echo-bot.ts', { ...process.env, PORT: '0' });
  const stop = stopper(proc);
  cleanup.add(stop);
  const ready = new Promise<number>((resolve) => {
    proc.on('message', (m: unknown) => {
      const port = (m as { ready?: unknown } | null)?.ready;
      if (typeof port === 'number') resolve(port);
    });
  });
  const port = await Promise.race([ready, exitedEarly(proc, 'the echo bot')]);
  return { proc, pid: proc.pid!, messagesUrl: `http://127.0.0.1:${port}/api/messages`, stop };
}

async function waitHealthy(base: string, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  const early = exitedEarly(proc, 'the product');
  early.catch(() => undefined);
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) await early;
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the product did not answer /healthz within 120 s');
}

async function startProduct(url: string, world: TurnWorld, mailDir: string): Promise<Child> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    LOG_LEVEL: 'warn',
    SMTP_URL: '',
    MAIL_DIR: mailDir,
    DATA_ENCRYPTION_KEY: BENCH_DATA_KEY,
    PROGRAM_ADMINS: world.programAdminAad,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    PROGRAM_CHANNEL_ID: '',
    HTTPS_PROXY: '',
    HTTP_PROXY: '',
    https_proxy: '',
    http_proxy: '',
  };
  const proc = startChild('bench/lib/product-child.ts', env);
  const stop = stopper(proc);
  cleanup.add(stop);
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(base, proc);
  return { proc, pid: proc.pid!, messagesUrl: `${base}/api/messages`, stop };
}

interface MemReport {
  readonly before: NodeJS.MemoryUsage;
  readonly after: NodeJS.MemoryUsage;
  readonly gc: boolean;
}

let memSeq = 0;
async function memoryOf(child: Child): Promise<MemReport> {
  const id = ++memSeq;
  const answer = new Promise<MemReport>((resolve) => {
    const on = (m: unknown) => {
      if ((m as { mem?: unknown } | null)?.mem !== id) return;
      child.proc.off('message', on);
      resolve(m as MemReport);
    };
    child.proc.on('message', on);
  });
  child.proc.send({ mem: id });
  return answer;
}

// ---------------------------------------------------------------------------------------------------
// Databases

async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({
    ...pgTarget(url).pool,
    database: 'postgres',
    options: undefined,
    connectionTimeoutMillis: 1500,
  });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function dropPg(url: string): Promise<void> {
  const t = pgTarget(url);
  const admin = new pg.Client({ ...t.pool, database: 'postgres', options: undefined });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pgIdent(String(t.pool.database))} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

async function prepareDatabase(kind: 'sqlite' | 'postgres'): Promise<BenchTarget> {
  if (kind === 'sqlite') {
    const file = path.join(root, 'bench', '.data', `turns-${process.pid}.db`);
    const target: BenchTarget = { url: `file:${file}`, kind, label: path.relative(root, file) };
    cleanup.add(() => Promise.resolve(removeSqlite(file)));
    await recreate(target);
    await applyMigrations(target.url);
    return target;
  }
  const url = args['pg-url'];
  const t = pgTarget(url);
  const db = String(t.pool.database);
  if (!/bench/i.test(db)) throw new Error(`refusing PostgreSQL database "${db}": its name must contain "bench"`);
  const target: BenchTarget = { url, kind, label: `${String(t.pool.host)}:${String(t.pool.port)}/${db}` };
  cleanup.add(() => dropPg(url));
  await recreate(target);
  await applyMigrations(target.url);
  return target;
}

// ---------------------------------------------------------------------------------------------------
// Scenarios

function stepsOf(scenario: Scenario, target: 'echo' | 'product'): Step[] {
  switch (scenario) {
    case 'help':
      return [{ label: 'help', fields: messageFields('help'), minActivities: 1 }];
    case 'dialog':
      return [
        // a user with no organisation: `enroll` starts the enrollment dialog (its form card), `cancel` ends it
        { label: 'enroll', fields: messageFields('enroll'), minActivities: 1, minCards: 1 },
        { label: 'cancel', fields: messageFields('cancel'), minActivities: 1 },
      ];
    case 'list':
      return [
        {
          label: 'resellers page',
          fields: invokeFields('partnership.list.page', { v: 1, list: 'resellers', cursor: '', back: '' }),
          invokeCard: target === 'product' ? { contains: RESELLER_NAME_PREFIX } : {},
        },
      ];
  }
}

function clientsOf(scenario: Scenario, target: 'echo' | 'product', world: TurnWorld, tag: string): VirtualClient[] {
  return Array.from({ length: concurrency }, (_, i) => ({
    user:
      scenario === 'dialog'
        ? { aadObjectId: randomUUID(), tenantId: randomUUID(), name: `Newcomer ${i + 1}` }
        : staffMember(world, i),
    conversationId: `a:bench-${tag}-${target}-${scenario}-${i + 1}-${randomUUID().slice(0, 8)}`,
  }));
}

// ---------------------------------------------------------------------------------------------------
// Output

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Measured {
  readonly echo: PhaseResult;
  readonly product: PhaseResult;
  /** product/echo turns/s of each round */
  readonly roundRatios: number[];
}

function rate(p: PhaseResult): number {
  return p.elapsedMs > 0 ? (p.turns * 1000) / p.elapsedMs : NaN;
}
function cpuPerTurn(p: PhaseResult): number {
  return p.turns > 0 ? p.cpuMs / p.turns : NaN;
}

function printTable(results: Map<Scenario, Measured>): void {
  const head = `${pad('scenario', 30)}${pad('bot', 9)}${lpad('turns', 7)}${lpad('turns/s', 9)}${lpad('p50', 7)}${lpad('p95', 7)}${lpad('p99', 7)}${lpad('CPU ms/turn', 13)}${lpad('gen ms/turn', 13)}`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const [scenario, m] of results) {
    for (const [bot, p] of [
      ['echo', m.echo],
      ['product', m.product],
    ] as const) {
      const s = summarize(p.samples);
      console.log(
        `${pad(bot === 'echo' ? SCENARIO_LABEL[scenario] : '', 30)}${pad(bot, 9)}${lpad(String(p.turns), 7)}${lpad(f1(rate(p)), 9)}` +
          `${lpad(f1(s.p50), 7)}${lpad(f1(s.p95), 7)}${lpad(f1(s.p99), 7)}${lpad(f2(cpuPerTurn(p)), 13)}${lpad(f2(p.genCpuMs / p.turns), 13)}`,
      );
    }
    const ratio = rate(m.product) / rate(m.echo);
    const cpuRatio = cpuPerTurn(m.product) / cpuPerTurn(m.echo);
    console.log(
      `${pad('', 30)}${pad('ratio', 9)}  product/echo turns/s ${f2(ratio)} (rounds: ${m.roundRatios.map(f2).join(', ')}),` +
        ` CPU per turn ×${f1(cpuRatio)}`,
    );
  }
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

// ---------------------------------------------------------------------------------------------------
// The run

async function benchDatabase(
  kind: 'sqlite' | 'postgres',
  echo: Child,
  connector: TurnConnector,
): Promise<{ results: Map<Scenario, Measured>; errors: number }> {
  const target = await prepareDatabase(kind);
  const t0 = Date.now();
  const world = await seedTurnWorld(target.url, kind, resellerCount, concurrency);
  console.log(
    `\n== ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (${target.label}): seeded 1 provider + ${world.resellers} resellers in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const mailDir = mkdtempSync(path.join(tmpdir(), 'csp-bench-turns-mail-'));
  cleanup.add(() => Promise.resolve(rmSync(mailDir, { recursive: true, force: true })));
  const product = await startProduct(target.url, world, mailDir);
  const idle = kind === 'sqlite' ? await memoryOf(product) : undefined;
  console.log(`load average at start: ${load()} (${cpus().length} CPUs); concurrency ${concurrency}`);

  const tag = `${kind}-${process.pid}`;
  const bots = { echo, product };
  const clients = new Map<string, VirtualClient[]>();
  for (const s of scenarios)
    for (const b of ['echo', 'product'] as const) clients.set(`${s}/${b}`, clientsOf(s, b, world, tag));
  let productTurns = 0;
  let errors = 0;
  const phase = async (s: Scenario, b: 'echo' | 'product', secs: number, maxTurns?: number) => {
    const r = await runLoad({
      messagesUrl: bots[b].messagesUrl,
      connector,
      clients: clients.get(`${s}/${b}`)!,
      steps: stepsOf(s, b),
      seconds: secs,
      pid: bots[b].pid,
      ...(maxTurns !== undefined ? { maxTurns } : {}),
    });
    if (b === 'product') productTurns += r.turns;
    if (r.errors) {
      errors += r.errors;
      console.error(
        `!! ${s} on ${b}: ${r.errors} wrong answers of ${r.turns}; first:\n   ${r.firstErrors.join('\n   ')}`,
      );
    }
    return r;
  };

  if (warmupSeconds > 0) {
    for (const s of scenarios) for (const b of ['echo', 'product'] as const) await phase(s, b, warmupSeconds);
    if (errors) throw new Error(`wrong answers during the warm-up on ${kind}: not measuring`);
  }
  const results = new Map<Scenario, Measured>();
  for (const s of scenarios) results.set(s, { echo: emptyPhase(), product: emptyPhase(), roundRatios: [] });
  for (let round = 0; round < rounds; round++) {
    for (const s of scenarios) {
      const m = results.get(s)!;
      // alternate who goes first, so neither always follows the other's after-effects
      const order = round % 2 === 0 ? (['echo', 'product'] as const) : (['product', 'echo'] as const);
      const got: Partial<Record<'echo' | 'product', PhaseResult>> = {};
      for (const b of order) got[b] = await phase(s, b, seconds);
      addPhase(m.echo, got.echo!);
      addPhase(m.product, got.product!);
      m.roundRatios.push(rate(got.product!) / rate(got.echo!));
    }
    process.stderr.write(`  round ${round + 1}/${rounds} done (load ${load()})\n`);
  }
  console.log(`load average at end: ${load()}`);
  printTable(results);

  if (idle) {
    // item 6: memory at idle and after N turns of the product (the rounds' turns count towards N)
    if (turnsForMemory > productTurns) {
      const per = Math.ceil((turnsForMemory - productTurns) / scenarios.length);
      for (const s of scenarios) await phase(s, 'product', 3600, per);
    }
    const after = await memoryOf(product);
    console.log(`\nproduct memory (SQLite; forced GC: ${idle.gc ? 'yes' : 'NO, --expose-gc missing'}):`);
    console.log(
      `  idle, before load:      RSS ${mib(idle.before.rss)}, after GC RSS ${mib(idle.after.rss)}, heap used ${mib(idle.after.heapUsed)}`,
    );
    console.log(
      `  after ${productTurns} turns:  RSS ${mib(after.before.rss)}, after GC RSS ${mib(after.after.rss)}, heap used ${mib(after.after.heapUsed)}`,
    );
    console.log('  (issue 15 baseline: 196 MiB idle RSS, 60 MiB heap after GC)');
  }
  await product.stop();
  return { results, errors };
}

async function main(): Promise<number> {
  const kinds: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (!args['sqlite-only']) {
    if (args.pg || (await pgReachable(args['pg-url']))) kinds.push('postgres');
    else console.log('PostgreSQL not reachable at 127.0.0.1:5432: SQLite only (--pg to insist)');
  }
  console.log(
    `bench:turns — ${scenarios.join(', ')}; ${rounds} rounds × ${seconds} s per bot per scenario (+ ${warmupSeconds} s warm-up), concurrency ${concurrency}`,
  );
  const connector = await TurnConnector.start();
  cleanup.add(() => connector.close());
  const echo = await startEcho();
  const all = new Map<string, Map<Scenario, Measured>>();
  let errors = 0;
  for (const kind of kinds) {
    const r = await benchDatabase(kind, echo, connector);
    all.set(kind, r.results);
    errors += r.errors;
  }
  if (connector.unknown.size) console.log(`connector calls it did not know: ${JSON.stringify([...connector.unknown])}`);
  if (connector.memberLookups) console.log(`member lookups answered by the connector: ${connector.memberLookups}`);

  console.log('\nissue 15 targets (product/echo turns/s; a busy machine makes these figures noisy):');
  const sqlite = all.get('sqlite')!;
  for (const [s, m] of sqlite) {
    const ratio = rate(m.product) / rate(m.echo);
    const line = `  ${pad(SCENARIO_LABEL[s], 30)} SQLite ${f2(ratio)} ${ratio >= TARGETS[s] ? '≥' : '<'} ${TARGETS[s]} ${ratio >= TARGETS[s] ? 'holds' : 'MISSED'}`;
    const pgm = all.get('postgres')?.get(s);
    if (!pgm) {
      console.log(line);
      continue;
    }
    const pgRatio = rate(pgm.product) / rate(pgm.echo);
    const pgTarget = TARGETS[s] * 0.8;
    console.log(
      `${line};  PostgreSQL ${f2(pgRatio)} ${pgRatio >= pgTarget ? '≥' : '<'} ${f2(pgTarget)} ${pgRatio >= pgTarget ? 'holds' : 'MISSED'}`,
    );
  }
  if (errors) {
    console.error(`\n${errors} turns got a wrong answer: the figures above are not valid`);
    return 1;
  }
  return 0;
}

let status = 1;
try {
  status = await main();
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
} finally {
  await cleanup.run();
}
process.exit(status);
