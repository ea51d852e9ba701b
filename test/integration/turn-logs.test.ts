/**
 * Issue 16 items 3 and 4: one structured line per turn and per web request, the turn's correlation id in the
 * apology a user sees, no secrets or links in the log; /livez beside /healthz and /readyz.
 */
import assert from 'node:assert/strict';
import type { Middleware } from 'botbuilder';
import { startHarness, type Harness, type LogRecord } from '../support/harness.js';

const explode: Middleware = {
  async onTurn(context, next) {
    if (context.activity.text?.trim() === 'boom') throw new Error('kaboom');
    await next();
  },
};

interface TurnLine {
  activityId?: string;
  type?: string;
  conversationType?: string;
  tenant?: string;
  name?: string;
  outcome: string;
  reason?: string;
  status: number;
  ms: number;
  statements: number;
  transactions: number;
}

const turnLines = (h: Harness): (LogRecord & { turn: TurnLine; correlationId: string })[] =>
  h.logs.filter((l): l is LogRecord & { turn: TurnLine; correlationId: string } => l.msg === 'turn');

describe('per-turn and per-request log lines (issue 16)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { LOG_LEVEL: 'info' }, middleware: [explode] });
  });
  afterEach(async () => {
    await h.close();
  });

  it('a command: one info line naming it, its outcome, duration and statements; no text, no names', async () => {
    const chat = h.user({ name: 'Kim Min-ji' });
    const r = await chat.say('help');
    assert.equal(r.status, 200);
    const lines = turnLines(h);
    assert.equal(lines.length, 1, 'one line for the turn');
    const [line] = lines;
    assert.equal(line?.level, 'info');
    assert.equal(line?.turn.name, 'help');
    assert.equal(line?.turn.outcome, 'ok');
    assert.equal(line?.turn.type, 'message');
    assert.equal(line?.turn.conversationType, 'personal');
    assert.equal(line?.turn.status, 200);
    assert.equal(line?.turn.activityId, r.activity?.id);
    assert.ok((line?.turn.ms ?? -1) >= 0);
    assert.ok((line?.turn.statements ?? 0) >= 1, 'the statements the turn ran are counted');
    assert.match(line?.correlationId ?? '', /^[0-9a-f]{8}$/);
    assert.match(typeof line?.time === 'string' ? line.time : '', /^\d{4}-\d\d-\d\dT/, 'ISO timestamp');
    assert.doesNotMatch(JSON.stringify(line), /Kim Min-ji/);
  });

  it('a refused command says refused with its code; a card verb names the turn', async () => {
    const chat = h.user();
    await chat.say('customers'); // not a partner user: U3 refusal
    await chat.invoke('help.show', { v: 1 });
    const [refused, invoke] = turnLines(h);
    assert.equal(refused?.turn.name, 'customers');
    assert.equal(refused?.turn.outcome, 'refused');
    assert.equal(refused?.turn.reason, 'NOT_A_PARTNER_USER');
    assert.equal(invoke?.turn.type, 'invoke');
    assert.ok(invoke?.turn.name, 'the invoke is named (its verb, or the invoke name)');
  });

  it('a failed turn: a warn line whose correlation id is the one in the apology', async () => {
    const chat = h.user();
    await chat.say('boom');
    const [apology] = await h.connector.waitFor(1);
    const id = /([0-9a-f]{8})/.exec(apology.text ?? '')?.[1];
    const [line] = turnLines(h);
    assert.equal(line?.turn.outcome, 'failed');
    assert.equal(line?.level, 'warn');
    assert.equal(line?.correlationId, id);
    assert.ok(
      h.logs.some((l) => l.msg === 'turn failed' && l.correlationId === id),
      'the failure line has the same id',
    );
  });

  it('web requests: a line with the route pattern, never the token in the path; probes at debug', async () => {
    await h.get('/invite/SECRET-TOKEN-abcdefghijklmnopqrstuvwxyz0123456');
    await h.get('/livez');
    const lines = h.logs.filter((l) => l.msg === 'request');
    const invite = lines.find((l) => JSON.stringify(l).includes('/invite'));
    assert.ok(invite, JSON.stringify(lines));
    assert.equal(invite.level, 'info');
    assert.doesNotMatch(JSON.stringify(h.logs), /SECRET-TOKEN/);
    assert.ok(!lines.some((l) => JSON.stringify(l).includes('/livez')), 'probes are below info');
  });

  it('/livez answers 200 without asking the database', async () => {
    const r = await h.get('/livez');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { status: 'ok' });
  });

  it('/readyz answers 503 worker-stopped while the notification worker is not running, 200 once it runs', async () => {
    let running = false;
    const w = await startHarness({ workerRunning: () => running });
    try {
      const down = await w.get('/readyz');
      assert.equal(down.status, 503);
      assert.deepEqual(down.body, { status: 'not ready', reason: 'worker-stopped' });
      assert.equal((await w.get('/livez')).status, 200, 'still live');
      running = true;
      assert.equal((await w.get('/readyz')).status, 200);
    } finally {
      await w.close();
    }
  });
});
