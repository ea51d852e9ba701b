/**
 * Issue 18 item 6: the Dashboard tab's GDAP section in Debian's Chromium inside the Teams test host: the reseller's
 * relationships expiring soonest first, end dates in the browser's own time zone (Asia/Seoul here), in en-US and
 * ko-KR; the empty state for an organization without GDAP. Screenshots: test-results/e2e/dashboard/gdap-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, FrameLocator } from 'playwright-core';
import { formatDate } from '../../src/i18n/format/index.js';
import { t, type Locale } from '../../src/i18n/index.js';
import type { Actor } from '../../src/domain/shared/context.js';
import { startDashboardServer, type DashboardServer } from '../support/dashboard-server.js';
import { seedGdap } from '../support/gdap-seed.js';
import { launchBrowser, resultsDir, type LaunchedBrowser } from './support/index.js';
import { installTeamsHost, openTab, type HostOptions } from './support/teams-host.js';

const shots = path.join(resultsDir, 'dashboard');
const ZONE = 'Asia/Seoul';

describe('dashboard tab: the GDAP section in Chromium (issue 18 item 6)', function () {
  this.timeout(180_000);
  let d: DashboardServer;
  let b: LaunchedBrowser;
  let host: HostOptions;
  let ids: Awaited<ReturnType<typeof seedGdap>>;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    [d, b] = await Promise.all([startDashboardServer(), launchBrowser()]);
    ids = await seedGdap(d.world, d.seed.reseller);
  });
  after(async () => {
    await b?.close();
    await d?.close();
  });

  async function open(actor: Actor, locale: Locale): Promise<{ ctx: BrowserContext; tab: FrameLocator }> {
    host = {
      theme: 'default',
      locale,
      tid: actor.tenantId,
      oid: actor.aadObjectId,
      upn: actor.email ?? 'user@example.test',
      token: await d.tokenFor(actor),
    };
    const ctx = await b.browser.newContext({ viewport: { width: 1280, height: 2000 }, locale, timezoneId: ZONE });
    await installTeamsHost(ctx, d.url, () => host);
    const page = await ctx.newPage();
    const tab = await openTab(page);
    await tab.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await tab.locator('#gdap').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `gdap-${locale}.png`) });
    return { ctx, tab };
  }

  for (const locale of ['en-US', 'ko-KR'] as const) {
    it(`${locale}: soonest end first, states and roles by name, dates in the browser's zone, days left`, async () => {
      const { ctx, tab } = await open(d.seed.reseller.admin, locale);
      try {
        const rows = tab.locator('#gdap tbody tr');
        const texts = await rows.allTextContents();
        const rels = await d.world.store.read.gdapRelationship.findMany({
          where: { id: { in: [ids.short, ids.long, ids.ended, ids.pending] } },
        });
        const byId = new Map(rels.map((r) => [r.id, r]));
        const order = [ids.short, ids.long, ids.ended, ids.pending].map((id) => byId.get(id)!);
        assert.equal(texts.length, 4);
        order.forEach((rel, i) => assert.ok(texts[i].includes(rel.displayName), `${i}: ${texts[i]}`));
        const short = order[0];
        assert.ok(texts[0].includes(short.customerName));
        assert.ok(texts[0].includes(t(locale, 'gdap.state.expiring')));
        assert.ok(texts[0].includes(locale === 'en-US' ? 'Helpdesk Administrator' : '기술 지원팀 관리자'));
        // the end as the reader's browser formats it, in its own zone
        assert.ok(texts[0].includes(formatDate(short.endsAt!, { locale, timeZone: ZONE }, 'medium')), texts[0]);
        assert.ok(texts[0].endsWith('10'), 'days left');
        assert.ok(texts[1].endsWith('60'));
        assert.ok(texts[2].includes(t(locale, 'dashboard.gdap.ended')));
        assert.ok(texts[3].includes(t(locale, 'dashboard.gdap.noEnd')));
        const heading = await tab.locator('#gdap h2').textContent();
        assert.equal(heading, t(locale, 'dashboard.gdap.heading'));
      } finally {
        await ctx.close();
      }
    });
  }

  it('empty state: an organization without GDAP reads that it has none', async () => {
    const { ctx, tab } = await open(d.seed.provider.admin, 'en-US');
    try {
      assert.equal(await tab.locator('#gdap [data-empty="gdap"]').textContent(), t('en-US', 'dashboard.gdap.empty'));
    } finally {
      await ctx.close();
    }
  });
});
