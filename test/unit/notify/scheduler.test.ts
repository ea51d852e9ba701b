import assert from 'node:assert/strict';
import { TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS } from '../../../src/notify/limits.js';
import { Scheduler } from '../../../src/notify/scheduler.js';
import type { SchedulerOptions, SendAnswer } from '../../../src/notify/scheduler-types.js';

/**
 * The scheduler on a fake clock: no database, no timers, no HTTP. Every test asserts the exact start
 * time of each send (ms after the first), so a change to a window, to Retry-After or to the tenant
 * gate shows up as a different number.
 */
interface TJob {
  readonly id: string;
  readonly convKey: string;
  readonly tenantKey: string;
  readonly channelId?: string;
  readonly leaseEnd?: number;
}

function scheduler(over: Partial<SchedulerOptions<TJob>> = {}): Scheduler<TJob> {
  return new Scheduler<TJob>({
    conversationWindows: TEAMS_CONVERSATION_WINDOWS,
    tenantWindows: TEAMS_TENANT_WINDOWS,
    limitMarginMs: 0,
    limitShare: 1,
    concurrency: 10_000,
    conversationConcurrency: 1,
    deferAfterMs: Number.POSITIVE_INFINITY,
    sendBudgetMs: 0,
    leaseEnd: (j) => j.leaseEnd ?? Number.POSITIVE_INFINITY,
    channelOf: (j) => j.channelId,
    ...over,
  });
}

function jobs(n: number, convKey: string, tenantKey = 'tenant-1', extra: Partial<TJob> = {}): TJob[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${convKey}#${i}`, convKey, tenantKey, ...extra }));
}

interface Run {
  /** [start time, job id], in start order. */
  readonly starts: [number, string][];
  readonly deferred: [number, string, number][];
  readonly skipped: [number, string][];
}

/**
 * Drives the scheduler as the worker does, on a fake clock: dispatch at `now`, answer each send
 * `latencyMs` later with `answer(job)`, dispatch again, and jump to the next timer or answer.
 */
function run(
  s: Scheduler<TJob>,
  o: { latencyMs?: number; answer?: (job: TJob) => SendAnswer; enqueueAt?: Map<number, TJob[]> } = {},
): Run {
  const latency = o.latencyMs ?? 0;
  const answer = o.answer ?? (() => ({ kind: 'sent' }) as const);
  const out: Run = { starts: [], deferred: [], skipped: [] };
  const inFlight: { at: number; s: ReturnType<Scheduler<TJob>['dispatch']>['started'][number] }[] = [];
  const arrivals = new Map(o.enqueueAt);
  let now = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    for (const j of arrivals.get(now) ?? []) s.enqueue(j);
    arrivals.delete(now);
    const d = s.dispatch(now);
    for (const st of d.started) {
      out.starts.push([now, st.job.id]);
      inFlight.push({ at: now + latency, s: st });
    }
    for (const x of d.deferred) out.deferred.push([now, x.job.id, x.until]);
    for (const j of d.skipped) out.skipped.push([now, j.id]);
    inFlight.sort((a, b) => a.at - b.at);
    if (inFlight.length > 0 && inFlight[0].at <= now) {
      while (inFlight.length > 0 && inFlight[0].at <= now) {
        const f = inFlight.shift() as (typeof inFlight)[number];
        s.settle(f.s, now, answer(f.s.job));
      }
      continue;
    }
    const next = Math.min(d.wakeAt, inFlight[0]?.at ?? Infinity, ...arrivals.keys());
    if (next === Infinity) return out;
    assert.ok(next > now, `time moves forward (${now} → ${next})`);
    now = next;
  }
  throw new Error('the scheduler never settled');
}

const times = (r: Run, prefix = ''): number[] => r.starts.filter(([, id]) => id.startsWith(prefix)).map(([t]) => t);

describe('notify scheduler: per conversation (Teams 7/1 s, 8/2 s, 60/30 s)', () => {
  it('sends seven in the first second; the 8th waits for the second; 8 per 2 s', () => {
    const s = scheduler();
    for (const j of jobs(10, 'c1')) s.enqueue(j);
    const r = run(s);
    assert.deepEqual(times(r), [0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000]);
    assert.deepEqual(
      r.starts.map(([, id]) => id),
      jobs(10, 'c1').map((j) => j.id),
      'in enqueue order',
    );
  });

  it('counts a send from its answer, and widens every window by the margin', () => {
    // Each send answered 20 ms later: the 1 s window of the 8th opens 1 s after the 1st ended (20 ms).
    const answered = scheduler();
    for (const j of jobs(10, 'c1')) answered.enqueue(j);
    assert.deepEqual(times(run(answered, { latencyMs: 20 })), [0, 20, 40, 60, 80, 100, 120, 1020, 2020, 2040]);
    const margin = scheduler({ limitMarginMs: 10 });
    for (const j of jobs(10, 'c1')) margin.enqueue(j);
    assert.deepEqual(times(run(margin)), [0, 0, 0, 0, 0, 0, 0, 1010, 2010, 2010]);
  });

  it('the 60/30 s window: 60 sends by 14 s, the 61st at 30 s', () => {
    const s = scheduler();
    for (const j of jobs(68, 'c1')) s.enqueue(j);
    const expected: number[] = [];
    for (let k = 0; k < 7; k++) expected.push(...Array<number>(7).fill(2000 * k), 2000 * k + 1000);
    expected.push(14_000, 14_000, 14_000, 14_000); // 60 within 30 s
    expected.push(...Array<number>(7).fill(30_000)); // the seven sent at 0 s have left the window
    expected.push(31_000); // and the one sent at 1 s
    assert.deepEqual(times(run(s)), expected);
  });

  it('conversations do not wait for each other', () => {
    const s = scheduler();
    for (const j of [...jobs(8, 'a'), ...jobs(8, 'b')]) s.enqueue(j);
    const r = run(s);
    assert.deepEqual(times(r, 'a#'), [0, 0, 0, 0, 0, 0, 0, 1000]);
    assert.deepEqual(times(r, 'b#'), [0, 0, 0, 0, 0, 0, 0, 1000]);
  });

  it('hands a conversation back, due when it may go, when it would wait longer than deferAfterMs', () => {
    const s = scheduler({ deferAfterMs: 15_000 });
    for (const j of jobs(62, 'c1')) s.enqueue(j);
    const r = run(s);
    assert.equal(r.starts.length, 60);
    assert.deepEqual(r.deferred, [
      [14_000, 'c1#60', 30_000],
      [14_000, 'c1#61', 30_000],
    ]);
  });

  it('does not start a job with less than sendBudgetMs of lease left: it goes back at once', () => {
    const s = scheduler({ sendBudgetMs: 30_000 });
    for (const j of jobs(2, 'short', 'tenant-1', { leaseEnd: 20_000 })) s.enqueue(j);
    for (const j of jobs(1, 'long', 'tenant-1', { leaseEnd: 120_000 })) s.enqueue(j);
    const r = run(s);
    assert.deepEqual(r.starts, [[0, 'long#0']]);
    assert.deepEqual(r.deferred, [
      [0, 'short#0', 0],
      [0, 'short#1', 0],
    ]);
  });

  it('keeps conversationConcurrency and concurrency: one send in flight per conversation, N overall', () => {
    const s = scheduler({ concurrency: 2 });
    for (const j of [...jobs(2, 'a'), ...jobs(2, 'b'), ...jobs(2, 'c')]) s.enqueue(j);
    const r = run(s, { latencyMs: 100 });
    assert.deepEqual(
      r.starts.map(([t]) => t),
      [0, 0, 100, 100, 200, 200],
    );
    for (const [t] of r.starts) assert.ok(r.starts.filter(([u]) => u === t).length <= 2);
  });

  it("starts a conversation's first notice before another's next, then the deepest queue first", () => {
    const s = scheduler({ concurrency: 1 });
    // 'deep' has sent already and has five more; 'new' and 'newer' arrive with one and two.
    for (const j of jobs(6, 'deep')) s.enqueue(j);
    const arrivals = new Map([[50, [...jobs(1, 'new'), ...jobs(2, 'newer')]]]);
    const r = run(s, { latencyMs: 100, enqueueAt: arrivals });
    assert.deepEqual(r.starts.map(([t, id]) => `${t} ${id}`).slice(0, 5), [
      '0 deep#0',
      '100 newer#0',
      '200 new#0',
      '300 deep#1',
      '400 deep#2',
    ]);
  });
});

describe('notify scheduler: Retry-After', () => {
  it('a 429 with Retry-After blocks only the conversation that got it; the others go on', () => {
    const s = scheduler();
    for (const j of [...jobs(4, 'a'), ...jobs(4, 'b'), ...jobs(4, 'c', 'tenant-2')]) s.enqueue(j);
    const r = run(s, {
      answer: (j) => (j.id === 'a#0' ? { kind: 'retry', retryAfterMs: 3_000 } : { kind: 'sent' }),
    });
    assert.deepEqual(times(r, 'a#'), [0, 3_000, 3_000, 3_000]);
    assert.deepEqual(times(r, 'b#'), [0, 0, 0, 0]);
    assert.deepEqual(times(r, 'c#'), [0, 0, 0, 0]);
  });

  it('counts Retry-After from the answer, and keeps the longest of two', () => {
    const s = scheduler();
    for (const j of jobs(4, 'a')) s.enqueue(j);
    const r = run(s, {
      latencyMs: 50,
      answer: (j) =>
        j.id === 'a#0'
          ? { kind: 'retry', retryAfterMs: 2_000 }
          : j.id === 'a#1'
            ? { kind: 'retry', retryAfterMs: 500 }
            : { kind: 'sent' },
    });
    // a#0 answered at 50 → not before 2050; a#1 answered at 2100 with 500 → not before 2600.
    assert.deepEqual(times(r), [0, 2_050, 2_600, 2_650]);
  });

  it('a Retry-After longer than deferAfterMs hands the conversation back, due when it ends', () => {
    const s = scheduler({ deferAfterMs: 15_000 });
    for (const j of [...jobs(3, 'a'), ...jobs(2, 'b')]) s.enqueue(j);
    const r = run(s, {
      answer: (j) => (j.id === 'a#0' ? { kind: 'retry', retryAfterMs: 20_000 } : { kind: 'sent' }),
    });
    assert.deepEqual(times(r, 'a#'), [0]);
    assert.deepEqual(times(r, 'b#'), [0, 0]);
    assert.deepEqual(r.deferred, [
      [0, 'a#1', 20_000],
      [0, 'a#2', 20_000],
    ]);
  });
});

describe('notify scheduler: per tenant (Teams 50 requests/s per app per tenant)', () => {
  it('sends 50 per second across many conversations of one tenant; another tenant is not held back', () => {
    const s = scheduler();
    const t1 = Array.from({ length: 120 }, (_, c) => jobs(1, `t1-c${c}`, 'tenant-1')[0]);
    const t2 = Array.from({ length: 30 }, (_, c) => jobs(1, `t2-c${c}`, 'tenant-2')[0]);
    // interleaved, as a claim of two tenants' events would be
    for (let i = 0; i < 120; i++) {
      s.enqueue(t1[i]);
      if (i < 30) s.enqueue(t2[i]);
    }
    const r = run(s);
    const t1Starts = r.starts.filter(([, id]) => id.startsWith('t1-'));
    assert.deepEqual(
      t1Starts.map(([t]) => t),
      [...Array<number>(50).fill(0), ...Array<number>(50).fill(1000), ...Array<number>(20).fill(2000)],
    );
    assert.deepEqual(
      t1Starts.map(([, id]) => id),
      t1.map((j) => j.id),
      'first claimed first',
    );
    assert.deepEqual(times(r, 't2-'), Array<number>(30).fill(0));
  });

  it('applies both gates: a conversation of a busy tenant gets what the tenant has left, within its own 8/2 s', () => {
    const s = scheduler();
    for (const j of jobs(10, 'big', 'tenant-1')) s.enqueue(j);
    for (let c = 0; c < 45; c++) s.enqueue(jobs(1, `small${c}`, 'tenant-1')[0]);
    const r = run(s);
    // One send in flight per conversation: the 45 others take 45 of the first second's 50 while "big"
    // sends its first, so "big" gets 5 then, 3 more at 1 s (8/2 s), the rest at 2 s.
    assert.deepEqual(times(r, 'small'), Array<number>(45).fill(0));
    assert.deepEqual(times(r, 'big#'), [0, 0, 0, 0, 0, 1000, 1000, 1000, 2000, 2000]);
  });

  it('limitShare gives each of N instances its share of every window', () => {
    const s = scheduler({ limitShare: 0.5 });
    for (let c = 0; c < 30; c++) s.enqueue(jobs(1, `c${c}`)[0]);
    for (const j of jobs(4, 'own', 'tenant-2')) s.enqueue(j);
    const r = run(s);
    assert.deepEqual(times(r, 'c'), [...Array<number>(25).fill(0), ...Array<number>(5).fill(1000)]);
    assert.deepEqual(times(r, 'own#'), [0, 0, 0, 1000]); // 7/1 s halved: 3; 8/2 s halved: 4
  });
});

describe('notify scheduler: blocked channels (403 MessageWritesBlocked)', () => {
  it('never schedules a channel known to be blocked: its jobs are skipped at once', () => {
    const s = scheduler();
    s.blockChannel('ch-1');
    for (const j of [
      ...jobs(3, 'c1', 'tenant-1', { channelId: 'ch-1' }),
      ...jobs(2, 'c2', 'tenant-1', { channelId: 'ch-2' }),
    ])
      s.enqueue(j);
    const r = run(s);
    assert.deepEqual(r.starts, [
      [0, 'c2#0'],
      [0, 'c2#1'],
    ]);
    assert.deepEqual(r.skipped, [
      [0, 'c1#0'],
      [0, 'c1#1'],
      [0, 'c1#2'],
    ]);
  });

  it('a 403 blocks the channel: its queued jobs and later ones are skipped, other channels go on', () => {
    const s = scheduler();
    for (const j of [
      ...jobs(3, 'c1', 'tenant-1', { channelId: 'ch-1' }),
      ...jobs(9, 'c2', 'tenant-1', { channelId: 'ch-2' }),
    ])
      s.enqueue(j);
    const late = jobs(1, 'c1', 'tenant-1', { channelId: 'ch-1' }).map((j) => ({ ...j, id: 'c1#late' }));
    const r = run(s, {
      latencyMs: 10,
      answer: (j) => (j.id === 'c1#0' ? { kind: 'blocked' } : { kind: 'sent' }),
      enqueueAt: new Map([[5_000, late]]),
    });
    assert.deepEqual(times(r, 'c1#'), [0]);
    assert.deepEqual(r.skipped, [
      [10, 'c1#1'],
      [10, 'c1#2'],
      [5_000, 'c1#late'],
    ]);
    assert.deepEqual(times(r, 'c2#'), [0, 10, 20, 30, 40, 50, 60, 1010, 2010]);
  });

  it('drain returns every queued job (a stop hands them back)', () => {
    const s = scheduler();
    for (const j of [...jobs(9, 'a'), ...jobs(2, 'b')]) s.enqueue(j);
    const d = s.dispatch(0);
    assert.equal(d.started.length, 2, 'one per conversation in flight');
    assert.deepEqual(
      s.drain().map((j) => j.id),
      [...jobs(9, 'a').slice(1), ...jobs(2, 'b').slice(1)].map((j) => j.id),
    );
    assert.equal(s.queued, 0);
    assert.equal(s.running, 2);
  });
});
