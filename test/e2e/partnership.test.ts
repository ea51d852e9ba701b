/**
 * End to end (issue 5, item 9): in the Agents Playground a provider invites a reseller, the reseller
 * authorises it from the card, and the notification appears in the reseller's Teams channel.
 *
 * The Playground signs in one person per run, and an organisation's users live in its own tenant,
 * so the two sides are two Playground runs: first in the provider's tenant (the Playground's
 * default), then in the reseller's tenant (its default .m365agentsplayground.yml with another
 * tenantId). Both organisations are seeded through the domain use cases (test/support/fixtures.ts) in
 * the database the bot uses; before each run the side's enrolling admin takes the Playground user's
 * identity (Alex Wilber), since an Entra object id belongs to one user row.
 *
 * The notification delivery worker (src/notify, another helper's) is not started by src/index.ts yet,
 * so this test runs it in this process against the same database, with the partnership renderer and
 * the CloudAdapter send port aimed at the Playground — the same parts the bot will run.
 * Screenshots: test-results/e2e/partnership-*.png.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { freshSqlite, type TestDatabase } from '../support/db.js';
import { makeWorld, type EnrolledOrg, type World } from '../support/fixtures.js';
import { provider, reseller } from '../support/partners.js';
import {
  launchBrowser,
  openChat,
  screenshot,
  startBot,
  startPlayground,
  stopAll,
  tail,
  waitUntil,
  type LaunchedBrowser,
  type StartedBot,
  type StartedPlayground,
} from './support/index.js';

const PROVIDER_TENANT = '00000000-0000-0000-0000-0000000000001';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const RESELLER_TENANT = '00000000-0000-0000-0000-0000000000002';

/** The Playground's own default configuration (its built-in file, verbatim) in another tenant. */
function playgroundConfig(tenantId: string): string {
  return `# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json
# Visit https://aka.ms/teams-app-test-tool-config-guide for details on this file

# The config file is for customization of Teams context information like chats, teams and users.
# It is mockup data for testing Bot Framework APIs (or botbuilder SDK methods like TeamsInfo.getTeamMembers()).
# You can customize this file to change API response if your bot code uses these APIs.
version: "0.1.1"
tenantId: ${tenantId}
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: Test Bot
currentUser:
  id: user-id-0
  name: Alex Wilber
  userPrincipleName: alexw@example.com
  aadObjectId: 00000000-0000-0000-0000-0000000000020
  givenName: Alex
  surname: Wilber
  email: alexw@example.com
users:
  - id: user-id-1
    name: Alex Wilber
    userPrincipleName: meganb@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000021
    givenName: Megan
    surname: Bowen
    email: meganb@example.com
  - id: user-id-2
    name: Adele Vance
    userPrincipleName: adelev@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000022
    givenName: Adele
    surname: Vance
    email: adelev@example.com
  - id: user-id-3
    name: Isaiah Langer
    userPrincipleName: isaiah@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000023
    givenName: Isaiah
    surname: Langer
    email: isaiahl@example.com
  - id: user-id-4
    name: Patti Fernandez
    userPrincipleName: pattif@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000024
    givenName: Patti
    surname: Fernandez
    email: pattif@example.com
  - id: user-id-5
    name: Lynne Robbins
    userPrincipleName: lynner@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000025
    givenName: Lynne
    surname: Robbins
    email: lynner@example.com
personalChat:
  id: __PERSONAL_CHAT_ID__
groupChat:
  id: __GROUP_CHAT_ID__
  name: Group Chat
team:
  id: team-id
  name: My Team
  aadGroupId: 00000000-0000-0000-0000-000000000031
  channels:
    - id: channel-announcements-id
      name: Announcements
`;
}

/** Makes the organisation's enrolling admin the Playground's user (and nobody else). */
async function takeIdentity(w: World, org: EnrolledOrg): Promise<void> {
  await w.store.read.user.updateMany({ where: { aadObjectId: ALEX }, data: { aadObjectId: null } });
  await w.store.read.user.updateMany({
    where: { orgId: org.orgId, emailLower: org.admin.email!.toLowerCase() },
    data: { aadObjectId: ALEX, name: 'Alex Wilber' },
  });
}

describe('e2e: a provider invites, a reseller authorises, the channel is told (Agents Playground)', function () {
  let t: TestDatabase;
  let w: World;
  let bot: StartedBot | undefined;
  let playground: StartedPlayground | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let prov: EnrolledOrg;
  let res: EnrolledOrg;
  let token = '';

  before(async function () {
    this.timeout(180_000);
    t = await freshSqlite();
    w = makeWorld(t, { now: () => new Date() });
    prov = await provider(w, { tenantId: PROVIDER_TENANT, legalName: 'Fabrikam Distribution', country: 'US' });
    res = await reseller(w, { tenantId: RESELLER_TENANT, legalName: 'Contoso Reseller', country: 'US' });
    await takeIdentity(w, prov);
    bot = await startBot({
      env: { DATABASE_URL: t.url, MAIL_DIR: path.join(path.dirname(t.url.slice('file:'.length)), 'mail') },
    });
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
    await Promise.allSettled([playground?.stop(), bot?.stop()]);
    await t?.cleanup();
    await stopAll();
  });

  it('P1: the provider (Alex, in the provider tenant) invites the reseller by MPN ID and gets the draft with its personalised link', async function () {
    this.timeout(180_000);
    playground = await startPlayground(bot!.port);
    const chat = await openChat(page, { url: playground.url, conversation: 'personal' });
    await chat.send(`invite reseller ${res.mpnId}`);
    const card = await chat.waitForCardTexts(['Your partnership request', res.mpnId]);
    await chat.screenshot('partnership-1-draft');
    const text =
      (await card
        .locator('textarea')
        .first()
        .inputValue()
        .catch(() => '')) || (await card.innerText());
    const m = /\/invite\/([A-Za-z0-9_-]{43})/.exec(text);
    assert.ok(m, `the draft shows the link: ${text.slice(0, 300)}`);
    token = m[1]!;
    await playground.stop();
    playground = undefined;
  });

  it('P2: the reseller (Alex again, in the reseller tenant) connects a channel, authorises from the card, and the channel gets the notification', async function () {
    this.timeout(240_000);
    assert.ok(token, 'the first step produced a link');
    await takeIdentity(w, res);
    playground = await startPlayground(bot!.port, { configYaml: playgroundConfig(RESELLER_TENANT) });
    const channel = await openChat(page, { url: playground.url, conversation: { channel: 'Announcements' } });
    await channel.send('notify here');
    await channel.waitForText(/This channel is now connected: notifications for Contoso Reseller/);
    await channel.screenshot('partnership-2-notify-here');
    const registered = await w.store.read.notificationChannel.findMany({ where: { orgId: res.orgId } });
    assert.equal(registered.length, 1);

    // The reseller's channel stays open in a second tab while the authorisation happens in the
    // first: the bot's own notification worker (started with the server) posts the notice there.
    const channelPage = await browser!.newPage();
    const channelView = await openChat(channelPage, {
      url: playground.url,
      conversation: { channel: 'Announcements' },
    });

    const chat = await openChat(page, { url: playground.url, conversation: 'personal' });
    // P1: before authorising, `requests` shows the invitation waiting for the reseller, the provider named
    await chat.send('requests');
    await chat.waitForCardTexts(['Invitations from indirect providers waiting for you', 'Fabrikam Distribution']);
    await chat.screenshot('partnership-3-requests');
    await chat.send(`authorize ${token}`);
    const card = await chat.waitForCardTexts([
      'Authorize an indirect provider',
      'Fabrikam Distribution',
      'administrator access',
    ]);
    await chat.screenshot('partnership-3-authorize');
    await card.getByRole('checkbox').first().check();
    await chat.clickCardButton('Authorize indirect provider', card);
    await chat.waitForCardText(/Authorized by Alex Wilber/);
    await chat.screenshot('partnership-4-authorized');
    const p = await w.store.read.partnership.findFirstOrThrow({
      where: { providerId: prov.orgId, resellerId: res.orgId },
    });
    assert.equal(p.state, 'active');

    const notice = /Alex Wilber authorized Fabrikam Distribution as an indirect provider of Contoso Reseller/;
    try {
      const sent = async () => {
        const events = await t.db.prisma.outboxEvent.findMany({
          where: { type: 'partnership.authorized', targetOrgId: res.orgId },
          select: { id: true },
        });
        const n = await t.db.prisma.outboxDelivery.count({
          where: { status: 'sent', eventId: { in: events.map((e) => e.id) } },
        });
        return n > 0 ? true : undefined;
      };
      await waitUntil(sent, 30_000, () => 'the bot delivering partnership.authorized to the channel');
      try {
        await channelView.waitForText(notice, { timeoutMs: 15_000 });
      } catch {
        const reloaded = await openChat(channelPage, {
          url: playground.url,
          conversation: { channel: 'Announcements' },
        });
        await reloaded.waitForText(notice, { timeoutMs: 30_000 });
      }
      await screenshot(channelPage, 'partnership-5-channel-notification');
    } catch (e) {
      const deliveries = await t.db.prisma.outboxDelivery.findMany({});
      process.stderr.write(`\n--- deliveries ${JSON.stringify(deliveries).slice(0, 3000)}\n`);
      await screenshot(channelPage, 'FAILED-partnership-channel');
      throw e;
    } finally {
      await channelPage.close();
    }
  });
});
