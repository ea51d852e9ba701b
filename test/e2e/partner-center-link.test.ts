/**
 * E2E (issue 17 items 2 and 3): linking a Partner Center account from Teams, in a real browser.
 * The organisation's admin (the Agents Playground's user, Alex Wilber, in the Playground's tenant) has enrolled and
 * waits for the e-mail check. In the Playground, `partner center` shows the card; pressing its Link button opens the
 * start link in a new window, which goes to the local OpenID provider standing in for Entra ID (MFA sign-in as
 * admin@contoso.example, of the organisation's tenant) and comes back to the bot's "linked" page. The bot reads the
 * profile from the local Partner Center (which holds what the organisation entered), so the page also says the
 * application is approved (E-PC3); the card then shows the link. Opening the used start link again shows the
 * localized refusal (L2), in English and in Korean. Screenshots: test-results/e2e/pc-link-*.png.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { startLocalOidc, type LocalOidc } from '../../scripts/oidc/local-provider.js';
import { enroll } from '../../src/domain/enrollment/enroll.js';
import { freshSqlite, type TestDatabase } from '../support/db.js';
import { enrollmentInput, makeWorld, newMpnId, registerMpn, TEST_DATA_ENCRYPTION_KEY } from '../support/fixtures.js';
import { LocalPartnerCenter } from '../support/partner-center/server.js';
import {
  freePort,
  launchBrowser,
  openChat,
  screenshot,
  startBot,
  startPlayground,
  stopAll,
  tail,
  type LaunchedBrowser,
  type StartedBot,
  type StartedPlayground,
} from './support/index.js';

/** The Playground's defaults: its tenant and its user's Entra object id. */
const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const PC_CLIENT_ID = 'pc-app-e2e';
const PC_CLIENT_SECRET = 'pc-app-e2e-secret-0123456789-abcdef';
const DOMAIN = 'contoso.example';
const ORG = 'Contoso Link E2E Ltd';

/** Signs in at the local provider (login, then consent) until the browser is back on the bot's callback page. */
async function signInAndComeBack(page: Page, login: string): Promise<void> {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').click();
  const consent = page.getByRole('button', { name: 'Continue' });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && !new URL(page.url()).pathname.startsWith('/partner-center/link/callback')) {
    if (await consent.isVisible().catch(() => false)) {
      await consent.click();
      await consent.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    } else {
      await page.waitForTimeout(100);
    }
  }
  await page.waitForLoadState('domcontentloaded');
}

describe('e2e: link a Partner Center account from the card, in the browser (Agents Playground)', function () {
  let t: TestDatabase | undefined;
  let oidc: LocalOidc | undefined;
  let stub: LocalPartnerCenter | undefined;
  let bot: StartedBot | undefined;
  let playground: StartedPlayground | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let applicationId = '';

  before(async function () {
    this.timeout(240_000);
    const port = await freePort();
    const base = `http://localhost:${port}`;
    oidc = await startLocalOidc({
      clientId: 'csp-bot-e2e-unused',
      clientSecret: 'unused-secret-0123456789',
      redirectUris: [`${base}/invite/callback`],
      // admin@contoso.example belongs to the organisation's tenant (L3)
      tenants: { [DOMAIN]: PLAYGROUND_TENANT },
      partnerCenter: {
        clientId: PC_CLIENT_ID,
        clientSecret: PC_CLIENT_SECRET,
        redirectUris: [`${base}/partner-center/link/callback`],
      },
    });
    stub = await LocalPartnerCenter.start();
    // the local Entra's access tokens for the linked account are app+user (they carry scp)
    stub.acceptJwts((token) => Promise.resolve(decodeJwt(token)));

    // Alex's organisation enrolled (E1) and waits for its e-mail check (E4); Partner Center holds the same profile
    t = await freshSqlite();
    const w = makeWorld(t, { now: () => new Date(), publicBaseUrl: base });
    const mpnId = newMpnId();
    const input = enrollmentInput(mpnId, 'KR', { legalName: ORG });
    await registerMpn(w, [{ mpnId, orgName: ORG, country: 'KR' }]);
    const enrolled = await enroll(
      w.ctx,
      {
        aadObjectId: ALEX,
        tenantId: PLAYGROUND_TENANT,
        name: 'Alex Wilber',
        email: 'alexw@contoso.example',
        locale: 'en-US',
      },
      input,
    );
    applicationId = enrolled.applicationId;
    const [first = '', ...rest] = input.primaryContact.name.split(' ');
    stub.world.withPartner({
      tenantId: PLAYGROUND_TENANT,
      mpnId,
      companyName: ORG,
      address: {
        country: 'KR',
        city: input.address.city,
        addressLine1: input.address.line1,
        postalCode: input.address.postalCode,
      },
      primaryContact: {
        firstName: first,
        lastName: rest.join(' '),
        email: input.primaryContact.email,
        phoneNumber: '025550100',
      },
    });

    bot = await startBot({
      port,
      env: {
        DATABASE_URL: t.url,
        DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
        MAIL_DIR: path.join(path.dirname(t.url.slice('file:'.length)), 'mail'),
        PUBLIC_BASE_URL: base,
        PARTNER_CENTER_CLIENT_ID: PC_CLIENT_ID,
        PARTNER_CENTER_CLIENT_SECRET: PC_CLIENT_SECRET,
        PARTNER_CENTER_AUTHORITY: `${oidc.issuer}/organizations`,
        PARTNER_CENTER_API_URL: stub.url,
      },
    });
    playground = await startPlayground(bot.port);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const shot = await screenshot(page, `FAILED-${test.title}`).catch(() => '(no screenshot)');
    process.stderr.write(
      `\n--- ${test.title} failed; screenshot: ${shot}\n--- bot output (tail):\n${tail(bot?.process.output() ?? '', 40)}\n`,
    );
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
    await stub?.stop();
    await oidc?.close();
    await t?.cleanup();
    await stopAll();
  });

  it('L1–L3, E-PC3: Link → sign in with MFA → the linked page (application approved) → the card shows linked; the used start link is refused (en-US, ko-KR)', async function () {
    this.timeout(240_000);
    const chat = await openChat(page, { url: playground!.url, conversation: 'personal' });
    await chat.send('partner center');
    const card = await chat.waitForCardTexts([`${ORG} has not linked a Partner Center account`]);
    await chat.screenshot('pc-link-1-card');

    // the Link button (Action.OpenUrl) opens the start link in a window of its own; the browser's request tells it
    let startLink = '';
    page.context().on('request', (request) => {
      if (!startLink && /\/partner-center\/link\/[A-Za-z0-9_-]{40,}$/.test(request.url())) startLink = request.url();
    });
    const opened = page.context().waitForEvent('page', { timeout: 30_000 });
    // the Playground renders an Action.OpenUrl as a button with role "link"
    await card.getByRole('link', { name: 'Link Partner Center account', exact: true }).click();
    const signIn = await opened;
    await signIn.waitForLoadState('domcontentloaded');
    await signIn.locator('input[name=login]').waitFor({ timeout: 30_000 });
    assert.equal(new URL(signIn.url()).origin, oidc!.issuer, 'the sign-in is at the local Entra stand-in');
    await signInAndComeBack(signIn, `admin@${DOMAIN}`);
    await signIn.getByRole('heading', { name: 'Partner Center account linked' }).waitFor({ timeout: 30_000 });
    const linked = await signIn.locator('main, body').first().innerText();
    assert.match(linked, new RegExp(`The Partner Center account is now linked to ${ORG}`));
    assert.match(linked, new RegExp(`Partner Center confirmed ${ORG}: its application is approved\\.`));
    await screenshot(signIn, 'pc-link-2-linked-page');

    // back in Teams: the card shows the link, who made it, and the profile's comparison
    await chat.send('partner center');
    await chat.waitForCardTexts([
      `${ORG} is linked to its Partner Center account.`,
      'admin@contoso.example',
      'Partner Center profile',
    ]);
    await chat.screenshot('pc-link-3-card-linked');
    const app = await makeWorld(t!).store.read.enrollmentApplication.findUniqueOrThrow({
      where: { id: applicationId },
    });
    assert.equal(app.state, 'approved');

    // L2: the start link works once; opened again it is refused, in the reader's language
    assert.ok(startLink, 'the button opened a start link');
    const used = startLink;
    for (const [locale, refusal] of [
      ['en-US', 'This link has already been used.'],
      ['ko-KR', '이 링크는 이미 사용되었습니다.'],
    ] as const) {
      const context = await browser!.browser.newContext({ locale });
      const again = await context.newPage();
      const answer = await again.goto(used);
      assert.equal(answer?.status(), 410);
      await again.getByRole('alert').filter({ hasText: refusal }).waitFor({ timeout: 10_000 });
      await screenshot(again, `pc-link-4-refused-${locale}`);
      await context.close();
    }
  });
});
