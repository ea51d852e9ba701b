/**
 * Issue 17 item 3, first bullet: enrollment from Partner Center (E-PC1–E-PC7 in docs/partner-center.md). A linked
 * organisation's legal business profile, MPN profile and partner types (its relationships) are read from the local
 * Partner Center (a real loopback server); an application waiting for review or for the e-mail check is approved on
 * that evidence when the MPN ID and country agree and Microsoft verified the partner; other differences are shown
 * only; a blocking one keeps the program's review; Partner Center down changes nothing.
 * SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { checkEnrollmentWithPartnerCenter } from '../../../src/domain/enrollment/confirm-with-partner-center.js';
import { verifyContact } from '../../../src/domain/enrollment/verify-contact.js';
import { reviewEnrollment } from '../../../src/domain/enrollment/review-enrollment.js';
import { partnerCenterComparisonOf } from '../../../src/domain/enrollment/partner-center-comparison.js';
import type { LinkMode } from '../../../src/domain/partner-center/link-rules.js';
import { forEachDatabase } from '../../support/db.js';
import { makeWorld, type World } from '../../support/fixtures.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { linkOrg } from './connected-support.js';
import { applicant, profilesOver } from './enrollment-support.js';

forEachDatabase('Enrollment from Partner Center (E-PC1–E-PC7; issue 17 item 3)', (db) => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  async function setup(mode: LinkMode = 'embedded') {
    const w = makeWorld(await db.fresh(), { partnerCenter: profilesOver(stub) });
    const a = await applicant(w, stub);
    await linkOrg(w, a.org, mode);
    return { w, a };
  }
  const application = (w: World, id: string) =>
    w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id }, include: { history: true } });

  it('E-PC1/E-PC3: an application waiting for the e-mail check is approved on Partner Center’s evidence, as Partner Center’s decision', async () => {
    const { w, a } = await setup();
    const r = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
    assert.ok(r?.checked);
    assert.deepEqual(r.approved, ['indirect_reseller']);
    assert.deepEqual(r.comparison.differences, [], 'case and spacing are no difference');
    assert.equal(r.comparison.approvedOnEvidence, true);

    const app = await application(w, a.applicationId);
    assert.equal(app.state, 'approved');
    assert.equal(app.decidedByName, 'Microsoft Partner Center');
    assert.equal(app.decidedByUserId, null);
    assert.deepEqual(
      app.history.map((h) => `${h.fromState}>${h.toState}`).sort(),
      [
        'awaiting_verification>in_review',
        'null>submitted',
        'submitted>awaiting_verification',
        'in_review>approved',
      ].sort(),
    );
    const org = await w.store.read.organization.findUniqueOrThrow({ where: { id: a.org.orgId } });
    assert.equal(org.isReseller, true);
    assert.ok(org.onboardedAt);
    const audited = await w.store.read.auditEvent.findFirstOrThrow({
      where: { orgId: a.org.orgId, action: 'enrollment.approved_on_partner_center_evidence' },
    });
    assert.equal(audited.actorRef, 'partner-center');
    assert.match(audited.detail, /"rule":"E-PC3"/);
    // the organisation is told like any approval (E5): its primary contact and its channel
    const told = await w.store.read.outboxEvent.findMany({
      where: { type: 'enrollment.state_changed', idempotencyKey: { contains: `${a.applicationId}:approved` } },
    });
    assert.equal(told.length, 2);
    // the reads: the approved legal business profile, the MPN profile, both relationship lists
    assert.equal(stub.requestsTo('/v1/profiles/legalbusiness').at(-1)?.query.vettingVersion, 'Current');
    assert.equal(stub.requestsTo('/v1/profiles/mpn').length, 1);
    assert.deepEqual(
      stub
        .requestsTo('/v1/relationships')
        .map((q) => q.query.relationship_type)
        .sort(),
      ['IsIndirectCloudSolutionProviderOf', 'IsIndirectResellerOf'],
    );
    // a second check finds nothing open: it approves nothing more
    const again = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
    assert.ok(again?.checked);
    assert.deepEqual(again.approved, []);
  });

  it('E-PC3: an application in review is approved in connected mode too, and the reviewers’ undelivered cards are withdrawn', async () => {
    const { w, a } = await setup('connected');
    await verifyContact(w.ctx, { token: a.verificationToken });
    const pending = () =>
      w.store.read.outboxEvent.count({
        where: {
          type: 'enrollment.review_requested',
          idempotencyKey: { startsWith: `enrollment.review_requested:${a.applicationId}:` },
        },
      });
    assert.equal(await pending(), 1, 'the program administrator was asked');
    const r = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
    assert.ok(r?.checked);
    assert.deepEqual(r.approved, ['indirect_reseller']);
    assert.equal((await application(w, a.applicationId)).state, 'approved');
    assert.equal(await pending(), 0);
  });

  it('E-PC2: legal name, address, primary contact and partner types that differ are shown, and do not hold the approval', async () => {
    const { w, a } = await setup();
    stub.world.withPartner({
      companyName: 'Contoso Korea Holdings',
      address: { country: 'KR', city: 'Busan', addressLine1: '9 Haeundae-ro', postalCode: '48099' },
      primaryContact: {
        firstName: 'Ji-woo',
        lastName: 'Park',
        email: 'jiwoo@contoso.example',
        phoneNumber: '0511234567',
      },
    });
    // Partner Center lists an indirect reseller of this partner: it acts as an indirect provider there
    stub.world.withIndirectReseller({ name: 'Fabrikam Resale' });
    const r = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
    assert.ok(r?.checked);
    assert.deepEqual(
      r.comparison.differences.map((d) => [d.field, d.blocking]),
      [
        ['legalName', false],
        ['address', false],
        ['primaryContact', false],
        ['partnerTypes', false],
      ],
    );
    const types = r.comparison.differences.find((d) => d.field === 'partnerTypes');
    assert.deepEqual(types?.partnerCenter, ['indirect_provider']);
    assert.deepEqual(types?.entered, ['indirect_reseller']);
    const address = r.comparison.differences.find((d) => d.field === 'address');
    assert.equal(address?.partnerCenter, '9 Haeundae-ro, Busan, 48099');
    assert.equal(address?.entered, `${a.address.line1}, Seoul, 04524`);
    assert.deepEqual(r.approved, ['indirect_reseller']);
  });

  for (const [what, change, reason] of [
    ['MPN ID', (s: LocalPartnerCenter) => s.world.withPartner({ mpnId: '7777777' }), 'mpn_id_differs'],
    [
      'country',
      (s: LocalPartnerCenter) =>
        s.world.withPartner({
          address: { country: 'JP', city: 'Tokyo', addressLine1: '1 Chiyoda', postalCode: '100-0001' },
        }),
      'country_differs',
    ],
    ['vetting', (s: LocalPartnerCenter) => s.world.withPartner({ vettingStatus: 'pending' }), 'not_verified'],
  ] as const) {
    it(`E-PC4: a ${what} Partner Center does not confirm keeps the program's review, and says why`, async () => {
      const { w, a } = await setup();
      await verifyContact(w.ctx, { token: a.verificationToken });
      change(stub);
      const r = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
      assert.ok(r?.checked);
      assert.deepEqual(r.approved, []);
      assert.deepEqual(r.comparison.keptForReview, [reason]);
      assert.equal(r.comparison.approvedOnEvidence, false);
      const app = await application(w, a.applicationId);
      assert.equal(app.state, 'in_review');
      assert.equal(
        await w.store.read.auditEvent.count({ where: { action: 'enrollment.approved_on_partner_center_evidence' } }),
        0,
      );
      if (reason !== 'not_verified') {
        assert.equal(
          r.comparison.differences.find((d) => d.blocking)?.field,
          reason === 'mpn_id_differs' ? 'mpnId' : 'country',
        );
      }
    });
  }

  it('E-PC6: Partner Center down: nothing changes, and the comparison read before still shows', async () => {
    const { w, a } = await setup();
    stub.world.withPartner({ mpnId: '7777777' });
    const first = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
    assert.ok(first?.checked);
    stub.world.withPartner({ mpnId: a.org.mpnId });
    stub.outage(60_000);
    const down = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
    assert.deepEqual(down && !down.checked ? down.reason : null, 'PC_UNAVAILABLE');
    assert.equal(down?.comparison?.checkedAt.getTime(), first.comparison.checkedAt.getTime());
    assert.deepEqual(down?.comparison?.keptForReview, ['mpn_id_differs'], 'the snapshot is not replaced');
    assert.equal((await application(w, a.applicationId)).state, 'awaiting_verification');
  });

  it('E-PC7: a rejected application is never revived by Partner Center’s profile; the comparison still shows', async () => {
    const { w, a } = await setup();
    await verifyContact(w.ctx, { token: a.verificationToken });
    await reviewEnrollment(w.ctx, w.programAdmin, {
      applicationId: a.applicationId,
      decision: 'reject',
      reason: 'Incomplete',
    });
    const r = await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId);
    assert.ok(r?.checked);
    assert.deepEqual(r.approved, []);
    assert.deepEqual(r.comparison.keptForReview, [], 'nothing open to keep');
    assert.equal((await application(w, a.applicationId)).state, 'rejected');
  });

  it('E-PC1: an unlinked organisation, or one whose sign-in needs renewing, is not read; no app registration reads nothing', async () => {
    const w = makeWorld(await db.fresh(), { partnerCenter: profilesOver(stub) });
    const a = await applicant(w, stub);
    assert.equal(await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId), null);
    await linkOrg(w, a.org, 'connected');
    await w.store.read.partnerCenterLink.update({ where: { orgId: a.org.orgId }, data: { status: 'needs_sign_in' } });
    assert.equal(await checkEnrollmentWithPartnerCenter(w.ctx, a.org.orgId), null);
    const bare = makeWorld(w.test);
    assert.equal(await checkEnrollmentWithPartnerCenter(bare.ctx, a.org.orgId), null);
    assert.equal(stub.requests.length, 0);
    assert.equal(await partnerCenterComparisonOf(w.store.read, a.org.orgId), null);
  });
});
