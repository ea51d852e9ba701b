/**
 * E2E (issue 18 item 3, G9): a GDAP request approved in headless Chromium. The bot runs as `npm start` does, a
 * local OpenID provider plays Entra ID. A member of the customer tenant is told to ask the Global Administrator; the
 * Global Administrator signs in, reads the partner, the roles by name, the duration and auto-extend, and approves
 * with the keyboard; the relationship is active with its end date and the partner's channel has its card queued.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inviteCustomer } from '../../src/domain/customers/invite-customer.js';
import { respondToCustomerInvitation } from '../../src/domain/customers/respond-customer-invitation.js';
import { requestGdap } from '../../src/domain/gdap/request-gdap.js';
import { customerActor, reseller, tokenOf } from '../support/partners.js';
import { launchBrowser, screenshot, stopAll, tail, type LaunchedBrowser } from './support/index.js';
import { signInAtProvider, startInviteWorld, type InviteWorld } from './support/invite.js';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const SECURITY_READER = '5d6b6bb7-de71-4623-b4af-96380a352509';

describe('e2e: GDAP approval page (headless Chromium, local OpenID provider)', function () {
  let world: InviteWorld | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    world = await startInviteWorld();
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    page = await browser!.newPage();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed') {
      const shot = await screenshot(page, `FAILED-gdap-${test.title}`).catch(() => '(no screenshot)');
      process.stderr.write(
        `\n--- ${test.title} failed; screenshot: ${shot}\n--- bot output (tail):\n${tail(world?.bot.process.output() ?? '', 30)}\n`,
      );
    }
    await page.context().close();
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await world?.stop();
    await stopAll();
  });

  it('G9: a member is told to ask; the Global Administrator reads the request and approves it with the keyboard', async () => {
    const { w, oidc } = world!;
    const r = await reseller(w, { legalName: 'Contoso <b>Cloud</b> Partners' });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    const accepted = await respondToCustomerInvitation(
      w.ctx,
      customerActor(oidc.tenantOf('admin@wingtip-e2e.example')),
      {
        token: tokenOf(inv.link),
        decision: 'accept',
        consent: true,
        customer: { name: 'Wingtip Toys', domain: 'wingtip-e2e.example', country: 'KR' },
      },
    );
    const req = await requestGdap(w.ctx, r.admin, {
      customerId: accepted.customerId!,
      displayName: 'Wingtip helpdesk',
      roleTemplateIds: [HELPDESK, SECURITY_READER],
      durationDays: 365,
      autoExtendDays: 180,
    });

    await page.setExtraHTTPHeaders({ 'accept-language': 'en-US,en;q=0.9' });
    // a plain member of the customer's tenant first: refused, the link stays unused
    await page.goto(req.approvalLink);
    assert.ok(page.url().startsWith(oidc.issuer), page.url());
    await signInAtProvider(page, 'it@wingtip-e2e.example', '/gdap/');
    await page.getByRole('heading', { name: 'A Global Administrator must answer' }).waitFor();
    await screenshot(page, 'gdap-page-member');
    await page.getByRole('link', { name: 'Sign in with another account' }).click();
    await signInAtProvider(page, 'admin@wingtip-e2e.example', '/gdap/');
    await page.getByRole('heading', { name: 'Approve admin access for a partner' }).waitFor();

    const text = await page.locator('main').innerText();
    assert.match(
      text,
      /Contoso <b>Cloud<\/b> Partners asks for administrator roles in the Microsoft Entra tenant of Wingtip Toys/,
    );
    assert.match(text, /Helpdesk Administrator\s+Security Reader/);
    assert.match(text, /For 365 days from your approval\. Then it extends by 180 days at a time/);
    assert.equal(await page.locator('main b').count(), 0, 'the partner name stays text');
    await screenshot(page, 'gdap-page');

    // keyboard: focus Approve and press Enter
    await page.getByRole('button', { name: 'Approve' }).focus();
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    assert.equal(focused.text, 'Approve');
    assert.notEqual(focused.outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Approved' }).waitFor();
    await screenshot(page, 'gdap-page-approved');

    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: req.relationshipId } });
    assert.equal(row.status, 'active');
    assert.ok(row.activatedAt && row.endsAt);
    assert.equal(row.endsAt.getTime() - row.activatedAt.getTime(), 365 * 86_400_000);
    assert.equal(row.approvedByRef !== null, true);
    assert.equal(
      await w.store.read.outboxEvent.count({ where: { type: 'gdap.approved', targetOrgId: r.orgId } }),
      1,
      'the partner channel gets the approval card',
    );
    // the used link answers without a sign-in
    await page.goto(req.approvalLink);
    assert.match(await page.locator('main').innerText(), /already been used|used/i);
  });
});
