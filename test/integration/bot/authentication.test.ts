import assert from 'node:assert/strict';
import type { Activity, Middleware } from 'botbuilder';
import {
  LOCAL_OUTGOING_TOKEN,
  LocalCredentialsFactory,
  startTokenIssuer,
  type TokenIssuer,
} from '../../support/auth.js';
import { startHarness, type Harness } from '../../support/harness.js';

const APP_ID = '00000000-1111-2222-3333-444444444444';
const APP_PASSWORD = 'not-a-real-secret';

/**
 * Real JWT validation: the adapter fetches our loopback OpenID metadata and JWKS, and checks
 * signature, issuer, audience (= app id), lifetime (5 min tolerance) and the serviceurl claim.
 * Outgoing replies are signed by LocalCredentialsFactory (see test/support/auth.ts), since there is
 * no Entra ID to get a token from.
 */
describe('Bot Framework authentication (app id set)', () => {
  let issuer: TokenIssuer;
  let h: Harness;
  const turns: string[] = [];
  const count: Middleware = {
    async onTurn(context, next) {
      turns.push(context.activity.id ?? '?');
      await next();
    },
  };

  // CloudAdapter console.error()s every refused request with a stack; keep them out of the test output.
  const consoleError = console.error;
  const sdkErrors: unknown[] = [];

  before(async () => {
    console.error = (...args: unknown[]) => sdkErrors.push(args);
    issuer = await startTokenIssuer();
    h = await startHarness({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: APP_PASSWORD,
        ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
        ToBotFromChannelTokenIssuer: issuer.issuer,
      },
      storage: 'memory',
      credentialsFactory: new LocalCredentialsFactory(APP_ID, APP_PASSWORD),
      middleware: [count],
    });
  });
  after(async () => {
    console.error = consoleError;
    await h?.close();
    await issuer?.close();
  });
  beforeEach(() => {
    turns.length = 0;
  });

  function helpFrom(): Partial<Activity> {
    return h.user().activity({ type: 'message', text: 'cancel' });
  }

  async function postWith(activity: Partial<Activity>, token: string | undefined) {
    return h.post(activity, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  }

  it('accepts a correctly signed channel token, and the reply goes out with the bot’s own token', async () => {
    const activity = helpFrom();
    const token = await issuer.sign({ aud: APP_ID, serviceurl: activity.serviceUrl });
    const r = await postWith(activity, token);
    assert.equal(r.status, 200, r.text);
    const [reply] = await h.connector.waitFor(1);
    assert.equal(reply.conversationId, activity.conversation?.id);
    assert.equal(reply.headers.authorization, `Bearer ${LOCAL_OUTGOING_TOKEN}`);
    assert.deepEqual(turns, [activity.id]);
    assert.ok(issuer.jwksFetches >= 1, 'the signing keys came from our JWKS');
  });

  const refused: [string, (a: Partial<Activity>) => Promise<string | undefined>][] = [
    ['a missing token', () => Promise.resolve(undefined)],
    [
      'an expired token',
      (a) =>
        issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl, iat: now() - 3600, nbf: now() - 3600, exp: now() - 600 }),
    ],
    ['a token for another app (wrong audience)', (a) => issuer.sign({ aud: 'someone-else', serviceurl: a.serviceUrl })],
    [
      'a token from another issuer',
      (a) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl, iss: 'https://evil.example/' }),
    ],
    [
      'a token for another serviceUrl',
      (_a) => issuer.sign({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/amer/' }),
    ],
    [
      'a token signed with a key not in the JWKS',
      (a) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl }, { signWithUnknownKey: true }),
    ],
    ['garbage', () => Promise.resolve('not.a.jwt')],
  ];
  for (const [what, token] of refused) {
    it(`refuses ${what} with 401 and never runs the turn`, async () => {
      const activity = helpFrom();
      const r = await postWith(activity, await token(activity));
      assert.equal(r.status, 401, r.text);
      assert.deepEqual(turns, [], 'the bot never saw the activity');
      await h.connector.expectNone(150);
      assert.equal(h.connector.calls.filter((c) => c.conversationId === activity.conversation?.id).length, 0);
    });
  }

  it('an invoke needs a token too', async () => {
    const activity = h.user().activity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'help.show', data: { v: 1 } } },
    });
    assert.equal((await postWith(activity, undefined)).status, 401);
    const ok = await postWith(activity, await issuer.sign({ aud: APP_ID, serviceurl: activity.serviceUrl }));
    assert.equal(ok.status, 200);
    assert.equal((ok.body as { statusCode: number }).statusCode, 200);
  });
});

function now(): number {
  return Math.floor(Date.now() / 1000);
}
