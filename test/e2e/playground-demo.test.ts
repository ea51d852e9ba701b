/**
 * End to end: `npm run playground -- --lang ko` as a person starts it (issue 14 item 7): its own demo
 * database, the Playground's user answered in Korean through the locale relay, the home page labelled
 * as demo data. Headless Debian Chromium types into the Playground.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import {
  freePort,
  launchBrowser,
  openChat,
  repoRoot,
  spawnOwned,
  stopAll,
  tail,
  type LaunchedBrowser,
  type OwnedProcess,
} from './support/index.js';

describe('e2e: npm run playground -- --lang ko (the demo)', function () {
  let dir: string;
  let demo: OwnedProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let playgroundUrl = '';
  let botPort = 0;

  before(async function () {
    this.timeout(240_000);
    dir = mkdtempSync(path.join(tmpdir(), 'playground-demo-'));
    botPort = await freePort();
    demo = spawnOwned(
      'npm run playground',
      process.execPath,
      ['--import', 'tsx', 'scripts/playground.ts', '--lang', 'ko'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          PORT: String(botPort),
          PLAYGROUND_PORT: String(await freePort()),
          PLAYGROUND_DATABASE_URL: `file:${path.join(dir, 'playground.db')}`,
          PLAYGROUND_MAIL_DIR: path.join(dir, 'mail'),
        },
      },
    );
    const m = await demo.waitForOutput(/Playground: (http:\/\/localhost:\d+\/)/, 200_000);
    playgroundUrl = m[1] ?? '';
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed')
      process.stderr.write(`\n--- demo output:\n${tail(demo?.output() ?? '', 40)}\n`);
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await demo?.stop();
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says it is demo data on its own database and what it seeded', () => {
    const out = demo?.output() ?? '';
    assert.match(out, /DEMO DATA in .*playground\.db/);
    assert.match(out, /demo provider "Fabrikam Cloud Services Korea"/);
    assert.match(out, /every e-mail is an \.eml file in/);
  });

  it('the Playground user is answered in Korean: 도움말 shows the Korean help card', async () => {
    const chat = await openChat(page, { url: playgroundUrl, conversation: 'personal' });
    await chat.send('도움말');
    await chat.waitForCardTexts([t('ko-KR', 'guide.title'), '등록']);
    await chat.screenshot('playground-demo-ko-help');
  });

  it('GET / of the demo bot says the data is demo data', async () => {
    const html = await (await fetch(`http://127.0.0.1:${botPort}/`, { headers: { 'accept-language': 'ko' } })).text();
    assert.match(html, /데모 데이터/);
  });
});
