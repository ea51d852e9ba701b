import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/**
 * The file `npm run build` writes beside the compiled bundle.js (dist/src/web/dashboard/), and that
 * bundle.ts serves when it exists. Never written into src/: a checkout always bundles afresh.
 */
export const PREBUILT_TAB_BUNDLE = 'client.bundle.js';

/**
 * One definition of the tab's browser bundle (client/main.ts + @microsoft/teams-js) for both paths:
 * bundled in memory on first use when running from source (tsx), and ahead of time by scripts/build.ts.
 * Only the esbuild *types* are imported here, so the compiled build can load this file without esbuild.
 * Targets: the browsers behind the Teams desktop (Edge WebView2), web and mobile clients.
 */
export function tabBundleOptions(): BuildOptions {
  return {
    entryPoints: [fileURLToPath(new URL('./client/main.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'edge110', 'safari16', 'firefox115'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  };
}
