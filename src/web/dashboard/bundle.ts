import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type * as esbuild from 'esbuild';
import { PREBUILT_TAB_BUNDLE, tabBundleOptions } from './bundle-options.js';

const prebuilt = new URL(`./${PREBUILT_TAB_BUNDLE}`, import.meta.url);

let cached: Promise<string> | undefined;

/**
 * The tab's browser script. The compiled build (`npm run build`, dist/) carries it prebuilt beside this
 * file and only reads it; running from source (`npm start`, tsx) there is none, and it is bundled once
 * per process with esbuild, in memory (~100 ms; the server warms it at start-up), so a fresh clone
 * needs no build step. esbuild is a devDependency, imported only on that path: a production install
 * has none.
 */
export function dashboardBundle(): Promise<string> {
  cached ??= readPrebuilt().then((js) => js ?? bundleNow());
  cached.catch(() => {
    cached = undefined; // let the next request try again
  });
  return cached;
}

async function readPrebuilt(): Promise<string | undefined> {
  try {
    return await readFile(prebuilt, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function bundleNow(): Promise<string> {
  let build: typeof esbuild.build;
  try {
    ({ build } = await import('esbuild'));
  } catch (err) {
    throw new Error(
      `the tab bundle ${fileURLToPath(prebuilt)} is missing and esbuild is not installed: build with \`npm run build\``,
      { cause: err },
    );
  }
  const r = await build({ ...tabBundleOptions(), write: false });
  const file = r.outputFiles?.[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}
