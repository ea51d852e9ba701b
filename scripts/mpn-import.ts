/**
 * npm run mpn:import -- profiles.csv
 *
 * Imports the MPN profile registry (issue 3, item 2; rule E2) from a CSV file with the header
 * `mpnId,orgName,country,active` into the database DATABASE_URL selects (migrating it first).
 * All or nothing: bad rows are listed by line number and nothing is written. Exit status 0 on
 * success, 1 on bad rows, 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { applyMigrations, openDatabase } from '../src/data/db.js';
import { resolveDataKey } from '../src/data/data-key.js';
import { createDomainContext } from '../src/data/domain-context.js';
import { isAppError } from '../src/domain/shared/errors.js';
import { importMpnProfilesAsSystem } from '../src/domain/enrollment/import-mpn-profiles.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run mpn:import -- <file.csv>   (header: mpnId,orgName,country,active)');
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

const config = loadConfig();
await applyMigrations(config.DATABASE_URL);
const db = await openDatabase(config);
try {
  const ctx = createDomainContext({ config, db, dataKey: resolveDataKey(config) });
  const r = await importMpnProfilesAsSystem(ctx, text, `system:mpn-import:${file}`);
  console.log(`imported ${file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
} catch (e) {
  if (isAppError(e) && e.code === 'CSV_INVALID') {
    console.error(`nothing imported; fix these rows of ${file}:`);
    for (const part of String(e.params.details).split('; line '))
      console.error(`  ${part.startsWith('line ') ? part : 'line ' + part}`);
    process.exitCode = 1;
  } else {
    throw e;
  }
} finally {
  await db.close();
}
