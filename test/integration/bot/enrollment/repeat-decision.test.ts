import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../support/db.js';
import { startHarness, type Harness } from '../../../support/harness.js';
import { enrollmentInput, makeActor, makeWorld, newMpnId, registerMpn, type World } from '../../../support/fixtures.js';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { verifyContact } from '../../../../src/domain/enrollment/verify-contact.js';
import { textOf } from '../../../support/cards.js';

const ADMIN_AAD = '0d0d0d0d-1111-4222-8333-444444444444';

/**
 * Issue 13 item 8: the same administrator approving again (a double click, a retried invoke) gets the
 * decided card back and notifies no one again: no second "Approved" message to the applicant, no new
 * outbox row, no new history.
 */
forEachDatabase('a repeated review decision notifies no one again (through the real server)', (db) => {
  let h: Harness;
  let w: World;

  before(async () => {
    h = await startHarness({ env: { PROGRAM_ADMINS: ADMIN_AAD, LOG_LEVEL: 'warn' }, storage: db.kind });
    w = makeWorld(h.database!, { programAdmins: [ADMIN_AAD] });
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(() => h.connector.reset());

  const prisma = () => h.database!.db.prisma;

  for (const decision of ['approve', 'reject'] as const) {
    it(`${decision} twice by the same administrator: one notice to the applicant, no new outbox row`, async () => {
      const applicant = makeActor({ name: 'Erin Enroller' });
      const mpnId = newMpnId();
      await registerMpn(w, [{ mpnId, orgName: `Org ${mpnId}`, country: 'KR' }]);
      const enrolled = await enroll(w.ctx, applicant, enrollmentInput(mpnId, 'KR'));
      await verifyContact(w.ctx, { token: enrolled.verification!.token });
      const applicationId = enrolled.applicationId;

      // the applicant talked to the bot in a personal chat: that is where state changes reach them
      const applicantChat = h.user({ aadObjectId: applicant.aadObjectId, tenantId: applicant.tenantId });
      await applicantChat.say('help');
      await h.connector.waitFor(1);
      h.connector.reset();

      const admin = h.user({ aadObjectId: ADMIN_AAD, name: 'Ada Admin' });
      const data = { v: 1, applicationId, ...(decision === 'reject' ? { reason: 'incomplete profile' } : {}) };
      const verb = `review.${decision}`;
      const first = await admin.invoke(verb, data);
      assert.equal(first.body.statusCode, 200, JSON.stringify(first.body));
      const [notice] = await h.connector.waitFor(1);
      assert.equal(notice.conversationId, applicantChat.conversation.id);
      assert.match(textOf(notice), decision === 'approve' ? /Approved/ : /Rejected/);

      const rows = async () => ({
        outbox: await prisma().outboxEvent.count(),
        history: await prisma().enrollmentStateChange.count({ where: { applicationId } }),
        audit: await prisma().auditEvent.count(),
      });
      const afterFirst = await rows();

      for (let i = 0; i < 2; i++) {
        const again = await admin.invoke(verb, data);
        assert.equal(again.body.statusCode, 200, JSON.stringify(again.body));
        assert.match(
          JSON.stringify(again.body.value),
          decision === 'approve' ? /Approved by Ada Admin/ : /Rejected by Ada Admin/,
        );
      }
      await h.connector.expectNone(300);
      const toApplicant = h.connector.activities.filter(
        (a: { conversationId: string }) => a.conversationId === applicantChat.conversation.id,
      );
      assert.equal(toApplicant.length, 1, 'exactly one notice to the applicant');
      assert.deepEqual(await rows(), afterFirst, 'no new outbox row, history or audit');
    });
  }
});
