import assert from 'node:assert/strict';
import type { Middleware } from 'botbuilder';
import { t } from '../../src/i18n/index.js';
import { startHarness, type Harness } from '../support/harness.js';

/** Throws inside the turn when a message says "boom" or an invoke asks for verb "boom". */
const explode: Middleware = {
  async onTurn(context, next) {
    const a = context.activity;
    if (a.text?.trim() === 'boom') throw new Error('kaboom in a command');
    if (a.type === 'invoke' && (a.value as { action?: { verb?: string } } | undefined)?.action?.verb === 'boom') {
      throw new Error('kaboom in a card action');
    }
    await next();
  },
};

describe('HTTP server', () => {
  let h: Harness;
  let pingFails = false;
  before(async () => {
    h = await startHarness({
      env: { MAX_BODY_BYTES: '2048' },
      middleware: [explode],
      ping: async () => {
        if (pingFails) throw new Error('database is down');
        await h.database!.db.ping();
      },
    });
  });
  after(async () => {
    await h.close();
  });

  it('GET /healthz: 200 {status:"ok"} when the database answers', async () => {
    const r = await h.get('/healthz');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { status: 'ok' });
  });

  it('GET /healthz: 503 when the database ping fails', async () => {
    pingFails = true;
    try {
      const r = await h.get('/healthz');
      assert.equal(r.status, 503);
      assert.equal((r.body as { status: string }).status, 'error');
    } finally {
      pingFails = false;
    }
    assert.equal((await h.get('/healthz')).status, 200);
  });

  it('malformed JSON gets 400, and the server keeps serving', async () => {
    const r = await h.post('{"type": "message", "text": ');
    assert.equal(r.status, 400);
    await h.user().say('cancel');
    await h.connector.waitFor(1);
  });

  it('a JSON body that is not an activity gets 400', async () => {
    for (const body of ['[1,2]', '"text"', '{"text":"no type"}']) {
      const r = await h.post(body);
      assert.equal(r.status, 400, body);
    }
    await h.connector.expectNone(100);
  });

  it('a body over MAX_BODY_BYTES gets 413 (with Content-Length)', async () => {
    const big = h.user().activity({ type: 'message', text: 'x'.repeat(4096) });
    const r = await h.post(big);
    assert.equal(r.status, 413);
    await h.connector.expectNone(100);
  });

  it('a body over MAX_BODY_BYTES gets 413 (chunked, no Content-Length)', async () => {
    const payload = new TextEncoder().encode(
      JSON.stringify(h.user().activity({ type: 'message', text: 'y'.repeat(8192) })),
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < payload.length; i += 1000) controller.enqueue(payload.slice(i, i + 1000));
        controller.close();
      },
    });
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal((await h.get('/healthz')).status, 200);
  });

  it('an error inside a turn: localized apology with a correlation id, logged, server keeps serving', async () => {
    const chat = h.user({ locale: 'ko-KR' });
    const r = await chat.say('boom');
    assert.equal(r.status, 200);
    const [apology] = await h.connector.waitFor(1);
    const id = /\(참조: ([0-9a-f]{8})\)/.exec(apology.text ?? '')?.[1];
    assert.ok(id, apology.text);
    assert.equal(apology.text, t('ko-KR', 'bot.turnError', { correlationId: id }));

    const logged = h.logs.find((l) => l.correlationId === id);
    assert.ok(logged, 'the failure is logged with the same id');
    assert.equal(logged.level, 50);
    assert.equal(logged.msg, 'turn failed');
    assert.match(JSON.stringify(logged.err), /kaboom in a command/);
    assert.doesNotMatch(JSON.stringify(h.logs), /authorization|bearer/i);

    await chat.say('cancel');
    const [next] = await h.connector.waitFor(1);
    assert.equal(next.text, t('ko-KR', 'bot.nothingToCancel'));
  });

  it('an error inside a card action: the invoke answers a 500 error body with the apology', async () => {
    const r = await h.user().invoke('boom', { v: 1 });
    assert.equal(r.status, 200);
    assert.equal(r.body.statusCode, 500);
    assert.equal(r.body.type, 'application/vnd.microsoft.error');
    assert.match((r.body.value as { message: string }).message, /Reference: [0-9a-f]{8}/);
    await h.connector.expectNone(100);
  });

  it('GET /api/messages is not a route for reading', async () => {
    const r = await h.get('/api/messages');
    assert.ok(r.status === 405 || r.status === 404, String(r.status));
  });
});
