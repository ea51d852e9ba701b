/**
 * E2E (issue 6 item 2): the customer-invitation acceptance page in headless Chromium. The bot runs as
 * `npm start` does; a local OpenID provider (oidc-provider) plays Entra ID. The customer's admin
 * opens the link, signs in (authorization code + PKCE, state, nonce), sees who asks and what is
 * granted, and accepts or declines with the keyboard. Hostile partner names stay text; a form posted
 * without the session's CSRF token is refused. Someone who is not the tenant's Global Administrator
 * (the local provider: a login not starting with "admin") is told to ask them, and can switch account.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inviteCustomer } from '../../src/domain/customers/invite-customer.js';
import { partner, provider, reseller } from '../support/partners.js';
import { launchBrowser, screenshot, stopAll, tail, type LaunchedBrowser } from './support/index.js';
import { signInAtProvider, startInviteWorld, type InviteWorld } from './support/invite.js';

describe('e2e: customer invitation acceptance page (headless Chromium, local OpenID provider)', function () {
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
      const shot = await screenshot(page, `FAILED-invite-${test.title}`).catch(() => '(no screenshot)');
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

  it('C3: signs in, shows who asks and what is granted (hostile names as text), accepts with the keyboard', async () => {
    const { w } = world!;
    const p = await provider(w, { legalName: 'Provider <b>Bold</b> & Co' });
    const r = await reseller(w, { legalName: '<script>window.pwned=1</script> Reseller' });
    await partner(w, p, r);
    const inv = await inviteCustomer(w.ctx, r.admin, { providerId: p.orgId });

    await page.setExtraHTTPHeaders({ 'accept-language': 'en-US,en;q=0.9' });
    await page.goto(inv.link);
    // sent to the identity provider first
    assert.ok(page.url().startsWith(world!.oidc.issuer), page.url());
    await signInAtProvider(page, 'admin@fabrikam-e2e.example');
    await page.waitForURL((u) => u.pathname.startsWith('/invite/'));
    await page.getByRole('heading', { name: 'Accept a reseller relationship' }).waitFor();

    const text = await page.locator('main').innerText();
    assert.match(
      text,
      /<script>window\.pwned=1<\/script> Reseller and its indirect provider Provider <b>Bold<\/b> & Co/,
    );
    assert.match(text, /administrator permissions to manage your subscriptions, licenses and users/);
    assert.match(text, /may submit orders on your behalf/);
    assert.match(text, new RegExp(`tenant ${world!.oidc.tenantOf('admin@fabrikam-e2e.example')}`));
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    assert.equal(await page.locator('main script, main b').count(), 0);
    await screenshot(page, 'invite-page-c3');

    // keyboard only: fill the organisation, tick the consent, press Accept
    await page.getByLabel('Organization name').focus();
    await page.keyboard.type('Fabrikam E2E');
    await page.keyboard.press('Tab');
    assert.equal(await page.getByLabel(/Primary domain/).inputValue(), 'fabrikam-e2e.example');
    await page.keyboard.press('Tab'); // country (prefilled from the reseller)
    await page.keyboard.press('Tab'); // consent
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    assert.equal(focused.text, 'Accept');
    assert.notEqual(focused.outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Invitation accepted' }).waitFor();
    await screenshot(page, 'invite-page-accepted');

    const customer = await w.store.read.customer.findUnique({
      where: { tenantId: world!.oidc.tenantOf('admin@fabrikam-e2e.example') },
    });
    assert.equal(customer?.name, 'Fabrikam E2E');
    const rels = await w.store.read.customerRelationship.findMany({ where: { customerId: customer.id } });
    assert.deepEqual(rels.map((x) => x.partnerId).sort(), [p.orgId, r.orgId].sort());
  });

  it('ko-KR by Accept-Language; a decision posted without the session CSRF token is refused; decline creates nothing', async () => {
    const { w } = world!;
    const r = await reseller(w, { legalName: '콘토소 재판매' });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    // a Korean browser (Chromium sends Accept-Language from its locale on every navigation)
    await page.context().close();
    const ko = await browser!.browser.newContext({ locale: 'ko-KR' });
    await ko.route(
      (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
      (route) => route.abort('blockedbyclient'),
    );
    page = await ko.newPage();
    await page.goto(inv.link);
    await signInAtProvider(page, 'admin@northwind-e2e.example');
    await page.getByRole('heading', { name: '재판매인 관계 수락' }).waitFor();
    assert.match(
      await page.locator('main').innerText(),
      /콘토소 재판매에서 클라우드 솔루션 공급자 프로그램의 재판매인 관계를 요청합니다/,
    );

    // a forged post (same session cookie, wrong token) is refused with 403 and changes nothing
    const forged = await page.request.post(inv.link, {
      form: { csrf: 'forged', decision: 'accept', consent: 'on', name: 'X', domain: 'x.example', country: 'KR' },
    });
    assert.equal(forged.status(), 403);
    const noToken = await page.request.post(inv.link, { form: { decision: 'decline' } });
    assert.equal(noToken.status(), 403);

    await page.getByRole('button', { name: '거절' }).click();
    await page.getByRole('heading', { name: '초대를 거절했습니다' }).waitFor();
    assert.equal(await w.store.read.customerRelationship.count({ where: { partnerId: r.orgId } }), 0);
    const row = await w.store.read.invitation.findUnique({ where: { id: inv.invitationId } });
    assert.ok(row?.declinedAt);

    // the link is used now: opening it again explains why, without sending anyone to sign in
    await page.goto(inv.link);
    assert.ok(page.url().startsWith(world!.bot.url.replace('127.0.0.1', 'localhost')));
    assert.match(await page.locator('main').innerText(), /이 초대를 사용할 수 없습니다/);
  });

  it('C2/C3: a member who is not the Global Administrator is told to ask them; the invitation stays unused; switching account works', async () => {
    const { w } = world!;
    const r = await reseller(w, { legalName: 'Contoso Switch' });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    await page.setExtraHTTPHeaders({ 'accept-language': 'en-US' });
    await page.goto(inv.link);
    await signInAtProvider(page, 'it@wingtip-e2e.example');
    await page.getByRole('heading', { name: 'Your Global Administrator needs to answer this invitation' }).waitFor();
    const alert = await page.getByRole('alert').innerText();
    assert.match(alert, /Only a Global Administrator/);
    assert.match(alert, /ask your tenant’s Global Administrator to open the link/);
    assert.match(
      await page.locator('main').innerText(),
      /Contoso Switch would like to establish a reseller relationship/,
    );
    assert.equal(await page.getByRole('button', { name: 'Accept' }).count(), 0, 'no decision form');
    await screenshot(page, 'invite-page-admin-required');
    const row = await w.store.read.invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    assert.equal(row.usedAt, null);
    assert.equal(row.declinedAt, null);

    // the tenant's Global Administrator signs in from the same browser, by keyboard
    const link = page.getByRole('link', { name: 'Sign in with a different account' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.href.startsWith(world!.oidc.issuer));
    await signInAtProvider(page, 'admin@wingtip-e2e.example');
    await page.getByRole('heading', { name: 'Accept a reseller relationship' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Signed in as Admin/);
    assert.ok(await page.getByRole('button', { name: 'Accept' }).isVisible());
  });

  it("C8: the reseller's own tenant cannot accept; the page shows the rule and keeps the form", async () => {
    const { w } = world!;
    const login = 'admin@selfsale-e2e.example';
    const r = await reseller(w, { tenantId: world!.oidc.tenantOf(login) });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    await page.setExtraHTTPHeaders({ 'accept-language': 'en-US' });
    await page.goto(inv.link);
    await signInAtProvider(page, login);
    await page.getByLabel('Organization name').fill('Myself');
    await page.getByLabel(/I authorize/).check();
    await page.getByRole('button', { name: 'Accept' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /./);
    assert.equal(await w.store.read.customerRelationship.count({ where: { partnerId: r.orgId } }), 0);
    assert.ok(await page.getByRole('button', { name: 'Accept' }).isVisible());
  });
});
