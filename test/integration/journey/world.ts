import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { startLocalOidc, tenantForDomain, type LocalOidc } from '../../../scripts/oidc/local-provider.js';
import { t, type Locale, type MessageKey } from '../../../src/i18n/index.js';
import { freePort } from '../../e2e/support/ports.js';
import { actionsOf, cardJson, cardText, textOf, type CardAction } from '../../support/cards.js';
import type { RecordedActivity } from '../../support/connector.js';
import { TEST_DATA_ENCRYPTION_KEY } from '../../support/fixtures.js';
import { startHarness, type Chat, type Harness, type InvokeResult } from '../../support/harness.js';
import { startSmtp, tokenFrom, type ReceivedMail } from '../../support/smtp.js';
import { formAction, hiddenInputs, WebClient, type WebResponse } from '../../support/web-client.js';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const CLIENT_ID = 'csp-bot-journey';
const CLIENT_SECRET = 'journey-secret-0123456789-abcdefghij';

/** The program administrator of PROGRAM_ADMINS (the bootstrap). */
export const PROGRAM_ADMIN_AAD = '0a0a0a0a-2222-4333-8444-555555555555';

/** A person in Teams: their personal chat with the bot, as their own identity (Teams member info email). */
export interface Person {
  readonly chat: Chat;
  readonly name: string;
  readonly email: string;
  /** The Entra tenant of their organisation (the one the local OpenID provider gives `admin@<domain>`). */
  readonly tenantId: string;
  readonly domain: string;
}

/**
 * A message of the catalogue as a pattern: its fixed text literally, each `{placeholder}` as anything.
 * The journey asserts on the texts people read, in their language, without copying them.
 */
export function msg(locale: Locale, key: MessageKey): RegExp {
  const parts = t(locale, key).split(/\{\w+\}/);
  return new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?'));
}

/** A page's text with the HTML entities people never see decoded. */
export function unhtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The message of a refused invoke (application/vnd.microsoft.error), or of a card that says why. */
export function answerText(r: InvokeResult): string {
  const body: AdaptiveCardInvokeResponse = r.body;
  if (body.type === 'application/vnd.microsoft.error') return (body.value as { message: string }).message;
  return cardText(body.value);
}

/**
 * The journey's world: the real server (harness) on a known port, with the notification worker running
 * (review cards, partnership requests and decisions reach people through the outbox), an SMTP server for
 * the mails, and a local OpenID provider standing in for Entra ID on the customer-invitation page.
 * Nothing is written into the database here: everything goes through commands, card buttons, pages and
 * the documented scripts.
 */
export class JourneyWorld {
  private constructor(
    readonly h: Harness,
    readonly smtp: Awaited<ReturnType<typeof startSmtp>>,
    readonly oidc: LocalOidc,
    readonly locale: Locale,
    readonly base: string,
  ) {}

  static async start(storage: 'sqlite' | 'postgres', locale: Locale): Promise<JourneyWorld> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const smtp = await startSmtp();
    const oidc = await startLocalOidc({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${base}/invite/callback`],
    });
    const h = await startHarness({
      storage,
      port,
      notifications: true,
      env: {
        PROGRAM_ADMINS: PROGRAM_ADMIN_AAD,
        SMTP_URL: smtp.url,
        PUBLIC_BASE_URL: base,
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        DEFAULT_LOCALE: locale,
        LOG_LEVEL: 'warn',
      },
    });
    return new JourneyWorld(h, smtp, oidc, locale, base);
  }

  get prisma() {
    return this.h.database!.db.prisma;
  }

  /** A person of an organisation whose work accounts are `…@domain` (tenant as Entra would give it). */
  person(name: string, domain: string, local = name.split(' ')[0].toLowerCase(), aadObjectId?: string): Person {
    const email = `${local}@${domain}`;
    const tenantId = tenantForDomain(domain);
    const chat = this.h.user({
      name,
      email,
      tenantId,
      locale: this.locale,
      ...(aadObjectId ? { aadObjectId } : {}),
    });
    return { chat, name, email, tenantId, domain };
  }

  /** Says `text` in the chat; returns the bot's replies in that chat. */
  async say(chat: Chat, text: string, atLeast = 1): Promise<RecordedActivity[]> {
    const mark = this.h.connector.activities.length;
    const r = await chat.say(text);
    assert.ok(r.status < 300, `"${text}": HTTP ${r.status} ${r.text}`);
    const mine = () => this.h.connector.activities.slice(mark).filter((a) => a.conversationId === chat.conversation.id);
    for (let i = 0; i < 100 && mine().length < atLeast; i++) await sleep(50);
    assert.ok(mine().length >= atLeast, `"${text}": no reply`);
    return mine();
  }

  /** Says `text` and returns the replies' texts (cards flattened), joined. */
  async sayText(chat: Chat, text: string, atLeast = 1): Promise<string> {
    return (await this.say(chat, text, atLeast)).map(textOf).join('\n');
  }

  /** Presses a card button (Action.Execute). */
  async press(chat: Chat, verb: string, data: Record<string, unknown>): Promise<InvokeResult> {
    const r = await chat.invoke(verb, data);
    assert.equal(r.status, 200, `${verb}: Teams expects HTTP 200`);
    return r;
  }

  /** Presses a button and expects a card back; returns the card. */
  async pressCard(chat: Chat, verb: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const r = await this.press(chat, verb, data);
    assert.equal(r.body.statusCode, 200, `${verb}: ${JSON.stringify(r.body).slice(0, 400)}`);
    assert.equal(r.body.type, 'application/vnd.microsoft.card.adaptive', `${verb}: ${JSON.stringify(r.body)}`);
    return r.body.value;
  }

  /** Presses a button and expects a refusal (400 with a message); returns the message. */
  async pressRefused(chat: Chat, verb: string, data: Record<string, unknown>): Promise<string> {
    const r = await this.press(chat, verb, data);
    assert.equal(r.body.statusCode, 400, `${verb} should be refused: ${JSON.stringify(r.body).slice(0, 400)}`);
    return answerText(r);
  }

  /** Waits for something the bot posts into `chat` on its own (an outbox delivery) that `match`es. */
  async waitIn(
    chat: Chat,
    match: (a: RecordedActivity) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<RecordedActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.h.connector.activities.find((a) => a.conversationId === chat.conversation.id && match(a));
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.h.connector.activities
          .filter((a) => a.conversationId === chat.conversation.id)
          .map((a) => textOf(a).slice(0, 160));
        assert.fail(`${what}: nothing arrived in ${chat.user.name}'s chat; it has: ${JSON.stringify(seen)}`);
      }
      await sleep(50);
    }
  }

  /** The last card in `chat` with an action of `verb` whose texts include `text`. */
  async cardWith(chat: Chat, verb: string, text: string | RegExp, what: string): Promise<RecordedActivity> {
    return this.waitIn(
      chat,
      (a) =>
        !!a.card &&
        actionsOf(a.card).some((x) => x.verb === verb) &&
        (typeof text === 'string' ? cardText(a.card).includes(text) : text.test(cardText(a.card))),
      what,
    );
  }

  async mail(match: (m: ReceivedMail) => boolean): Promise<ReceivedMail> {
    return this.smtp.waitFor(match);
  }

  /** `npm run mpn:import -- file.csv` against this database, as the README documents. */
  async importMpnRegistry(rows: readonly (readonly [string, string, string, string])[]): Promise<string> {
    const dir = mkdtempSync(path.join(tmpdir(), 'journey-mpn-'));
    const file = path.join(dir, 'profiles.csv');
    writeFileSync(file, ['mpnId,orgName,country,active', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    return this.runScript('mpn:import', file);
  }

  /** `npm run <script> -- <file>` against this database (a file relative to the repository, or absolute). */
  async runScript(script: string, file: string): Promise<string> {
    const { stdout } = await run('npm', ['run', '--silent', script, '--', path.resolve(repoRoot, file)], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: this.h.database!.url,
        DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY,
        LOG_LEVEL: 'warn',
      },
    });
    return stdout;
  }

  /** A browser of this person's language (Accept-Language). */
  browser(): WebClient {
    return new WebClient(this.locale === 'ko-KR' ? 'ko-KR,ko;q=0.9,en;q=0.5' : 'en-US,en;q=0.9');
  }

  /**
   * E4: the primary contact opens the link of the verification mail. The page verifies on a POST from its
   * button (a GET that only shows the button protects against mail scanners); an older page verified on
   * the GET itself. Returns the final page.
   */
  async verifyFromMail(email: string): Promise<WebResponse> {
    const mail = await this.mail((m) => m.to.includes(email) && /\/verify\//.test(m.text));
    const link = `${this.base}/verify/${tokenFrom(mail)}`;
    const web = this.browser();
    const page = await web.request(link);
    assert.equal(page.status, 200, page.text.slice(0, 400));
    if (/<form[^>]*method="post"/i.test(page.text)) {
      const done = await web.follow(formAction(page), { form: hiddenInputs(page.text) });
      assert.equal(done.status, 200, done.text.slice(0, 400));
      return done;
    }
    return page;
  }

  /** A customer's Global Administrator opens an invitation link and signs in; returns the decision page. */
  async openInvitation(link: string, login: string): Promise<{ web: WebClient; page: WebResponse }> {
    const web = this.browser();
    const page = await web.signIn(await web.follow(link), login);
    return { web, page };
  }

  /** Answers the invitation page (accept with consent, the customer's details). */
  async acceptInvitation(
    opened: { web: WebClient; page: WebResponse },
    link: string,
    customer: { name: string; domain: string; country: string },
  ): Promise<WebResponse> {
    const { csrf } = hiddenInputs(opened.page.text);
    assert.ok(csrf, `no decision form: ${opened.page.text.slice(0, 600)}`);
    return opened.web.request(link, { form: { csrf, decision: 'accept', consent: 'on', ...customer } });
  }

  async close(): Promise<void> {
    await this.h.close();
    await this.smtp.close();
    await this.oidc.close();
  }
}

/** The first action of `verb` on a card (its data), failing with the card when there is none. */
export function action(card: unknown, verb: string, where = ''): CardAction {
  const found = actionsOf(card).find((a) => a.verb === verb);
  assert.ok(found, `${where}: no ${verb} button on ${cardJson(card).slice(0, 500)}`);
  return found;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
