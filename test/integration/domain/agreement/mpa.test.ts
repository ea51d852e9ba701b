import assert from 'node:assert/strict';
import { agreementStatus } from '../../../../src/domain/agreement/agreement-status.js';
import { enrollmentStatus } from '../../../../src/domain/enrollment/enrollment-status.js';
import { requireReadyToTransact } from '../../../../src/domain/enrollment/readiness.js';
import { CURRENT_MPA_VERSION, signMpa } from '../../../../src/domain/agreement/sign-mpa.js';
import { forEachDatabase } from '../../../support/db.js';
import { refusesWithoutChange, rejectsWith } from '../../../support/domain-assert.js';
import { enrolledOrg, makeWorld, userWithRoles } from '../../../support/fixtures.js';

forEachDatabase('Microsoft Partner Agreement and readiness', (dbs) => {
  it('M1: a global admin signs; who, when and which version are recorded; signing again changes nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w, { mpa: false });
    assert.equal((await agreementStatus(w.ctx, org.admin)).signed, false);
    const r = await signMpa(w.ctx, org.admin, { accept: true });
    assert.deepEqual(
      {
        created: r.created,
        version: r.version,
        signerName: r.signerName,
        signerEmail: r.signerEmail,
        signedAt: r.signedAt.toISOString(),
      },
      {
        created: true,
        version: CURRENT_MPA_VERSION,
        signerName: org.admin.name,
        signerEmail: org.admin.email,
        signedAt: w.clock.now().toISOString(),
      },
    );
    w.clock.advanceDays(1);
    const again = await signMpa(w.ctx, org.admin, { accept: true });
    assert.equal(again.created, false);
    assert.equal(again.signedAt.getTime(), r.signedAt.getTime());
    assert.equal(await w.store.read.mpaAcceptance.count(), 1);
    const status = await agreementStatus(w.ctx, org.admin);
    assert.deepEqual([status.signed, status.signedCurrent, status.latest?.signerEmail], [true, true, org.admin.email]);
    const events = await w.store.read.outboxEvent.count({ where: { type: 'mpa.signed' } });
    assert.equal(events, 1);
  });

  it('M1: only a global admin signs; others get ROLE_REQUIRED naming global admin', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w, { mpa: false });
    const agent = await userWithRoles(w, org, ['admin_agent', 'user_admin']);
    await refusesWithoutChange(w.store, () => signMpa(w.ctx, agent, { accept: true }), 'ROLE_REQUIRED', {
      roles: 'global_admin',
    });
  });

  it('M1: nothing is recorded without ticking acceptance', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w, { mpa: false });
    await refusesWithoutChange(
      w.store,
      () => signMpa(w.ctx, org.admin, { accept: false as unknown as true }),
      'VALIDATION',
    );
  });

  it('E8: the checklist goes onboarded → enrolled as indirect reseller → MPA signed', async () => {
    const w = makeWorld(await dbs.fresh());
    const provider = await enrolledOrg(w, { types: ['indirect_provider'], mpa: false });
    let s = await enrollmentStatus(w.ctx, provider.admin);
    assert.deepEqual(s.checklist, {
      onboarded: true,
      enrolledAsIndirectReseller: false,
      mpaSigned: false,
      readyToTransact: false,
    });
    await rejectsWith(
      w.store.transaction((tx) => requireReadyToTransact(tx, provider.orgId)),
      'NOT_INDIRECT_RESELLER',
    );

    const reseller = await enrolledOrg(w, { types: ['indirect_reseller'], mpa: false });
    s = await enrollmentStatus(w.ctx, reseller.admin);
    assert.deepEqual(s.checklist, {
      onboarded: true,
      enrolledAsIndirectReseller: true,
      mpaSigned: false,
      readyToTransact: false,
    });
    await rejectsWith(
      w.store.transaction((tx) => requireReadyToTransact(tx, reseller.orgId)),
      'MPA_NOT_SIGNED',
      { org: reseller.legalName },
    );

    await signMpa(w.ctx, reseller.admin, { accept: true });
    s = await enrollmentStatus(w.ctx, reseller.admin);
    assert.equal(s.checklist.readyToTransact, true);
    await w.store.transaction((tx) => requireReadyToTransact(tx, reseller.orgId));
  });
});
