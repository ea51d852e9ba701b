/**
 * E2E (issue 6 item 7): invite → accept in the browser → the customer seen in Teams.
 * The reseller's admin (the Agents Playground's signed-in user, Alex Wilber, in the Playground's
 * default tenant) types `invite customer` and creates the invitation; the customer's admin opens the
 * link in Chromium, signs in at the local OpenID provider and accepts; back in the Playground,
 * `customers` lists the new customer. Screenshots: test-results/e2e/customer-*.png.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { makeWorld } from '../support/fixtures.js';
import { reseller } from '../support/partners.js';
import { signInAtProvider, startInviteWorld, type InviteWorld } from './support/invite.js';
import {
  launchBrowser,
  openChat,
  screenshot,
  startPlayground,
  stopAll,
  tail,
  type LaunchedBrowser,
  type StartedPlayground,
} from './support/index.js';

/** The Playground's defaults: its tenant and its user's Entra object id. */
const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';
const ALEX = '00000000-0000-0000-0000-0000000000020';

describe('e2e: invite a customer in Teams, accept in the browser, see it in Teams (Agents Playground)', function () {
  let world: InviteWorld | undefined;
  let playground: StartedPlayground | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;

  before(async function () {
    this.timeout(240_000);
    world = await startInviteWorld();
    const w = makeWorld(world.t, { now: () => new Date(), publicBaseUrl: world.w.ctx.publicBaseUrl });
    const r = await reseller(w, { tenantId: PLAYGROUND_TENANT, legalName: 'Contoso Reseller' });
    // the reseller's enrolling admin becomes the Playground's user
    await w.store.read.user.updateMany({
      where: { orgId: r.orgId, emailLower: r.admin.email!.toLowerCase() },
      data: { aadObjectId: ALEX, name: 'Alex Wilber' },
    });
    playground = await startPlayground(world.bot.port);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const shot = await screenshot(page, `FAILED-${test.title}`).catch(() => '(no screenshot)');
    process.stderr.write(
      `\n--- ${test.title} failed; screenshot: ${shot}\n--- bot output (tail):\n${tail(world?.bot.process.output() ?? '', 40)}\n`,
    );
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await playground?.stop();
    await world?.stop();
    await stopAll();
  });

  it('C2: invite customer → the customer accepts after signing in → `customers` lists it', async function () {
    this.timeout(240_000);
    const chat = await openChat(page, { url: playground!.url, conversation: 'personal' });
    await chat.send('invite customer');
    await chat.waitForCardTexts(['Invite a customer']);
    await chat.clickCardButton('Create invitation');
    const draft = await chat.waitForCardTexts(['Your invitation draft']);
    await chat.screenshot('customer-1-draft');
    const text =
      (await draft
        .locator('textarea')
        .first()
        .inputValue()
        .catch(() => '')) || (await draft.innerText());
    const link = /https?:\/\/[^\s"]+\/invite\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
    assert.ok(link, `the draft shows the link: ${text.slice(0, 300)}`);

    // the customer's admin, in their own browser
    const customerContext = await browser!.browser.newContext({ locale: 'en-US' });
    await customerContext.route(
      (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
      (route) => route.abort('blockedbyclient'),
    );
    const customerPage = await customerContext.newPage();
    await customerPage.goto(link);
    await signInAtProvider(customerPage, 'admin@fabrikam-teams.example');
    await customerPage.getByLabel('Organization name').fill('Fabrikam Teams E2E');
    await customerPage.getByLabel(/I authorize/).check();
    await customerPage.getByRole('button', { name: 'Accept' }).click();
    await customerPage.getByRole('heading', { name: 'Invitation accepted' }).waitFor();
    await screenshot(customerPage, 'customer-2-accepted');
    await customerContext.close();

    // the inviter gets a card in the personal chat (item 3)
    await chat.waitForCardTexts(['Fabrikam Teams E2E accepted your invitation.']);
    await chat.send('customers');
    await chat.waitForCardTexts(['Customers', 'Fabrikam Teams E2E', 'fabrikam-teams.example']);
    await chat.screenshot('customer-3-listed');
  });
});
