import assert from 'node:assert/strict';
import { openDatabase } from '../../../../src/data/db.js';
import { createDomainStore } from '../../../../src/data/domain-store.js';
import { AppError } from '../../../../src/domain/shared/errors.js';
import { enroll } from '../../../../src/domain/enrollment/enroll.js';
import { reviewEnrollment } from '../../../../src/domain/enrollment/review-enrollment.js';
import { verifyContact } from '../../../../src/domain/enrollment/verify-contact.js';
import { transitionApplication } from '../../../../src/domain/enrollment/enrollment-transition.js';
import { forEachDatabase } from '../../../support/db.js';
import { enrollmentInput, makeActor, makeWorld, registeredMpnId, type World } from '../../../support/fixtures.js';

async function inReview(w: World): Promise<string> {
  const mpnId = await registeredMpnId(w);
  const r = await enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR'));
  await verifyContact(w.ctx, { token: r.verification!.token });
  return r.applicationId;
}

forEachDatabase('concurrent decisions', (dbs) => {
  it('E5: of eight concurrent review decisions from separate connections exactly one is recorded; the rest get ALREADY_DECIDED', async () => {
    const t = await dbs.fresh();
    const reviewers = Array.from({ length: 8 }, (_, i) => makeActor({ name: `Reviewer ${i}` }));
    const w = makeWorld(t, { programAdmins: reviewers.map((r) => r.aadObjectId) });
    const applicationId = await inReview(w);
    // a second client: its own connection pool, so the transactions really run side by side on PostgreSQL
    const db2 = await openDatabase({ DATABASE_URL: t.url, databaseKind: t.kind });
    try {
      const ctx2 = { ...w.ctx, store: createDomainStore(db2) };
      const outcomes = await Promise.allSettled(
        reviewers.map((r, i) =>
          reviewEnrollment(
            i % 2 ? ctx2 : w.ctx,
            r,
            i % 3
              ? { applicationId, decision: 'approve' }
              : { applicationId, decision: 'reject', reason: `reason ${i}` },
          ),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      assert.equal(won.length, 1, JSON.stringify(lost.map(String)));
      assert.ok(
        lost.every((e) => e instanceof AppError && e.code === 'ALREADY_DECIDED'),
        lost.map(String).join('\n'),
      );
      const decided = await w.store.read.enrollmentStateChange.count({
        where: { applicationId, fromState: 'in_review' },
      });
      assert.equal(decided, 1);
      const audits = await w.store.read.auditEvent.count({
        where: { entityId: applicationId, action: { in: ['enrollment.approved', 'enrollment.rejected'] } },
      });
      assert.equal(audits, 1);
      const app = await w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id: applicationId } });
      const winner = (won[0] as PromiseFulfilledResult<{ decidedByName: string }>).value.decidedByName;
      assert.equal(app.decidedByName, winner);
      for (const e of lost) assert.equal((e as AppError).params.by, winner);
    } finally {
      await db2.close();
    }
  });

  it('E5: a decision made on a stale read (the row changed since) writes nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    const applicationId = await inReview(w);
    const seen = await w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id: applicationId } });
    await reviewEnrollment(w.ctx, w.programAdmin, { applicationId, decision: 'approve' });
    const before = await w.store.read.enrollmentStateChange.count();
    const won = await w.store.transaction((tx) =>
      transitionApplication(tx, {
        applicationId,
        from: 'in_review',
        to: 'rejected',
        version: seen.version,
        who: { ref: 'late' },
        reason: 'late',
        at: w.clock.now(),
      }),
    );
    assert.equal(won, false);
    assert.equal(await w.store.read.enrollmentStateChange.count(), before);
    assert.equal(
      (await w.store.read.enrollmentApplication.findUniqueOrThrow({ where: { id: applicationId } })).state,
      'approved',
    );
  });

  it('E4: the same verification link opened twice at once verifies once', async () => {
    const t = await dbs.fresh();
    const w = makeWorld(t);
    const mpnId = await registeredMpnId(w);
    const r = await enroll(w.ctx, makeActor(), enrollmentInput(mpnId, 'KR'));
    const db2 = await openDatabase({ DATABASE_URL: t.url, databaseKind: t.kind });
    try {
      const ctx2 = { ...w.ctx, store: createDomainStore(db2) };
      const token = r.verification!.token;
      const outcomes = await Promise.allSettled([
        verifyContact(w.ctx, { token }),
        verifyContact(ctx2, { token }),
        verifyContact(w.ctx, { token }),
      ]);
      // every opener is told the address is verified; exactly one of them made the change
      const done = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as AppError).code] : []));
      assert.deepEqual(lost, []);
      assert.equal(done.filter((v) => !v.alreadyVerified).length, 1);
      assert.equal(
        await w.store.read.enrollmentStateChange.count({
          where: { applicationId: r.applicationId, toState: 'in_review' },
        }),
        1,
      );
    } finally {
      await db2.close();
    }
  });
});
