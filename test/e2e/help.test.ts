/**
 * End to end: the real bot, Microsoft 365 Agents Playground as the Teams client, headless Debian
 * Chromium as the person. `help` in the personal chat and as an @mention in a team channel must
 * come back as the rendered help card. Screenshots: test-results/e2e/.
 */
import assert from 'node:assert/strict';
import { commands } from '../../src/bot/commands.js';
import { programAdminCommandIds } from '../../src/bot/admin/command-specs.js';
import { t } from '../../src/i18n/index.js';
import {
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
import type { Page } from 'playwright-core';

/**
 * What `help all` must show: its title and every command with its description (en-US), but the program
 * administrator's commands, which are listed to administrators only (the Playground user is none here).
 */
function helpCardTexts(scope: 'personal' | 'team' | 'groupChat'): string[] {
  return [
    t('en-US', 'help.title'),
    ...commands
      .filter((c) => (c.scopes as readonly string[]).includes(scope) && !programAdminCommandIds.includes(c.id))
      .flatMap((c) => [c.names[0], t('en-US', c.descriptionKey)]),
  ];
}

/** What `help` shows a person who has not enrolled: what they can do now, with the button that enrolls. */
const guideTexts = [t('en-US', 'guide.title'), 'enroll', t('en-US', 'guide.all')];

describe('e2e: help in Microsoft 365 Agents Playground (headless Chromium)', function () {
  let bot: StartedBot | undefined;
  let playground: StartedPlayground | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    bot = await startBot();
    playground = await startPlayground(bot.port);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const shot = await screenshot(page, `FAILED-${test.title}`).catch(() => '(no screenshot)');
    process.stderr.write(
      `\n--- ${test.title} failed; screenshot: ${shot}\n--- bot output (tail):\n${tail(bot?.process.output() ?? '', 30)}\n` +
        `--- playground output (tail):\n${tail(playground?.process.output() ?? '', 15)}\n`,
    );
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await Promise.allSettled([playground?.stop(), bot?.stop()]);
    await stopAll(); // anything a failed start left behind
  });

  it('personal chat: `help` shows what this person can do now; "All commands" lists every command', async () => {
    const chat = await openChat(page, { url: playground!.url, conversation: 'personal' });
    await chat.send('help');
    const guide = await chat.waitForCardTexts(guideTexts);
    assert.ok(await guide.isVisible());
    await chat.screenshot('personal-help');
    await chat.clickCardButton(t('en-US', 'guide.all'), guide);
    await chat.waitForCardTexts(helpCardTexts('personal'));
    await chat.screenshot('personal-help-all');
  });

  it("personal chat: the welcome card's button answers with the help card (Action.Execute)", async () => {
    const chat = await openChat(page, { conversation: 'personal' });
    await chat.clickCardButton(t('en-US', 'welcome.helpButton'));
    await chat.waitForCardTexts(guideTexts);
    await chat.screenshot('personal-welcome-button');
  });

  it('team channel: `@bot help all` shows the help card in the thread', async () => {
    const chat = await openChat(page, { conversation: { channel: 'General' } });
    await chat.send('help all');
    const card = await chat.waitForCardTexts(helpCardTexts('team'));
    assert.ok(await card.isVisible());
    const log = await chat.logText();
    assert.match(log, /message 200\s*<at>[^<]+<\/at>\s*help/, 'the bot received the @mention as Teams sends it');
    await chat.screenshot('channel-help');
  });

  it('group chat: `@bot help all` shows the help card', async () => {
    const chat = await openChat(page, { conversation: 'group' });
    await chat.send('help all');
    await chat.waitForCardTexts(helpCardTexts('groupChat'));
    await chat.screenshot('group-help');
  });
});
