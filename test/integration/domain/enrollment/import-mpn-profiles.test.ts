import assert from 'node:assert/strict';
import { importMpnProfiles } from '../../../../src/domain/enrollment/import-mpn-profiles.js';
import { forEachDatabase } from '../../../support/db.js';
import { refusesWithoutChange } from '../../../support/domain-assert.js';
import { makeActor, makeWorld } from '../../../support/fixtures.js';

forEachDatabase('MPN profile registry', (dbs) => {
  it('E2: a program administrator imports and re-imports the registry (upsert)', async () => {
    const w = makeWorld(await dbs.fresh());
    const r1 = await importMpnProfiles(
      w.ctx,
      w.programAdmin,
      'mpnId,orgName,country,active\n1234567,"Contoso, Ltd",KR,true\n2345678,Fabrikam,JP,true\n',
    );
    assert.deepEqual(r1, { created: 2, updated: 0, unchanged: 0 });
    const r2 = await importMpnProfiles(
      w.ctx,
      w.programAdmin,
      'mpnId,orgName,country,active\n1234567,"Contoso, Ltd",KR,false\n2345678,Fabrikam,JP,true\n3456789,Tailspin,US,true\n',
    );
    assert.deepEqual(r2, { created: 1, updated: 1, unchanged: 1 });
    assert.deepEqual(await w.ctx.mpn.find('1234567'), {
      mpnId: '1234567',
      orgName: 'Contoso, Ltd',
      country: 'KR',
      active: false,
    });
    assert.equal(await w.ctx.mpn.find('9999999'), null);
  });

  it('E2: a file with a bad row imports nothing and names the line', async () => {
    const w = makeWorld(await dbs.fresh());
    const e = await refusesWithoutChange(
      w.store,
      () =>
        importMpnProfiles(
          w.ctx,
          w.programAdmin,
          'mpnId,orgName,country,active\n1234567,A,KR,true\n2345678,B,QQ,true\n',
        ),
      'CSV_INVALID',
    );
    assert.match(String(e.params.details), /^line 3: country/);
  });

  it('E2: only a program administrator imports', async () => {
    const w = makeWorld(await dbs.fresh());
    await refusesWithoutChange(
      w.store,
      () => importMpnProfiles(w.ctx, makeActor(), 'mpnId,orgName,country,active\n1234567,A,KR,true\n'),
      'PROGRAM_ADMIN_REQUIRED',
    );
  });
});
