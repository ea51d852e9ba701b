/**
 * npm run build [-- --out <dir>] — the production build, into dist/ (or <dir>):
 *   1. tsc -p tsconfig.build.json: src/ (with the generated Prisma clients, which are TypeScript) and the
 *      operator scripts (start, migrate, mpn-import, offers-import) → <dir>/src, <dir>/scripts;
 *   2. the Dashboard tab's browser bundle, ahead of time → <dir>/src/web/dashboard/client.bundle.js
 *      (served as is; the compiled bot never loads esbuild);
 *   3. what the bot reads from disk beside its code: cards/*.json → <dir>/cards, and
 *      prisma/{sqlite,postgres}/migrations → <dir>/prisma (src/data/migrations.ts applies them at start).
 * Then `node <dir>/scripts/start.js` (npm run start:prod) runs with production dependencies only.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PREBUILT_TAB_BUNDLE, tabBundleOptions } from '../src/web/dashboard/bundle-options.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const outArg = process.argv.indexOf('--out');
const out = path.resolve(root, outArg >= 0 ? (process.argv[outArg + 1] ?? '') : 'dist');
const rootFromOut = path.relative(out, root);
if (!rootFromOut.startsWith('..') && !path.isAbsolute(rootFromOut)) {
  throw new Error(`refusing to build into ${out}: it holds the repository (it is emptied first)`);
}

const started = performance.now();
const step = (what: string, since: number): void =>
  console.log(`  ${what} (${Math.round(performance.now() - since)} ms)`);

rmSync(out, { recursive: true, force: true });

let t = performance.now();
// tsc from this install (never a global one); its errors go straight to the terminal
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out], {
  cwd: root,
  stdio: 'inherit',
});
step('compiled TypeScript', t);

t = performance.now();
const bundleFile = path.join(out, 'src', 'web', 'dashboard', PREBUILT_TAB_BUNDLE);
await build({ ...tabBundleOptions(), outfile: bundleFile, write: true });
step(`bundled the tab script (${Math.round(statSync(bundleFile).size / 1024)} KiB)`, t);

t = performance.now();
mkdirSync(path.join(out, 'cards'), { recursive: true });
for (const name of readdirSync(path.join(root, 'cards'))) {
  if (name.endsWith('.json')) cpSync(path.join(root, 'cards', name), path.join(out, 'cards', name));
}
for (const kind of ['sqlite', 'postgres']) {
  cpSync(path.join(root, 'prisma', kind, 'migrations'), path.join(out, 'prisma', kind, 'migrations'), {
    recursive: true,
  });
}
// dist/ is ES modules on its own, even where no package.json sits above it
writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
step('copied the card templates and migrations', t);

console.log(`built ${path.relative(root, out) || out} in ${Math.round(performance.now() - started)} ms`);
