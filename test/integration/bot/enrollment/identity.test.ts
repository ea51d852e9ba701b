/**
 * Issue 14 items 3 and 4 through the real server: the enrolling user and the MPA signer recorded with their own
 * e-mail from Teams' member information (asked once per turn; none when the connector cannot answer), the review
 * card's Edit, `resend verification`, and the MPA card's link to the agreement text.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEFAULT_MPA_TEXT_URL } from '../../../../src/domain/agreement/sign-mpa.js';
import type { CardJson } from '../../../support/connector.js';
import { cardOf, cardText, inputValue } from '../../../support/cards.js';
import { forEachDatabase } from '../../../support/db.js';
import { registeredMpnId } from '../../../support/fixtures.js';
import type { Chat, Harness } from '../../../support/harness.js';
import { startSmtp, tokenFrom } from '../../../support/smtp.js';
import { ADMIN_AAD, beginEnroll, sayAndRead, startEnrollmentHarness, validForm, verifyByPage } from './support.js';

/** The Action.OpenUrl actions of a card. */
function openUrls(card: CardJson): { title: string; url: string }[] {
  return ((card.actions ?? []) as { type: string; title: string; url: string }[]).filter(
    (a) => a.type === 'Action.OpenUrl',
  );
}

forEachDatabase(
  'own identity, Edit, resend verification and the MPA text link (issue 14, through the real server)',
  (db) => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let admin: Chat;
    const MPA_TEXT_URL = 'https://agreements.example/mpa-2020-02';

    before(async () => {
      smtp = await startSmtp();
      h = await startEnrollmentHarness(smtp.url, { database: db.kind, env: { MPA_TEXT_URL } });
      admin = h.user({ aadObjectId: ADMIN_AAD, name: 'Ada Admin', tenantId: randomUUID() });
    });
    after(async () => {
      await h.close();
      await smtp.close();
    });
    beforeEach(() => h.connector.reset());

    const prisma = () => h.database!.db.prisma;

    /** Enrolls `chat`'s tenant through the form card; returns the form that was sent. */
    async function enrollThrough(chat: Chat, mpn: string): Promise<Record<string, string>> {
      await beginEnroll(h, chat);
      const form = validForm(mpn);
      cardOf(await chat.invoke('enroll.form', { v: 1, ...form }));
      cardOf(await chat.invoke('enroll.submit', { v: 1 }));
      return form;
    }

    it("E1/E7: the enrolling user is recorded with their own e-mail from Teams' member information, asked once in the turn", async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = h.user({ tenantId: randomUUID(), name: 'Erin Enroller', email: 'erin@fabrikam-own.example' });
      await beginEnroll(h, chat);
      const form = validForm(mpn);
      cardOf(await chat.invoke('enroll.form', { v: 1, ...form }));
      h.connector.reset();
      cardOf(await chat.invoke('enroll.submit', { v: 1 }));
      const lookups = h.connector.calls.filter((c) => c.kind === 'getMembers');
      assert.equal(lookups.length, 1, 'one member lookup in the submitting turn');
      assert.match(lookups[0].path, new RegExp(`/members/${encodeURIComponent(chat.user.id)}$`));
      const user = await prisma().user.findUniqueOrThrow({ where: { aadObjectId: chat.user.aadObjectId } });
      assert.equal(user.email, 'erin@fabrikam-own.example');
      assert.notEqual(user.email, form.primaryEmail);
      // the primary contact is then added as a user (U2) without a duplicate-e-mail refusal once onboarded: see the
      // domain suite (test/integration/domain/users/own-identity.test.ts)
    });

    it("E7: when the connector cannot answer (no such member, or an outage) the enrollment goes through with no e-mail recorded, never the primary contact's", async () => {
      for (const fail of ['not a member', 'outage'] as const) {
        const mpn = await registeredMpnId(h.database!, 'US');
        const chat = h.user({ tenantId: randomUUID(), name: `Erin ${fail}`, email: 'erin@fabrikam-own.example' });
        await beginEnroll(h, chat);
        const form = validForm(mpn);
        cardOf(await chat.invoke('enroll.form', { v: 1, ...form }));
        if (fail === 'not a member') h.connector.members.delete(chat.user.id);
        else h.connector.failNext(20, 503, { conversationId: chat.conversation.id });
        const done = cardOf(await chat.invoke('enroll.submit', { v: 1 }));
        assert.match(cardText(done), new RegExp(`verification link to ${form.primaryEmail.replace(/\./g, '\\.')}`));
        const user = await prisma().user.findUniqueOrThrow({ where: { aadObjectId: chat.user.aadObjectId } });
        assert.equal(user.email, null, fail);
        h.connector.reset();
      }
    });

    it('E1: review Edit: back to the form with every answer kept; a changed answer shows on the review; submit sends it', async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = h.user({ tenantId: randomUUID(), name: 'Erin Editor' });
      await beginEnroll(h, chat);
      const form = validForm(mpn);
      const review = cardOf(await chat.invoke('enroll.form', { v: 1, ...form }));
      assert.ok(
        ((review.actions ?? []) as { verb?: string; title?: string }[]).some(
          (a) => a.verb === 'enroll.edit' && a.title === 'Edit',
        ),
        'the review card has Edit',
      );
      const edit = cardOf(await chat.invoke('enroll.edit', { v: 1 }));
      for (const [id, value] of Object.entries(form)) {
        if (value === '') continue;
        assert.equal(inputValue(edit, id), value, `${id} kept`);
      }
      const again = cardOf(await chat.invoke('enroll.form', { v: 1, ...form, legalName: 'Fabrikam Renamed Ltd' }));
      const text = cardText(again);
      assert.match(text, /Review your application/);
      assert.ok(text.includes('Fabrikam Renamed Ltd'));
      assert.ok(!text.includes(form.legalName));
      assert.ok(text.includes(form.primaryEmail), 'the other answers are still there');
      cardOf(await chat.invoke('enroll.submit', { v: 1 }));
      const org = await prisma().organization.findUniqueOrThrow({ where: { mpnId: mpn } });
      assert.equal(org.legalName, 'Fabrikam Renamed Ltd');
    });

    it('E1: review Edit in Korean: "편집" typed at the review brings the form back with the answers', async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = h.user({ tenantId: randomUUID(), name: '편집 사용자', locale: 'ko-KR' });
      await beginEnroll(h, chat);
      const form = validForm(mpn);
      const review = cardOf(await chat.invoke('enroll.form', { v: 1, ...form }));
      assert.ok(((review.actions ?? []) as { title?: string }[]).some((a) => a.title === '편집'));
      const [reply] = await sayAndRead(h, chat, '편집');
      assert.equal(inputValue(reply.card, 'legalName'), form.legalName);
      assert.equal(inputValue(reply.card, 'mpnId'), mpn);
      // the stale review card's Submit no longer submits: the form comes first
      const stale = await chat.invoke('enroll.submit', { v: 1 });
      assert.equal(stale.body.type, 'application/vnd.microsoft.error');
      assert.equal(await prisma().organization.count({ where: { mpnId: mpn } }), 0);
    });

    it('E4: resend verification sends a new link and the old one stops working; after verifying it says so (en-US and 확인 메일 다시 보내기)', async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = h.user({ tenantId: randomUUID(), name: 'Erin Resender' });
      const form = await enrollThrough(chat, mpn);
      const first = tokenFrom(await smtp.waitFor((m) => m.to.includes(form.primaryEmail) && /Verify/.test(m.subject)));
      const [sent] = await sayAndRead(h, chat, 'resend verification');
      assert.equal(
        sent.text,
        `We sent a new verification link to ${form.primaryEmail}. The earlier link no longer works.`,
      );
      const second = tokenFrom(
        await smtp.waitFor(
          (m) => m.to.includes(form.primaryEmail) && /Verify/.test(m.subject) && !m.text.includes(first),
        ),
      );
      assert.notEqual(second, first);
      const old = await h.get(`/verify/${first}`, { 'accept-language': 'en-US' });
      assert.equal(old.status, 410, 'the old link stops working');
      assert.equal((await verifyByPage(h, second)).status, 200);
      const app = await prisma().enrollmentApplication.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
      assert.equal(app.state, 'in_review');
      const [notice] = await h.connector.waitFor(1);
      assert.match(notice.text ?? '', /is now: In review/, 'the E5 notice to the enrolling user');

      const ko = h.user({ aadObjectId: chat.user.aadObjectId, tenantId: chat.user.tenantId, locale: 'ko-KR' });
      const [done] = await sayAndRead(h, ko, '확인 메일 다시 보내기');
      assert.match(done.text ?? '', /이미 이메일 주소를 확인했습니다/);
    });

    it('E4/U3: resend verification from someone who is not a partner user is refused clearly', async () => {
      const stranger = h.user({ tenantId: randomUUID(), name: 'Stranger' });
      const [reply] = await sayAndRead(h, stranger, 'resend verification');
      assert.doesNotMatch(reply.text ?? '', /NOT_A_PARTNER_USER|\(U3\)/);
      assert.ok((reply.text ?? '').length > 10);
    });

    it("M1: the MPA card links to the agreement text (MPA_TEXT_URL); the signer is recorded with their own e-mail, not the primary contact's", async () => {
      const mpn = await registeredMpnId(h.database!, 'US');
      const chat = h.user({ tenantId: randomUUID(), name: 'Sam Signer', email: 'sam@fabrikam-own.example' });
      const form = await enrollThrough(chat, mpn);
      const token = tokenFrom(await smtp.waitFor((m) => m.to.includes(form.primaryEmail) && /Verify/.test(m.subject)));
      await verifyByPage(h, token);
      const app = await prisma().enrollmentApplication.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
      cardOf(await admin.invoke('review.approve', { v: 1, applicationId: app.id }));
      h.connector.reset();
      const [mpa] = await sayAndRead(h, chat, 'sign agreement');
      assert.deepEqual(openUrls(mpa.card!), [
        { type: 'Action.OpenUrl', title: 'Read the Microsoft Partner Agreement', url: MPA_TEXT_URL },
      ]);
      const signed = cardOf(await chat.invoke('mpa.sign', { v: 1, accept: 'true' }));
      assert.match(cardText(signed), /Sam Signer \(sam@fabrikam-own\.example\)/);
      const row = await prisma().mpaAcceptance.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
      assert.equal(row.signerEmail, 'sam@fabrikam-own.example');
      assert.notEqual(row.signerEmail, form.primaryEmail);
    });
  },
);

describe('M1: the MPA card without MPA_TEXT_URL', () => {
  it("M1: links to Microsoft's page on the agreement by default", async () => {
    const { mpaCard } = await import('../../../../src/bot/agreement/cards.js');
    const card = mpaCard('ko-KR');
    assert.deepEqual(openUrls(card), [
      { type: 'Action.OpenUrl', title: 'Microsoft 파트너 계약 읽기', url: DEFAULT_MPA_TEXT_URL },
    ]);
  });
});
