import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Harness } from '../../support/harness.js';
import { cardOf, cardText, inputIds, textOf } from '../../support/cards.js';
import { forEachDatabase } from '../../support/db.js';
import { newMpnId, registeredMpnId } from '../../support/fixtures.js';
import { startSmtp, tokenFrom } from '../../support/smtp.js';
import { beginEnroll, sayAndRead, startEnrollmentHarness, validForm } from './support.js';

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
    const chat = newUser();
    const start = await beginEnroll(h, chat);
    assert.match(textOf(start[0]), /enroll your organisation/i);
    assert.deepEqual(
      inputIds(start[1].card).sort(),
      Object.keys(validForm(mpn)).sort(),
      'the form card has every E1 field',
    );
    assert.match(textOf(start[2]), /partner type/i);

    const answer = async (text: string) => textOf((await sayAndRead(h, chat, text))[0]);
    assert.match(await answer('9'), /Choose one of the partner types offered\. .*partner type/);
    assert.match(await answer('1'), /MPN ID/);
    assert.match(await answer('12ab'), /^An MPN ID is 6 to 10 digits\. What is your MPN ID/);
    assert.match(await answer(mpn), /legal business name/);
    assert.match(await answer('Fabrikam <b>Inc</b>'), /street address/);
    assert.match(await answer('1 Main Street'), /Which city/);
    assert.match(await answer('Seattle'), /postal code/);
    assert.match(await answer('98052'), /country\/region/);
    assert.match(await answer('ZZ'), /"ZZ" is not a country\/region served by the CSP program/);
    assert.match(await answer('us'), /primary contact's full name/);
    assert.match(await answer('Pat Primary'), /work email/);
    assert.match(
      await answer('pat@gmail.com'),
      /^The primary contact needs a work email address\. Addresses from web-based mail services \(gmail\.com\) are not accepted\./,
      'E3 refused at once',
    );
    assert.match(await answer('not-an-email'), /"not-an-email" is not a valid email address/);
    assert.match(await answer('pat@fabrikam.example'), /primary contact's phone/);
    assert.match(await answer('call me'), /"call me" is not a phone number/);
    assert.match(await answer('+1 425 555 0100'), /email address should customers use/);
    assert.match(await answer('support@fabrikam.example'), /phone number should customers use/);
    assert.match(await answer('+1 425 555 0199'), /support website/);
    assert.match(await answer('ftp://fabrikam.example'), /"ftp:\/\/fabrikam\.example" is not a web address/);
    const [review] = await sayAndRead(h, chat, 'https://fabrikam.example/help');
    assert.ok(review?.card, 'a review card');
    const text = cardText(review.card);
    for (const v of [mpn, 'Fabrikam <b>Inc</b>', 'pat@fabrikam.example', 'United States (US)', 'Indirect reseller'])
      assert.ok(text.includes(v), v);
    assert.match(await answer('hello'), /Submit/, 'at the review only submit or cancel');

    const [done] = await sayAndRead(h, chat, 'submit');
    assert.match(textOf(done), /We sent a verification link to pat@fabrikam\.example/);
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
    const chat = newUser();
    await beginEnroll(h, chat);
    const bad = validForm(mpn, {
      mpnId: 'abc',
      primaryEmail: 'boss@hotmail.co.uk',
      supportWebsite: 'nope',
      country: 'XX',
      primaryPhone: '',
    });
    const first = await chat.invoke('enroll.form', { v: 1, ...bad });
    assert.equal(first.status, 200);
    const card = cardOf(first);
    assert.deepEqual(inputIds(card).sort(), ['country', 'mpnId', 'primaryEmail', 'primaryPhone', 'supportWebsite']);
    const text = cardText(card);
    assert.match(text, /An MPN ID is 6 to 10 digits/);
    assert.match(text, /hotmail\.co\.uk/);
    assert.match(text, /"nope" is not a web address/);
    assert.match(text, /"XX" is not a country\/region/);
    assert.match(text, /not a phone number/);

    const fixed = await chat.invoke('enroll.form', {
      v: 1,
      mpnId: mpn,
      primaryEmail: 'boss@fabrikam.example',
      supportWebsite: 'https://fabrikam.example',
      country: 'US',
      primaryPhone: '+1 206 555 0100',
    });
    const reviewText = cardText(cardOf(fixed));
    assert.match(reviewText, /Review your application/);
    assert.ok(reviewText.includes(bad.legalName), 'answers accepted the first time were kept');

    const submitted = await chat.invoke('enroll.submit', { v: 1 });
    assert.match(cardText(cardOf(submitted)), /verification link to boss@fabrikam\.example/);
    const mail = await smtp.waitFor((m) => m.to.includes('boss@fabrikam.example') && /Verify/.test(m.subject));
    assert.match(mail.text, /\/verify\/[A-Za-z0-9_-]{43}/);
    assert.match(mail.subject, new RegExp(bad.legalName));
  });

  it('E2: an MPN profile of another country is refused at submit, and only MPN ID and country are asked again', async () => {
    const mpn = await registeredMpnId(h.database!, 'KR');
    const chat = newUser();
    await beginEnroll(h, chat);
    await chat.invoke('enroll.form', { v: 1, ...validForm(mpn) });
    const r = await chat.invoke('enroll.submit', { v: 1 });
    const card = cardOf(r);
    assert.deepEqual(inputIds(card).sort(), ['country', 'mpnId']);
    assert.ok(
      cardText(card).includes(
        `MPN ID ${mpn} belongs to an organisation in KR, but you are enrolling in US. The country/region must match.`,
      ),
    );
    const [ask] = await h.connector.waitFor(1);
    assert.match(textOf(ask), /MPN ID/);
    assert.equal(await h.database!.db.prisma.organization.count({ where: { mpnId: mpn } }), 0, 'nothing was created');
  });

  it('E2: an unknown MPN ID is refused with its message', async () => {
    const chat = newUser();
    await beginEnroll(h, chat);
    const mpn = newMpnId();
    await chat.invoke('enroll.form', { v: 1, ...validForm(mpn) });
    const card = cardOf(await chat.invoke('enroll.submit', { v: 1 }));
    assert.deepEqual(inputIds(card), ['mpnId']);
    assert.ok(cardText(card).includes(`No partner profile was found for MPN ID ${mpn}.`));
  });

  it('the dialog survives a server restart between two steps (state in PrismaStorage)', async () => {
    const chat = newUser();
    await beginEnroll(h, chat);
    await sayAndRead(h, chat, '2');
    await sayAndRead(h, chat, '7654321');
    await h.restart();
    const [next] = await sayAndRead(h, chat, 'Restart Co');
    assert.match(textOf(next), /street address/, 'the new server continues where the old one stopped');
  });

  it('cancel leaves the dialog at a question, and at the review card', async () => {
    const chat = newUser();
    await beginEnroll(h, chat);
    await sayAndRead(h, chat, '1');
    const [bye] = await sayAndRead(h, chat, 'cancel');
    assert.match(textOf(bye), /Enrollment cancelled/);
    const [after] = await sayAndRead(h, chat, '1234567');
    assert.match(textOf(after), /did not understand/i, 'no dialog any more');
    const [nothing] = await sayAndRead(h, chat, 'cancel');
    assert.match(textOf(nothing), /nothing to cancel/i);

    await beginEnroll(h, chat);
    await chat.invoke('enroll.form', { v: 1, ...validForm(newMpnId()) });
    const [bye2] = await sayAndRead(h, chat, '취소');
    assert.match(textOf(bye2), /Enrollment cancelled/);
    const stale = await chat.invoke('enroll.submit', { v: 1 });
    assert.equal(stale.body.statusCode, 400);
    assert.match(JSON.stringify(stale.body.value), /no enrollment in progress/);
  });

  it('the Cancel button on the form leaves the dialog', async () => {
    const chat = newUser();
    await beginEnroll(h, chat);
    const r = await chat.invoke('enroll.cancel', { v: 1 });
    assert.match(cardText(cardOf(r)), /Enrollment cancelled/);
    const [after] = await sayAndRead(h, chat, '1');
    assert.match(textOf(after), /did not understand/i);
  });

  it('ko-KR: questions and refusals are in Korean', async () => {
    const chat = newUser('ko-KR');
    const start = await beginEnroll(h, chat);
    assert.match(textOf(start[0]), /조직을 등록하겠습니다/);
    assert.match(textOf(start[2]), /파트너 유형/);
    await sayAndRead(h, chat, '1');
    const [bad] = await sayAndRead(h, chat, 'abc');
    assert.match(textOf(bad), /MPN ID는 6~10자리 숫자입니다/);
    await sayAndRead(h, chat, '취소');
  });

  it('E4: the link verifies once (200, localized, escaped); used 410, malformed or unknown 404', async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    const chat = newUser();
    await beginEnroll(h, chat);
    await chat.invoke('enroll.form', {
      v: 1,
      ...validForm(mpn, { legalName: '<script>alert(1)</script> & Co', primaryEmail: 'verify@fabrikam.example' }),
    });
    await chat.invoke('enroll.submit', { v: 1 });
    const mail = await smtp.waitFor((m) => m.to.includes('verify@fabrikam.example') && /Verify/.test(m.subject));
    const token = tokenFrom(mail);

    const ok = await h.get(`/verify/${token}`, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /이메일 주소가 확인되었습니다/);
    assert.match(ok.text, /lang="ko"/);
    assert.ok(!ok.text.includes('<script>alert(1)</script>'), 'the organisation name is escaped');
    assert.ok(ok.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co'));
    const app = await h.database!.db.prisma.enrollmentApplication.findFirstOrThrow({ where: { org: { mpnId: mpn } } });
    assert.equal(app.state, 'in_review');

    const again = await h.get(`/verify/${token}`, { 'accept-language': 'en-US' });
    assert.equal(again.status, 410);
    assert.match(again.text, /already been used/);
    const malformed = await h.get('/verify/%3Cb%3Enope', { 'accept-language': 'en' });
    assert.equal(malformed.status, 404);
    assert.match(malformed.text, /This link is not valid/);
    assert.ok(!malformed.text.includes('<b>nope'));
    const unknown = await h.get(`/verify/${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /This link is not valid/);
  });

  it('E4: an expired link is 410 with its own message', async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    const chat = newUser();
    await beginEnroll(h, chat);
    await chat.invoke('enroll.form', { v: 1, ...validForm(mpn, { primaryEmail: 'late@fabrikam.example' }) });
    await chat.invoke('enroll.submit', { v: 1 });
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
