import assert from 'node:assert/strict';
import { forEachDatabase } from '../../support/db.js';
import { makeWorld } from '../../support/fixtures.js';
import { rowCounts } from '../../support/domain-assert.js';
import { DEMO_MPN_ID, DEMO_PROVIDER, seedPlayground } from '../../../scripts/playground/seed.js';
import { DEMO_PROVIDER_TENANT, YOU } from '../../../scripts/playground/personas.js';
import { enroll } from '../../../src/domain/enrollment/enroll.js';
import { enrollmentInput, makeActor } from '../../support/fixtures.js';

/**
 * Issue 14 item 7: `npm run playground` seeds its own database through the domain's use cases: the MPN
 * registry (E2), the offer catalogue, and a listed indirect provider in a second tenant (E1, E4, E5, M1,
 * P10), the Playground's user being the program administrator. Running it again adds nothing.
 */
describe('playground demo data (scripts/playground/seed.ts)', function () {
  this.timeout(60_000);
  forEachDatabase('playground seed', (db) => {
    it('P10/E5/M1: seeds a listed, approved, MPA-signed provider in a second tenant and the demo MPN registry; a second run changes nothing', async () => {
      const t = await db.fresh();
      const w = makeWorld(t, { programAdmins: [YOU.aadObjectId], now: () => new Date() });
      const first = await seedPlayground(w.ctx);
      assert.ok(first.mpn.created >= 5, 'the sample registry is imported');
      assert.deepEqual(first.provider.steps, [
        'enrolled',
        'contact verified',
        'approved',
        'MPA signed',
        'listed in the directory',
      ]);

      const org = await w.store.read.organization.findUnique({ where: { tenantId: DEMO_PROVIDER_TENANT } });
      assert.ok(org?.isProvider, 'an indirect provider');
      const app = await w.store.read.enrollmentApplication.findFirst({ where: { orgId: org.id } });
      assert.equal(app?.state, 'approved');
      assert.equal(await w.store.read.mpaAcceptance.count({ where: { orgId: org.id } }), 1);
      // the audit trail says who: the Playground user approved and listed it
      const audits = await w.store.read.auditEvent.findMany({ where: { orgId: org.id } });
      assert.ok(audits.some((a) => a.actorRef === YOU.aadObjectId));

      // someone enrolled with the demo MPN ID meanwhile: the seed leaves them alone
      const resellerAdmin = makeActor();
      await enroll(w.ctx, resellerAdmin, enrollmentInput(DEMO_MPN_ID, 'KR', { legalName: 'Contoso Korea Co., Ltd.' }));
      const before = await rowCounts(w.store);
      const second = await seedPlayground(w.ctx);
      assert.deepEqual(second.provider.steps, [], 'nothing left to do');
      assert.equal(second.mpn.created, 0);
      // the offer catalogue is imported once, not again
      assert.match(first.offers, /added/);
      assert.ok((await w.store.read.offer.count()) >= 5, 'the sample catalogue is imported');
      assert.equal(second.offers, 'already there');
      assert.deepEqual(await rowCounts(w.store), before, 'a second run writes no rows');

      const found = await w.store.read.directoryProfile.findUnique({ where: { orgId: org.id } });
      assert.equal(found?.listed, true);
      assert.equal(second.provider.name, DEMO_PROVIDER.legalName);
    });
  });
});
