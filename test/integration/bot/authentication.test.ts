import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Activity, Middleware } from 'botbuilder';
import {
  LOCAL_OUTGOING_TOKEN,
  LocalCredentialsFactory,
  startTokenIssuer,
  type TokenIssuer,
} from '../../support/auth.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { enrollmentInput, makeActor, makeWorld, newMpnId, registerMpn, type World } from '../../support/fixtures.js';
import { enroll } from '../../../src/domain/enrollment/enroll.js';
import { verifyContact } from '../../../src/domain/enrollment/verify-contact.js';

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

/**
 * Issue 13 item 4: only Teams is trusted. With Web Chat or Direct Line enabled on the registration, the
 * Bot Framework signs their activities as validly as Teams', but their `from` is whatever the page
 * says. Through the real JWT validation: such an activity is refused before any turn runs, and a
 * Teams activity acts only with an aadObjectId in one agreed tenant.
 */
describe('Only Teams is trusted (real JWT validation, with the domain)', () => {
  const ADMIN_AAD = '0c0c0c0c-1111-4222-8333-444444444444';
  let issuer: TokenIssuer;
  let h: Harness;
  let w: World;
  const consoleError = console.error;

  before(async () => {
    console.error = () => undefined; // CloudAdapter console.error()s every refused request
    // as when Web Chat and Direct Line are enabled on the registration: the keys sign for them too
    issuer = await startTokenIssuer({ endorsements: ['msteams', 'webchat', 'directline'] });
    h = await startHarness({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: APP_PASSWORD,
        ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
        ToBotFromChannelTokenIssuer: issuer.issuer,
        PROGRAM_ADMINS: ADMIN_AAD,
        LOG_LEVEL: 'warn',
      },
      storage: 'sqlite',
      credentialsFactory: new LocalCredentialsFactory(APP_ID, APP_PASSWORD),
      authorization: (a) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl }),
    });
    w = makeWorld(h.database!, { programAdmins: [ADMIN_AAD] });
  });
  after(async () => {
    console.error = consoleError;
    await h?.close();
    await issuer?.close();
  });
  beforeEach(() => h.connector.reset());

  const prisma = () => h.database!.db.prisma;

  /** An application waiting for the program administrator's review (E5). */
  async function inReview(): Promise<string> {
    const mpnId = newMpnId();
    await registerMpn(w, [{ mpnId, orgName: `Org ${mpnId}`, country: 'KR' }]);
    const enrolled = await enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR'));
    await verifyContact(w.ctx, { token: enrolled.verification!.token });
    const app = await prisma().enrollmentApplication.findUniqueOrThrow({ where: { id: enrolled.applicationId } });
    assert.equal(app.state, 'in_review');
    return app.id;
  }

  /** Everything a decision writes: the application's state, its history, outbox and mail rows. */
  async function snapshot(applicationId: string) {
    const p = prisma();
    return {
      state: (await p.enrollmentApplication.findUniqueOrThrow({ where: { id: applicationId } })).state,
      transitions: await p.enrollmentStateChange.count({ where: { applicationId } }),
      outbox: await p.outboxEvent.count(),
      audit: await p.auditEvent.count(),
    };
  }

  function rejectAs(fields: Partial<Activity>, applicationId: string): Partial<Activity> {
    const admin = h.user({ aadObjectId: ADMIN_AAD, name: 'Ada Admin' });
    const activity = admin.activity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'review.reject', data: { v: 1, applicationId, reason: 'x' } } },
    });
    return { ...activity, ...fields };
  }

  async function post(activity: Partial<Activity>) {
    const token = await issuer.sign({ aud: APP_ID, serviceurl: activity.serviceUrl });
    return h.post(activity, { headers: { authorization: `Bearer ${token}` } });
  }

  it('a validly signed webchat activity whose from.id is the program administrator is refused; nothing changes', async () => {
    const applicationId = await inReview();
    const before = await snapshot(applicationId);
    const base = rejectAs({}, applicationId);
    const forged = rejectAs(
      { channelId: 'webchat', from: { id: ADMIN_AAD, name: 'Ada Admin' }, channelData: {} },
      applicationId,
    );
    assert.equal(base.from?.aadObjectId, ADMIN_AAD);
    assert.equal(forged.from?.aadObjectId, undefined);
    const r = await post(forged);
    assert.equal(r.status, 401, r.text);
    assert.match(r.text, /channel 'webchat' is not allowed/);
    assert.deepEqual(await snapshot(applicationId), before);
    await h.connector.expectNone(150);
  });

  it('webchat is refused even when it claims an aadObjectId, and a plain message gets no answer', async () => {
    const applicationId = await inReview();
    const before = await snapshot(applicationId);
    const r = await post(rejectAs({ channelId: 'webchat' }, applicationId));
    assert.equal(r.status, 401, r.text);
    const msg = await post({ ...h.user().activity({ type: 'message', text: 'help' }), channelId: 'directline' });
    assert.equal(msg.status, 401, msg.text);
    await h.connector.expectNone(150);
    assert.deepEqual(await snapshot(applicationId), before);
  });

  it('a Teams activity without aadObjectId cannot act, even with from.id = the administrator', async () => {
    const applicationId = await inReview();
    const before = await snapshot(applicationId);
    const activity = rejectAs({}, applicationId);
    const r = await post({ ...activity, from: { id: ADMIN_AAD, name: 'Ada Admin' } });
    assert.equal(r.status, 200, r.text);
    const body = r.body as { statusCode: number; type: string; value: { message?: string } };
    assert.equal(body.type, 'application/vnd.microsoft.error', r.text);
    assert.equal(body.statusCode, 400); // card-action refusals are 400 with the localized message
    assert.match(body.value.message ?? '', /signed-in Microsoft Teams user/);
    assert.deepEqual(await snapshot(applicationId), before);
  });

  it('a Teams activity whose conversation tenant and channelData tenant disagree cannot act', async () => {
    const applicationId = await inReview();
    const before = await snapshot(applicationId);
    const activity = rejectAs({}, applicationId);
    const mismatched = { ...activity, channelData: { tenant: { id: randomUUID() } } };
    const r = await post(mismatched);
    const body = r.body as { statusCode: number; type: string };
    assert.equal(body.type, 'application/vnd.microsoft.error', r.text);
    assert.equal(body.statusCode, 400); // card-action refusals are 400 with the localized message
    assert.deepEqual(await snapshot(applicationId), before);

    const noTenant = { ...activity, channelData: {}, conversation: { ...activity.conversation!, tenantId: undefined } };
    const r2 = await post(noTenant);
    assert.equal((r2.body as { statusCode: number }).statusCode, 400, r2.text);
    assert.deepEqual(await snapshot(applicationId), before);
  });

  it('a text command without aadObjectId is answered with the localized refusal (ko-KR)', async () => {
    const activity = h.user().activity({ type: 'message', text: 'enroll', locale: 'ko-KR' });
    const r = await post({ ...activity, from: { id: activity.from!.id, name: 'Kim' } });
    assert.equal(r.status, 200, r.text);
    const [reply] = await h.connector.waitFor(1);
    assert.match(reply.text ?? '', /로그인한 Microsoft Teams 사용자/);
  });

  it('the administrator in Teams, with aadObjectId and one tenant, still decides', async () => {
    const applicationId = await inReview();
    const r = await post(rejectAs({}, applicationId));
    assert.equal((r.body as { statusCode: number }).statusCode, 200, r.text);
    assert.equal((await snapshot(applicationId)).state, 'rejected');
  });
});

describe('ALLOWED_CHANNELS', () => {
  it('default msteams: another channel is refused even in local mode (no app id)', async () => {
    const h = await startHarness({ storage: 'memory', env: { LOG_LEVEL: 'warn' } });
    const consoleError = console.error;
    console.error = () => undefined;
    try {
      assert.deepEqual(h.config.ALLOWED_CHANNELS, ['msteams']);
      const r = await h.post({ ...h.user().activity({ type: 'message', text: 'cancel' }), channelId: 'webchat' });
      assert.equal(r.status, 401, r.text);
      await h.connector.expectNone(100);
      assert.ok(
        h.logs.some((l) => l.msg === 'activity refused: channel' && l.channel === 'webchat'),
        'the refusal is logged',
      );
      assert.equal((await h.user().say('cancel')).status, 200, 'Teams still works');
    } finally {
      console.error = consoleError;
      await h.close();
    }
  });

  it('a listed channel is processed (its people still act only with an aadObjectId)', async () => {
    const h = await startHarness({ storage: 'memory', env: { ALLOWED_CHANNELS: ' MSTeams, webchat ' } });
    try {
      assert.deepEqual(h.config.ALLOWED_CHANNELS, ['msteams', 'webchat']);
      const r = await h.post({ ...h.user().activity({ type: 'message', text: 'cancel' }), channelId: 'webchat' });
      assert.equal(r.status, 200, r.text);
      await h.connector.waitFor(1);
    } finally {
      await h.close();
    }
  });
});
