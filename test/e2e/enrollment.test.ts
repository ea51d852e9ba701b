/**
 * End to end (issue 4, item 8): a new partner enrolls step by step in the Agents Playground's
 * personal chat, the primary contact verifies through the emailed link (the .eml the bot writes
 * without SMTP_URL), the program administrator approves from the review card that arrives in the
 * same chat (the Playground has one identity, so it is made PROGRAM_ADMINS), and a global admin
 * signs the MPA. Screenshots of each card: test-results/e2e/enrollment-*.png.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  launchBrowser,
  openChat,
  repoRoot,
  screenshot,
  startBot,
  startPlayground,
  stopAll,
  tail,
  waitUntil,
  type Chat,
  type LaunchedBrowser,
  type StartedBot,
  type StartedPlayground,
} from './support/index.js';

/** The Agents Playground's signed-in user (Alex Wilber), from its built-in configuration. */
const PLAYGROUND_USER_AAD = '00000000-0000-0000-0000-0000000000020';
const MPN_ID = '4561237';

/** The verification link in the newest .eml (quoted-printable soft breaks undone). */
function linkFromMail(dir: string): string | undefined {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
  } catch {
    return undefined;
  }
  for (const f of files.reverse()) {
    const raw = readFileSync(path.join(dir, f), 'utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    const m = /https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/.exec(raw);
    if (m) return m[0];
  }
  return undefined;
}

describe('e2e: enrollment through approval and the MPA in the Agents Playground', function () {
  let bot: StartedBot | undefined;
  let playground: StartedPlayground | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let chat: Chat;
  const mailDir = mkdtempSync(path.join(tmpdir(), 'csp-e2e-mail-'));

  before(async function () {
    this.timeout(180_000);
    bot = await startBot({ env: { PROGRAM_ADMINS: PLAYGROUND_USER_AAD, MAIL_DIR: mailDir, SMTP_URL: '' } });
    // E2: the MPN profile registry knows this partner (the program administrator's CSV import).
    const csv = path.join(mailDir, 'mpn.csv');
    writeFileSync(csv, `mpnId,orgName,country,active\n${MPN_ID},Contoso Playground,US,true\n`);
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/mpn-import.ts', csv], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: `file:${path.join(bot.dataDir, 'bot.db')}`, LOG_LEVEL: 'warn' },
      stdio: 'pipe',
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
    await Promise.allSettled([playground?.stop(), bot?.stop()]);
    await stopAll();
  });

  it('enroll step by step: a wrong answer is asked again with why; the review card submits', async function () {
    this.timeout(240_000);
    chat = await openChat(page, { url: playground!.url, conversation: 'personal' });
    await chat.send('enroll');
    await chat.waitForCardText('Enroll in the CSP program');
    await chat.screenshot('enrollment-1-form');
    await chat.waitForText('Which partner type do you enroll as?');
    const answer = async (text: string, next: string | RegExp) => {
      await chat.send(text);
      await chat.waitForText(next);
    };
    await answer('1', 'What is your MPN ID (PartnerID)?');
    await answer('12ab', 'An MPN ID is 6 to 10 digits.');
    await chat.screenshot('enrollment-2-bad-mpn-id');
    await answer(MPN_ID, 'legal business name?');
    await answer('Contoso Playground Ltd', 'What is the street address?');
    await answer('1 Microsoft Way', 'Which city?');
    await answer('Redmond', 'What is the postal code?');
    await answer('98052', 'Which country/region?');
    await answer('US', "primary contact's full name?");
    await answer('Alex Wilber', "primary contact's work email?");
    await answer('alex@gmail.com', 'gmail.com');
    await chat.screenshot('enrollment-3-webmail-refused');
    await answer('alex@contoso-playground.example', "primary contact's phone number?");
    await answer('+1 425 555 0100', 'What email address should customers use for support?');
    await answer('support@contoso-playground.example', 'What phone number should customers use for support?');
    await answer('+1 425 555 0199', 'What is your support website');
    await chat.send('https://contoso-playground.example/support');
    const review = await chat.waitForCardTexts([
      'Review your application',
      MPN_ID,
      'Contoso Playground Ltd',
      'alex@contoso-playground.example',
    ]);
    await chat.screenshot('enrollment-4-review');
    await chat.clickCardButton('Submit', review);
    await chat.waitForCardText('We sent a verification link to alex@contoso-playground.example');
    await chat.screenshot('enrollment-5-submitted');
  });

  it('the primary contact opens the emailed link; the program administrator gets the review card and approves', async function () {
    this.timeout(120_000);
    const link = await waitUntil(
      () => Promise.resolve(linkFromMail(mailDir)),
      20_000,
      () => `no verification mail in ${mailDir}`,
    );
    assert.ok(link);
    const web = await browser!.newPage();
    await web.goto(link);
    // E4: opening the link verifies no one (mail scanners fetch links); the page's button does, by POST
    await web.getByRole('button', { name: 'Verify' }).click();
    await web.getByText('Thank you: your email address is verified').waitFor({ timeout: 15_000 });
    await screenshot(web, 'enrollment-6-verification-page');
    await web.close();

    await chat.waitForText(/application for Contoso Playground Ltd is now: In review/);
    const card = await chat.waitForCardTexts(['Enrollment to review', 'Contoso Playground Ltd', 'Approve', 'Reject']);
    await chat.screenshot('enrollment-7-review-card');
    await chat.clickCardButton('Approve', card);
    await chat.waitForCardText(/Approved by Alex Wilber on/);
    await chat.waitForText(/application for Contoso Playground Ltd is now: Approved/);
    await chat.screenshot('enrollment-8-approved');
  });

  it('a global admin signs the MPA (explicit acceptance), and status shows the E8 checklist done', async function () {
    this.timeout(120_000);
    await chat.send('sign agreement');
    const mpa = await chat.waitForCardTexts(['Microsoft Partner Agreement', 'Version 2020-02']);
    await chat.screenshot('enrollment-9-mpa');
    await mpa.locator('input[type="checkbox"]').check();
    await chat.clickCardButton('Sign the agreement', mpa);
    await chat.waitForCardText(/Signed: version 2020-02 by Alex Wilber/);
    await chat.screenshot('enrollment-10-mpa-signed');
    await chat.send('status');
    await chat.waitForCardTexts(['Enrollment status', 'Done: Microsoft Partner Agreement signed', 'ready to transact']);
    await chat.screenshot('enrollment-11-status');
  });
});
