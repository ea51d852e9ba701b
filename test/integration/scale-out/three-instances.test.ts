import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import { enroll } from '../../../src/domain/enrollment/enroll.js';
import { verifyContact } from '../../../src/domain/enrollment/verify-contact.js';
import { startBotProcesses, type BotProcess } from '../../support/bot-processes.js';
import { textOf } from '../../support/cards.js';
import { RecordingConnector, teamsMember, type RecordedActivity } from '../../support/connector.js';
import { freshPostgres, TEST_DATABASE_URL, type TestDatabase } from '../../support/db.js';
import {
  TEST_DATA_ENCRYPTION_KEY,
  enrollmentInput,
  makeActor,
  makeWorld,
  newMpnId,
  registerMpn,
  registeredMpnId,
  type World,
} from '../../support/fixtures.js';
import { enqueueEvents, seedChannel, seedOrg } from '../../support/notify-fixtures.js';
import { RoundRobinProxy } from '../../support/round-robin-proxy.js';
import { botAccount, makeConversation, makeUser, teamsActivity, type TeamsUser } from '../../support/teams.js';

/**
 * Issue 16 item 6: scale-out, shown. Three bot processes, each started as `npm start` starts one
 * (scripts/start.ts: migrations under a lock, then src/index.ts with its notification worker), share one
 * PostgreSQL schema behind a round-robin proxy with no session affinity, as App Service or Container Apps
 * balance several instances. Everything a user does goes through the proxy, so one conversation's turns
 * land on different processes; the test only seeds through the domain's use cases and reads the database.
 */
const ADMINS = 4; // program administrators pressing the same buttons
const APPLICATIONS = 6; // applications in review, each approved by all of them at once
const ENROLLERS = 6; // people walking the enroll dialog at the same time
const FANOUT_ORGS = 10; // organisations with a channel, each owed FANOUT_PER_ORG notices
const FANOUT_PER_ORG = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const suite = TEST_DATABASE_URL ? describe : describe.skip;

interface Person {
  readonly user: TeamsUser;
  readonly conversationId: string;
  /** Posts an activity of this person through the proxy; returns the status, the body and who served it. */
  post(fields: Partial<Activity>): Promise<Posted>;
}

interface Posted {
  readonly status: number;
  readonly upstream: number;
  readonly body: unknown;
  /** What the bot sent back into the conversation as replies to this activity. */
  readonly replies: RecordedActivity[];
}

suite('scale-out: three bot processes on one PostgreSQL database behind a round-robin proxy', function () {
  this.timeout(120_000);
  let t: TestDatabase;
  let w: World;
  let connector: RecordingConnector;
  let bots: BotProcess[] = [];
  let proxy: RoundRobinProxy;
  let mailDir: string;
  let admins: Person[];
  const fanoutOwed: string[] = [];
  const leaseOwners = new Set<string>();
  let producing: Promise<void> | undefined;
  let sampling: Promise<void> | undefined;
  let stopSampling = false;

  const person = (init: { aadObjectId?: string; name: string; tenantId?: string; email?: string }): Person => {
    const user = makeUser({ ...init, locale: 'en-US' });
    const conversation = makeConversation({ kind: 'personal' }, user);
    connector.addMember(conversation.id, teamsMember(user, init.email ? { email: init.email } : {}));
    return {
      user,
      conversationId: conversation.id,
      async post(fields) {
        const activity = teamsActivity(`${connector.url}/`, botAccount(''), user, conversation, fields);
        const res = await fetch(`${proxy.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        const text = await res.text();
        // the bot's replies were posted to the connector during the turn, before this answer
        const replies = connector.activities.filter((a) => a.replyToId === activity.id);
        return {
          status: res.status,
          upstream: Number(res.headers.get('x-upstream')),
          body: text ? (JSON.parse(text) as unknown) : undefined,
          replies,
        };
      },
    };
  };
  const say = (p: Person, text: string) => p.post({ type: 'message', textFormat: 'plain', text });

  before(async function () {
    const startedAt = Date.now();
    t = await freshPostgres();
    const extraAdmins = Array.from({ length: ADMINS - 1 }, () => makeActor().aadObjectId);
    w = makeWorld(t, { programAdmins: extraAdmins });
    connector = await RecordingConnector.start();
    mailDir = mkdtempSync(join(tmpdir(), 'csp-scale-mail-'));
    bots = await startBotProcesses(3, {
      DATABASE_URL: t.url,
      DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
      PROGRAM_ADMINS: w.ctx.programAdmins.join(','),
      MAIL_DIR: mailDir,
      LOG_LEVEL: 'warn',
      MicrosoftAppId: '',
    });
    proxy = await RoundRobinProxy.start(bots.map((b) => b.url));
    // Every administrator talks to the bot once (any instance), so the review cards reach their personal chats.
    admins = w.ctx.programAdmins.map((aadObjectId, i) =>
      person({ aadObjectId, name: `Admin ${i + 1}`, email: `admin${i + 1}@program.example` }),
    );
    for (const r of await Promise.all(admins.map((a) => say(a, 'help')))) assert.equal(r.status, 200);
    // Notices keep arriving while people use the bot: one organisation's ten every 250 ms, so each poll of each
    // worker finds new rows (a worker claims up to 250 at once; seeded in one go, the first poll would take all).
    producing = (async () => {
      for (let i = 0; i < FANOUT_ORGS; i++) {
        const org = await seedOrg(t.db.prisma);
        const channel = await seedChannel(t.db.prisma, org, `${connector.url}/`);
        const keys = await enqueueEvents(t.db.prisma, org.id, FANOUT_PER_ORG);
        fanoutOwed.push(...keys.map((k) => `${k}#${channel.id}`));
        await sleep(250);
      }
    })();
    // Which workers hold leases (the lease owner is cleared once an event is sent, so it is sampled).
    sampling = (async () => {
      while (!stopSampling) {
        const rows = await t.db.prisma.outboxEvent.findMany({
          // Teams-bound only: each instance's mail outbox leases the e-mail rows under an owner of its own
          where: {
            leaseOwner: { not: null },
            OR: [{ targetOrgId: { not: null } }, { userRef: { startsWith: 'aad:' } }],
          },
          distinct: ['leaseOwner'],
          select: { leaseOwner: true },
        });
        for (const r of rows) if (r.leaseOwner) leaseOwners.add(r.leaseOwner);
        await sleep(20);
      }
    })();
    process.stderr.write(`      (three bots started and warmed up in ${Date.now() - startedAt} ms)\n`);
  });

  after(async () => {
    stopSampling = true;
    await producing?.catch(() => undefined);
    await sampling?.catch(() => undefined);
    const codes = await Promise.all(bots.map((b) => b.stop()));
    await proxy?.close();
    await connector?.close();
    await t?.cleanup();
    if (mailDir) rmSync(mailDir, { recursive: true, force: true });
    assert.deepEqual(codes, [0, 0, 0], 'every instance stopped cleanly on SIGTERM');
  });

  it('each review decision is made exactly once: one approval wins, the others are told who decided', async () => {
    const apps: { applicationId: string; orgId: string }[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const mpnId = newMpnId();
      await registerMpn(w, [{ mpnId, orgName: `Scale Review ${i}`, country: 'KR' }]);
      const enrolled = await enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR'));
      // the organisation's channel: where its notices go (in review, then approved), each exactly once
      const org = await t.db.prisma.organization.findUniqueOrThrow({ where: { id: enrolled.orgId } });
      await seedChannel(t.db.prisma, org, `${connector.url}/`);
      await verifyContact(w.ctx, { token: enrolled.verification!.token });
      apps.push({ applicationId: enrolled.applicationId, orgId: enrolled.orgId });
    }

    // Every administrator presses Approve on every application at the same moment.
    const presses = apps.flatMap((app) =>
      admins.map(async (admin, a) => {
        const r = await admin.post({
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: { type: 'Action.Execute', verb: 'review.approve', data: { v: 1, ...app } },
            trigger: 'manual',
          },
        });
        return { ...r, app, admin: a };
      }),
    );
    const answers = await Promise.all(presses);

    for (const r of answers) assert.equal(r.status, 200, `HTTP ${r.status} from instance ${r.upstream}`);
    for (const app of apps) {
      const mine = answers.filter((r) => r.app === app);
      assert.equal(new Set(mine.map((r) => r.upstream)).size, 3, 'the presses of one card reached all three instances');
      const bodies = mine.map((r) => r.body as AdaptiveCardInvokeResponse);
      for (const b of bodies) assert.equal(b.statusCode, 200, JSON.stringify(b));
      const told = bodies.filter((b) => /already approved by Admin \d/.test(JSON.stringify(b.value)));
      assert.equal(told.length, ADMINS - 1, 'every administrator but one is told it was already decided');

      const row = await t.db.prisma.enrollmentApplication.findUniqueOrThrow({ where: { id: app.applicationId } });
      assert.equal(row.state, 'approved');
      const winner = mine[bodies.findIndex((b) => !told.includes(b))];
      assert.equal(row.decidedByName, `Admin ${winner.admin + 1}`, 'the recorded decider is the one not told');
      for (const b of told)
        assert.match(JSON.stringify(b.value), new RegExp(`already approved by ${row.decidedByName}`));
      const history = await t.db.prisma.enrollmentStateChange.count({
        where: { applicationId: app.applicationId, toState: 'approved' },
      });
      assert.equal(history, 1, 'one state change');
      const audits = await t.db.prisma.auditEvent.count({
        where: { entityId: app.applicationId, action: 'enrollment.approved' },
      });
      assert.equal(audits, 1, 'one audit row');
      const notices = await t.db.prisma.outboxEvent.count({
        where: { idempotencyKey: { startsWith: `enrollment.state_changed:${app.applicationId}:approved:` } },
      });
      assert.equal(notices, 2, 'one notice to the organisation and one e-mail to its primary contact');
    }
  });

  it('no dialog state is lost: people walk the enroll dialog with each step on another instance', async () => {
    const walk = async (n: number) => {
      const mpn = await registeredMpnId(w, 'US');
      const who = person({ name: `Enroller ${n}`, tenantId: crypto.randomUUID() });
      const steps: [string, RegExp][] = [
        [mpn, /legal business name/],
        [`Scale ${n} Ltd`, /street address/],
        [`${n} Main Street`, /Which city/],
        ['Seattle', /postal code/],
        ['98052', /country\/region/],
        ['us', /primary contact's full name/],
        [`Pat ${n}`, /work email/],
        [`pat${n}@scale${n}.example`, /primary contact's phone/],
        ['+1 425 555 0100', /email address should customers use/],
        [`support@scale${n}.example`, /phone number should customers use/],
        ['+1 425 555 0199', /support website/],
        [`https://scale${n}.example`, new RegExp(`Scale ${n} Ltd`)],
        ['submit', new RegExp(`verification link to pat${n}@scale${n}\\.example`)],
      ];
      const served: number[] = [];
      const expectOne = (r: Posted, re: RegExp, step: string) => {
        assert.equal(r.status, 200, `${step}: HTTP ${r.status}`);
        served.push(r.upstream);
        const text = r.replies.map(textOf).join('\n');
        assert.match(text, re, `enroller ${n} after "${step}" (instance ${r.upstream})`);
      };
      const start = await say(who, 'enroll');
      expectOne(start, /partner type/i, 'enroll');
      expectOne(await say(who, '1'), /MPN ID/, '1');
      for (const [answer, next] of steps) expectOne(await say(who, answer), next, answer);

      const org = await t.db.prisma.organization.findUniqueOrThrow({
        where: { mpnId: mpn },
        include: { contacts: true, applications: true },
      });
      assert.equal(org.legalName, `Scale ${n} Ltd`);
      assert.equal(org.city, 'Seattle');
      assert.equal(org.country, 'US');
      assert.deepEqual(
        org.contacts.map((c) => c.email).sort(),
        [`pat${n}@scale${n}.example`, `support@scale${n}.example`].sort(),
      );
      assert.deepEqual(
        org.applications.map((a) => a.state),
        ['awaiting_verification'],
      );
      return { served };
    };

    const results = await Promise.all(Array.from({ length: ENROLLERS }, (_, n) => walk(n + 1)));
    // Round robin over everyone's requests: a dialog's next step usually lands on another instance (not always:
    // the others' requests in between decide), and between them the dialogs used all three.
    let steps = 0;
    let moved = 0;
    for (const { served } of results) {
      const switches = served.slice(1).filter((u, i) => u !== served[i]).length;
      assert.ok(new Set(served).size >= 2, `a dialog was served by one instance only: ${served.join(',')}`);
      steps += served.length - 1;
      moved += switches;
    }
    // Over all dialogs, not per dialog: on a loaded machine one dialog's requests can bunch up between the others'.
    assert.ok(moved >= steps / 3, `consecutive steps changed instance only ${moved} of ${steps} times`);
    assert.equal(new Set(results.flatMap((r) => r.served)).size, 3);
    process.stderr.write(`      (${moved} of ${steps} consecutive steps of a dialog changed instance)\n`);
  });

  it('every outbox notice is delivered exactly once with a worker in each instance', async () => {
    const teamsBound = {
      OR: [{ targetOrgId: { not: null } }, { userRef: { startsWith: 'aad:' } }],
    };
    await producing;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const owed = await t.db.prisma.outboxEvent.count({ where: { ...teamsBound, status: 'pending' } });
      if (owed === 0) break;
      if (Date.now() > deadline) throw new Error(`${owed} notices still pending after 30 s`);
      await sleep(200);
    }
    // The only notices not sent: an organisation's "submitted" notice when it had no channel yet (the enrollers'
    // organisations; the seeded ones, whose channel is added right after enroll, when a worker came first).
    const dead = await t.db.prisma.outboxEvent.findMany({ where: { ...teamsBound, status: { not: 'sent' } } });
    for (const e of dead) {
      assert.deepEqual([e.status, e.lastError], ['dead', 'no active notification channel'], e.idempotencyKey);
      assert.match(e.idempotencyKey, /^enrollment\.state_changed:[^:]+:(submitted|awaiting_verification):org:/);
    }
    const events = await t.db.prisma.outboxEvent.findMany({
      where: { ...teamsBound, status: 'sent' },
      select: { id: true, idempotencyKey: true },
    });
    const keyOf = new Map(events.map((e) => [e.id, e.idempotencyKey]));
    const deliveries = await t.db.prisma.outboxDelivery.findMany({ where: { eventId: { in: [...keyOf.keys()] } } });
    assert.deepEqual(
      deliveries.filter((d) => d.status !== 'sent').map((d) => `${d.targetKey}: ${d.status}`),
      [],
      'every delivery sent',
    );
    const recorded = deliveries.map((d) => `${keyOf.get(d.eventId)}#${d.targetKey}`);

    const received = new Map<string, number>();
    for (const a of connector.activities) {
      const key = (a.activity.channelData as { notificationKey?: string } | undefined)?.notificationKey;
      if (key) received.set(key, (received.get(key) ?? 0) + 1);
    }
    const twice = [...received].filter(([, n]) => n > 1).map(([k]) => k);
    assert.deepEqual(twice, [], 'no notice twice');
    assert.deepEqual([...received.keys()].sort(), [...recorded].sort(), 'the connector got exactly what is recorded');
    for (const k of fanoutOwed) assert.equal(received.get(k), 1, k);
    const reviewCards = [...received.keys()].filter((k) => k.startsWith('enrollment.review_requested:'));
    assert.equal(reviewCards.length, APPLICATIONS * ADMINS, 'a review card per administrator per application');
    for (const state of ['in_review', 'approved']) {
      const notices = [...received.keys()].filter(
        (k) => k.startsWith('enrollment.state_changed:') && k.includes(`:${state}:org:`),
      );
      assert.equal(notices.length, APPLICATIONS, `one "${state}" notice per organisation channel`);
    }

    stopSampling = true;
    await sampling;
    process.stderr.write(
      `      (${received.size} notices; ${leaseOwners.size} workers seen holding leases; proxy served ${proxy.servedBy().join(' / ')} requests)\n`,
    );
    assert.equal(leaseOwners.size, 3, 'the worker of every instance claimed notices');
    for (const b of bots) {
      const failed = b.logs.filter((l) => l.msg === 'turn failed' && !/eTag conflict/.test(JSON.stringify(l.err)));
      assert.deepEqual(failed, [], 'no turn failed except an eTag race');
    }
  });

  it('two answers sent at once to two instances are never both silently accepted: one is told, or they run in turn', async () => {
    const mpn = await registeredMpnId(w, 'US');
    const who = person({ name: 'Double Sender', tenantId: crypto.randomUUID() });
    const script: [string, RegExp][] = [
      ['enroll', /partner type/i],
      ['1', /MPN ID/],
      [mpn, /legal business name/],
    ];
    for (const [answer, next] of script) assert.match((await say(who, answer)).replies.map(textOf).join('\n'), next);

    // Two different answers to the legal-name question at once (a double send, two devices), on two instances.
    // Each turn's reply is held 400 ms at the connector, so both turns have read the dialog state before either
    // saves it: the race is certain, not left to timing. (The outbox is drained: nothing else calls the connector.)
    connector.delayNext(400, 2);
    const both = await Promise.all([say(who, 'Alpha Ltd'), say(who, 'Beta Ltd')]);
    assert.notEqual(both[0].upstream, both[1].upstream, 'the two posts went to two instances');
    const kinds = both.map((r) => {
      assert.equal(r.status, 200);
      const text = r.replies.map(textOf).join('\n');
      // the later save lost the eTag race: the user is told their answer was not kept (bot.stateConflict)
      if (/yours was not kept\. Please send it again\. \(Reference: [0-9a-f]{8}\)/.test(text)) return 'told';
      if (/street address/.test(text)) return 'street';
      if (/Which city/.test(text)) return 'city';
      return `unexpected: ${text}`;
    });
    const outcome = kinds.sort().join('+');
    const stored = await t.db.prisma.botState.findFirstOrThrow({
      where: { id: { startsWith: `msteams/conversations/${who.conversationId}` } },
    });
    const legalName = /"legalName":"(\w+ Ltd)"/.exec(stored.data)?.[1];
    process.stderr.write(`      (double send: ${outcome}; the dialog kept legal name ${legalName})\n`);
    // street+street: both were thanked and asked the next question, but only one answer is kept (last writer wins)
    assert.ok(
      outcome === 'street+told' || outcome === 'city+street',
      `${outcome}: both answers were accepted but the dialog kept only "${legalName}"`,
    );
  });
});
