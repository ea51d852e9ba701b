/**
 * A small stand-in for the Teams web client around a tab: a page on https://teams.microsoft.com that
 * embeds the tab in an iframe and answers @microsoft/teams-js v2's postMessage protocol the way Teams
 * does (read from node_modules/@microsoft/teams-js/dist/umd/MicrosoftTeams.js):
 *
 *   tab → host  { id, uuidAsString, func: 'initialize', args: [version, runtimeApiVersion, origins] }
 *   host → tab  { id, uuidAsString, args: [frameContext, hostClientType, runtimeConfigJson, clientSdkVersion] }
 *   tab → host  { func: 'getContext' }                  host → tab { args: [legacy context] }
 *   tab → host  { func: 'authentication.getAuthToken' }  host → tab { args: [true, token] }
 *   tab → host  { func: 'registerHandler', args: ['themeChange'] }   (no answer)
 *   host → tab  { func: 'themeChange', args: [theme] }               (an event: no id)
 *   tab → host  { func: 'executeDeepLink', args: [url] }             host → tab { args: [true] }
 *
 * teams-js only accepts messages from origins on its list (teams.microsoft.com is), so the test routes
 * https://teams.microsoft.com/* to this page and https://csp-bot.test/* to the bot's local server
 * (Playwright request interception), and refuses everything else.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';

export const HOST_ORIGIN = 'https://teams.microsoft.com';
export const TAB_ORIGIN = 'https://csp-bot.test';

export interface HostOptions {
  readonly theme: 'default' | 'dark' | 'contrast';
  readonly locale: string;
  readonly tid: string;
  readonly oid: string;
  readonly upn: string;
  /** what authentication.getAuthToken answers; a string starting with "error:" fails it */
  readonly token: string;
  /** never answer initialize (a frame that is not Teams) */
  readonly silent?: boolean;
}

const runtimeConfig = {
  apiVersion: 4,
  isLegacyTeams: false,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: {
    app: {},
    appInstallDialog: {},
    appEntity: {},
    dialog: { card: { bot: {} }, url: { bot: {} }, update: {} },
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
    teamsCore: {},
  },
};

function hostHtml(options: HostOptions): string {
  const cfg = JSON.stringify({ ...options, runtimeConfig: JSON.stringify(runtimeConfig) }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Teams test host</title>
<style>html,body{margin:0;height:100%} iframe{border:0;width:100%;height:100%;display:block}</style></head>
<body>
<iframe id="tab" title="Dashboard" src="${TAB_ORIGIN}/tab/dashboard"></iframe>
<script type="application/json" id="cfg">${cfg}</script>
<script>
const cfg = JSON.parse(document.getElementById('cfg').textContent);
const frame = document.getElementById('tab');
window.hostLog = [];
window.deepLinks = [];
window.setTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '${TAB_ORIGIN}');
window.addEventListener('message', (ev) => {
  if (ev.source !== frame.contentWindow || ev.origin !== '${TAB_ORIGIN}') return;
  const m = ev.data;
  if (!m || typeof m.func !== 'string') return;
  window.hostLog.push(m.func);
  const reply = (args) => frame.contentWindow.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, ev.origin);
  if (cfg.silent) return;
  switch (m.func) {
    case 'initialize':
      reply(['content', 'web', cfg.runtimeConfig, '2.0.0']);
      break;
    case 'getContext':
      reply([{
        locale: cfg.locale, theme: cfg.theme, tid: cfg.tid, userObjectId: cfg.oid, loginHint: cfg.upn,
        userPrincipalName: cfg.upn, entityId: 'dashboard', frameContext: 'content', hostClientType: 'web',
        hostName: 'Teams', appSessionId: 'test-session', sessionId: 'test-host-session', isFullScreen: false,
      }]);
      break;
    case 'authentication.getAuthToken':
      reply(cfg.token.startsWith('error:') ? [false, cfg.token.slice(6)] : [true, cfg.token]);
      break;
    case 'executeDeepLink':
      window.deepLinks.push(m.args[0]);
      reply([true]);
      break;
    default:
      break; // registerHandler and other notifications need no answer
  }
});
</script>
</body></html>`;
}

/** Routes the host page, the tab (proxied to `botUrl`) and refuses every other host. */
export async function installTeamsHost(
  context: BrowserContext,
  botUrl: string,
  options: () => HostOptions,
): Promise<void> {
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.origin === HOST_ORIGIN) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostHtml(options()) });
    } else if (url.origin === TAB_ORIGIN) {
      const response = await route.fetch({ url: `${botUrl}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    } else {
      await route.abort('blockedbyclient');
    }
  });
}

/** Opens the host and returns the tab's frame once the dashboard says it is ready (or shows a notice). */
export async function openTab(page: Page): Promise<ReturnType<Page['frameLocator']>> {
  await page.goto(`${HOST_ORIGIN}/_host`, { waitUntil: 'domcontentloaded' });
  return page.frameLocator('#tab');
}
