/**
 * The partner dashboard tab (issue 7) in Debian's Chromium, inside a test host that speaks teams-js's
 * protocol like Teams (test/e2e/support/teams-host.ts): a seeded provider's and a seeded reseller's
 * data in the three Teams themes and both locales, the outside-Teams notice, filter/paging, keyboard
 * order and a narrow window. Screenshots: test-results/e2e/dashboard/<who>-<locale>-<theme>.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { t, type Locale } from '../../src/i18n/index.js';
import type { Actor } from '../../src/domain/shared/context.js';
import { makeActor } from '../support/fixtures.js';
import { startDashboardServer, type DashboardServer } from '../support/dashboard-server.js';
import { PROVIDER_CUSTOMER_NAMES } from '../support/dashboard-seed.js';
import { launchBrowser, resultsDir, type LaunchedBrowser } from './support/index.js';
import { installTeamsHost, openTab, TAB_ORIGIN, type HostOptions } from './support/teams-host.js';

const shots = path.join(resultsDir, 'dashboard');
const themes = ['default', 'dark', 'contrast'] as const;
type Theme = (typeof themes)[number];
/** body background per theme (page.ts) */
const background: Record<Theme, string> = {
  default: 'rgb(245, 245, 245)',
  dark: 'rgb(31, 31, 31)',
  contrast: 'rgb(0, 0, 0)',
};

describe('dashboard tab in Chromium inside a Teams test host (issue 7)', function () {
  this.timeout(180_000);
  let d: DashboardServer;
  let b: LaunchedBrowser;
  let host: HostOptions;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    [d, b] = await Promise.all([startDashboardServer(), launchBrowser()]);
  });
  after(async () => {
    await b?.close();
    await d?.close();
  });

  async function context(opts: { width?: number; locale?: string } = {}): Promise<BrowserContext> {
    const ctx = await b.browser.newContext({
      viewport: { width: opts.width ?? 1280, height: 2000 },
      locale: opts.locale ?? 'en-US',
    });
    await installTeamsHost(ctx, d.url, () => host);
    return ctx;
  }

  async function hostFor(
    actor: Actor,
    locale: string,
    theme: Theme,
    extra: Partial<HostOptions> = {},
  ): Promise<HostOptions> {
    return {
      theme,
      locale,
      tid: actor.tenantId,
      oid: actor.aadObjectId,
      upn: actor.email ?? 'user@example.test',
      token: await d.tokenFor(actor),
      ...extra,
    };
  }

  async function ready(tab: FrameLocator): Promise<void> {
    await tab.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
  }

  async function themeOf(tab: FrameLocator): Promise<{ theme: string | null; bg: string }> {
    return tab.locator('html').evaluate((html) => ({
      theme: html.getAttribute('data-theme'),
      bg: getComputedStyle(document.body).backgroundColor,
    }));
  }

  const cases: { who: 'provider' | 'reseller'; locale: Locale }[] = [
    { who: 'provider', locale: 'en-US' },
    { who: 'provider', locale: 'ko-KR' },
    { who: 'reseller', locale: 'en-US' },
    { who: 'reseller', locale: 'ko-KR' },
  ];

  for (const { who, locale } of cases) {
    it(`${who}, ${locale}: renders its data, then follows Teams through the default, dark and contrast themes`, async () => {
      const actor = who === 'provider' ? d.seed.provider.admin : d.seed.reseller.admin;
      // Teams sends lower-case region tags sometimes ("ko-kr"): the page must cope
      host = await hostFor(actor, locale === 'ko-KR' ? 'ko-kr' : locale, 'default');
      const ctx = await context();
      try {
        const page = await ctx.newPage();
        const tab = await openTab(page);
        await ready(tab);
        const s = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale, key, params);

        assert.equal(await tab.locator('html').getAttribute('lang'), locale);
        assert.equal(await tab.locator('h1').textContent(), s('dashboard.title'));
        const enrollment = tab.locator('#enrollment');
        const org = who === 'provider' ? d.seed.provider : d.seed.reseller;
        await enrollment.getByText(org.legalName, { exact: false }).waitFor();
        // E8 for the reseller, M1/PT1 for the provider: each sees its own type's checklist, not another's
        const steps = enrollment.locator('ul.steps li');
        assert.equal(await steps.count(), 3);
        const type = who === 'provider' ? 'indirect_provider' : 'indirect_reseller';
        assert.equal(await enrollment.locator('ul.steps').getAttribute('data-type'), type);
        await enrollment.getByRole('heading', { name: s(`dashboard.enrollment.checklist.${type}`) }).waitFor();
        assert.ok((await steps.nth(1).textContent())!.includes(s(`dashboard.enrollment.step.enrolled.${type}`)));
        assert.equal(await enrollment.locator('ul.steps li.open').count(), 0);
        await enrollment.getByText(s('dashboard.enrollment.ready')).waitFor();
        // MPA
        assert.match(
          (await tab.locator('#mpa').textContent())!,
          new RegExp(s('dashboard.mpa.heading').replace(/[()]/g, '\\$&')),
        );
        const region = s('dashboard.region.korea');
        if (who === 'provider') {
          const rows = tab.locator('#resellers tbody tr');
          assert.equal(await rows.count(), 2);
          const fabrikam = rows.filter({ hasText: 'Fabrikam Resellers Korea' });
          assert.ok((await fabrikam.textContent())!.includes(region));
          assert.ok(
            (await fabrikam.textContent())!.includes(
              s('dashboard.partners.mpaSigned', { version: '' }).replace(/[()]/g, '').trim().split(' ')[0],
            ),
          );
          assert.ok(
            (await rows.filter({ hasText: 'Northwind Traders Korea' }).textContent())!.includes(
              s('dashboard.partners.mpaMissing'),
            ),
          );
          assert.equal(await tab.locator('#providers').count(), 0);
          // customers: the first page (10) holds all three, newest first
          const names = await tab.locator('#customers tbody th').allTextContents();
          assert.deepEqual(names, [...PROVIDER_CUSTOMER_NAMES].reverse());
          // pending: the partnership invitation to Litware, by MPN ID
          assert.ok((await tab.locator('#pending').textContent())!.includes(d.seed.invitedReseller.mpnId));
          assert.ok(
            (await tab.locator('#pending').textContent())!.includes('Litware Partners'),
            'the invited reseller is named',
          );
        } else {
          const rows = tab.locator('#providers tbody tr');
          assert.equal(await rows.count(), 1);
          assert.ok((await rows.first().textContent())!.includes('Contoso Distribution Korea'));
          assert.ok((await rows.first().textContent())!.includes(region));
          assert.equal(await tab.locator('#resellers').count(), 0);
          assert.equal(await tab.locator('#customers tbody tr').count(), 4);
          assert.ok((await tab.locator('#pending').textContent())!.includes('it@litware-customer.example'));
          // P1/P2: another provider's invitation waits for this reseller; P10: its own request waits for a provider
          const fromProviders = tab.getByRole('table', { name: s('dashboard.pending.fromProviders') });
          assert.ok(
            (await fromProviders.locator('tbody th').allTextContents()).includes('Wide World Distribution Korea'),
          );
          await tab.locator('#pending').getByText(s('dashboard.pending.fromProvidersHint')).waitFor();
          const sent = tab.getByRole('table', { name: s('dashboard.pending.sentRequests') });
          assert.deepEqual(await sent.locator('tbody th').allTextContents(), ['Tailspin Distribution Korea']);
        }
        // notifications from the outbox, in the user's language
        assert.ok((await tab.locator('#notifications li').count()) > 0);
        // actions: deep links to the bot chat
        const href = await tab.locator('#enrollment .actions a').getAttribute('href');
        assert.match(href!, /^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=28%3A/);
        // every table has a caption and column headers
        for (const table of await tab.locator('table').all()) {
          assert.ok(((await table.locator('caption').textContent()) ?? '').trim().length > 0);
          assert.ok((await table.locator('thead th[scope="col"]').count()) > 0);
        }

        for (const theme of themes) {
          if (theme !== 'default')
            await page.evaluate((th) => (window as unknown as { setTheme(t: string): void }).setTheme(th), theme);
          await tab.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
          const seen = await themeOf(tab);
          assert.equal(seen.bg, background[theme], `${theme} background`);
          await shot(page, `${who}-${locale}-${theme}`);
        }
        const log = await page.evaluate(() => (window as unknown as { hostLog: string[] }).hostLog);
        for (const func of ['initialize', 'getContext', 'authentication.getAuthToken', 'registerHandler'])
          assert.ok(log.includes(func), `host saw ${func}: ${log.join(', ')}`);
      } finally {
        await ctx.close();
      }
    });
  }

  it('starts in the theme the Teams context says (dark)', async () => {
    host = await hostFor(d.seed.provider.admin, 'en-US', 'dark');
    const ctx = await context();
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await ready(tab);
      assert.deepEqual(await themeOf(tab), { theme: 'dark', bg: background.dark });
    } finally {
      await ctx.close();
    }
  });

  it('customers: filter by reseller, with a label that names the select (provider)', async () => {
    host = await hostFor(d.seed.provider.admin, 'en-US', 'default');
    const ctx = await context();
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await ready(tab);
      await tab
        .getByLabel(t('en-US', 'dashboard.customers.filter'), { exact: true })
        .selectOption({ label: 'Northwind Traders Korea' });
      await tab.getByRole('button', { name: t('en-US', 'dashboard.customers.apply') }).click();
      await tab.locator('#customers caption', { hasText: 'Northwind Traders Korea' }).waitFor();
      assert.equal(await tab.locator('#customers tbody td.muted').textContent(), t('en-US', 'dashboard.none'));
      await tab
        .getByLabel(t('en-US', 'dashboard.customers.filter'), { exact: true })
        .selectOption({ label: 'Fabrikam Resellers Korea' });
      await tab.getByRole('button', { name: t('en-US', 'dashboard.customers.apply') }).click();
      await tab.locator('#customers caption', { hasText: 'Fabrikam Resellers Korea' }).waitFor();
      assert.equal(await tab.locator('#customers tbody tr').count(), 3);
      // back to every reseller's customers
      await tab
        .getByLabel(t('en-US', 'dashboard.customers.filter'), { exact: true })
        .selectOption({ label: t('en-US', 'dashboard.customers.filterAll') });
      await tab.getByRole('button', { name: t('en-US', 'dashboard.customers.apply') }).click();
      await tab.locator('#customers caption', { hasText: t('en-US', 'dashboard.customers.caption') }).waitFor();
      assert.deepEqual(
        await tab.locator('#customers tbody th').allTextContents(),
        [...PROVIDER_CUSTOMER_NAMES].reverse(),
      );
    } finally {
      await ctx.close();
    }
  });

  it('customers paging: a page of 2 then the next (limit through the API query)', async () => {
    // the page asks for 10 a page; the API's paging itself is covered by the integration test, here the pager UI
    host = await hostFor(d.seed.provider.admin, 'en-US', 'default');
    const ctx = await context();
    try {
      await ctx.route(`${TAB_ORIGIN}/api/dashboard**`, async (route) => {
        const u = new URL(route.request().url());
        u.searchParams.set('limit', '2');
        const response = await route.fetch({ url: `${d.url}${u.pathname}${u.search}` });
        await route.fulfill({ response });
      });
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await ready(tab);
      assert.deepEqual(await tab.locator('#customers tbody th').allTextContents(), [
        PROVIDER_CUSTOMER_NAMES[2],
        PROVIDER_CUSTOMER_NAMES[1],
      ]);
      await tab.locator('#customers-next').focus();
      await page.keyboard.press('Enter');
      await tab.getByText(t('en-US', 'dashboard.customers.page', { page: 2 })).waitFor();
      assert.deepEqual(await tab.locator('#customers tbody th').allTextContents(), [PROVIDER_CUSTOMER_NAMES[0]]);
      await tab.getByRole('button', { name: t('en-US', 'dashboard.customers.first') }).click();
      await tab.getByText(t('en-US', 'dashboard.customers.page', { page: 1 })).waitFor();
    } finally {
      await ctx.close();
    }
  });

  it('keyboard: the skip link comes first and lands on main; deep links open through Teams (executeDeepLink)', async () => {
    host = await hostFor(d.seed.reseller.admin, 'en-US', 'default');
    const ctx = await context();
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await ready(tab);
      await tab.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await tab.locator('.skip').focus();
      assert.equal(await tab.locator(':focus').textContent(), t('en-US', 'dashboard.skip'));
      const outline = await tab.locator('.skip').evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.equal(outline, 'solid', 'visible focus');
      await page.keyboard.press('Enter');
      assert.equal(await tab.locator(':focus').getAttribute('id'), 'main');
      // landmarks and headings
      assert.equal(await tab.locator('main').count(), 1);
      assert.equal(await tab.locator('nav').count(), 1);
      assert.ok((await tab.locator('section h2').count()) >= 5);
      await tab.locator('#enrollment .actions a').click();
      const links = await page.evaluate(() => (window as unknown as { deepLinks: string[] }).deepLinks);
      assert.equal(links.length, 1);
      assert.equal(new URL(links[0]).searchParams.get('message'), 'status');
    } finally {
      await ctx.close();
    }
  });

  it('narrow window (375 px): no horizontal page scroll; tables scroll inside their own box', async () => {
    host = await hostFor(d.seed.provider.admin, 'ko-KR', 'default');
    const ctx = await context({ width: 375 });
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await ready(tab);
      const overflow = await tab.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
      assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
      await shot(page, 'provider-ko-KR-default-narrow');
    } finally {
      await ctx.close();
    }
  });

  for (const locale of ['en-US', 'ko-KR'] as const) {
    it(`outside Teams (${locale}): a plain browser tab says to open it in Teams instead of hanging`, async () => {
      const ctx = await context({ locale });
      try {
        const page = await ctx.newPage();
        const started = Date.now();
        await page.goto(`${TAB_ORIGIN}/tab/dashboard`);
        await page.getByText(t(locale, 'dashboard.outsideTeams.title')).waitFor({ timeout: 10_000 });
        assert.ok(Date.now() - started < 8000);
        assert.ok((await page.locator('#status').textContent())!.includes(t(locale, 'dashboard.outsideTeams.body')));
        await shot(page, `outside-teams-${locale}`);
      } finally {
        await ctx.close();
      }
    });
  }

  it('in a frame that never answers teams-js: the notice appears after the initialize timeout', async () => {
    host = { ...(await hostFor(d.seed.provider.admin, 'en-US', 'default')), silent: true };
    const ctx = await context();
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await tab.getByText(t('en-US', 'dashboard.outsideTeams.title')).waitFor({ timeout: 15_000 });
    } finally {
      await ctx.close();
    }
  });

  it('a token Teams cannot get, and one the server refuses: localized errors, no data', async () => {
    host = await hostFor(d.seed.provider.admin, 'ko-KR', 'default', { token: 'error:resourceRequiresConsent' });
    let ctx = await context();
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await tab.getByText(t('ko-KR', 'dashboard.error.sso', { message: 'resourceRequiresConsent' })).waitFor();
    } finally {
      await ctx.close();
    }
    host = await hostFor(d.seed.provider.admin, 'ko-KR', 'default', { token: 'not-a-jwt' });
    ctx = await context();
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await tab.getByText(t('ko-KR', 'dashboard.error.unauthenticated')).waitFor();
      assert.equal(await tab.locator('#enrollment').count(), 0);
    } finally {
      await ctx.close();
    }
  });

  it('someone whose organisation is not enrolled: told so, with the enroll command one click away', async () => {
    const stranger = makeActor({ name: 'New Person' });
    host = await hostFor(stranger, 'en-US', 'default');
    const ctx = await context();
    try {
      const page = await ctx.newPage();
      const tab = await openTab(page);
      await tab.getByText(t('en-US', 'error.NOT_A_PARTNER_USER')).waitFor();
      assert.equal(await tab.locator('#enrollment').count(), 0);
      await tab.getByRole('link', { name: t('en-US', 'dashboard.openInChat', { command: 'enroll' }) }).click();
      const links = await page.evaluate(() => (window as unknown as { deepLinks: string[] }).deepLinks);
      assert.equal(new URL(links[0]).searchParams.get('message'), 'enroll');
      await shot(page, 'not-enrolled-en-US');
    } finally {
      await ctx.close();
    }
  });
});
