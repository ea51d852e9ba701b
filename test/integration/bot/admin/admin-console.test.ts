import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { adminVerbs as av } from '../../../../src/bot/admin/verbs.js';
import { enrollmentVerbs as ev } from '../../../../src/bot/enrollment/verbs.js';
import { partnershipVerbs as pv } from '../../../../src/bot/partnerships/verbs.js';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { verifyContact } from '../../../../src/domain/enrollment/verify-contact.js';
import { requestPartnershipEnd } from '../../../../src/domain/partnerships/end-partnership.js';
import type { DomainContext } from '../../../../src/domain/shared/context.js';
import { actionsOf, cardJson } from '../../../support/cards.js';
import { card, not, play, press, refused, says, type Answer } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { startHarness } from '../../../support/harness.js';
import { enrolledOrg, enrollmentInput, makeActor, registeredMpnId, userWithRoles } from '../../../support/fixtures.js';
import { partner, provider, reseller } from '../../../support/partners.js';
import { adminChat, bind, chatOf, startPWorld, type PWorld } from '../partnerships/support.js';

/**
 * Issue 14 item 1: the program administrator's console through the real server: `admin`, `reviews`,
 * `program admins`, `end requests`, `mpn`, refused to everyone else (U3).
 */

/** The data of the button titled `title` (or with `verb`) on the answered card. */
function buttonOf(verb: string, title?: string) {
  return (a: Answer) => {
    const hit = actionsOf(a.card).find((x) => x.verb === verb && (title === undefined || x.title === title));
    assert.ok(hit, `a ${title ?? verb} button`);
    return hit.data;
  };
}

/** An application in review enrolled while nobody was a program administrator (no review notice was queued). */
async function reviewBeforeAnyAdmin(p: PWorld, legalName: string): Promise<string> {
  const none: DomainContext = { ...p.w.ctx, programAdmins: [] };
  const mpnId = await registeredMpnId(p.w, 'KR');
  const r = await enroll(none, makeActor(), enrollmentInput(mpnId, 'KR', { legalName }));
  if (!r.verification) throw new Error('no verification');
  await verifyContact(none, { token: r.verification.token });
  return r.applicationId;
}

describe('the program administrator console (issue 14 item 1, in chat)', function () {
  this.timeout(90_000);
  forEachDatabase('admin console', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });
    const adminOf = (locale = 'en-US') =>
      p.h.user({ aadObjectId: p.programAdminId, tenantId: randomUUID(), name: 'Program Admin', locale });

    it('U3: a partner administrator is refused every console command and card; help does not list them to it', async () => {
      const org = await enrolledOrg(p.w);
      const chat = adminChat(p, org);
      const refusal = 'Only a program administrator can do this.';
      await play(p.h, chat, [
        { user: 'admin', bot: says(refusal) },
        { user: 'reviews', bot: says(refusal) },
        { user: 'program admins', bot: says(refusal) },
        { user: 'end requests', bot: says(refusal) },
        { user: `mpn ${org.mpnId}`, bot: says(refusal, not(org.legalName)) },
        { user: press(av.adminGrant, { v: 1, known: org.admin.aadObjectId }), bot: refused(refusal) },
        { user: press(av.adminRevoke, { v: 1, aadObjectId: p.programAdminId }), bot: refused(refusal) },
        { user: press(av.adminReviewsPage, { v: 1 }), bot: refused(refusal) },
        { user: press(av.adminMpnLookup, { v: 1, mpnId: org.mpnId }), bot: refused(refusal) },
        { user: 'help', bot: card('**help**', not('**admin**'), not('**program admins**'), not('**reviews**')) },
      ]);
      assert.equal(await p.w.store.read.programAdmin.count({ where: { bootstrap: false } }), 0);
      await play(p.h, adminOf(), [{ user: 'help', bot: card('**admin**', '**program admins**', '**mpn**') }]);
    });

    it('admin: the console has its buttons (listings and offers too) and looks an MPN ID up (country name, active, enrolled)', async () => {
      const org = await enrolledOrg(p.w, { legalName: 'Fabrikam Korea Ltd' });
      const unknown = '9999999999';
      await play(p.h, adminOf(), [
        {
          user: 'admin',
          bot: card('Program administrator', 'Applications waiting', {
            json: [
              '"value":"reviews"',
              '"value":"end requests"',
              '"value":"program admins"',
              '"value":"listings"',
              '"value":"offers"',
              av.adminMpnLookup,
            ],
          }),
        },
        {
          user: press(av.adminMpnLookup, { v: 1, mpnId: ` ${org.mpnId} ` }),
          bot: card(
            `MPN ID ${org.mpnId}`,
            'Fabrikam Korea Ltd',
            'South Korea',
            'Active',
            /Fabrikam Korea Ltd: indirect reseller, since/i,
            not('KR,'),
          ),
        },
        {
          user: `mpn ${unknown}`,
          bot: card(`MPN ID ${unknown}`, 'Not in the registry', 'No organization has enrolled'),
        },
        { user: 'mpn', bot: says('Type the MPN ID after the command') },
        { user: 'mpn 12ab', bot: says('Some of what you entered is not valid', 'digits only') },
      ]);
    });

    it('E4, E5: reviews lists what waits, oldest first, with age and date, including an application from before any administrator; its review card approves it', async () => {
      const early = await reviewBeforeAnyAdmin(p, 'Early Bird Ltd');
      assert.equal(await p.w.store.read.outboxEvent.count({ where: { type: 'enrollment.review_requested' } }), 0);
      // one still waiting for its contact's e-mail verification
      const mpnId = await registeredMpnId(p.w, 'KR');
      await enroll(p.w.ctx, makeActor(), enrollmentInput(mpnId, 'KR', { legalName: 'Unverified Ltd' }));
      const admin = adminOf();
      const rows = await play(p.h, admin, [
        {
          user: 'reviews',
          bot: card(
            'Applications waiting',
            /Early Bird Ltd: indirect reseller/i,
            /In review for (less than a day|\d+ days?)/,
            'Submitted',
            'Unverified Ltd',
            'Waiting for e-mail verification',
            'South Korea',
          ),
        },
        {
          user: press(av.adminReviewOpen, buttonOf(av.adminReviewOpen)),
          bot: card('The review card of Early Bird Ltd is below.'),
          sends: [card('Early Bird Ltd', { json: [ev.reviewApprove, ev.reviewReject, `29:${p.programAdminId}`] })],
        },
      ]);
      const order = cardJson(rows[0]?.[0]?.card);
      assert.ok(order.indexOf('Early Bird') < order.indexOf('Unverified'), 'oldest first');
      await play(p.h, admin, [
        { user: press(ev.reviewApprove, { v: 1, applicationId: early }), bot: card(/Approved by Program Admin/i) },
        { user: 'reviews', bot: card(not('Early Bird'), 'Unverified Ltd') },
      ]);
      const app = await p.w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id: early } });
      assert.equal(app.state, 'approved');
    });

    it('ko-KR: the console and the reviews list speak Korean, with the Korean command names on the buttons', async () => {
      await reviewBeforeAnyAdmin(p, 'Korea First Ltd');
      await play(p.h, adminOf('ko-KR'), [
        { user: '관리자', bot: card('프로그램 관리자', { json: ['"value":"검토 대기"', '"value":"종료 요청"'] }) },
        { user: '검토 대기', bot: card('검토 대기 중인 신청', 'Korea First Ltd', '검토 중', '제출') },
      ]);
    });

    it('E5: program admins grants the role from the card (known user, people picker), the grantee can review; revoke asks first and takes it back; PROGRAM_ADMINS cannot be revoked', async () => {
      const org = await enrolledOrg(p.w);
      const person = await userWithRoles(p.w, org, ['admin_agent'], 'Choi Seo-yeon');
      await bind(p, person);
      const admin = adminOf();
      await play(p.h, admin, [
        {
          user: 'program admins',
          bot: card('Program administrators', 'Set in the bot’s configuration', 'Choi Seo-yeon', {
            json: ['graph.microsoft.com/users', 'Data.Query', av.adminGrant],
            inputsInAnyOrder: ['person', 'known'],
          }),
        },
        { user: press(av.adminGrant, { v: 1 }), bot: card('Choose a person first') },
        {
          user: press(av.adminGrant, { v: 1, known: person.aadObjectId }),
          bot: card('Choi Seo-yeon is now a program administrator', /Granted by Program Admin on/, {
            json: [av.adminRevoke, 'Yes, revoke'],
          }),
        },
        {
          user: press(av.adminGrant, { v: 1, known: person.aadObjectId }),
          bot: card('Choi Seo-yeon is already a program administrator: nothing changed.'),
        },
        {
          user: press(av.adminRevoke, { v: 1, aadObjectId: p.programAdminId }),
          bot: refused('cannot be revoked from a card'),
        },
      ]);
      assert.equal(
        await p.w.store.read.outboxEvent.count({
          where: { type: 'program_admin.granted', userRef: `aad:${person.aadObjectId}` },
        }),
        1,
      );
      // the grantee reviews; its Teams id is remembered for the cards' refresh lists
      const grantee = chatOf(p, person);
      await play(p.h, grantee, [{ user: 'reviews', bot: card('Applications waiting') }]);
      const row = await p.w.store.read.programAdmin.findUniqueOrThrow({ where: { aadObjectId: person.aadObjectId } });
      assert.equal(row.teamsUserId, `29:${person.aadObjectId}`);
      // a person picked in Teams' people picker, unknown to the bot
      const picked = randomUUID();
      await play(p.h, admin, [
        {
          user: press(av.adminGrant, { v: 1, person: picked }),
          bot: card('The person you picked is now a program administrator', '(name not known yet)'),
        },
        { user: press(av.adminGrant, { v: 1, person: 'not-an-object-id' }), bot: refused(not('not-an-object-id is')) },
        {
          user: press(av.adminRevoke, { v: 1, aadObjectId: person.aadObjectId }),
          bot: card('Choi Seo-yeon is no longer a program administrator.'),
        },
        {
          user: press(av.adminRevoke, { v: 1, aadObjectId: person.aadObjectId }),
          bot: card('That person is no longer a program administrator: nothing changed.'),
        },
      ]);
      await play(p.h, grantee, [{ user: 'reviews', bot: says('Only a program administrator can do this.') }]);
      const audits = await p.w.store.read.auditEvent.findMany({
        where: { action: { in: ['program_admin.granted', 'program_admin.revoked'] } },
        orderBy: { at: 'asc' },
      });
      assert.deepEqual(
        audits.map((a) => a.action),
        ['program_admin.granted', 'program_admin.granted', 'program_admin.revoked'],
      );
    });

    it('P7: end requests lists the waiting request; its decision card approves it; then nothing waits', async () => {
      const prov = await provider(p.w, { legalName: 'Northwind Distribution' });
      const res = await reseller(p.w, { legalName: 'Tailspin Resellers' });
      const partnershipId = await partner(p.w, prov, res);
      await requestPartnershipEnd(p.w.ctx, res.admin, { partnershipId, reason: 'We merged' });
      const admin = adminOf();
      await play(p.h, admin, [
        {
          user: 'end requests',
          bot: card(
            'Requests to end a partnership',
            'Northwind Distribution and Tailspin Resellers',
            'Reason: We merged',
            /Asked by Admin of Tailspin/,
          ),
        },
        {
          user: press(av.adminEndRequestOpen, buttonOf(av.adminEndRequestOpen)),
          bot: card('is below'),
          sends: [card('Northwind Distribution', { json: [pv.partnershipEndApprove, pv.partnershipEndDecline] })],
        },
        { user: press(pv.partnershipEndApprove, { v: 1, partnershipId }), bot: card(/Ended by Program Admin/) },
        { user: 'end requests', bot: card('No request to end a partnership is waiting.') },
      ]);
      const row = await p.w.store.read.partnership.findUniqueOrThrow({ where: { id: partnershipId } });
      assert.equal(row.state, 'ended');
    });

    it("U3: the console is refused in a team channel that is not the program's, even to an administrator", async () => {
      const channel = p.h.channel({ aadObjectId: p.programAdminId, name: 'Program Admin' });
      await play(p.h, channel, [
        { user: 'reviews', bot: says("works in your personal chat with the bot and in the program's channel only") },
        { user: press(av.adminReviewsPage, { v: 1 }), bot: refused("program's channel only") },
      ]);
    });
  });

  forEachDatabase('admin console in the program channel', (db) => {
    it("the console works in the program's channel (PROGRAM_CHANNEL_ID) for an administrator, and still refuses others there", async () => {
      const adminId = randomUUID();
      const channelId = '19:program-admins@thread.tacv2';
      const h = await startHarness({
        storage: db.kind,
        env: { PROGRAM_ADMINS: adminId, PROGRAM_CHANNEL_ID: channelId, PUBLIC_BASE_URL: 'https://bot.example.test' },
      });
      try {
        const channel = h.channel({ aadObjectId: adminId, name: 'Program Admin', channelId });
        await play(h, channel, [
          { user: 'admin', bot: card('Program administrator') },
          { user: 'reviews', bot: card('No application is waiting.') },
          {
            user: 'reviews',
            by: channel.as({ name: 'Someone Else' }),
            bot: says('Only a program administrator can do this.'),
          },
        ]);
      } finally {
        await h.close();
      }
    });
  });
});
