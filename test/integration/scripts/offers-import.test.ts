import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMpnCsv } from '../../../src/domain/enrollment/import-mpn-profiles.js';
import { readOffersCsv } from '../../../src/domain/subscriptions/offer-catalogue.js';
import { forEachDatabase } from '../../support/db.js';
import { TEST_DATA_ENCRYPTION_KEY } from '../../support/fixtures.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `npm run offers:import -- <file>` as the command line would (tsx), against `databaseUrl`. */
function offersImport(databaseUrl: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/offers-import.ts', ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
      LOG_LEVEL: 'warn',
      NODE_NO_WARNINGS: '1',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the shipped sample files (issue 14 item 2)', () => {
  it('S1/S4: samples/offers.csv is a valid offer catalogue with Korean names and one retired offer', () => {
    const { rows, problems } = readOffersCsv(readFileSync(path.join(root, 'samples/offers.csv'), 'utf8'));
    assert.deepEqual(problems, []);
    assert.ok(rows.length >= 5);
    assert.ok(rows.some((r) => /[가-힣]/.test(r.nameKo)));
    assert.ok(rows.some((r) => r.active === false));
  });

  it('E2: samples/mpn-registry.csv has active profiles in KR, US and JP and an inactive one', () => {
    const { rows, problems } = readMpnCsv(readFileSync(path.join(root, 'samples/mpn-registry.csv'), 'utf8'));
    assert.deepEqual(problems, []);
    for (const c of ['KR', 'US', 'JP'])
      assert.ok(
        rows.some((r) => r.country === c && r.active),
        c,
      );
    assert.ok(rows.some((r) => !r.active));
  });
});

forEachDatabase('npm run offers:import', (dbs) => {
  it('S1/S4: imports samples/offers.csv, and again finds every offer unchanged', async function () {
    this.timeout(120_000);
    const t = await dbs.fresh();
    const first = offersImport(t.url, 'samples/offers.csv');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /9 created, 0 updated, 0 unchanged/);
    assert.equal(await t.db.prisma.offer.count(), 9);
    assert.equal(await t.db.prisma.offer.count({ where: { active: false } }), 1);
    const again = offersImport(t.url, 'samples/offers.csv');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /0 created, 0 updated, 9 unchanged/);
  });

  it('S1/S4: a file with a bad row lists it by line and field, exits 1 and imports nothing; no file is a usage error', async function () {
    this.timeout(120_000);
    const t = await dbs.fresh();
    const dir = mkdtempSync(path.join(tmpdir(), 'offers-import-'));
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'offerId,nameEn,nameKo,minQuantity,maxQuantity\nok-1,Fine,좋음,1,10\nbad-1,Bad,나쁨,10,1\n');
    const r = offersImport(t.url, bad);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line 3, maxQuantity: is below minQuantity/);
    assert.equal(await t.db.prisma.offer.count(), 0);
    assert.equal(offersImport(t.url).status, 2);
    assert.equal(offersImport(t.url, path.join(dir, 'missing.csv')).status, 2);
  });
});
