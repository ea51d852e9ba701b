/**
 * Issue 17 item 3, first bullet, through the real server: an organisation whose application waits links its Partner
 * Center account (the local Entra stand-in), the bot reads its profile from the local Partner Center, and the
 * sign-in's answer page, the `partner center` card, `status` and `profile` say what came of it in the reader's
 * language (E-PC3–E-PC6). SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { partnerCenterVerbs as pv } from '../../../src/bot/partner-center/verbs.js';
import { cardOf, cardText, errorMessage } from '../../support/cards.js';
import { userWithRoles } from '../../support/fixtures.js';
import { forEachDatabase } from '../../support/db.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { applicant, type Applicant } from './enrollment-support.js';
import { chatOf, DOMAIN, linkAs, replyTo, startPcWorld, verbsOf, type PcWorld } from './support.js';

forEachDatabase('Enrollment from Partner Center in Teams and on the sign-in page (E-PC3–E-PC6)', (db) => {
  let p: PcWorld;
  let stub: LocalPartnerCenter;
  let a: Applicant;

  beforeEach(async function () {
    this.timeout(60_000);
    stub = await LocalPartnerCenter.start();
    // the stand-in takes the access tokens the local Entra issues for the linked account (app+user: they have scp)
    stub.acceptJwts((token) => Promise.resolve(decodeJwt(token)));
    p = await startPcWorld(db.kind, {
      env: { PARTNER_CENTER_API_URL: stub.url },
      org: async (w) => {
        a = await applicant(w, stub);
        return a.org;
      },
    });
  });
  afterEach(async () => {
    await p.close();
    await stub.stop();
  });

  const state = async () =>
    (await p.w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id: a.applicationId } })).state;

  it('E-PC3, E-PC5: linking approves the waiting application; the page, the card (en-US) and status (ko-KR) say so', async () => {
    const { page } = await linkAs(p, `admin@${DOMAIN}`);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.match(page.text, new RegExp(`Partner Center confirmed ${a.org.legalName}: its application is approved\\.`));
    assert.equal(await state(), 'approved');

    const card = cardText((await replyTo(p, chatOf(p, a.org.admin), 'partner center')).card);
    assert.match(card, /Partner Center profile/);
    assert.match(card, /approved on the Partner Center profile: Microsoft verified the partner/);
    assert.match(card, /What your organization entered matches its Partner Center profile\./);

    const status = cardText((await replyTo(p, chatOf(p, a.org.admin, 'ko-KR'), '상태')).card);
    assert.match(status, /파트너 센터 프로필/);
    assert.match(status, /신청이 파트너 센터 프로필로 승인되었습니다/);
  });

  it('E-PC4, E-PC5: an MPN ID Partner Center does not hold keeps the review; the page says why, the card (ko-KR) and profile (en-US) name the differences', async () => {
    stub.world.withPartner({ mpnId: '7654321', companyName: 'Contoso Korea Holdings' });
    const { page } = await linkAs(p, `admin@${DOMAIN}`);
    assert.match(
      page.text,
      /Partner Center’s profile does not confirm the application \(the MPN ID entered is not the one in Partner Center\), so a program administrator reviews it\./,
    );
    assert.equal(await state(), 'awaiting_verification');

    const ko = cardText((await replyTo(p, chatOf(p, a.org.admin, 'ko-KR'), '파트너 센터')).card);
    assert.match(
      ko,
      /신청은 프로그램 관리자의 검토를 계속 기다립니다: 입력한 MPN ID가 파트너 센터의 MPN ID와 다릅니다/,
    );
    assert.match(ko, new RegExp(`MPN ID: 입력한 값 “${a.org.mpnId}”, 파트너 센터의 값 “7654321”`));
    assert.match(
      ko,
      new RegExp(`법인 이름: 입력한 값 “${a.org.legalName}”, 파트너 센터의 값 “Contoso Korea Holdings”`),
    );

    const chat = chatOf(p, a.org.admin);
    await chat.say('profile');
    const [form, comparison] = await p.h.connector.waitFor(2);
    assert.match(cardText(form?.card), new RegExp(a.org.legalName));
    const en = cardText(comparison?.card);
    assert.match(en, /Partner Center profile/);
    assert.match(en, new RegExp(`MPN ID: entered “${a.org.mpnId}”; Partner Center has “7654321”`));
    assert.match(en, /The application stays with the program administrators for review/);
  });

  it('E-PC1, E-PC3: pressing Compare with Partner Center reads the profile now and approves what it confirms (en-US, ko-KR)', async () => {
    stub.world.withPartner({ vettingStatus: 'pending' });
    const { page } = await linkAs(p, `admin@${DOMAIN}`);
    assert.match(page.text, /Microsoft has not verified the partner in Partner Center yet/);
    assert.equal(await state(), 'awaiting_verification');
    stub.world.withPartner({ vettingStatus: 'authorized' });
    const ko = cardText(cardOf(await chatOf(p, a.org.admin, 'ko-KR').invoke(pv.partnerCenterCheckProfile, { v: 1 })));
    assert.match(ko, new RegExp(`파트너 센터가 ${a.org.legalName}을\\(를\\) 확인했습니다`));
    assert.equal(await state(), 'approved');
    assert.equal(stub.requestsTo('/v1/profiles/legalbusiness').length, 2);
    // L1: only the organisation's global admins and admin agents may ask; nothing is read for anyone else
    const agent = await userWithRoles(p.w, a.org, ['sales_agent'], 'Sales Person');
    await p.w.store.read.user.updateMany({
      where: { emailLower: agent.email!.toLowerCase() },
      data: { aadObjectId: agent.aadObjectId },
    });
    const refused = await chatOf(p, agent).invoke(pv.partnerCenterCheckProfile, { v: 1 });
    assert.match(errorMessage(refused), /global admin|admin agent/i);
    assert.equal(stub.requestsTo('/v1/profiles/legalbusiness').length, 2);
    // E-PC7: the application is decided; asking again changes nothing and says nothing new
    const en = cardText(cardOf(await chatOf(p, a.org.admin).invoke(pv.partnerCenterCheckProfile, { v: 1 })));
    assert.doesNotMatch(en, /its application is approved, with no review/);
    assert.match(en, /approved on the Partner Center profile/);
  });

  it('E-PC6: Partner Center down: the card says so, nothing changes, and the last comparison still shows', async function () {
    this.timeout(60_000);
    stub.world.withPartner({ mpnId: '7654321' });
    await linkAs(p, `admin@${DOMAIN}`);
    const before = await p.w.store.read.partnerCenterProfileCheck.findUniqueOrThrow({ where: { orgId: a.org.orgId } });
    // Partner Center would now confirm it, but does not answer
    stub.world.withPartner({ mpnId: a.org.mpnId });
    stub.outage(120_000);
    const shown = await replyTo(p, chatOf(p, a.org.admin), 'partner center');
    assert.ok(verbsOf(shown.card).includes(pv.partnerCenterCheckProfile), cardText(shown.card));
    assert.equal(stub.requestsTo('/v1/profiles/legalbusiness').length, 1, 'the card shows what is stored');
    const card = cardText(cardOf(await chatOf(p, a.org.admin).invoke(pv.partnerCenterCheckProfile, { v: 1 })));
    assert.match(card, /The Partner Center profile could not be read just now, so nothing changed\./);
    assert.match(card, /Partner Center isn't answering right now/);
    assert.match(card, /The application stays with the program administrators for review/);
    assert.equal(await state(), 'awaiting_verification');
    const after = await p.w.store.read.partnerCenterProfileCheck.findUniqueOrThrow({ where: { orgId: a.org.orgId } });
    assert.equal(after.checkedAt.getTime(), before.checkedAt.getTime());
    assert.equal(after.profile, before.profile);
  });
});
