/**
 * `npm run screenshots`: the README's pictures, made from the same renders the e2e suite checks
 * (issue 16 item 8). Nothing here draws a card by itself:
 *
 * - the chat cards are the real bot (started as `npm start` runs it, test/e2e/support/bot.ts) answering
 *   Microsoft 365 Agents Playground in headless Debian Chromium (test/e2e/support/chat.ts), each in
 *   en-US and ko-KR: the Playground always says en-US, so a relay in front of the bot puts the locale on
 *   the activities, as `npm run playground -- --lang ko` does (scripts/playground/relay.ts);
 * - the customer-invitation page is the bot's own page after signing in at the local OpenID provider
 *   (test/e2e/support/invite.ts);
 * - the Dashboard tab is the bot's tab inside the Teams test host (test/e2e/support/teams-host.ts) on
 *   the dashboard tests' seeded world (test/support/dashboard-server.ts).
 *
 * The data is the dashboard tests' world (test/support/dashboard-seed.ts: fixed names, made through the
 * use cases) on a clock anchored at 09:00 UTC a week before today (the bot checks invitation expiry
 * with the real clock); MPN IDs and customer domains are the fixtures' random ones. A card is cropped
 * to its box with a 12 px margin of the chat (the Playground's cards are about 450 px wide), the
 * invitation page and the tab are 900 px wide (the tab down to its customers). PNGs are re-encoded at
 * the strongest deflate, then through pngquant when it is on PATH (a third of the size). Written to
 * docs/images/ (or --out DIR). Needs Debian's chromium and a Korean font:
 * `apt-get install -y chromium fonts-noto-cjk pngquant`.
 *
 *   npm run screenshots                 # all of them, into docs/images/
 *   npm run screenshots -- --only dashboard,invite --out /tmp/shots
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { t, type Locale, type MessageKey } from '../src/i18n/index.js';
import { enroll } from '../src/domain/enrollment/enroll.js';
import { verifyContact } from '../src/domain/enrollment/verify-contact.js';
import { requestPartnership } from '../src/domain/partnerships/request-partnership.js';
import { inviteCustomer } from '../src/domain/customers/invite-customer.js';
import { freshSqlite, type TestDatabase } from '../test/support/db.js';
import { enrollmentInput, makeWorld, registerMpn, type EnrolledOrg, type World } from '../test/support/fixtures.js';
import { seedDashboardWorld } from '../test/support/dashboard-seed.js';
import { startDashboardServer } from '../test/support/dashboard-server.js';
import { startLocalOidc, type LocalOidc } from './oidc/local-provider.js';
import { withLocale } from './playground/relay.js';
import {
  freePort,
  launchBrowser,
  openChat,
  repoRoot,
  startBot,
  startPlayground,
  stopAll,
  tail,
  type Chat,
  type LaunchedBrowser,
  type StartedBot,
  type StartedPlayground,
} from '../test/e2e/support/index.js';
import { installSignalCleanup } from '../test/e2e/support/processes.js';
import { signInAtProvider } from '../test/e2e/support/invite.js';
import { installTeamsHost, openTab, type HostOptions } from '../test/e2e/support/teams-host.js';

const locales: readonly Locale[] = ['en-US', 'ko-KR'];
/** The reader's time zone each locale's activities carry (as the Teams client would send it). */
const timeZones: Record<Locale, string> = { 'en-US': 'America/Los_Angeles', 'ko-KR': 'Asia/Seoul' };
const WIDTH = 900;
const groups = ['cards', 'invite', 'dashboard'] as const;
type Group = (typeof groups)[number];

const say = (line: string) => process.stdout.write(`[screenshots] ${line}\n`);

function parseArgs(argv: readonly string[]): { out: string; only: Set<Group> } {
  let out = path.join(repoRoot, 'docs', 'images');
  let only = new Set<Group>(groups);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = path.resolve(argv[++i] ?? '');
    else if (a === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = names.filter((n) => !(groups as readonly string[]).includes(n));
      if (bad.length || !names.length) {
        process.stderr.write(`[screenshots] --only takes ${groups.join(',')}\n`);
        process.exit(2);
      }
      only = new Set(names as Group[]);
    } else {
      process.stderr.write(
        `[screenshots] unknown argument "${a}"\nusage: npm run screenshots -- [--out DIR] [--only ${groups.join(',')}]\n`,
      );
      process.exit(2);
    }
  }
  return { out, only };
}

const { out, only } = parseArgs(process.argv.slice(2));
const written: { file: string; bytes: number; width: number; height: number }[] = [];

/** Re-encodes a screenshot at deflate level 9 (and through pngquant when installed), then writes it. */
function savePng(name: string, raw: Buffer): void {
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.png`);
  const png = PNG.sync.read(raw);
  let bytes = PNG.sync.write(png, { deflateLevel: 9, deflateStrategy: 1, colorType: 2, inputHasAlpha: true });
  const quant = spawnSync('pngquant', ['--quality=80-95', '--speed=1', '--strip', '-'], {
    input: bytes,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (quant.status === 0 && quant.stdout.length > 0 && quant.stdout.length < bytes.length) bytes = quant.stdout;
  writeFileSync(file, bytes);
  written.push({ file, bytes: statSync(file).size, width: png.width, height: png.height });
  say(`${path.relative(repoRoot, file)}  ${png.width}×${png.height}  ${(bytes.length / 1024).toFixed(0)} KB`);
}

async function shoot(
  target: Page,
  name: string,
  clip?: { x: number; y: number; width: number; height: number },
): Promise<void> {
  savePng(name, await target.screenshot({ animations: 'disabled', ...(clip ? { clip } : { fullPage: true }) }));
}

/** A card as it sits in the chat: its box and a margin of the Playground around it. */
async function shootCard(page: Page, found: Locator, name: string): Promise<void> {
  const box = await found.boundingBox();
  if (!box) throw new Error(`the card for ${name} is not on screen`);
  const m = 12;
  await shoot(page, name, { x: box.x - m, y: box.y - m, width: box.width + 2 * m, height: box.height + 2 * m });
}

/** Korean pictures without a Korean font would be boxes: say what to install instead. */
function requireKoreanFont(): void {
  const fc = spawnSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' });
  if (fc.status === 0 && fc.stdout.trim()) return;
  process.stderr.write(
    '[screenshots] no Korean font found (fc-list :lang=ko is empty); the ko-KR pictures would show boxes.\n' +
      '  Install one: apt-get install -y fonts-noto-cjk\n',
  );
  process.exit(1);
}

/**
 * A relay in front of the bot whose locale can be switched between pictures (the Playground keeps one
 * endpoint for its life); each activity gets the current locale and time zone (scripts/playground/relay.ts).
 */
interface SwitchableRelay {
  readonly url: string;
  readonly port: number;
  locale: Locale;
  close(): Promise<void>;
}

async function startSwitchableRelay(target: string): Promise<SwitchableRelay> {
  const relay = { locale: 'en-US' as Locale };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks).toString('utf8');
      try {
        body = JSON.stringify(withLocale(JSON.parse(body), relay.locale, timeZones[relay.locale]));
      } catch {
        // not JSON: forwarded as it came
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      fetch(`${target}${req.url ?? ''}`, { method: req.method ?? 'POST', headers, body })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(await answer.text());
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(relay, {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}

/** The Playground's configuration with `who` as its signed-in user, in `tenantId`. */
function playgroundYaml(tenantId: string, who: { aadObjectId: string; name: string; email: string }): string {
  const [givenName = who.name, surname = ''] = who.name.split(' ');
  const user = (id: string, name: string, email: string, aad: string) =>
    `  - id: ${id}\n    name: ${name}\n    userPrincipleName: ${email}\n    aadObjectId: ${aad}\n    givenName: ${name.split(' ')[0]}\n    surname: ${name.split(' ')[1] ?? ''}\n    email: ${email}\n`;
  return `version: "0.1.1"
tenantId: ${tenantId}
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: CSP Partner Bot
currentUser:
  id: user-id-0
  name: ${who.name}
  userPrincipleName: ${who.email}
  aadObjectId: ${who.aadObjectId}
  givenName: ${givenName}
  surname: ${surname}
  email: ${who.email}
users:
${user('user-id-1', 'Megan Bowen', 'meganb@example.com', '00000000-0000-0000-0000-0000000000021')}${user('user-id-2', 'Adele Vance', 'adelev@example.com', '00000000-0000-0000-0000-0000000000022')}${user('user-id-3', 'Isaiah Langer', 'isaiahl@example.com', '00000000-0000-0000-0000-0000000000023')}${user('user-id-4', 'Patti Fernandez', 'pattif@example.com', '00000000-0000-0000-0000-0000000000024')}${user('user-id-5', 'Lynne Robbins', 'lynner@example.com', '00000000-0000-0000-0000-0000000000025')}personalChat:
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

/** The person the reseller's pictures are taken as: the reseller's enrolling administrator. */
const RESELLER_ADMIN = { name: 'Ji-ho Kim', email: 'jiho.kim@fabrikam-resellers.example' };
/** The provider's administrator in the Dashboard tab. */
const PROVIDER_ADMIN = { name: 'Min-jun Park', email: 'minjun.park@contoso-distribution.example' };
/** Someone in a tenant that has not enrolled yet (the guide and the enrollment form). */
const NEWCOMER = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  email: 'alexw@example.com',
  tenantId: '00000000-0000-0000-0000-0000000000001',
};

interface CardWorld {
  readonly t: TestDatabase;
  readonly w: World;
  readonly reseller: EnrolledOrg;
  readonly provider: EnrolledOrg;
  /** a provider's live authorization link for the reseller (P1) */
  readonly authorizeToken: string;
  /** the reseller's customer invitation, together with its provider (C2/C3) */
  readonly customerInviteLink: string;
}

/** The fixtures call an organization's first administrator "Admin of …": a person's name reads better. */
async function givePersonName(w: World, org: EnrolledOrg, name: string): Promise<void> {
  await w.store.read.user.updateMany({ where: { aadObjectId: org.admin.aadObjectId }, data: { name } });
  await w.store.read.mpaAcceptance.updateMany({ where: { orgId: org.orgId }, data: { signerName: name } });
}

/** 09:00 UTC seven days ago: dates in the pictures change once a day, not once a run. */
function anchor(): Date {
  const d = new Date();
  d.setUTCHours(9, 0, 0, 0);
  return new Date(d.getTime() - 7 * 86_400_000);
}

async function seedCardWorld(publicBaseUrl: string): Promise<CardWorld> {
  const t = await freshSqlite();
  const w = makeWorld(t, { publicBaseUrl });
  w.clock.set(anchor());
  const seed = await seedDashboardWorld(w);
  await givePersonName(w, seed.reseller, RESELLER_ADMIN.name);
  // E4 done, E5 waiting: what the program administrator's console has to show
  const mpnId = '6123001';
  await registerMpn(w, [{ mpnId, orgName: 'Contoso Korea Co., Ltd.', country: 'KR' }]);
  const applicant = { ...seed.reseller.admin, aadObjectId: randomUUID(), tenantId: randomUUID() };
  const applied = await enroll(
    w.ctx,
    { ...applicant, name: 'Seo-yeon Lee', email: 'seoyeon.lee@contoso-korea.example' },
    enrollmentInput(mpnId, 'KR', { legalName: 'Contoso Korea Co., Ltd.' }),
  );
  if (applied.verification) await verifyContact(w.ctx, { token: applied.verification.token });
  // asking again mints the one live link (the seed's own was not kept)
  const draft = await requestPartnership(w.ctx, seed.invitingProvider.admin, { resellerMpnId: seed.reseller.mpnId });
  const invitation = await inviteCustomer(w.ctx, seed.reseller.admin, { providerId: seed.provider.orgId });
  return {
    t,
    w,
    reseller: seed.reseller,
    provider: seed.provider,
    authorizeToken: draft.link.slice(draft.link.lastIndexOf('/') + 1),
    customerInviteLink: invitation.link,
  };
}

interface Running {
  bot: StartedBot;
  oidc: LocalOidc;
  world: CardWorld;
  relay: SwitchableRelay;
}

/** Bot (with OpenID Connect for the invitation page), the local OpenID provider, the relay. */
async function startWorld(): Promise<Running> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const clientId = 'csp-bot-screenshots';
  const clientSecret = `screenshots-${Date.now()}-0123456789abcdef`;
  const oidc = await startLocalOidc({ clientId, clientSecret, redirectUris: [`${base}/invite/callback`] });
  const world = await seedCardWorld(base);
  const bot = await startBot({
    port,
    env: {
      DATABASE_URL: world.t.url,
      MAIL_DIR: path.join(path.dirname(world.t.url.slice('file:'.length)), 'mail'),
      PUBLIC_BASE_URL: base,
      PROGRAM_ADMINS: world.reseller.admin.aadObjectId,
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      LOG_LEVEL: 'warn',
    },
  });
  const relay = await startSwitchableRelay(bot.url);
  return { bot, oidc, world, relay };
}

/** One Playground run as one person; `fn` takes its pictures. */
async function asPerson(
  run: Running,
  browser: LaunchedBrowser,
  yaml: string,
  fn: (chat: Chat) => Promise<void>,
): Promise<void> {
  let pg: StartedPlayground | undefined;
  const page = await browser.newPage();
  // tall enough that a long card is never cut by the chat's scroll box
  await page.setViewportSize({ width: 1400, height: 1800 });
  try {
    pg = await startPlayground(run.relay.port, { configYaml: yaml });
    const chat = await openChat(page, { url: pg.url, conversation: 'personal', botName: 'CSP Partner Bot' });
    await fn(chat);
  } catch (e) {
    process.stderr.write(`--- bot output (tail):\n${tail(run.bot.process.output(), 30)}\n`);
    throw e;
  } finally {
    await page.context().close();
    await pg?.stop();
  }
}

/** Sends `command` (the locale's own name for it) and pictures the card that shows `texts`. */
async function card(
  chat: Chat,
  relay: SwitchableRelay,
  locale: Locale,
  name: string,
  command: string,
  keys: readonly MessageKey[],
  prepare?: (card: Locator) => Promise<void>,
): Promise<void> {
  relay.locale = locale;
  await chat.send(command);
  const found = await chat.waitForCardTexts(keys.map((k) => t(locale, k)));
  await found.scrollIntoViewIfNeeded();
  if (prepare) await prepare(found);
  await chat.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await chat.page.waitForTimeout(300); // images and fonts in the card settle
  await shootCard(chat.page, found, `${name}.${locale}`);
}

/** The enrollment form as someone half-way through it: typed into, never submitted. */
function fillEnrollment(locale: Locale): (card: Locator) => Promise<void> {
  const text: [MessageKey, string][] = [
    ['enroll.field.mpnId', '6123005'],
    ['enroll.field.legalName', locale === 'ko-KR' ? '어드벤처 웍스 코리아' : 'Adventure Works Korea'],
    ['enroll.field.addressLine1', '152 Teheran-ro'],
    ['enroll.field.city', 'Seoul'],
    ['enroll.field.postalCode', '06236'],
    ['enroll.field.primaryName', NEWCOMER.name],
    ['enroll.field.primaryEmail', 'alex.wilber@adventure-works.example'],
  ];
  // choice sets render as Fluent UI comboboxes: open one, pick the option from its list
  const choose = async (form: Locator, key: MessageKey, option: string | RegExp) => {
    await form.getByLabel(t(locale, key)).first().click();
    await form.page().getByRole('option', { name: option }).first().click();
  };
  return async (form) => {
    await choose(form, 'enroll.field.partnerType', t(locale, 'enroll.partnerType.indirect_reseller'));
    for (const [key, value] of text) await form.getByLabel(t(locale, key)).first().fill(value);
    await choose(form, 'enroll.field.country', /Korea|대한민국|한국/);
  };
}

async function cardPictures(run: Running, browser: LaunchedBrowser): Promise<void> {
  const { relay, world } = run;
  const ko = (en: string, koName: string, locale: Locale) => (locale === 'ko-KR' ? koName : en);

  // someone whose organization has not enrolled: the guide, then the enrollment form
  await asPerson(run, browser, playgroundYaml(NEWCOMER.tenantId, NEWCOMER), async (chat) => {
    for (const locale of locales) {
      await card(chat, relay, locale, 'guide', ko('help', '도움말', locale), ['guide.title']);
      await card(
        chat,
        relay,
        locale,
        'enroll',
        ko('enroll', '등록', locale),
        ['enroll.form.title'],
        fillEnrollment(locale),
      );
      await chat.send(ko('cancel', '취소', locale));
      await chat.page.waitForTimeout(1500);
    }
  });

  // the reseller's administrator (also the program administrator here)
  const admin = world.reseller.admin;
  const me = { aadObjectId: admin.aadObjectId, name: RESELLER_ADMIN.name, email: RESELLER_ADMIN.email };
  await asPerson(run, browser, playgroundYaml(admin.tenantId, me), async (chat) => {
    for (const locale of locales) {
      await card(
        chat,
        relay,
        locale,
        'authorize',
        `${ko('authorize', '공급자 승인', locale)} ${world.authorizeToken}`,
        ['pauth.title'],
      );
      await card(chat, relay, locale, 'providers', ko('providers', '간접 공급자', locale), ['plist.providers.title']);
      await card(chat, relay, locale, 'customers', ko('customers', '고객 목록', locale), ['clist.title']);
      await card(chat, relay, locale, 'admin', ko('admin', '관리자', locale), ['admin.console.title']);
    }
  });
}

/** The customer's Global Administrator opens the invitation and signs in: the page before deciding. */
async function invitePictures(run: Running, browser: LaunchedBrowser): Promise<void> {
  for (const locale of locales) {
    const context = await browser.browser.newContext({
      locale,
      viewport: { width: WIDTH, height: 900 },
      extraHTTPHeaders: { 'accept-language': locale },
    });
    try {
      await context.route(
        (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
        (route) => route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      await page.goto(run.world.customerInviteLink);
      await signInAtProvider(page, 'admin@adventure-works.example');
      await page.getByRole('heading', { name: t(locale, 'invitePage.title') }).waitFor();
      await page.getByLabel(t(locale, 'invitePage.fieldName')).fill('Adventure Works');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await shoot(page, `invite-page.${locale}`);
    } finally {
      await context.close();
    }
  }
}

/** The provider's Dashboard tab inside the Teams test host, as the dashboard e2e test opens it. */
async function dashboardPictures(browser: LaunchedBrowser): Promise<void> {
  const d = await startDashboardServer();
  try {
    const actor = { ...d.seed.provider.admin, name: PROVIDER_ADMIN.name, email: PROVIDER_ADMIN.email };
    await givePersonName(d.world, d.seed.provider, PROVIDER_ADMIN.name);
    for (const locale of locales) {
      const host: HostOptions = {
        theme: 'default',
        locale,
        tid: actor.tenantId,
        oid: actor.aadObjectId,
        upn: actor.email ?? 'admin@contoso-distribution.example',
        token: await d.tokenFor(actor),
      };
      const context: BrowserContext = await browser.browser.newContext({
        viewport: { width: WIDTH, height: 900 },
        locale,
      });
      try {
        await installTeamsHost(context, d.url, () => host);
        const page = await context.newPage();
        const tab = await openTab(page);
        await tab.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
        // the host's frame fills the window: make the window as tall as the tab's content, then keep
        // its top down to the customers (notifications and failures below are long lists of text)
        const height = await tab.locator('html').evaluate((html) => html.scrollHeight);
        await page.setViewportSize({ width: WIDTH, height: Math.min(Math.max(height, 600), 4000) });
        await page.waitForTimeout(300);
        const customers = await tab.locator('#customers').boundingBox();
        const bottom = customers ? Math.ceil(customers.y + customers.height + 16) : height;
        await shoot(page, `dashboard.${locale}`, { x: 0, y: 0, width: WIDTH, height: Math.min(bottom, height) });
      } finally {
        await context.close();
      }
    }
  } finally {
    await d.close();
  }
}

async function main(): Promise<void> {
  installSignalCleanup();
  requireKoreanFont();
  const started = Date.now();
  const browser = await launchBrowser();
  let run: Running | undefined;
  try {
    if (only.has('cards') || only.has('invite')) {
      say('starting the bot, the local OpenID provider and the locale relay…');
      run = await startWorld();
      if (only.has('cards')) await cardPictures(run, browser);
      if (only.has('invite')) await invitePictures(run, browser);
    }
    if (only.has('dashboard')) await dashboardPictures(browser);
  } finally {
    await browser.close();
    if (run) {
      await run.relay.close();
      await run.bot.stop();
      await run.oidc.close();
      await run.world.t.cleanup();
    }
    await stopAll();
  }
  const total = written.reduce((s, f) => s + f.bytes, 0);
  say(
    `${written.length} pictures, ${(total / 1024).toFixed(0)} KB, in ${path.relative(repoRoot, out) || '.'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`[screenshots] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  void stopAll().finally(() => process.exit(1));
});
