/**
 * npm run offers:import -- offers.csv
 *
 * Imports the offer catalogue (issue 14; rules S1/S4) from a CSV file with the header
 * `offerId,nameEn,nameKo,minQuantity,maxQuantity[,active]` (samples/offers.csv) into the database
 * DATABASE_URL selects (migrating it first). Offers are upserted by offerId. All or nothing: every bad
 * row is listed by line and field and nothing is written. Exit status 0 on success, 1 on bad rows,
 * 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { applyMigrations, openDatabase } from '../src/data/db.js';
import { resolveDataKey } from '../src/data/data-key.js';
import { createDomainContext } from '../src/data/domain-context.js';
import {
  describeOfferProblem,
  importOffersAsSystem,
  readOffersCsv,
} from '../src/domain/subscriptions/offer-catalogue.js';

const file = process.argv[2];
if (!file) {
  console.error(
    'usage: npm run offers:import -- <file.csv>   (header: offerId,nameEn,nameKo,minQuantity,maxQuantity[,active])',
  );
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

// checked before the database is opened: a bad file changes nothing, and says where it is bad
const { problems } = readOffersCsv(text);
if (problems.length) {
  console.error(`nothing imported; fix these rows of ${file}:`);
  for (const p of problems) console.error(`  ${describeOfferProblem(p)}`);
  process.exit(1);
}

const config = loadConfig();
await applyMigrations(config.DATABASE_URL);
const db = await openDatabase(config);
try {
  const ctx = createDomainContext({ config, db, dataKey: resolveDataKey(config) });
  const r = await importOffersAsSystem(ctx, text, `system:offers-import:${file}`);
  console.log(`imported ${file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
} finally {
  await db.close();
}
