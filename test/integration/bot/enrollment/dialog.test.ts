import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Harness } from '../../../support/harness.js';
import { anything, card, play, press, refused } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { newMpnId, registeredMpnId } from '../../../support/fixtures.js';
import { startSmtp, tokenFrom } from '../../../support/smtp.js';
import { startEnroll, startEnrollmentHarness, validForm } from './support.js';

/**
 * The enrollment dialog as conversation scripts (support/conversation.ts): what the user says or
 * presses, what the bot answers, then the end state in the database.
 */
forEachDatabase('enrollment dialog (issue 4 items 1-3, through the real server)', (db) => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  before(async () => {
    smtp = await startSmtp();
    h = await startEnrollmentHarness(smtp.url, { database: db.kind });
  });
  after(async () => {
    await h.close();
    await smtp.close();
  });
  beforeEach(() => h.connector.reset());

  const newUser = (locale = 'en-US') => h.user({ tenantId: randomUUID(), name: 'Erin Enroller', locale });

  it('E1 step by step: every bad answer is refused with why, only that question is asked again, then a review card', async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    await play(h, newUser(), [
      {
        user: 'enroll',
        bot: [/enroll your organization/i, card({ inputsInAnyOrder: Object.keys(validForm(mpn)) }), /partner type/i],
        why: 'the form card has every E1 field',
      },
      { user: '9', bot: /Choose one of the partner types offered\. .*partner type/ },
      { user: '1', bot: /MPN ID/ },
      { user: '12ab', bot: /^An MPN ID is 6 to 10 digits\. What is your MPN ID/ },
      { user: mpn, bot: /legal business name/ },
      { user: 'Fabrikam <b>Inc</b>', bot: /street address/ },
      { user: '1 Main Street', bot: /Which city/ },
      { user: 'Seattle', bot: /postal code/ },
      { user: '98052', bot: /country\/region/ },
      { user: 'ZZ', bot: /"ZZ" is not a country\/region served by the CSP program/ },
      { user: 'us', bot: /primary contact's full name/ },
      { user: 'Pat Primary', bot: /work email/ },
      {
        user: 'pat@gmail.com',
        bot: /^The primary contact needs a work email address\. Addresses from web-based mail services \(gmail\.com\) are not accepted\./,
        why: 'E3 refused at once',
      },
      { user: 'not-an-email', bot: /"not-an-email" is not a valid email address/ },
      {
        user: '[Re-verify](https://evil.example) **URGENT**',
        bot: /^"\\\[Re-verify\\\]\(https:\/\/evil\.example\) \\\*\\\*URGENT\\\*\\\*" is not a valid email address/,
        why: 'an answer quoted back in chat is inert: shown literally, never a link or bold',
      },
      { user: 'pat@fabrikam.example', bot: /primary contact's phone/ },
      { user: 'call me', bot: /"call me" is not a phone number/ },
      { user: '+1 425 555 0100', bot: /email address should customers use/ },
      { user: 'support@fabrikam.example', bot: /phone number should customers use/ },
      { user: '+1 425 555 0199', bot: /support website/ },
      { user: 'ftp://fabrikam.example', bot: /"ftp:\/\/fabrikam\.example" is not a web address/ },
      {
        user: 'https://fabrikam.example/help',
        // the name as typed, made inert for Teams' markdown (issue 13 item 6): shown as `Fabrikam <b>Inc</b>`
        bot: card(
          mpn,
          'Fabrikam \\<b\\>Inc\\</b\\>',
          'pat@fabrikam.example',
          'United States (US)',
          'Indirect reseller',
        ),
        why: 'a review card',
      },
      { user: 'hello', bot: /Submit/, why: 'at the review only submit or cancel' },
      { user: 'submit', bot: /We sent a verification link to pat@fabrikam\.example/ },
    ]);
    const org = await h.database!.db.prisma.organization.findUniqueOrThrow({
      where: { mpnId: mpn },
      include: { users: { include: { roles: true } } },
    });
    assert.equal(org.country, 'US');
    assert.deepEqual(
      org.users[0].roles.map((r) => r.role).sort(),
      ['admin_agent', 'global_admin'],
      'E7: the enrolling user',
    );
  });

  it('E1 in one form: only the wrong fields come back, each with its message; then review and submit', async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    const bad = validForm(mpn, {
      mpnId: 'abc',
      primaryEmail: 'boss@hotmail.co.uk',
      supportWebsite: 'nope',
      country: 'XX',
      primaryPhone: '',
    });
    await play(h, newUser(), [
      startEnroll,
      {
        user: press('enroll.form', { v: 1, ...bad }),
        bot: card(
          { inputsInAnyOrder: ['country', 'mpnId', 'primaryEmail', 'primaryPhone', 'supportWebsite'] },
          /An MPN ID is 6 to 10 digits/,
          /hotmail\.co\.uk/,
          /"nope" is not a web address/,
          /"XX" is not a country\/region/,
          /not a phone number/,
        ),
      },
      {
        user: press('enroll.form', {
          v: 1,
          mpnId: mpn,
          primaryEmail: 'boss@fabrikam.example',
          supportWebsite: 'https://fabrikam.example',
          country: 'US',
          primaryPhone: '+1 206 555 0100',
        }),
        bot: card(/Review your application/, bad.legalName),
        why: 'answers accepted the first time were kept',
      },
      { user: press('enroll.submit', { v: 1 }), bot: card(/verification link to boss@fabrikam\.example/) },
    ]);
    const mail = await smtp.waitFor((m) => m.to.includes('boss@fabrikam.example') && /Verify/.test(m.subject));
    assert.match(mail.text, /\/verify\/[A-Za-z0-9_-]{43}/);
    assert.match(mail.subject, new RegExp(bad.legalName));
  });

  it('E2: an MPN profile of another country is refused at submit, and only MPN ID and country are asked again', async () => {
    const mpn = await registeredMpnId(h.database!, 'KR');
    await play(h, newUser(), [
      startEnroll,
      { user: press('enroll.form', { v: 1, ...validForm(mpn) }) },
      {
        user: press('enroll.submit', { v: 1 }),
        bot: card(
          { inputsInAnyOrder: ['country', 'mpnId'] },
          `MPN ID ${mpn} belongs to an organization in South Korea, but you are enrolling in United States. The country/region must match.`,
        ),
        sends: [/MPN ID/],
      },
    ]);
    assert.equal(await h.database!.db.prisma.organization.count({ where: { mpnId: mpn } }), 0, 'nothing was created');
  });

  it('E2: an unknown MPN ID is refused with its message', async () => {
    const mpn = newMpnId();
    await play(h, newUser(), [
      startEnroll,
      { user: press('enroll.form', { v: 1, ...validForm(mpn) }) },
      {
        user: press('enroll.submit', { v: 1 }),
        bot: card({ inputs: ['mpnId'] }, `No partner profile was found for MPN ID ${mpn}.`),
      },
    ]);
  });

  it('the dialog survives a server restart between two steps (state in PrismaStorage)', async () => {
    await play(h, newUser(), [
      startEnroll,
      { user: '2' },
      { user: '7654321' },
      { meanwhile: () => h.restart() },
      { user: 'Restart Co', bot: /street address/, why: 'the new server continues where the old one stopped' },
    ]);
  });

  it('cancel leaves the dialog at a question, and at the review card', async () => {
    await play(h, newUser(), [
      startEnroll,
      { user: '1' },
      { user: 'cancel', bot: /Enrollment cancelled/ },
      { user: '1234567', bot: /did not understand/i, why: 'no dialog any more' },
      { user: 'cancel', bot: /nothing to cancel/i },
      startEnroll,
      { user: press('enroll.form', { v: 1, ...validForm(newMpnId()) }) },
      { user: '취소', bot: /Enrollment cancelled/ },
      { user: press('enroll.submit', { v: 1 }), bot: refused(/no enrollment in progress/) },
    ]);
  });

  it('the Cancel button on the form leaves the dialog', async () => {
    await play(h, newUser(), [
      startEnroll,
      { user: press('enroll.cancel', { v: 1 }), bot: card(/Enrollment cancelled/) },
      { user: '1', bot: /did not understand/i },
    ]);
  });

  it('ko-KR: questions and refusals are in Korean', async () => {
    await play(h, newUser('ko-KR'), [
      { user: 'enroll', bot: [/조직을 등록하겠습니다/, anything, /파트너 유형/] },
      { user: '1' },
      { user: 'abc', bot: /MPN ID는 6~10자리 숫자입니다/ },
      { user: '취소' },
    ]);
  });

  /** Enrolls through the form and submits: the verification mail goes to `primaryEmail`. */
  async function submitForm(mpn: string, form: Record<string, string>): Promise<void> {
    await play(h, newUser(), [
      startEnroll,
      { user: press('enroll.form', { v: 1, ...validForm(mpn, form) }) },
      { user: press('enroll.submit', { v: 1 }) },
    ]);
  }

  it('E4: GET shows the organisation and a Verify button and verifies no one (a mail scanner fetching it changes nothing)', async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    await submitForm(mpn, { legalName: '<script>alert(1)</script> & Co', primaryEmail: 'scan@fabrikam.example' });
    const token = tokenFrom(
      await smtp.waitFor((m) => m.to.includes('scan@fabrikam.example') && /Verify/.test(m.subject)),
    );
    for (let i = 0; i < 3; i++) {
      const shown = await h.get(`/verify/${token}`, { 'accept-language': 'en-US' });
      assert.equal(shown.status, 200);
      assert.match(shown.text, /<form method="post" action="\/verify\/[A-Za-z0-9_-]{43}">/);
      assert.match(shown.text, /<button type="submit" class="primary">Verify<\/button>/);
      assert.ok(shown.text.includes('scan@fabrikam.example'));
      assert.ok(shown.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co'), 'the organisation, escaped');
      assert.ok(!shown.text.includes('<script>alert(1)</script>'));
    }
    const app = await h.database!.db.prisma.enrollmentApplication.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
    assert.equal(app.state, 'awaiting_verification', 'fetching the link verified no one');
    const contact = await h.database!.db.prisma.contact.findFirstOrThrow({
      where: { orgId: app.orgId, kind: 'primary' },
    });
    assert.equal(contact.verifiedAt, null);
    const korean = await h.get(`/verify/${token}`, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    assert.match(korean.text, /lang="ko"/);
    assert.match(korean.text, />확인<\/button>/);
    assert.match(korean.text, /:lang\(ko\) \{ word-break: keep-all;/);
  });

  it('E4: POST from the page verifies once (localized, escaped); the used link then says the address is already verified', async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    await submitForm(mpn, { legalName: '<script>alert(1)</script> & Co', primaryEmail: 'verify@fabrikam.example' });
    const mail = await smtp.waitFor((m) => m.to.includes('verify@fabrikam.example') && /Verify/.test(m.subject));
    const token = tokenFrom(mail);

    const forged = await h.postForm(`/verify/${token}`, { verify: '1' }, { origin: 'https://evil.example' });
    assert.equal(forged.status, 303, 'a post from another site does nothing');
    const ok = await h.postForm(`/verify/${token}`, { verify: '1' }, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /이메일 주소가 확인되었습니다/);
    assert.match(ok.text, /lang="ko"/);
    assert.ok(!ok.text.includes('<script>alert(1)</script>'), 'the organisation name is escaped');
    assert.ok(ok.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co'));
    const app = await h.database!.db.prisma.enrollmentApplication.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
    assert.equal(app.state, 'in_review');
    const changes = () => h.database!.db.prisma.enrollmentStateChange.count({ where: { applicationId: app.id } });
    const before = await changes();

    for (const again of [
      await h.get(`/verify/${token}`, { 'accept-language': 'en-US' }),
      await h.postForm(`/verify/${token}`, { verify: '1' }, { 'accept-language': 'en-US' }),
    ]) {
      assert.equal(again.status, 200, 'a used link is not an error');
      assert.match(again.text, /This address is already verified/);
      assert.match(again.text, /verify@fabrikam\.example is already verified as the primary contact/);
      assert.ok(!again.text.includes('<button'), 'no button once verified');
    }
    const koAgain = await h.get(`/verify/${token}`, { 'accept-language': 'ko' });
    assert.match(koAgain.text, /이미 확인된 이메일 주소입니다/);
    assert.equal(await changes(), before, 'opening the used link changed nothing');

    const malformed = await h.get('/verify/%3Cb%3Enope', { 'accept-language': 'en' });
    assert.equal(malformed.status, 404);
    assert.match(malformed.text, /This link is not valid/);
    assert.ok(!malformed.text.includes('<b>nope'));
    const unknown = await h.get(`/verify/${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /This link is not valid/);
    const unknownPost = await h.postForm(`/verify/${'A'.repeat(43)}`, { verify: '1' });
    assert.equal(unknownPost.status, 404);
  });

  it('E4: an expired link is 410 with its own message', async () => {
    await submitForm(await registeredMpnId(h.database!, 'US'), { primaryEmail: 'late@fabrikam.example' });
    const token = tokenFrom(await smtp.waitFor((m) => m.to.includes('late@fabrikam.example')));
    await h.database!.db.prisma.emailVerification.updateMany({
      where: { email: 'late@fabrikam.example' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const r = await h.get(`/verify/${token}`);
    assert.equal(r.status, 410);
    assert.match(r.text, /expired/);
  });
});
