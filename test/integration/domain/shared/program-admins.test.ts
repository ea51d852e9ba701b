import assert from 'node:assert/strict';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { listPendingApplications } from '../../../../src/domain/enrollment/pending-reviews.js';
import { reviewEnrollment } from '../../../../src/domain/enrollment/review-enrollment.js';
import { verifyContact } from '../../../../src/domain/enrollment/verify-contact.js';
import { isProgramAdmin, type Actor, type DomainContext } from '../../../../src/domain/shared/context.js';
import {
  grantCandidates,
  grantProgramAdmin,
  listProgramAdmins,
  programAdminTeamsIds,
  rememberProgramAdmin,
  revokeProgramAdmin,
} from '../../../../src/domain/shared/program-admins.js';
import { forEachDatabase } from '../../../support/db.js';
import { refusesWithoutChange } from '../../../support/domain-assert.js';
import {
  enrolledOrg,
  enrollmentInput,
  makeActor,
  makeWorld,
  registeredMpnId,
  userWithRoles,
  type World,
} from '../../../support/fixtures.js';

/** An application in review (E1–E4 done), enrolled by a fresh actor. */
async function inReview(w: World, ctx: DomainContext = w.ctx): Promise<string> {
  const mpnId = await registeredMpnId(w, 'KR');
  const r = await enroll(ctx, makeActor(), enrollmentInput(mpnId, 'KR'));
  if (!r.verification) throw new Error('no verification');
  await verifyContact(ctx, { token: r.verification.token });
  return r.applicationId;
}

describe('program administrators (issue 14 item 1)', function () {
  this.timeout(30_000);
  forEachDatabase('program administrators', (db) => {
    let w: World;
    beforeEach(async () => {
      w = makeWorld(await db.fresh());
    });
    const audits = (action: string) => w.store.read.auditEvent.findMany({ where: { action } });

    it('E5: an administrator grants the role to a known user; the grantee holds it at once, audited, told in its chat', async () => {
      const org = await enrolledOrg(w);
      const person = await userWithRoles(w, org, ['admin_agent'], 'Lee Ji-eun');
      await w.store.read.user.updateMany({
        where: { emailLower: person.email!.toLowerCase() },
        data: { aadObjectId: person.aadObjectId },
      });
      assert.equal(await isProgramAdmin(w.ctx, person), false);
      const r = await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: person.aadObjectId });
      assert.deepEqual(r, { outcome: 'granted', name: 'Lee Ji-eun' });
      assert.equal(await isProgramAdmin(w.ctx, person), true);
      const [a] = await audits('program_admin.granted');
      assert.equal(a?.entityId, person.aadObjectId);
      assert.equal(a?.actorRef, w.programAdmin.aadObjectId);
      const notes = await w.store.read.outboxEvent.findMany({ where: { type: 'program_admin.granted' } });
      assert.deepEqual(
        notes.map((n) => n.userRef),
        [`aad:${person.aadObjectId}`],
      );
      // idempotent: again changes nothing and says so
      assert.deepEqual(await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: person.aadObjectId }), {
        outcome: 'already',
        name: 'Lee Ji-eun',
        bootstrap: false,
      });
      assert.equal((await audits('program_admin.granted')).length, 1);
    });

    it('E5: a person picked in Teams (unknown to the program) is granted by Entra object id; the name comes later', async () => {
      const picked = makeActor({ name: 'Picked Person' });
      assert.equal(
        (await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: picked.aadObjectId })).outcome,
        'granted',
      );
      const listed = await listProgramAdmins(w.ctx, w.programAdmin);
      const row = listed.find((e) => e.aadObjectId === picked.aadObjectId);
      assert.equal(row?.name, '');
      assert.equal(row?.grantedByName, 'Program Admin');
      await rememberProgramAdmin(w.ctx, {
        aadObjectId: picked.aadObjectId,
        teamsUserId: '29:picked',
        name: 'Picked Person',
      });
      const again = (await listProgramAdmins(w.ctx, picked)).find((e) => e.aadObjectId === picked.aadObjectId);
      assert.equal(again?.name, 'Picked Person');
      assert.equal(again?.isYou, true);
      assert.deepEqual(await programAdminTeamsIds(w.ctx), ['29:picked']);
    });

    it('U3: a non-administrator cannot grant, revoke or list; bad ids are refused; nothing changes', async () => {
      const org = await enrolledOrg(w);
      const target = makeActor();
      await refusesWithoutChange(
        w.store,
        () => grantProgramAdmin(w.ctx, org.admin, { aadObjectId: target.aadObjectId }),
        'PROGRAM_ADMIN_REQUIRED',
      );
      await refusesWithoutChange(
        w.store,
        () => revokeProgramAdmin(w.ctx, org.admin, { aadObjectId: w.programAdmin.aadObjectId }),
        'PROGRAM_ADMIN_REQUIRED',
      );
      await refusesWithoutChange(w.store, () => listProgramAdmins(w.ctx, org.admin), 'PROGRAM_ADMIN_REQUIRED');
      await refusesWithoutChange(w.store, () => grantCandidates(w.ctx, org.admin), 'PROGRAM_ADMIN_REQUIRED');
      await refusesWithoutChange(
        w.store,
        () => grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: 'not-an-id' }),
        'VALIDATION',
      );
    });

    it('E5: a PROGRAM_ADMINS administrator cannot be revoked from a card (it says so); granting it changes nothing', async () => {
      await refusesWithoutChange(
        w.store,
        () => revokeProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: w.programAdmin.aadObjectId }),
        'PROGRAM_ADMIN_BOOTSTRAP',
      );
      const r = await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: w.programAdmin.aadObjectId });
      assert.equal(r.outcome, 'already');
      assert.equal(await w.store.read.programAdmin.count(), 0);
    });

    it('E5: revoking takes the role away at once (audited, idempotent); granting again restores it', async () => {
      const person = makeActor({ name: 'Park' });
      await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: person.aadObjectId });
      assert.deepEqual(await revokeProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: person.aadObjectId }), {
        outcome: 'revoked',
        name: '',
      });
      assert.equal(await isProgramAdmin(w.ctx, person), false);
      assert.equal(
        (await revokeProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: person.aadObjectId })).outcome,
        'already',
      );
      assert.equal((await audits('program_admin.revoked')).length, 1);
      assert.equal(
        (await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: person.aadObjectId })).outcome,
        'granted',
      );
      assert.equal(await isProgramAdmin(w.ctx, person), true);
      assert.equal((await audits('program_admin.granted')).length, 2);
    });

    it('E5: the last administrator cannot revoke itself; with another one left it can', async () => {
      const a = makeActor({ name: 'A' });
      const b = makeActor({ name: 'B' });
      await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: a.aadObjectId });
      // a deployment whose PROGRAM_ADMINS is empty: A is the only administrator
      const bare: DomainContext = { ...w.ctx, programAdmins: [] };
      await refusesWithoutChange(
        w.store,
        () => revokeProgramAdmin(bare, a, { aadObjectId: a.aadObjectId }),
        'LAST_PROGRAM_ADMIN',
      );
      assert.equal(await isProgramAdmin(bare, a), true);
      await grantProgramAdmin(bare, a, { aadObjectId: b.aadObjectId });
      assert.equal((await revokeProgramAdmin(bare, a, { aadObjectId: a.aadObjectId })).outcome, 'revoked');
      assert.equal(await isProgramAdmin(bare, a), false);
      await refusesWithoutChange(
        w.store,
        () => revokeProgramAdmin(bare, b, { aadObjectId: b.aadObjectId }),
        'LAST_PROGRAM_ADMIN',
      );
    });

    it('E5: the last two administrators revoking each other at once: one revocation wins, one administrator is left', async () => {
      const a = makeActor({ name: 'A' });
      const b = makeActor({ name: 'B' });
      await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: a.aadObjectId });
      await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: b.aadObjectId });
      const bare: DomainContext = { ...w.ctx, programAdmins: [] };
      const results = await Promise.allSettled([
        revokeProgramAdmin(bare, a, { aadObjectId: b.aadObjectId }),
        revokeProgramAdmin(bare, b, { aadObjectId: a.aadObjectId }),
      ]);
      const revoked = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'revoked');
      assert.equal(
        revoked.length,
        1,
        JSON.stringify(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.value))),
      );
      const left = await w.store.read.programAdmin.count({ where: { revokedAt: null, bootstrap: false } });
      assert.equal(left, 1);
      assert.equal((await audits('program_admin.revoked')).length, 1);
    });

    it('E5: a DB-granted administrator reviews an application; once revoked it cannot', async () => {
      const granted = makeActor({ name: 'Granted Reviewer' });
      await grantProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: granted.aadObjectId });
      const first = await inReview(w);
      const r = await reviewEnrollment(w.ctx, granted, { applicationId: first, decision: 'approve' });
      assert.equal(r.state, 'approved');
      const app = await w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id: first } });
      assert.equal(app.decidedByName, 'Granted Reviewer');
      // the review notice of a later application reaches the granted administrator too
      const second = await inReview(w);
      const notices = await w.store.read.outboxEvent.findMany({
        where: { type: 'enrollment.review_requested', idempotencyKey: { contains: second } },
      });
      assert.ok(notices.some((n) => n.userRef === `aad:${granted.aadObjectId}`));
      await revokeProgramAdmin(w.ctx, w.programAdmin, { aadObjectId: granted.aadObjectId });
      await refusesWithoutChange(
        w.store,
        () => reviewEnrollment(w.ctx, granted, { applicationId: second, decision: 'approve' }),
        'PROGRAM_ADMIN_REQUIRED',
      );
    });

    it("E5: a PROGRAM_ADMINS person's Teams id is remembered in a bootstrap row that grants nothing by itself", async () => {
      await rememberProgramAdmin(w.ctx, {
        aadObjectId: w.programAdmin.aadObjectId,
        teamsUserId: '29:boot',
        name: 'PA',
      });
      assert.deepEqual(await programAdminTeamsIds(w.ctx), ['29:boot']);
      const row = await w.store.read.programAdmin.findUniqueOrThrow({
        where: { aadObjectId: w.programAdmin.aadObjectId },
      });
      assert.equal(row.bootstrap, true);
      // taken out of PROGRAM_ADMINS: the row does not keep the role
      const without: DomainContext = { ...w.ctx, programAdmins: [] };
      assert.equal(await isProgramAdmin(without, w.programAdmin), false);
      assert.deepEqual(await programAdminTeamsIds(without), []);
      // anyone else talking to the bot leaves no row
      const stranger: Actor = makeActor();
      await rememberProgramAdmin(w.ctx, { aadObjectId: stranger.aadObjectId, teamsUserId: '29:x', name: 'X' });
      assert.equal(await w.store.read.programAdmin.count(), 1);
    });

    it('E4, E5: `reviews` lists what waits, oldest first, with its age, including an application that arrived before any administrator existed', async () => {
      const none: DomainContext = { ...w.ctx, programAdmins: [] };
      const early = await inReview(w, none);
      assert.equal(
        await w.store.read.outboxEvent.count({ where: { type: 'enrollment.review_requested' } }),
        0,
        'no administrator: no review notice',
      );
      w.clock.advanceDays(3);
      const mpnId = await registeredMpnId(w, 'KR');
      const waiting = await enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR'));
      w.clock.advanceDays(1);
      const page = await listPendingApplications(w.ctx, w.programAdmin, { limit: 1 });
      assert.deepEqual(
        page.items.map((i) => [i.applicationId, i.state, i.ageDays]),
        [[early, 'in_review', 4]],
      );
      assert.ok(page.nextCursor);
      const next = await listPendingApplications(w.ctx, w.programAdmin, { limit: 1, cursor: page.nextCursor });
      assert.deepEqual(
        next.items.map((i) => [i.applicationId, i.state, i.ageDays]),
        [[waiting.applicationId, 'awaiting_verification', 1]],
      );
      assert.equal(next.nextCursor, null);
      const org = await enrolledOrg(w);
      await refusesWithoutChange(w.store, () => listPendingApplications(w.ctx, org.admin), 'PROGRAM_ADMIN_REQUIRED');
    });
  });
});
