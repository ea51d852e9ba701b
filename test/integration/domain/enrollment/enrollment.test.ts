import assert from 'node:assert/strict';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { openBillingDetails } from '../../../../src/domain/enrollment/enrollment-rules.js';
import { enrollmentStatus } from '../../../../src/domain/enrollment/enrollment-status.js';
import { reviewEnrollment } from '../../../../src/domain/enrollment/review-enrollment.js';
import { startEmailVerification } from '../../../../src/domain/enrollment/start-email-verification.js';
import { verifyContact } from '../../../../src/domain/enrollment/verify-contact.js';
import { parseEventPayload } from '../../../../src/domain/shared/events.js';
import { hashToken } from '../../../../src/domain/shared/tokens.js';
import { regionOf } from '../../../../src/domain/shared/regions.js';
import { forEachDatabase } from '../../../support/db.js';
import { refusesWithoutChange, rejectsWith, snapshot } from '../../../support/domain-assert.js';
import {
  enrollmentInput,
  makeActor,
  makeWorld,
  newMpnId,
  registeredMpnId,
  type World,
} from '../../../support/fixtures.js';

/** enroll → link issued; returns everything a test needs */
async function submitted(w: World, country = 'KR') {
  const mpnId = await registeredMpnId(w, country);
  const actor = makeActor();
  const input = enrollmentInput(mpnId, country);
  const r = await enroll(w.ctx, actor, input);
  assert.ok(r.verification);
  return { actor, input, mpnId, ...r, token: r.verification.token };
}

forEachDatabase('enrollment', (dbs) => {
  it('E1: creates the organisation, both contacts, the application and a verification link', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    assert.equal(s.state, 'awaiting_verification');
    const org = await w.store.read.organization.findUniqueOrThrow({
      where: { id: s.orgId },
      include: { contacts: true },
    });
    assert.equal(org.tenantId, s.actor.tenantId);
    assert.equal(org.mpnId, s.mpnId);
    assert.equal(org.country, 'KR');
    assert.equal(org.region, regionOf('KR'));
    assert.deepEqual(org.contacts.map((c) => c.kind).sort(), ['primary', 'support']);
    assert.equal(org.onboardedAt, null);
    assert.match(s.verification!.link, /^https:\/\/bot\.example\.test\/verify\/[A-Za-z0-9_-]{43}$/);
    const v = await w.store.read.emailVerification.findFirstOrThrow({ where: { applicationId: s.applicationId } });
    assert.equal(v.tokenHash, hashToken(s.token));
    assert.notEqual(v.tokenHash, s.token);
  });

  it('E1: refuses a direct-bill enrollment without billing details, writing nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    const mpnId = await registeredMpnId(w);
    const input = enrollmentInput(mpnId, 'KR', { partnerType: 'direct_bill' });
    delete (input as { billing?: unknown }).billing;
    await refusesWithoutChange(w.store, () => enroll(w.ctx, makeActor(), input), 'BILLING_DETAILS_REQUIRED');
  });

  it('E1: accepts a direct-bill enrollment with billing details and keeps them out of the audit trail', async () => {
    const w = makeWorld(await dbs.fresh());
    const mpnId = await registeredMpnId(w);
    const r = await enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR', { partnerType: 'direct_bill' }));
    const org = await w.store.read.organization.findUniqueOrThrow({ where: { id: r.orgId } });
    assert.match(org.billingDetails ?? '', /^v1:/, 'encrypted at rest');
    assert.doesNotMatch(org.billingDetails ?? '', /Bank of Example|7890/);
    assert.equal(openBillingDetails(w.ctx, org.billingDetails)?.bankName, 'Bank of Example');
    const audits = await w.store.read.auditEvent.findMany({ where: { orgId: r.orgId } });
    assert.ok(audits.every((a) => !a.detail.includes('Bank of Example')));
  });

  it('E1: refuses incomplete input with VALIDATION, writing nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    const mpnId = await registeredMpnId(w);
    const input = {
      ...enrollmentInput(mpnId, 'KR'),
      supportContact: { email: 'x@contoso.com', phone: '+82 2 1234 5678' },
    };
    await refusesWithoutChange(w.store, () => enroll(w.ctx, makeActor(), input as never), 'VALIDATION');
  });

  const mpnCases: [string, (w: World) => Promise<string>, 'MPN_NOT_FOUND' | 'MPN_INACTIVE' | 'MPN_COUNTRY_MISMATCH'][] =
    [
      ['an unknown MPN ID', () => Promise.resolve(newMpnId()), 'MPN_NOT_FOUND'],
      ['an inactive MPN profile', (w) => registeredMpnId(w, 'KR', { active: false }), 'MPN_INACTIVE'],
      ['an MPN profile in another country', (w) => registeredMpnId(w, 'JP'), 'MPN_COUNTRY_MISMATCH'],
    ];
  for (const [name, mpn, code] of mpnCases) {
    it(`E2: refuses ${name} (${code}), writing nothing`, async () => {
      const w = makeWorld(await dbs.fresh());
      const mpnId = await mpn(w);
      await refusesWithoutChange(w.store, () => enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR')), code, {
        mpnId,
      });
    });
  }

  it('E2: refuses an MPN ID already enrolled by another tenant', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    await refusesWithoutChange(w.store, () => enroll(w.ctx, makeActor(), enrollmentInput(s.mpnId, 'KR')), 'MPN_IN_USE');
  });

  for (const email of [
    'boss@hotmail.co.uk',
    'boss@outlook.kr',
    'boss@live.co.kr',
    'boss@yahoo.co.kr',
    'boss@gmail.com',
    'boss@googlemail.com',
    'boss@icloud.com',
    'boss@me.com',
    'boss@mac.com',
    'boss@aol.com',
    'boss@msn.com',
  ]) {
    it(`E3: refuses a ${email.split('@')[1]} primary contact, writing nothing`, async () => {
      const w = makeWorld(await dbs.fresh());
      const mpnId = await registeredMpnId(w);
      const input = enrollmentInput(mpnId, 'KR', { primaryContact: { name: 'Boss', email, phone: '+82 2 555 0100' } });
      await refusesWithoutChange(w.store, () => enroll(w.ctx, makeActor(), input), 'WEBMAIL_NOT_ALLOWED', {
        domain: email.split('@')[1],
      });
    });
  }

  it('E4: the verification link moves the application to review, once', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    const r = await verifyContact(w.ctx, { token: s.token });
    assert.equal(r.state, 'in_review');
    const contact = await w.store.read.contact.findFirstOrThrow({ where: { orgId: s.orgId, kind: 'primary' } });
    assert.ok(contact.verifiedAt);
    assert.equal(r.alreadyVerified, false);
    // a second use is not an error: the address is already verified, and nothing changes
    const before = await snapshot(w.store);
    const again = await verifyContact(w.ctx, { token: s.token });
    assert.deepEqual([again.alreadyVerified, again.state, again.email], [true, 'in_review', r.email]);
    assert.deepEqual(await snapshot(w.store), before, 'the database changed');
  });

  it('E4: refuses an expired link, a malformed one and an unknown one, writing nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    await refusesWithoutChange(w.store, () => verifyContact(w.ctx, { token: 'short' }), 'TOKEN_INVALID');
    await refusesWithoutChange(w.store, () => verifyContact(w.ctx, { token: 'A'.repeat(43) }), 'TOKEN_INVALID');
    w.clock.advanceDays(8);
    await refusesWithoutChange(w.store, () => verifyContact(w.ctx, { token: s.token }), 'TOKEN_EXPIRED');
  });

  it('E4: review cannot continue before verification', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    await refusesWithoutChange(
      w.store,
      () => reviewEnrollment(w.ctx, w.programAdmin, { applicationId: s.applicationId, decision: 'approve' }),
      'EMAIL_NOT_VERIFIED',
    );
  });

  it('E4: a resent link replaces the earlier one', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    const again = await startEmailVerification(w.ctx, s.actor, { applicationId: s.applicationId });
    assert.notEqual(again.token, s.token);
    await rejectsWith(verifyContact(w.ctx, { token: s.token }), 'TOKEN_EXPIRED');
    assert.equal((await verifyContact(w.ctx, { token: again.token })).state, 'in_review');
  });

  it('E5: records every state change and notifies the primary contact and the organisation each time', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    await verifyContact(w.ctx, { token: s.token });
    w.clock.advanceDays(3); // review can take days
    await reviewEnrollment(w.ctx, w.programAdmin, { applicationId: s.applicationId, decision: 'approve' });
    const status = await enrollmentStatus(w.ctx, s.actor);
    assert.deepEqual(
      status.applications[0].history.map((h) => `${h.from ?? '∅'}→${h.to}`),
      ['∅→submitted', 'submitted→awaiting_verification', 'awaiting_verification→in_review', 'in_review→approved'],
    );
    const events = await w.store.read.outboxEvent.findMany({
      where: { type: 'enrollment.state_changed' },
      orderBy: { createdAt: 'asc' },
    });
    const primary = `email:${s.input.primaryContact.email}`;
    for (const to of ['awaiting_verification', 'in_review', 'approved']) {
      const mine = events.filter((e) => parseEventPayload('enrollment.state_changed', e.payload).to === to);
      assert.deepEqual(
        mine.map((e) => e.userRef ?? `org:${e.targetOrgId}`).sort(),
        [primary, `org:${s.orgId}`].sort(),
        to,
      );
    }
    const review = await w.store.read.outboxEvent.findMany({ where: { type: 'enrollment.review_requested' } });
    assert.deepEqual(
      review.map((e) => e.userRef),
      [`aad:${w.programAdmin.aadObjectId}`],
    );
    const audit = await w.store.read.auditEvent.findMany({
      where: { entity: 'EnrollmentApplication', entityId: s.applicationId },
    });
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'enrollment.approved',
      'enrollment.awaiting_verification',
      'enrollment.in_review',
      'enrollment.submitted',
    ]);
  });

  it('E5: a rejection needs a reason and is recorded with it', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    await verifyContact(w.ctx, { token: s.token });
    await refusesWithoutChange(
      w.store,
      () =>
        reviewEnrollment(w.ctx, w.programAdmin, { applicationId: s.applicationId, decision: 'reject', reason: '  ' }),
      'REASON_REQUIRED',
    );
    const r = await reviewEnrollment(w.ctx, w.programAdmin, {
      applicationId: s.applicationId,
      decision: 'reject',
      reason: 'Address could not be verified',
    });
    assert.equal(r.state, 'rejected');
    const status = await enrollmentStatus(w.ctx, s.actor);
    assert.equal(status.applications[0].rejectReason, 'Address could not be verified');
    assert.equal(status.checklist.onboarded, false);
  });

  it('E5: only a program administrator reviews', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    await verifyContact(w.ctx, { token: s.token });
    await refusesWithoutChange(
      w.store,
      () => reviewEnrollment(w.ctx, s.actor, { applicationId: s.applicationId, decision: 'approve' }),
      'PROGRAM_ADMIN_REQUIRED',
    );
  });

  it('E5: a second decision gets ALREADY_DECIDED with who and when; the same decision repeated returns it', async () => {
    const other = makeActor({ name: 'Second Reviewer' });
    const w0 = makeWorld(await dbs.fresh());
    const w: World = { ...w0, ctx: { ...w0.ctx, programAdmins: [w0.programAdmin.aadObjectId, other.aadObjectId] } };
    const s = await submitted(w);
    await verifyContact(w.ctx, { token: s.token });
    const first = await reviewEnrollment(w.ctx, w.programAdmin, {
      applicationId: s.applicationId,
      decision: 'approve',
    });
    const again = await reviewEnrollment(w.ctx, w.programAdmin, {
      applicationId: s.applicationId,
      decision: 'approve',
    });
    assert.equal(again.repeated, true);
    assert.equal(again.decidedAt.getTime(), first.decidedAt.getTime());
    await refusesWithoutChange(
      w.store,
      () => reviewEnrollment(w.ctx, other, { applicationId: s.applicationId, decision: 'reject', reason: 'no' }),
      'ALREADY_DECIDED',
      {
        by: 'Program Admin',
        at: first.decidedAt.toISOString(),
        decision: 'approved',
      },
    );
  });

  it('E5: enrolling again while the application is open returns it and writes nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    const s = await submitted(w);
    const before = await w.store.read.auditEvent.count();
    const again = await enroll(w.ctx, s.actor, s.input);
    assert.deepEqual(
      { ...again, verification: null },
      { orgId: s.orgId, applicationId: s.applicationId, state: 'awaiting_verification', verification: null },
    );
    assert.equal(await w.store.read.auditEvent.count(), before);
  });
});
