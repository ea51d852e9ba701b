/**
 * npm run bench:scale — turns per second of one bot instance against three behind a round-robin proxy, all on
 * one PostgreSQL database (issue 16 item 6). The same closed-loop load generator as bench:turns
 * (bench/lib/turn-load.ts): N virtual clients, each sending its next turn when the last was answered and
 * checked. Three setups, alternated round by round so drift in the machine's load hits them alike:
 *
 *   1 direct     one process, posted to directly
 *   1 via proxy  the same process behind the proxy (what the proxy hop itself costs)
 *   3 via proxy  three processes behind the proxy (test/support/round-robin-proxy.ts)
 *
 * Each process is started as `npm start` starts one (scripts/start.ts, test/support/bot-processes.ts), with its
 * notification worker on; all three run during every setup (the idle ones only poll the outbox once a second).
 *
 *   npm run bench:scale -- [--concurrency 16] [--rounds 2] [--seconds 5] [--warmup 2] [--only help|list]
 *                          [--pg-url postgres://postgres@127.0.0.1:5432/csp_bench_scale] [--resellers 50]
 *
 * On a machine with fewer cores than instances the three share the same CPUs: the ratio then says what the
 * extra processes cost or save on that machine, not what three hosts would do. Exit 0 unless a turn got a
 * wrong answer (or the setup failed): it is a measurement, not a gate.
 */
import { cleanUps, positive, scenariosOf } from './lib/cli.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applyMigrations } from '../src/data/db.js';
import { pgIdent, pgTarget } from '../src/data/database-url.js';
import { startBotProcesses, type BotProcess } from '../test/support/bot-processes.js';
import { RoundRobinProxy } from '../test/support/round-robin-proxy.js';
import { summarize } from './lib/stats.js';
import { recreate, type BenchTarget } from './lib/target.js';
import {
  TurnConnector,
  addPhase,
  emptyPhase,
  invokeFields,
  messageFields,
  processCpuMs,
  runLoad,
  type PhaseResult,
  type Step,
  type VirtualClient,
} from './lib/turn-load.js';
import { BENCH_DATA_KEY, RESELLER_NAME_PREFIX, seedTurnWorld, staffMember, type TurnWorld } from './lib/turn-seed.js';

const SCENARIOS = ['help', 'list'] as const;
type Scenario = (typeof SCENARIOS)[number];
const SCENARIO_LABEL: Record<Scenario, string> = { help: 'help', list: 'list invoke (resellers page)' };
const SETUPS = ['1 direct', '1 via proxy', '3 via proxy'] as const;
type Setup = (typeof SETUPS)[number];

const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/csp_bench_scale' },
    resellers: { type: 'string', default: '50' },
  },
});

const concurrency = positive('concurrency', args.concurrency);
const rounds = positive('rounds', args.rounds);
const seconds = positive('seconds', args.seconds, false);
const warmupSeconds = Number(args.warmup);
const resellerCount = positive('resellers', args.resellers);
const scenarios = scenariosOf<Scenario>(SCENARIOS, args.only);

// Clean-up: the bots stopped, the proxy and connector closed, the database dropped, whatever happens.
const cleanup = cleanUps('stopping the bots and dropping the database');

async function prepareDatabase(url: string): Promise<BenchTarget> {
  const t = pgTarget(url);
  const db = String(t.pool.database);
  if (!/bench/i.test(db)) throw new Error(`refusing PostgreSQL database "${db}": its name must contain "bench"`);
  const target: BenchTarget = { url, kind: 'postgres', label: `${String(t.pool.host)}:${String(t.pool.port)}/${db}` };
  cleanup.add(async () => {
    const admin = new pg.Client({ ...t.pool, database: 'postgres', options: undefined });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${pgIdent(db)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });
  await recreate(target);
  await applyMigrations(target.url);
  return target;
}

function stepsOf(scenario: Scenario): Step[] {
  return scenario === 'help'
    ? [{ label: 'help', fields: messageFields('help'), minActivities: 1 }]
    : [
        {
          label: 'resellers page',
          fields: invokeFields('partnership.list.page', { v: 1, list: 'resellers', cursor: '', back: '' }),
          invokeCard: { contains: RESELLER_NAME_PREFIX },
        },
      ];
}

/** The provider's `concurrency` global admins, each in their own personal chat (one per person, as in Teams). */
function clientsOf(world: TurnWorld, tag: string): VirtualClient[] {
  return Array.from({ length: concurrency }, (_, i) => ({
    user: staffMember(world, i),
    conversationId: `a:bench-scale-${tag}-${i + 1}-${randomUUID().slice(0, 8)}`,
  }));
}

interface Measured {
  readonly phase: PhaseResult;
  /** CPU of all three bot processes over the setup's phases, ms */
  cpuMs: number;
}

const rate = (p: PhaseResult) => (p.elapsedMs > 0 ? (p.turns * 1000) / p.elapsedMs : NaN);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const target = await prepareDatabase(args['pg-url']);
  const t0 = Date.now();
  const world = await seedTurnWorld(target.url, 'postgres', resellerCount, concurrency);
  console.log(
    `== PostgreSQL (${target.label}): seeded 1 provider + ${world.resellers} resellers in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const connector = await TurnConnector.start();
  cleanup.add(() => connector.close());
  const mailDir = mkdtempSync(path.join(tmpdir(), 'csp-bench-scale-mail-'));
  cleanup.add(() => Promise.resolve(rmSync(mailDir, { recursive: true, force: true })));

  const s0 = Date.now();
  let bots: BotProcess[] = [];
  cleanup.add(async () => {
    await Promise.all(bots.map((b) => b.stop(30_000)));
  });
  bots = await startBotProcesses(
    3,
    {
      DATABASE_URL: target.url,
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      LOG_LEVEL: 'warn',
      MAIL_DIR: mailDir,
      DATA_ENCRYPTION_KEY: BENCH_DATA_KEY,
      PROGRAM_ADMINS: world.programAdminAad,
    },
    { timeoutMs: 120_000 },
  );
  console.log(`three bot processes healthy in ${((Date.now() - s0) / 1000).toFixed(1)} s`);
  const three = await RoundRobinProxy.start(bots.map((b) => b.url));
  cleanup.add(() => three.close());
  const one = await RoundRobinProxy.start([bots[0].url]);
  cleanup.add(() => one.close());
  const urls: Record<Setup, string> = {
    '1 direct': `${bots[0].url}/api/messages`,
    '1 via proxy': `${one.url}/api/messages`,
    '3 via proxy': `${three.url}/api/messages`,
  };
  console.log(`load average at start: ${load()} (${cpus().length} CPUs); concurrency ${concurrency}`);

  const pids = bots.map((b) => b.child.pid!);
  const cpuOfBots = () => pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  let errors = 0;
  const phase = async (s: Scenario, setup: Setup, clients: VirtualClient[], secs: number) => {
    const cpu0 = cpuOfBots();
    const r = await runLoad({
      messagesUrl: urls[setup],
      connector,
      clients,
      steps: stepsOf(s),
      seconds: secs,
      pid: pids[0],
    });
    const cpu = cpuOfBots() - cpu0;
    if (r.errors) {
      errors += r.errors;
      console.error(
        `!! ${s} on ${setup}: ${r.errors} wrong answers of ${r.turns}; first:\n   ${r.firstErrors.join('\n   ')}`,
      );
    }
    return { r, cpu };
  };

  const results = new Map<Scenario, Map<Setup, Measured>>();
  for (const s of scenarios) {
    const clients = new Map(SETUPS.map((setup) => [setup, clientsOf(world, `${s}-${setup.replace(/ /g, '')}`)]));
    if (warmupSeconds > 0) for (const setup of SETUPS) await phase(s, setup, clients.get(setup)!, warmupSeconds);
    if (errors) throw new Error('wrong answers during the warm-up: not measuring');
    const bySetup = new Map(SETUPS.map((setup) => [setup, { phase: emptyPhase(), cpuMs: 0 }]));
    for (let round = 0; round < rounds; round++) {
      // alternate the order each round, so neither setup always runs on a warmer or cooler machine
      const order = round % 2 === 0 ? SETUPS : [...SETUPS].reverse();
      for (const setup of order) {
        const { r, cpu } = await phase(s, setup, clients.get(setup)!, seconds);
        const m = bySetup.get(setup)!;
        addPhase(m.phase, r);
        m.cpuMs += cpu;
      }
    }
    results.set(s, bySetup);
  }

  console.log(`load average at end: ${load()}\n`);
  const head = `${'scenario'.padEnd(30)}${'setup'.padEnd(13)}${'turns'.padStart(7)}${'turns/s'.padStart(9)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'p99'.padStart(7)}${'bots CPU ms/turn'.padStart(18)}`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const [s, bySetup] of results) {
    let first = true;
    for (const [setup, m] of bySetup) {
      const q = summarize(m.phase.samples);
      console.log(
        `${(first ? SCENARIO_LABEL[s] : '').padEnd(30)}${setup.padEnd(13)}${String(m.phase.turns).padStart(7)}${f1(rate(m.phase)).padStart(9)}` +
          `${f1(q.p50).padStart(7)}${f1(q.p95).padStart(7)}${f1(q.p99).padStart(7)}${f2(m.cpuMs / m.phase.turns).padStart(18)}`,
      );
      first = false;
    }
    const r1 = rate(bySetup.get('1 via proxy')!.phase);
    const r3 = rate(bySetup.get('3 via proxy')!.phase);
    const rd = rate(bySetup.get('1 direct')!.phase);
    console.log(
      `${''.padEnd(30)}${'ratio'.padEnd(13)}  3/1 behind the proxy ${f2(r3 / r1)}; 3 via proxy / 1 direct ${f2(r3 / rd)}`,
    );
  }
  if (cpus().length < 3) {
    console.log(
      `\n${cpus().length} CPUs for three bot processes, PostgreSQL and the load generator: the three instances share the` +
        ' same cores, so this ratio is not what three hosts would give.',
    );
  }
  const counts = three.servedBy();
  console.log(`the three-instance proxy sent ${counts.join(' / ')} requests to the instances`);
  if (connector.unknown.size) console.log('connector calls not understood:', Object.fromEntries(connector.unknown));
  if (errors) process.exitCode = 1;
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanup.run());
