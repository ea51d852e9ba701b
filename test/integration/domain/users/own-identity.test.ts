/**
 * Issue 14 item 3: every person is recorded with their own Teams identity and e-mail, never the primary
 * contact's. The e-mail comes from Teams' member information (the bot puts it in Actor.email); without it,
 * none is recorded. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { signMpa } from '../../../../src/domain/agreement/sign-mpa.js';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { resendVerification } from '../../../../src/domain/enrollment/start-email-verification.js';
import { reviewEnrollment } from '../../../../src/domain/enrollment/review-enrollment.js';
import { verifyContact } from '../../../../src/domain/enrollment/verify-contact.js';
import { addUser } from '../../../../src/domain/users/add-user.js';
import { listUsers } from '../../../../src/domain/users/list-users.js';
import { forEachDatabase } from '../../../support/db.js';
import { rejectsWith } from '../../../support/domain-assert.js';
import { enrollmentInput, makeActor, makeWorld, registeredMpnId, type World } from '../../../support/fixtures.js';
import type { Actor } from '../../../../src/domain/shared/context.js';

/** Enrolls `actor`'s tenant, verifies the primary contact and approves: an onboarded organisation. */
async function onboarded(w: World, actor: Actor) {
  const mpnId = await registeredMpnId(w, 'KR');
  const input = enrollmentInput(mpnId, 'KR');
  const r = await enroll(w.ctx, actor, input);
  await verifyContact(w.ctx, { token: r.verification!.token });
  await reviewEnrollment(w.ctx, w.programAdmin, { applicationId: r.applicationId, decision: 'approve' });
  return { ...r, input };
}

forEachDatabase(
  'own identity: the enrolling user, added users, the MPA signer and deciders (issue 14 item 3)',
  (dbs) => {
    it("E1/E7: the enrolling user is recorded with their own Teams e-mail, not the primary contact's", async () => {
      const w = makeWorld(await dbs.fresh());
      const actor = makeActor({ email: 'erin.enroller@contoso.example' });
      const { orgId, input } = await onboarded(w, actor);
      const user = await w.store.read.user.findUniqueOrThrow({ where: { aadObjectId: actor.aadObjectId } });
      assert.deepEqual(
        [user.email, user.emailLower],
        ['erin.enroller@contoso.example', 'erin.enroller@contoso.example'],
      );
      assert.notEqual(user.email, input.primaryContact.email);
      const primary = await w.store.read.contact.findFirstOrThrow({ where: { orgId, kind: 'primary' } });
      assert.equal(primary.email, input.primaryContact.email, 'the primary contact keeps its own address');
      const audit = await w.store.read.auditEvent.findFirstOrThrow({
        where: { action: 'user.added', entityId: user.id },
      });
      assert.equal((JSON.parse(audit.detail) as { actorEmail?: string }).actorEmail, 'erin.enroller@contoso.example');
    });

    it("E7: when Teams could not tell the e-mail, none is recorded (not the primary contact's); a later turn that has it fills it in", async () => {
      const w = makeWorld(await dbs.fresh());
      const { email: _none, ...withoutEmail } = makeActor();
      const actor: Actor = withoutEmail;
      await onboarded(w, actor);
      const before = await w.store.read.user.findUniqueOrThrow({ where: { aadObjectId: actor.aadObjectId } });
      assert.deepEqual([before.email, before.emailLower], [null, null]);
      const list = await listUsers(w.ctx, actor);
      assert.deepEqual(
        list.users.map((u) => u.email),
        [null],
        'the users list reads a user without an e-mail',
      );
      // the next turn where the bot asked Teams (e.g. signing the MPA) brings the person's own address
      await listUsers(w.ctx, { ...actor, email: 'Late.Known@Contoso.example' });
      const after = await w.store.read.user.findUniqueOrThrow({ where: { aadObjectId: actor.aadObjectId } });
      assert.deepEqual([after.email, after.emailLower], ['Late.Known@Contoso.example', 'late.known@contoso.example']);
    });

    it('U2: the primary contact can be added as a user (no duplicate-e-mail refusal); a real duplicate is still refused', async () => {
      const w = makeWorld(await dbs.fresh());
      const actor = makeActor({ email: 'erin.enroller@contoso.example' });
      const { input } = await onboarded(w, actor);
      const added = await addUser(w.ctx, actor, {
        name: input.primaryContact.name,
        email: input.primaryContact.email,
        roles: ['global_admin'],
      });
      assert.ok(added);
      const list = await listUsers(w.ctx, actor);
      assert.deepEqual(
        list.users.map((u) => u.email).sort(),
        ['erin.enroller@contoso.example', input.primaryContact.email].sort(),
      );
      await rejectsWith(
        addUser(w.ctx, actor, { name: 'Erin Again', email: 'ERIN.enroller@contoso.example', roles: ['sales_agent'] }),
        'USER_EMAIL_TAKEN',
      );
    });

    it("U2: a user recorded the old way (with the primary contact's address) stays readable and keeps that address", async () => {
      const w = makeWorld(await dbs.fresh());
      const actor = makeActor({ email: 'erin.enroller@contoso.example' });
      const { orgId, input } = await onboarded(w, actor);
      // what enroll stored before issue 14: the primary contact's address on the enrolling user
      await w.store.read.user.updateMany({
        where: { orgId, aadObjectId: actor.aadObjectId },
        data: { email: input.primaryContact.email, emailLower: input.primaryContact.email.toLowerCase() },
      });
      const list = await listUsers(w.ctx, actor);
      assert.deepEqual(
        list.users.map((u) => u.email),
        [input.primaryContact.email],
      );
      const r = await signMpa(w.ctx, actor, { accept: true });
      assert.equal(r.signerEmail, input.primaryContact.email, 'an old row is read as it was stored');
    });

    it("M1: the MPA signer's e-mail is the signer's own, never the primary contact's", async () => {
      const w = makeWorld(await dbs.fresh());
      const actor = makeActor({ email: 'signer@contoso.example' });
      const { input } = await onboarded(w, actor);
      const r = await signMpa(w.ctx, actor, { accept: true });
      assert.equal(r.signerEmail, 'signer@contoso.example');
      assert.notEqual(r.signerEmail, input.primaryContact.email);
      const row = await w.store.read.mpaAcceptance.findFirstOrThrow({ where: { orgId: r.orgId } });
      assert.equal(row.signerEmail, 'signer@contoso.example');
    });

    it('M1: a signer recorded without an e-mail is recorded with the one Teams gives when signing; with none, no e-mail (not a wrong one)', async () => {
      const w = makeWorld(await dbs.fresh());
      const { email: _a, ...first } = makeActor();
      await onboarded(w, first);
      const r = await signMpa(w.ctx, { ...first, email: 'own@contoso.example' }, { accept: true });
      assert.equal(r.signerEmail, 'own@contoso.example');

      const { email: _b, ...second } = makeActor();
      const { input } = await onboarded(w, second);
      const s = await signMpa(w.ctx, second, { accept: true });
      assert.equal(s.signerEmail, null);
      assert.notEqual(s.signerEmail, input.primaryContact.email);
      const event = await w.store.read.outboxEvent.findFirstOrThrow({
        where: { type: 'mpa.signed', targetOrgId: s.orgId },
      });
      assert.equal((JSON.parse(event.payload) as { signerEmail: unknown }).signerEmail, null);
    });

    it('E5: the deciding program administrator is recorded with their own identity and e-mail', async () => {
      const w = makeWorld(await dbs.fresh());
      const mpnId = await registeredMpnId(w, 'KR');
      const r = await enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR'));
      await verifyContact(w.ctx, { token: r.verification!.token });
      await reviewEnrollment(w.ctx, w.programAdmin, { applicationId: r.applicationId, decision: 'approve' });
      const app = await w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id: r.applicationId } });
      assert.deepEqual([app.decidedByUserId, app.decidedByName], [w.programAdmin.aadObjectId, w.programAdmin.name]);
      const audit = await w.store.read.auditEvent.findFirstOrThrow({
        where: { action: 'enrollment.approved', entityId: r.applicationId },
      });
      assert.equal(audit.actorRef, w.programAdmin.aadObjectId);
      assert.equal((JSON.parse(audit.detail) as { actorEmail?: string }).actorEmail, w.programAdmin.email);
    });

    it('E4: resend verification sends a new link and the old one stops working; once verified nothing is sent', async () => {
      const w = makeWorld(await dbs.fresh());
      const actor = makeActor();
      const mpnId = await registeredMpnId(w, 'KR');
      const input = enrollmentInput(mpnId, 'KR');
      const first = await enroll(w.ctx, actor, input);
      const again = await resendVerification(w.ctx, actor);
      assert.ok(again.sent);
      assert.equal(again.email, input.primaryContact.email);
      assert.notEqual(again.verification.token, first.verification!.token);
      await rejectsWith(verifyContact(w.ctx, { token: first.verification!.token }), 'TOKEN_EXPIRED');
      const ok = await verifyContact(w.ctx, { token: again.verification.token });
      assert.deepEqual([ok.state, ok.alreadyVerified], ['in_review', false]);
      const mails = await w.store.read.outboxEvent.count({ where: { type: 'enrollment.verification_requested' } });
      const after = await resendVerification(w.ctx, actor);
      assert.deepEqual(after, { sent: false, email: input.primaryContact.email, alreadyVerified: true });
      assert.equal(
        await w.store.read.outboxEvent.count({ where: { type: 'enrollment.verification_requested' } }),
        mails,
        'nothing sent once verified',
      );
    });

    it('E4/U3: resend verification refuses someone who is not a user of the organisation', async () => {
      const w = makeWorld(await dbs.fresh());
      await rejectsWith(resendVerification(w.ctx, makeActor()), 'NOT_A_PARTNER_USER');
    });
  },
);
