import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { classifySendError, type SendOutcome } from '../../../src/notify/classify.js';
import { cloudAdapterSendPort, type CloudAdapterSendOptions } from '../../../src/notify/cloud-adapter-send.js';
import type { DeliveryTarget, SendPort, SendResult } from '../../../src/notify/send-port.js';
import { LOCAL_OUTGOING_TOKEN, LocalCredentialsFactory } from '../../support/auth.js';
import { BLOCKED_BODY, TeamsLimitsConnector } from '../../support/teams-limits-connector.js';

/**
 * The real send port on its own (no worker, no database): the direct post and the connector's
 * pipeline (viaConnectorPipeline) must look the same to the connector (path, headers, body) and to
 * ./classify.ts (every failure read the same way).
 */
const APP_ID = '00000000-1111-2222-3333-444444444444';
const APP_PASSWORD = 'not-a-real-secret';
const MODES = [
  { name: 'direct post', viaConnectorPipeline: false },
  { name: 'connector pipeline', viaConnectorPipeline: true },
] as const;

function port(options: CloudAdapterSendOptions & { appId?: string }): SendPort {
  const auth = options.appId
    ? new ConfigurationBotFrameworkAuthentication(
        { MicrosoftAppId: options.appId, MicrosoftAppPassword: APP_PASSWORD },
        new LocalCredentialsFactory(options.appId, APP_PASSWORD),
      )
    : new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
  return cloudAdapterSendPort(new CloudAdapter(auth), options.appId ?? '', options);
}

function channel(serviceUrl: string, conversationId = '19:general@thread.tacv2'): DeliveryTarget {
  return { kind: 'channel', channelId: 'ch-1', conversationId, serviceUrl, tenantId: 'tenant-1' };
}

/** What one send did: its result, or how its failure was classified. */
async function attempt(send: SendPort, target: DeliveryTarget, text = 'hello'): Promise<SendResult | SendOutcome> {
  try {
    return await send(target, { type: 'message', text });
  } catch (e) {
    return classifySendError(e, Date.now());
  }
}

describe('notify: the Teams send port, direct post and connector pipeline alike', () => {
  let connector: TeamsLimitsConnector;
  // Teams' limits are not the subject here: room for every send of a test in one conversation.
  const roomy = (): Promise<TeamsLimitsConnector> =>
    TeamsLimitsConnector.start({ conversationWindows: [{ limit: 1_000, ms: 1_000 }] });
  beforeEach(async () => {
    connector = await roomy();
  });
  afterEach(async () => {
    await connector.close();
  });

  it('posts a conversation id with ":" "@" ";messageid=" to the same encoded path as the connector, with and without a trailing slash or a regional path', async () => {
    const base = connector.url.replace(/\/$/, '');
    const id = '19:abc@thread.tacv2;messageid=1700000000000';
    const encoded = '19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000000';
    const cases = [
      { serviceUrl: `${base}/`, path: `/v3/conversations/${encoded}/activities` },
      { serviceUrl: base, path: `/v3/conversations/${encoded}/activities` },
      { serviceUrl: `${base}/amer/`, path: `/amer/v3/conversations/${encoded}/activities` },
      { serviceUrl: `${base}/amer`, path: `/amer/v3/conversations/${encoded}/activities` },
    ];
    for (const mode of MODES) {
      const send = port(mode);
      for (const c of cases) {
        const result = await attempt(send, channel(c.serviceUrl, id));
        assert.deepEqual(
          result,
          { activityId: `activity-${connector.accepted.length}` },
          `${mode.name} to ${c.serviceUrl}`,
        );
        const got = connector.accepted.at(-1);
        assert.equal(got?.path, c.path, `${mode.name} to ${c.serviceUrl}`);
        assert.equal(got?.conversationId, id);
      }
    }
  });

  it('sends the same body either way, non-ASCII text intact (Content-Length counts bytes)', async () => {
    const text = '간접 공급자 승인 ✓ — Fabrikam';
    for (const mode of MODES) assert.ok('activityId' in (await attempt(port(mode), channel(connector.url), text)));
    const [direct, pipeline] = connector.accepted.map((a) => a.body);
    assert.equal(direct?.text, text);
    assert.deepEqual(direct, pipeline);
  });

  it('signs with the bot token when the bot has an app id, and sends no Authorization header without one', async () => {
    for (const mode of MODES) {
      await attempt(port({ ...mode, appId: APP_ID }), channel(connector.url));
      await attempt(port(mode), channel(connector.url));
    }
    assert.deepEqual(
      connector.accepted.map((a) => a.authorization),
      [`Bearer ${LOCAL_OUTGOING_TOKEN}`, undefined, `Bearer ${LOCAL_OUTGOING_TOKEN}`, undefined],
    );
  });

  it('classifies 429 with Retry-After, 403 MessageWritesBlocked, 503 and 400 the same way on both paths', async () => {
    const blockedConversation = '19:blocked@thread.tacv2';
    connector.block(blockedConversation);
    const seen: Record<string, (SendResult | SendOutcome)[]> = {};
    for (const mode of MODES) {
      const send = port(mode);
      const results: (SendResult | SendOutcome)[] = [];
      connector.fail(1, 429, { retryAfter: 2 });
      results.push(await attempt(send, channel(connector.url)));
      results.push(await attempt(send, channel(connector.url, blockedConversation)));
      connector.fail(1, 503);
      results.push(await attempt(send, channel(connector.url)));
      connector.fail(1, 400, { body: { error: { code: 'BadArgument', message: 'bad' } } });
      results.push(await attempt(send, channel(connector.url)));
      seen[mode.name] = results;
    }
    assert.deepEqual(seen['direct post'], [
      { kind: 'retry', retryAfterMs: 2000, reason: 'HTTP 429 Throttled' },
      { kind: 'blocked', reason: `HTTP 403 ${BLOCKED_BODY.error.code}/${BLOCKED_BODY.error.subCode}` },
      { kind: 'retry', reason: 'HTTP 503 ServiceError' },
      { kind: 'fatal', reason: 'HTTP 400 BadArgument' },
    ]);
    assert.deepEqual(seen['connector pipeline'], seen['direct post']);
    assert.equal(connector.accepted.length, 0);
  });

  it('a refused connection is a retryable network error (ECONNREFUSED) on both paths', async () => {
    const url = connector.url;
    await connector.close();
    connector = await roomy(); // for afterEach
    for (const mode of MODES) {
      const outcome = await attempt(port(mode), channel(url));
      assert.equal((outcome as SendOutcome).kind, 'retry', mode.name);
      assert.match((outcome as SendOutcome).reason, /^network: ECONNREFUSED/, mode.name);
    }
  });

  it('gives up on a server that takes the connection and never answers once timeoutMs has passed, on both paths', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((s) => {
      sockets.add(s);
      s.on('data', () => undefined);
    });
    silent.listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    try {
      for (const mode of MODES) {
        const started = Date.now();
        const outcome = (await attempt(port({ ...mode, timeoutMs: 200 }), channel(url))) as SendOutcome;
        const took = Date.now() - started;
        assert.equal(outcome.kind, 'retry', `${mode.name}: ${outcome.reason}`);
        assert.match(outcome.reason, /^network: /);
        assert.ok(took >= 190 && took < 2_000, `${mode.name} gave up after ${took} ms`);
      }
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
