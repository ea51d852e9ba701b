import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Chat, Harness } from '../../../support/harness.js';
import type { RecordedActivity } from '../../../support/connector.js';
import { formatDateTime } from '../../../../src/i18n/format/index.js';
import { cardOf, cardText, inputIds, textOf } from '../../../support/cards.js';
import { forEachDatabase } from '../../../support/db.js';
import { registeredMpnId } from '../../../support/fixtures.js';
import { startSmtp, tokenFrom } from '../../../support/smtp.js';
import {
  ADMIN2_AAD,
  ADMIN_AAD,
  beginEnroll,
  deliveredTo,
  sayAndRead,
  startEnrollmentHarness,
  validForm,
  verifyByPage,
} from './support.js';

forEachDatabase('review, users, roles and the MPA (issue 4 items 4-7, through the real server)', (db) => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: Chat;
  let admin2: Chat;

  before(async () => {
    smtp = await startSmtp();
    // The administrators' review cards are outbox rows: the server runs the notification worker.
    h = await startEnrollmentHarness(smtp.url, { database: db.kind, notifications: true });
    admin = h.user({ aadObjectId: ADMIN_AAD, name: 'Ada Admin', tenantId: randomUUID() });
    admin2 = h.user({ aadObjectId: ADMIN2_AAD, name: 'Bo Admin', tenantId: randomUUID() });
    // Program administrators talk to the bot once: that stores where to reach them.
    await sayAndRead(h, admin, 'help');
    await sayAndRead(h, admin2, 'help');
  });
  after(async () => {
    await h.close();
    await smtp.close();
  });
  beforeEach(() => h.connector.reset());

  const prisma = () => h.database!.db.prisma;

  interface Applied {
    chat: Chat;
    mpn: string;
    applicationId: string;
    primaryEmail: string;
    legalName: string;
    reviewCards: RecordedActivity[];
  }

  /** Enrolls through the form, verifies through the page; returns the review cards the admins got. */
  async function applyAndVerify(partnerType = 'indirect_reseller'): Promise<Applied> {
    const mpn = await registeredMpnId(h.database!, 'US');
    const chat = h.user({ tenantId: randomUUID(), name: 'Erin Enroller' });
    await beginEnroll(h, chat);
    const form = validForm(mpn, { partnerType });
    await chat.invoke('enroll.form', { v: 1, ...form });
    await chat.invoke('enroll.submit', { v: 1 });
    const token = tokenFrom(await smtp.waitFor((m) => m.to.includes(form.primaryEmail) && /Verify/.test(m.subject)));
    assert.equal((await verifyByPage(h, token)).status, 200);
    const sent = await h.connector.waitFor(3);
    const reviewCards = sent.filter((a) => a.conversationId !== chat.conversation.id);
    const notice = sent.find((a) => a.conversationId === chat.conversation.id);
    assert.match(notice?.text ?? '', /is now: In review/, 'the enrolling user is told (E5)');
    const app = await prisma().enrollmentApplication.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
    return {
      chat,
      mpn,
      applicationId: app.id,
      primaryEmail: form.primaryEmail,
      legalName: form.legalName,
      reviewCards,
    };
  }

  it("E5: verification puts a review card in each program administrator's personal chat, with refresh for them", async () => {
    const a = await applyAndVerify();
    assert.deepEqual(
      a.reviewCards.map((r) => r.conversationId).sort(),
      [admin.conversation.id, admin2.conversation.id].sort(),
    );
    const card = a.reviewCards[0].card!;
    assert.ok(cardText(card).includes(a.legalName));
    // refresh.userIds are Teams user ids (29:..., remembered when the administrators talked to the bot), not Entra ids
    assert.deepEqual(card.refresh.userIds, [`29:${ADMIN_AAD}`, `29:${ADMIN2_AAD}`]);
    assert.equal(card.refresh.action.verb, 'review.refresh');
    assert.deepEqual(
      (card.actions as { verb: string }[]).map((x) => x.verb),
      ['review.approve', 'review.reject'],
    );
  });

  it('E5: each program administrator gets exactly one message per application, the review card (no separate text notice)', async () => {
    const a = await applyAndVerify();
    const rows = async () =>
      prisma().outboxEvent.findMany({
        where: { type: 'enrollment.review_requested', payload: { contains: a.applicationId } },
      });
    assert.deepEqual((await rows()).map((r) => r.userRef).sort(), [`aad:${ADMIN_AAD}`, `aad:${ADMIN2_AAD}`].sort());
    for (let i = 0; i < 100 && !(await rows()).every((r) => r.status === 'sent'); i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      (await rows()).every((r) => r.status === 'sent'),
      'delivered through the outbox',
    );
    await h.connector.expectNone(1500); // nothing else arrives for this application
    for (const who of [admin, admin2]) {
      const got = deliveredTo(h, who);
      assert.equal(got.length, 1, `${who.user.name}: ${JSON.stringify(got.map((g) => g.text ?? 'card'))}`);
      assert.ok(got[0]?.card, 'the one message is the card');
      assert.ok(cardText(got[0].card).includes(a.legalName));
    }
    assert.equal(
      h.connector.calls.filter((c) => c.kind === 'createConversation').length,
      0,
      'sent into the chats they use with the bot',
    );
    const elsewhere = h.connector.activities.filter((x) => x.conversationId !== a.chat.conversation.id);
    assert.equal(elsewhere.length, 2, "outside the applicant's chat: the two cards, nothing else");
  });

  it('E5: approve; the card shows who decided and when; the applicant and the primary contact are told', async () => {
    const a = await applyAndVerify();
    const r = await admin.invoke('review.approve', { v: 1, applicationId: a.applicationId });
    const card = cardOf(r) as { actions: unknown[] };
    assert.match(cardText(card), /Approved by Ada Admin on .* UTC\./);
    assert.deepEqual(card.actions, [], 'no buttons once decided');
    const [notice] = await h.connector.waitFor(1);
    assert.equal(notice.conversationId, a.chat.conversation.id);
    assert.match(textOf(notice), new RegExp(`application for ${a.legalName} is now: Approved`));
    const mail = await smtp.waitFor((m) => m.to.includes(a.primaryEmail) && /Approved/.test(m.subject));
    assert.match(mail.text, /is now: Approved/);
    await smtp.waitFor((m) => m.to.includes(a.primaryEmail) && /In review/.test(m.subject));
    const refreshed = await admin2.invoke('review.refresh', { v: 1, applicationId: a.applicationId });
    assert.match(cardText(cardOf(refreshed)), /Approved by Ada Admin/);
  });

  it('E5: rejecting needs a reason; a second decision is refused politely, naming who decided', async () => {
    const a = await applyAndVerify();
    const noReason = await admin.invoke('review.reject', { v: 1, applicationId: a.applicationId, reason: '  ' });
    assert.equal(noReason.body.statusCode, 400);
    assert.match(JSON.stringify(noReason.body.value), /Please give a reason/);
    const rejected = await admin.invoke('review.reject', {
      v: 1,
      applicationId: a.applicationId,
      reason: 'MPN profile incomplete',
    });
    assert.match(cardText(cardOf(rejected)), /Rejected by Ada Admin on .*Reason: MPN profile incomplete/);
    const late = await admin2.invoke('review.approve', { v: 1, applicationId: a.applicationId });
    assert.match(cardText(cardOf(late)), /already rejected by Ada Admin on .* UTC\. Nothing was changed\./);
    assert.equal(
      (await prisma().enrollmentApplication.findUniqueOrThrow({ where: { id: a.applicationId } })).state,
      'rejected',
    );
  });

  it('E5: two administrators deciding at once: exactly one decision, the other sees it', async () => {
    const a = await applyAndVerify();
    const [one, two] = await Promise.all([
      admin.invoke('review.approve', { v: 1, applicationId: a.applicationId }),
      admin2.invoke('review.reject', { v: 1, applicationId: a.applicationId, reason: 'duplicate' }),
    ]);
    const texts = [cardText(cardOf(one)), cardText(cardOf(two))];
    assert.equal(texts.filter((t) => /already (approved|rejected) by/.test(t)).length, 1, texts.join('\n---\n'));
    const history = await prisma().enrollmentStateChange.count({
      where: { applicationId: a.applicationId, toState: { in: ['approved', 'rejected'] } },
    });
    assert.equal(history, 1);
  });

  it('E5/U3: someone who is not a program administrator cannot decide', async () => {
    const a = await applyAndVerify();
    const r = await a.chat.invoke('review.approve', { v: 1, applicationId: a.applicationId });
    assert.equal(r.body.statusCode, 400);
    assert.match(JSON.stringify(r.body.value), /program administrator/i);
  });

  async function approved(partnerType = 'indirect_reseller'): Promise<Applied> {
    const a = await applyAndVerify(partnerType);
    await admin.invoke('review.approve', { v: 1, applicationId: a.applicationId });
    await h.connector.waitFor(1);
    return a;
  }

  async function memberWith(a: Applied, roles: string[], name: string): Promise<Chat> {
    const org = await prisma().organization.findUniqueOrThrow({ where: { mpnId: a.mpn } });
    const aad = randomUUID();
    await prisma().user.create({
      data: {
        orgId: org.id,
        aadObjectId: aad,
        name,
        email: `${aad}@fabrikam.example`,
        emailLower: `${aad}@fabrikam.example`,
        roles: { create: roles.map((role) => ({ role })) },
      },
    });
    return h.user({ aadObjectId: aad, tenantId: org.tenantId, name });
  }

  it('U1/U2/E7: users lists people and roles; add user with roles; duplicate email and missing roles are refused by name', async () => {
    const a = await approved();
    const [list] = await sayAndRead(h, a.chat, 'users');
    assert.match(textOf(list), /Erin Enroller/);
    assert.match(textOf(list), /global admin, admin agent|admin agent, global admin/);
    const [form] = await sayAndRead(h, a.chat, 'add user');
    assert.deepEqual(inputIds(form.card), ['name', 'email', 'roles']);
    const added = await a.chat.invoke('user.add', {
      v: 1,
      name: 'Sam Sales',
      email: 'Sam@Fabrikam.example',
      roles: 'sales_agent,helpdesk_agent',
    });
    assert.match(
      cardText(cardOf(added)),
      /Sam Sales \(sam@fabrikam\.example\) was added with the roles: sales agent, helpdesk agent/,
    );
    const dup = await a.chat.invoke('user.add', {
      v: 1,
      name: 'Other Sam',
      email: 'sam@fabrikam.example',
      roles: 'sales_agent',
    });
    assert.match(JSON.stringify(dup.body.value), /A user with the work email sam@fabrikam\.example already exists/);
    const none = await a.chat.invoke('user.add', {
      v: 1,
      name: 'No Role',
      email: 'norole@fabrikam.example',
      roles: '',
    });
    assert.match(JSON.stringify(none.body.value), /at least one agent role or admin role/);
    const badEmail = await a.chat.invoke('user.add', {
      v: 1,
      name: 'Bad',
      email: 'not an email',
      roles: 'sales_agent',
    });
    assert.equal(badEmail.body.statusCode, 400);
    assert.match(JSON.stringify(badEmail.body.value), /email/);
    await smtp.waitFor((m) => m.to.includes('sam@fabrikam.example'));

    const [rolesForm] = await sayAndRead(h, a.chat, 'roles');
    assert.ok(cardText(rolesForm.card).includes('Sam Sales (sam@fabrikam.example)'));
    const sam = await prisma().user.findFirstOrThrow({ where: { emailLower: 'sam@fabrikam.example' } });
    const changed = await a.chat.invoke('roles.change', { v: 1, userId: sam.id, roles: 'user_admin' });
    assert.match(cardText(cardOf(changed)), /Sam Sales now has the roles: user admin/);
    const me = await prisma().user.findFirstOrThrow({ where: { aadObjectId: a.chat.user.aadObjectId } });
    const last = await a.chat.invoke('roles.change', { v: 1, userId: me.id, roles: 'admin_agent' });
    assert.match(JSON.stringify(last.body.value), /global admin/i, 'LAST_GLOBAL_ADMIN');
  });

  it('U3: every command refuses a user without the needed role and names the role', async () => {
    const a = await approved();
    const sales = await memberWith(a, ['sales_agent'], 'Sal Sales');
    const need = async (text: string, pattern: RegExp) =>
      assert.match(textOf((await sayAndRead(h, sales, text))[0]), pattern, text);
    await need('add user', /You need one of these roles to do this: global admin, user admin, admin agent\./);
    await need('users', /You need one of these roles to do this: global admin, user admin, admin agent\./);
    await need('roles', /You need one of these roles to do this: global admin, user admin, admin agent\./);
    await need('sign agreement', /You need one of these roles to do this: global admin\./);
    const add = await sales.invoke('user.add', { v: 1, name: 'X', email: 'x@fabrikam.example', roles: 'sales_agent' });
    assert.match(JSON.stringify(add.body.value), /global admin, user admin, admin agent/);
    const sign = await sales.invoke('mpa.sign', { v: 1, accept: 'true' });
    assert.match(JSON.stringify(sign.body.value), /roles to do this: global admin/);
    const agent = await memberWith(a, ['admin_agent'], 'Ali Agent');
    const grant = await agent.invoke('user.add', {
      v: 1,
      name: 'Gus',
      email: 'gus@fabrikam.example',
      roles: 'global_admin',
    });
    assert.match(JSON.stringify(grant.body.value), /global admin/i, 'only a global admin grants global admin');
    const stranger = h.user({ tenantId: randomUUID() });
    assert.match(textOf((await sayAndRead(h, stranger, 'users'))[0]), /not .*(enrolled|partner)/i);
  });

  it('M1: sign agreement shows the version and summary, needs the acceptance tick, records signer and time; status shows E8', async () => {
    const a = await applyAndVerify();
    const [early] = await sayAndRead(h, a.chat, 'status');
    assert.match(textOf(early), /In review/);
    assert.match(textOf(early), /Wait for a program administrator/);
    const tooEarly = await a.chat.invoke('mpa.sign', { v: 1, accept: 'true' });
    assert.equal(tooEarly.body.statusCode, 400, 'not onboarded yet');
    await admin.invoke('review.approve', { v: 1, applicationId: a.applicationId });
    await h.connector.waitFor(1);

    const [none] = await sayAndRead(h, a.chat, 'agreement status');
    assert.match(textOf(none), /Not signed yet/);
    const [card] = await sayAndRead(h, a.chat, 'sign agreement');
    assert.match(textOf(card), /Version 2020-02/);
    assert.match(textOf(card), /1 February 2020/);
    assert.deepEqual(inputIds(card.card), ['accept']);
    const unticked = await a.chat.invoke('mpa.sign', { v: 1, version: '2020-02', accept: 'false' });
    assert.match(JSON.stringify(unticked.body.value), /Tick the acceptance box/);
    assert.equal(await prisma().mpaAcceptance.count({ where: { org: { mpnId: a.mpn } } }), 0);
    const signed = await a.chat.invoke('mpa.sign', { v: 1, version: '2020-02', accept: 'true' });
    assert.match(cardText(cardOf(signed)), /Signed: version 2020-02 by Erin Enroller \(.+\) on .* UTC/);
    const [st] = await sayAndRead(h, a.chat, 'agreement status');
    assert.match(textOf(st), /Signed: version 2020-02 by Erin Enroller/);
    const [status] = await sayAndRead(h, a.chat, 'status');
    const s = textOf(status);
    assert.match(s, /Indirect reseller/);
    assert.match(s, /Done: Onboarded/);
    assert.match(s, /Done: Enrolled as an indirect reseller/);
    assert.match(s, /Done: Microsoft Partner Agreement signed/);
    assert.match(s, /ready to transact/);
  });

  it('M1: the signing time reads in the time zone Teams sends (clientInfo), in UTC (said so) without one', async () => {
    const a = await approved();
    const seoul = { entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'Asia/Seoul' }] };
    const signed = await a.chat.invoke('mpa.sign', { v: 1, version: '2020-02', accept: 'true' }, seoul);
    const row = await prisma().mpaAcceptance.findFirstOrThrow({ where: { org: { mpnId: a.mpn } } });
    const local = formatDateTime(row.signedAt, { locale: 'en-US', timeZone: 'Asia/Seoul' });
    const text = cardText(cardOf(signed));
    assert.ok(text.includes(` on ${local}`), `${text} should say ${local}`);
    assert.doesNotMatch(text, /UTC/);
    const [utc] = await sayAndRead(h, a.chat, 'agreement status');
    assert.ok(textOf(utc).includes(` on ${formatDateTime(row.signedAt, 'en-US')}`), textOf(utc));
    assert.match(textOf(utc), / UTC/);
  });

  it('E6: an approved provider adds the indirect reseller type with only the support contact; it goes to review', async () => {
    const a = await approved('indirect_provider');
    const [status] = await sayAndRead(h, a.chat, 'status');
    const st = textOf(status);
    assert.match(st, /Before you can transact as an indirect provider/);
    assert.match(st, /Done: Enrolled as an indirect provider/);
    assert.doesNotMatch(
      st,
      /Enrolled as an indirect reseller/,
      "a provider does not owe the reseller type (E8 is the reseller's)",
    );
    assert.match(st, /Optional: type \*\*enroll\*\* to add the indirect reseller type/);
    const [, form] = await sayAndRead(h, a.chat, 'enroll', 3);
    assert.deepEqual(inputIds(form.card), ['supportEmail', 'supportPhone', 'supportWebsite']);
    const review = await a.chat.invoke('enroll.form', {
      v: 1,
      supportEmail: 'help@fabrikam.example',
      supportPhone: '+1 425 555 0111',
      supportWebsite: 'https://fabrikam.example/help',
    });
    assert.match(cardText(cardOf(review)), /help@fabrikam\.example/);
    const done = await a.chat.invoke('enroll.submit', { v: 1 });
    assert.match(cardText(cardOf(done)), /indirect reseller application is in review/);
    const cards = await h.connector.waitFor(2);
    assert.ok(cards.every((c) => /Indirect reseller/.test(cardText(c.card))));
    const [again] = await sayAndRead(h, a.chat, 'enroll');
    assert.match(textOf(again), /already has an application in progress/);
  });
});
