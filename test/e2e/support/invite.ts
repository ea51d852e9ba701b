/**
 * The customer-invitation e2e world: the bot (as `npm start` runs it) with OpenID Connect settings,
 * a local OpenID provider (oidc-provider) standing in for Entra ID, and a database this test and the
 * bot share (seeded through the domain use cases).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startLocalOidc, type LocalOidc } from '../../../scripts/oidc/local-provider.js';
import { freshSqlite, type TestDatabase } from '../../support/db.js';
import { makeWorld, type World } from '../../support/fixtures.js';
import { startBot, type StartedBot } from './bot.js';
import { freePort } from './ports.js';

const CLIENT_ID = 'csp-bot-e2e';
const CLIENT_SECRET = 'e2e-secret-0123456789-abcdefghij';

export interface InviteWorld {
  readonly bot: StartedBot;
  readonly oidc: LocalOidc;
  readonly t: TestDatabase;
  readonly w: World;
  stop(): Promise<void>;
}

/** Bot + local OpenID provider + a database both this test and the bot use. */
export async function startInviteWorld(): Promise<InviteWorld> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const oidc = await startLocalOidc({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${base}/invite/callback`, `${base}/gdap/callback`],
  });
  const t = await freshSqlite();
  // real time (the bot checks expiry with its own clock) and the bot's public address in the links
  const w = makeWorld(t, { now: () => new Date(), publicBaseUrl: base });
  const bot = await startBot({
    port,
    env: {
      DATABASE_URL: t.url,
      MAIL_DIR: path.join(path.dirname(t.url.slice('file:'.length)), 'mail'),
      PUBLIC_BASE_URL: base,
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    },
  });
  return {
    bot,
    oidc,
    t,
    w,
    async stop() {
      await bot.stop();
      await oidc.close();
      await t.cleanup();
    },
  };
}

/**
 * Signs in at the local provider's dev login and consent pages, until the browser is back at the bot's
 * /invite/… (or `backTo`, e.g. /gdap/; or 15 s pass). Signing in as someone else than the provider's current session passes
 * through its self-submitting end-of-session page before the consent page.
 */
export async function signInAtProvider(page: Page, login: string, backTo = '/invite/'): Promise<void> {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').click();
  const consent = page.getByRole('button', { name: 'Continue' });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && !new URL(page.url()).pathname.startsWith(backTo)) {
    if (await consent.isVisible().catch(() => false)) {
      await consent.click();
      await consent.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    } else {
      await page.waitForTimeout(100);
    }
  }
}
