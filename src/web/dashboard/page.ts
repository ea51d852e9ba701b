import { catalogue, t, type Locale } from '../../i18n/index.js';
import { esc } from '../html.js';

/** Every dashboard.* message in both locales: the page picks one once Teams says the user's locale. */
export function dashboardStrings(): Record<Locale, Record<string, string>> {
  const pick = (locale: Locale) =>
    Object.fromEntries(Object.entries(catalogue(locale)).filter(([k]) => k.startsWith('dashboard.')));
  return { 'en-US': pick('en-US'), 'ko-KR': pick('ko-KR') };
}

/** JSON that is safe inside a <script> element (no "</script>", no HTML comment openers). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The tab's HTML shell. The first paint is in `locale` (Accept-Language) and says it is loading; the
 * script then asks Teams for the context and re-renders in the Teams locale and theme. Landmarks:
 * banner, navigation, main; the live region announces loading, errors and "open in Teams".
 */
export function dashboardPage(locale: Locale): string {
  const s = (key: Parameters<typeof t>[1]) => esc(t(locale, key));
  return `<!doctype html>
<html lang="${locale}" data-theme="default">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s('dashboard.title')}</title>
<link rel="stylesheet" href="/tab/dashboard.css">
</head>
<body>
<a class="skip" href="#main" data-i18n="dashboard.skip">${s('dashboard.skip')}</a>
<header class="bar">
  <h1 id="title" data-i18n="dashboard.title">${s('dashboard.title')}</h1>
  <p id="who" class="muted"></p>
  <button type="button" id="refresh" hidden data-i18n="dashboard.refresh">${s('dashboard.refresh')}</button>
</header>
<nav id="sections" aria-labelledby="sections-label" hidden><span id="sections-label" class="visually-hidden" data-i18n="dashboard.nav.label">${s('dashboard.nav.label')}</span><ul></ul></nav>
<main id="main" tabindex="-1">
  <div id="status" role="status" aria-live="polite"><p class="notice" data-i18n="dashboard.loading">${s('dashboard.loading')}</p></div>
  <div id="content"></div>
</main>
<script type="application/json" id="dashboard-strings">${scriptJson(dashboardStrings())}</script>
<script src="/tab/dashboard.js" defer></script>
</body>
</html>
`;
}

/**
 * Teams' themes: default (light), dark and contrast (high contrast), as data-theme on <html>.
 * Colours follow Teams' own palette; contrast uses the Windows high-contrast pair (white on black,
 * yellow links and focus) and system colours where the browser supports forced colours.
 */
export const dashboardCss = `
:root { --bg:#f5f5f5; --fg:#242424; --card:#fff; --muted:#616161; --line:#e0e0e0; --accent:#5b5fc7; --accent-fg:#fff; --link:#4f52b2; --ok:#0e700e; --warn:#bc4b09; --bad:#c50f1f; --focus:#0f6cbd; --head:#f0f0f0; }
[data-theme="dark"] { --bg:#1f1f1f; --fg:#ffffff; --card:#292929; --muted:#c7c7c7; --line:#3d3d3d; --accent:#7f85f5; --accent-fg:#000; --link:#a6a7dc; --ok:#54b054; --warn:#f1a660; --bad:#f1707b; --focus:#a6a7dc; --head:#333333; }
[data-theme="contrast"] { --bg:#000; --fg:#fff; --card:#000; --muted:#fff; --line:#fff; --accent:#ffff00; --accent-fg:#000; --link:#ffff00; --ok:#3ff23f; --warn:#ffff00; --bad:#ff6b6b; --focus:#1aebff; --head:#000; }
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { font: 14px/1.5 "Segoe UI", system-ui, -apple-system, "Malgun Gothic", sans-serif; padding: 0 1rem 2rem; }
:lang(ko) { word-break: keep-all; overflow-wrap: anywhere; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
[data-theme="contrast"] a, [data-theme="contrast"] button { text-decoration: underline; }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); color: var(--fg); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.bar { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; padding: 1rem 0 .5rem; }
.bar h1 { font-size: 1.5rem; margin: 0; }
.bar p { margin: 0; flex: 1 1 auto; }
.muted { color: var(--muted); }
button, select { font: inherit; color: inherit; }
button { background: var(--accent); color: var(--accent-fg); border: 1px solid var(--accent); border-radius: 4px; padding: .35rem 1rem; cursor: pointer; }
button.secondary { background: transparent; color: var(--link); }
select { background: var(--card); border: 1px solid var(--muted); border-radius: 4px; padding: .3rem .5rem; max-width: 100%; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: 0 0 1rem; }
main:focus { outline: none; }
#content { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; min-width: 0; }
section.wide { grid-column: 1 / -1; }
section h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
section h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.notice { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: .75rem 1rem; border-radius: 4px; }
.notice.error { border-left-color: var(--bad); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--head); white-space: nowrap; }
ul.steps { list-style: none; padding: 0; margin: .25rem 0; }
ul.steps li::before { content: attr(data-mark); display: inline-block; width: 1.5em; font-weight: 700; }
.done { color: var(--ok); }
.open { color: var(--warn); }
.actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin-top: .75rem; }
.filter { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem; margin-bottom: .5rem; }
.filter .field { display: flex; flex-direction: column; }
.filter label { font-weight: 600; }
.pager { display: flex; align-items: center; gap: 1rem; margin-top: .5rem; }
ol.notifications { padding-left: 1.25rem; margin: 0; }
ol.notifications li { margin: .35rem 0; }
@media (max-width: 600px) {
  body { padding: 0 .5rem 1rem; }
  .bar h1 { font-size: 1.25rem; }
  th, td { padding: .3rem .35rem; }
}
@media (forced-colors: active) {
  section, .notice { border: 1px solid CanvasText; }
  :focus-visible { outline-color: Highlight; }
}
`;
