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
    assert.equal(logged.level, 'error');
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

/**
 * Issue 13 item 8: a malformed activity is the sender's fault (400), never a server fault (500, which
 * Teams retries and which looks like an outage). Posted raw to /api/messages on the real server.
 */
describe('HTTP server: malformed activities get 400, never 500', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { LOG_LEVEL: 'warn' } });
  });
  after(async () => {
    await h.close();
  });
  beforeEach(() => h.connector.reset());

  function message(fields: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...h.user().activity({ type: 'message', text: 'help' }), ...fields };
  }
  function invoke(value: unknown): Record<string, unknown> {
    return { ...h.user().activity({ type: 'invoke', name: 'adaptiveCard/action' }), value };
  }
  function without(activity: Record<string, unknown>, field: string): Record<string, unknown> {
    const copy = { ...activity };
    delete copy[field];
    return copy;
  }

  const malformed: [string, () => Record<string, unknown>][] = [
    ['a numeric locale', () => message({ locale: 42 })],
    ['an object locale', () => message({ locale: { tag: 'ko-KR' } })],
    ['a missing recipient', () => without(message(), 'recipient')],
    ['a recipient without id', () => message({ recipient: { name: 'bot' } })],
    ['a missing from', () => without(message(), 'from')],
    ['a from that is a string', () => message({ from: 'someone' })],
    ['a missing conversation', () => without(message(), 'conversation')],
    ['a conversation id that is a number', () => message({ conversation: { id: 7 } })],
    ['a numeric text', () => message({ text: 12345 })],
    ['a huge text (over 40,000 characters, within the body limit)', () => message({ text: 'x'.repeat(40_001) })],
    ['entities that are not an array', () => message({ entities: { type: 'clientInfo' } })],
    ['a numeric channelData tenant', () => message({ channelData: { tenant: 7 } })],
  ];
  for (const [what, body] of malformed) {
    it(`${what}: 400, no reply, and the server keeps serving`, async () => {
      const r = await h.post(body());
      assert.equal(r.status, 400, `${what}: ${r.status} ${r.text}`);
      await h.connector.expectNone(50);
    });
  }

  it('after all of them, the server still answers a well-formed message and /healthz', async () => {
    for (const [, body] of malformed) await h.post(body());
    assert.equal((await h.get('/healthz')).status, 200);
    await h.user().say('cancel');
    const [reply] = await h.connector.waitFor(1);
    assert.ok(reply.text);
  });

  it('an adaptiveCard/action invoke whose value is not an object: HTTP 200 with a localized 400 body (Teams reads the body)', async () => {
    for (const value of ['not an object', [1, 2], 5, null]) {
      const r = await h.post({ ...invoke(value), locale: 'ko-KR' });
      assert.equal(r.status, 200, r.text);
      const body = r.body as { statusCode: number; type: string; value: { message: string } };
      assert.equal(body.statusCode, 400, r.text);
      assert.equal(body.type, 'application/vnd.microsoft.error');
      assert.match(body.value.message, /카드/, 'the message is in the reader’s language');
    }
    await h.connector.expectNone(50);
  });

  it('a message with a value that is not an object (a card submit gone wrong) is ignored with 200, like Teams', async () => {
    // A message's value is whatever a legacy Action.Submit sent; the bot only reads it as "not text".
    const r = await h.post(message({ text: undefined, value: 'x' }));
    assert.equal(r.status, 200, r.text);
  });

  it('optional fields Teams leaves out are fine: no locale, no entities, no channelData', async () => {
    const r = await h.post(without(without(without(message(), 'locale'), 'entities'), 'channelData'));
    assert.equal(r.status, 200, r.text);
  });
});
