import assert from 'node:assert/strict';
import { decideDirectoryRequest, requestThroughDirectory } from '../../../../src/domain/directory/directory-request.js';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { verifyContact } from '../../../../src/domain/enrollment/verify-contact.js';
import { guideFor, requireActionApplies, stepsFor } from '../../../../src/domain/guide/next-steps.js';
import { listProviders } from '../../../../src/domain/partnerships/partner-lists.js';
import {
  restoreProviderAdminAccess,
  withdrawProviderAdminAccess,
} from '../../../../src/domain/partnerships/withdraw-admin-access.js';
import { isAppError } from '../../../../src/domain/shared/errors.js';
import { forEachDatabase } from '../../../support/db.js';
import {
  enrollmentInput,
  makeActor,
  makeWorld,
  registeredMpnId,
  userWithRoles,
  type World,
} from '../../../support/fixtures.js';
import { listInDirectory, partner, provider, reseller } from '../../../support/partners.js';

/** Runs `run`, expects the AppError `code`, and that nothing was audited or queued meanwhile. */
async function refused(w: World, code: string, run: () => Promise<unknown>): Promise<void> {
  const before = await w.store.read.auditEvent.count();
  const outbox = await w.store.read.outboxEvent.count();
  await assert.rejects(run, (e) => isAppError(e) && e.code === code);
  assert.equal(await w.store.read.auditEvent.count(), before, 'no audit row');
  assert.equal(await w.store.read.outboxEvent.count(), outbox, 'no notice');
}

describe('guided cards and P3 restore (src/domain/guide, withdraw-admin-access)', function () {
  this.timeout(60_000);

  it('E5/E8/U3: the steps from the facts: each stage, type and role gets what it can do now (pure)', () => {
    const base = { partnerTypes: [], roles: [], mpaSigned: false, programAdmin: false } as const;
    assert.deepEqual(stepsFor({ ...base, stage: 'not_enrolled' }), ['enroll']);
    assert.deepEqual(stepsFor({ ...base, stage: 'in_review' }), ['status']);
    assert.deepEqual(stepsFor({ ...base, stage: 'rejected' }), ['enroll', 'status']);
    assert.deepEqual(stepsFor({ ...base, stage: 'not_enrolled', programAdmin: true }), ['enroll', 'adminConsole']);
    const reseller = { ...base, stage: 'onboarded', partnerTypes: ['indirect_reseller'] } as const;
    assert.deepEqual(stepsFor({ ...reseller, roles: ['global_admin'] }), [
      'status',
      'signAgreement',
      'findProvider',
      'inviteCustomer',
      'providers',
      'customers',
      'users',
      'addUser',
    ]);
    // U3: a helpdesk agent of the same reseller is offered neither the reseller workflow nor the users
    assert.deepEqual(stepsFor({ ...reseller, roles: ['helpdesk_agent'], mpaSigned: true }), ['status']);
    const prov = { ...base, stage: 'onboarded', partnerTypes: ['indirect_provider'], mpaSigned: true } as const;
    assert.deepEqual(stepsFor({ ...prov, roles: ['sales_agent'] }), [
      'status',
      'inviteReseller',
      'resellers',
      'addCustomer',
      'requests',
    ]);
  });

  forEachDatabase('guide', (db) => {
    it('E5/E8: the guide follows the enrollment: not enrolled → enroll; awaiting verification and in review → status; approved reseller without MPA → sign agreement', async () => {
      const w = makeWorld(await db.fresh());
      const actor = makeActor();
      assert.deepEqual((await guideFor(w.ctx, actor)).steps, ['enroll']);
      const mpnId = await registeredMpnId(w, 'KR');
      const enrolled = await enroll(w.ctx, actor, enrollmentInput(mpnId, 'KR'));
      const waiting = await guideFor(w.ctx, actor);
      assert.equal(waiting.stage, 'awaiting_verification');
      assert.deepEqual(waiting.steps, ['status']);
      await verifyContact(w.ctx, { token: enrolled.verification!.token });
      assert.equal((await guideFor(w.ctx, actor)).stage, 'in_review');

      const r = await reseller(w, { mpa: false });
      const g = await guideFor(w.ctx, r.admin);
      assert.equal(g.stage, 'onboarded');
      assert.ok(g.steps.includes('signAgreement') && g.steps.includes('findProvider'), g.steps.join());
      assert.ok(!g.steps.includes('inviteReseller'));
      assert.deepEqual((await guideFor(w.ctx, w.programAdmin)).steps, ['enroll', 'adminConsole']);
    });

    it('P1/P10/C2/S1: a type-bound command is refused at once for an organisation of the other type, naming it', async () => {
      const w = makeWorld(await db.fresh());
      const p = await provider(w, { legalName: 'Northwind Cloud' });
      const r = await reseller(w, { legalName: 'Adatum Resellers' });
      await assert.rejects(
        requireActionApplies(w.ctx, r.admin, 'inviteReseller'),
        (e) => isAppError(e) && e.code === 'NOT_INDIRECT_PROVIDER' && e.params.org === 'Adatum Resellers',
      );
      await assert.rejects(
        requireActionApplies(w.ctx, r.admin, 'addCustomer'),
        (e) => isAppError(e) && e.code === 'NOT_INDIRECT_PROVIDER',
      );
      for (const action of ['findProvider', 'inviteCustomer'] as const) {
        await assert.rejects(
          requireActionApplies(w.ctx, p.admin, action),
          (e) => isAppError(e) && e.code === 'NOT_INDIRECT_RESELLER' && e.params.org === 'Northwind Cloud',
        );
      }
      await assert.rejects(
        requireActionApplies(w.ctx, makeActor(), 'findProvider'),
        (e) => isAppError(e) && e.code === 'NOT_A_PARTNER_USER',
      );
      await requireActionApplies(w.ctx, p.admin, 'inviteReseller');
      await requireActionApplies(w.ctx, r.admin, 'findProvider');
    });

    it('P3: the reseller restores the admin access it withdrew; audited, the provider is told, the partnership stays; a second restore changes nothing', async () => {
      const w = makeWorld(await db.fresh());
      const p = await provider(w);
      const r = await reseller(w);
      const id = await partner(w, p, r);
      await withdrawProviderAdminAccess(w.ctx, r.admin, { partnershipId: id });
      // U3: the provider cannot restore it, nor can a helpdesk agent of the reseller
      await refused(w, 'NOT_FOUND', () => restoreProviderAdminAccess(w.ctx, p.admin, { partnershipId: id }));
      const helpdesk = await userWithRoles(w, r, ['helpdesk_agent']);
      await refused(w, 'ROLE_REQUIRED', () => restoreProviderAdminAccess(w.ctx, helpdesk, { partnershipId: id }));
      await refused(w, 'VALIDATION', () => restoreProviderAdminAccess(w.ctx, r.admin, { partnershipId: '' }));

      const done = await restoreProviderAdminAccess(w.ctx, r.admin, { partnershipId: id });
      assert.deepEqual(done, { partnershipId: id, state: 'active', changed: true });
      const row = await w.store.read.partnership.findUniqueOrThrow({ where: { id } });
      assert.equal(row.adminAccessWithdrawnAt, null);
      assert.equal(row.state, 'active');
      assert.equal((await listProviders(w.ctx, r.admin)).items[0]?.adminAccessWithdrawn, false);
      assert.equal(
        await w.store.read.auditEvent.count({ where: { action: 'partnership.admin_access_restored', entityId: id } }),
        1,
      );
      const notices = await w.store.read.outboxEvent.findMany({
        where: { type: 'partnership.admin_access_restored' },
      });
      assert.deepEqual(notices.map((n) => n.targetOrgId).sort(), [p.orgId, r.orgId].sort());

      const audits = await w.store.read.auditEvent.count();
      const again = await restoreProviderAdminAccess(w.ctx, r.admin, { partnershipId: id });
      assert.equal(again.changed, false);
      assert.equal(await w.store.read.auditEvent.count(), audits, 'nothing audited');
      assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'partnership.admin_access_restored' } }), 2);

      // withdrawn again after the restore: that is news again (a second notice per side)
      w.clock.advanceDays(1);
      await withdrawProviderAdminAccess(w.ctx, r.admin, { partnershipId: id });
      assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'partnership.admin_access_withdrawn' } }), 4);
    });

    it('P10/item 6: the requester of a directory request is told the decision in its personal chat, besides the channels', async () => {
      const w = makeWorld(await db.fresh());
      const p = await provider(w);
      await listInDirectory(w, p);
      const r = await reseller(w);
      const asker = await userWithRoles(w, r, ['sales_agent'], 'Sal Sales');
      await w.store.read.user.updateMany({
        where: { emailLower: asker.email!.toLowerCase() },
        data: { aadObjectId: asker.aadObjectId },
      });
      const req = await requestThroughDirectory(w.ctx, asker, { providerId: p.orgId, consent: true });
      await decideDirectoryRequest(w.ctx, p.admin, { partnershipId: req.partnershipId, decision: 'approve' });
      const told = await w.store.read.outboxEvent.findMany({ where: { type: 'partnership.authorized' } });
      assert.ok(
        told.some((e) => e.userRef === `aad:${asker.aadObjectId}`),
        told.map((e) => e.userRef ?? e.targetOrgId).join(', '),
      );
    });
  });
});
