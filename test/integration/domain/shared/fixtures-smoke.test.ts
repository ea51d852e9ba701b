import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../support/db.js';
import { enrolledOrg, makeWorld } from '../../../support/fixtures.js';
import { enrollmentStatus } from '../../../../src/domain/enrollment/enrollment-status.js';

forEachDatabase('domain fixtures', (dbs) => {
  it('E8: builds an approved reseller with a signed MPA through the use cases', async () => {
    const w = makeWorld(await dbs.fresh());
    const org = await enrolledOrg(w, { types: ['indirect_provider', 'indirect_reseller'], country: 'KR' });
    const s = await enrollmentStatus(w.ctx, org.admin);
    assert.deepEqual(s.checklist, {
      onboarded: true,
      enrolledAsIndirectReseller: true,
      mpaSigned: true,
      readyToTransact: true,
    });
    assert.deepEqual([...s.partnerTypes].sort(), ['indirect_provider', 'indirect_reseller']);
  });
});
