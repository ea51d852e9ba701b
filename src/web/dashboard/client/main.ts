/**
 * The dashboard tab's browser script (bundled by ../bundle.ts). Runs in the Teams tab iframe:
 * app.initialize() → app.getContext() (locale, theme) → authentication.getAuthToken() → GET
 * /api/dashboard with the token. Outside Teams the initialisation fails or times out and the page
 * says so. Everything is built with DOM APIs and textContent: no server data becomes HTML.
 */
import { app } from '@microsoft/teams-js';
import { withTimeout } from '../../with-timeout.js';
import { ApiFailure, api } from './api.js';
import { el } from './dom.js';
import { renderCustomers } from './customers.js';
import { renderEnrollment, renderMpa } from './enrollment.js';
import { renderPartners } from './partners.js';
import { renderNotifications, renderPending } from './pending.js';
import { renderFailedNotifications } from './failed.js';
import { renderGdap } from './gdap.js';
import { resolveLocale } from '../../../i18n/locales.js';
import { s, tab } from './state.js';
import type { DashboardData } from './types.js';
import { actionLink } from './widgets.js';

const INIT_TIMEOUT_MS = 5000;

const statusBox = document.getElementById('status')!;
const content = document.getElementById('content')!;
const nav = document.getElementById('sections')!;
const refreshButton = document.getElementById('refresh') as HTMLButtonElement;

function applyLocale(): void {
  document.documentElement.lang = tab.locale;
  document.title = s('dashboard.title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    node.textContent = s(node.dataset.i18n ?? '');
}

function applyTheme(theme: string | undefined): void {
  const known = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  document.documentElement.dataset.theme = known;
}

function showNotice(text: string, opts: { error?: boolean; title?: string; action?: HTMLElement } = {}): void {
  statusBox.replaceChildren(
    el('div', { className: opts.error ? 'notice error' : 'notice' }, [
      ...(opts.title ? [el('h2', {}, [opts.title])] : []),
      el('p', {}, [text]),
      ...(opts.action ? [el('div', { className: 'actions' }, [opts.action])] : []),
    ]),
  );
}

function render(d: DashboardData): void {
  applyLocale();
  document.getElementById('who')!.textContent = s('dashboard.signedInAs', { name: d.user.name });
  const sections = [
    renderEnrollment(d),
    renderMpa(d),
    ...renderPartners(d),
    renderCustomers(d),
    renderGdap(d),
    renderPending(d),
    renderNotifications(d),
    renderFailedNotifications(d),
  ].filter((sec): sec is HTMLElement => sec !== null);
  content.replaceChildren(...sections);
  nav
    .querySelector('ul')!
    .replaceChildren(
      ...sections.map((sec) =>
        el('li', {}, [el('a', { href: `#${sec.id}` }, [sec.querySelector('h2')?.textContent ?? sec.id])]),
      ),
    );
  nav.hidden = false;
  refreshButton.hidden = false;
  statusBox.replaceChildren();
}

async function loadDashboard(): Promise<void> {
  try {
    render(await api<DashboardData>('/api/dashboard', {}));
  } catch (e) {
    content.replaceChildren();
    const action = e instanceof ApiFailure && e.action ? actionLink(e.action) : undefined;
    showNotice(e instanceof Error ? e.message : String(e), { error: true, ...(action ? { action } : {}) });
  }
}

async function start(): Promise<void> {
  applyLocale();
  try {
    await withTimeout(app.initialize(), INIT_TIMEOUT_MS);
    tab.inTeams = true;
  } catch {
    // A plain browser tab: no parent window (initialize rejects at once) or one that never answers.
    document.documentElement.dataset.host = 'none';
    showNotice(s('dashboard.outsideTeams.body'), { title: s('dashboard.outsideTeams.title') });
    return;
  }
  const context = await app.getContext();
  tab.locale = resolveLocale(context.app.locale);
  applyTheme(context.app.theme);
  applyLocale();
  app.registerOnThemeChangeHandler((theme) => applyTheme(theme));
  refreshButton.addEventListener('click', () => void loadDashboard());
  showNotice(s('dashboard.loading'));
  await loadDashboard();
  document.documentElement.dataset.ready = 'true';
}

void start();
