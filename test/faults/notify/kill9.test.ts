import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forEachDatabase } from '../../support/db.js';
import { TeamsLimitsConnector } from '../../support/teams-limits-connector.js';
import { seedFanOut, tally, until } from './support.js';
import { report } from './table.js';

/**
 * Issue 13 items 2, 3 and 9: kill -9 mid fan-out. A worker process (worker-child.ts, production
 * lease and timeouts) delivers 200 notices to 20 channels through a connector that enforces Teams'
 * limits; it is killed with SIGKILL after about a third, and a new one is started at once. Every
 * notice must be delivered within 30 s of the restart (the leases of the dead worker run out in
 * 20 s, not 120 s), none lost; the duplicates (posts in flight at the kill) are counted.
 */
const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

function startChild(databaseUrl: string): { child: ChildProcess; ready: Promise<void>; out: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before ready: ${err}`)));
  });
  return { child, ready, out: () => out };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

forEachDatabase('notify: kill -9 mid fan-out', (ctx) => {
  const children: ChildProcess[] = [];
  let connector: TeamsLimitsConnector | undefined;
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await exited(c);
    }
    await connector?.close();
    connector = undefined;
  });

  it('a new worker delivers every notice within 30 s of the restart; duplicates counted', async function () {
    this.timeout(120_000);
    const t = await ctx.fresh();
    const prisma = t.db.prisma;
    connector = await TeamsLimitsConnector.start({ latencyMs: 30 });
    const owed = await seedFanOut(prisma, connector.url, 20, 10);

    const first = startChild(t.url);
    children.push(first.child);
    await first.ready;
    await connector.waitForAccepted(60, 60_000);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await exited(first.child);
    const acceptedAtKill = connector.accepted.length;
    const sendingAtKill = await prisma.outboxDelivery.count({ where: { status: 'sending' } });
    const leasedAtKill = await prisma.outboxEvent.count({ where: { status: 'pending', leaseOwner: { not: null } } });

    const second = startChild(t.url);
    children.push(second.child);
    await second.ready;
    const resumed = connector.accepted.length;
    await until(
      async () => (await prisma.outboxEvent.count({ where: { status: { not: 'sent' } } })) === 0,
      60_000,
      'every notice sent after the restart',
    );
    // the first post accepted from the new worker
    const resumeMs = (connector.accepted[resumed]?.at ?? killedAt) - killedAt;
    const recoverMs = Math.max(...connector.accepted.map((a) => a.at)) - killedAt;

    second.child.kill('SIGTERM');
    await exited(second.child);
    const line = second
      .out()
      .split('\n')
      .find((l) => l.startsWith('{'));
    const stats = (JSON.parse(line ?? '{}') as { stats?: { possibleDuplicates: number } }).stats;
    assert.ok(stats, `the second worker reported its stats: ${second.out()}`);

    const { delivered, lost, duplicates } = tally(connector, owed);
    report({
      phase: `kill -9 after ${acceptedAtKill} of 200 (${leasedAtKill} leased, ${sendingAtKill} sending); resumed after ${(resumeMs / 1000).toFixed(1)} s`,
      database: ctx.kind,
      owed: owed.length,
      delivered,
      lost: lost.length,
      duplicates,
      counted: stats.possibleDuplicates,
      recoverMs,
    });
    assert.deepEqual(lost, [], 'nothing lost');
    assert.ok(recoverMs < 30_000, `all delivered ${recoverMs} ms after the kill`);
    assert.ok(
      duplicates <= stats.possibleDuplicates,
      `${duplicates} duplicates, ${stats.possibleDuplicates} counted by the worker`,
    );
    assert.ok(duplicates <= sendingAtKill, 'duplicates only among the posts in flight (noted "sending") at the kill');
  });
});
