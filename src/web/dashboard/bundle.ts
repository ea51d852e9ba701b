import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('./client/main.ts', import.meta.url));

let cached: Promise<string> | undefined;

/**
 * The tab's browser script (client/main.ts + @microsoft/teams-js), bundled once per process with
 * esbuild, in memory: nothing is generated into the tree, so `npm install && npm start` from a fresh
 * clone serves it. ~100 ms on first use; the server warms it at start-up.
 */
export function dashboardBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'edge110', 'safari16', 'firefox115'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => {
    const file = r.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output');
    return file.text;
  });
  cached.catch(() => {
    cached = undefined; // let the next request try again
  });
  return cached;
}
