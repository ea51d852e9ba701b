import { decodeJwt } from 'jose';
import { startLocalOidc, type LocalOidc } from '../../../scripts/oidc/local-provider.js';
import { PartnerCenterSignIn } from '../../../src/entra/partner-center-sign-in.js';
import {
  partnerCenterTokens,
  type PartnerCenterTokens,
} from '../../../src/domain/partner-center/partner-center-tokens.js';
import { REFRESH_TOKEN_PURPOSE } from '../../../src/domain/partner-center/link-rules.js';
import { freePort } from '../../e2e/support/ports.js';
import { actionsOf } from '../../support/cards.js';
import { startHarness, type Chat, type Harness } from '../../support/harness.js';
import { enrolledOrg, makeWorld, type EnrolledOrg, type World } from '../../support/fixtures.js';
import type { Actor } from '../../../src/domain/shared/context.js';
import type { RecordedActivity } from '../../support/connector.js';
import { WebClient } from '../../support/web-client.js';
import assert from 'node:assert/strict';
import { cardText } from '../../support/cards.js';

/**
 * A bot (real server, recording connector, a fresh SQLite file or PostgreSQL schema) configured for Partner Center
 * linking against the local OpenID provider standing in for Entra ID (scripts/oidc/local-provider.ts), and an
 * enrolled organisation whose tenant is the one `@contoso.example` accounts sign in to.
 */
export const PC_CLIENT_ID = 'pc-app-test';
export const PC_CLIENT_SECRET = 'pc-app-secret-0123456789-abcdefghij';
export const DOMAIN = 'contoso.example';

export interface PcWorld {
  readonly h: Harness;
  readonly w: World;
  readonly oidc: LocalOidc;
  readonly org: EnrolledOrg;
  readonly base: string;
  /** a token provider of its own over the same database and key (what the Partner Center client gets) */
  tokens(): PartnerCenterTokens;
  signIn(): PartnerCenterSignIn;
  close(): Promise<void>;
}

export async function startPcWorld(
  storage: 'sqlite' | 'postgres',
  options: {
    notifications?: boolean;
    env?: NodeJS.ProcessEnv;
    /** the organisation whose tenant signs in (default: an enrolled, approved one) */
    org?: (w: World) => Promise<EnrolledOrg>;
  } = {},
): Promise<PcWorld> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tenants: Record<string, string> = {};
  const oidc = await startLocalOidc({
    clientId: 'csp-bot-test',
    clientSecret: 'unused-secret-0123456789',
    redirectUris: [`${base}/invite/callback`],
    tenants,
    partnerCenter: {
      clientId: PC_CLIENT_ID,
      clientSecret: PC_CLIENT_SECRET,
      redirectUris: [`${base}/partner-center/link/callback`],
    },
  });
  const h = await startHarness({
    storage,
    port,
    ...(options.notifications ? { notifications: true } : {}),
    env: {
      PUBLIC_BASE_URL: base,
      PARTNER_CENTER_CLIENT_ID: PC_CLIENT_ID,
      PARTNER_CENTER_CLIENT_SECRET: PC_CLIENT_SECRET,
      PARTNER_CENTER_AUTHORITY: `${oidc.issuer}/organizations`,
      ...options.env,
    },
  });
  if (!h.database) throw new Error('harness without a database');
  const w = makeWorld(h.database, { publicBaseUrl: base });
  w.clock.set(new Date());
  const org = await (options.org ?? enrolledOrg)(w);
  // the organisation's Entra tenant is the one @contoso.example accounts belong to
  tenants[DOMAIN] = org.tenantId;
  const signIn = () =>
    new PartnerCenterSignIn({
      authority: `${oidc.issuer}/organizations`,
      clientId: PC_CLIENT_ID,
      clientSecret: PC_CLIENT_SECRET,
      redirectUri: `${base}/partner-center/link/callback`,
    });
  return {
    h,
    w,
    oidc,
    org,
    base,
    signIn,
    tokens: () => partnerCenterTokens(w.ctx, signIn()),
    async close() {
      await h.close();
      await oidc.close();
    },
  };
}

export function chatOf(p: PcWorld, actor: Actor, locale = 'en-US'): Chat {
  return p.h.user({ aadObjectId: actor.aadObjectId, tenantId: actor.tenantId, name: actor.name, locale });
}

/** The card's Action.OpenUrl url titled `title`, or undefined. */
export function openUrl(card: unknown, title: string): string | undefined {
  let found: string | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.OpenUrl' && o.title === title && typeof o.url === 'string') found = o.url;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export function verbsOf(card: unknown): string[] {
  return actionsOf(card).map((a) => a.verb);
}

/** The one reply to a message, as the recording connector saw it. */
export async function replyTo(p: PcWorld, chat: Chat, text: string): Promise<RecordedActivity> {
  await chat.say(text);
  const [reply] = await p.h.connector.waitFor(1);
  if (!reply) throw new Error('no reply');
  return reply;
}

/** The stored link row, and its refresh token opened with the data key. */
export async function storedLink(p: PcWorld) {
  const row = await p.w.store.read.partnerCenterLink.findUnique({ where: { orgId: p.org.orgId } });
  if (!row) return null;
  const opened = row.refreshToken === null ? null : p.w.ctx.cipher.open(row.refreshToken, REFRESH_TOKEN_PURPOSE);
  return { row, plain: opened?.ok ? opened.plain : null };
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return decodeJwt(jwt);
}

/** From the card's start link to the bot's answer page, signing in as `login` (the button titled `button`). */
export async function linkAs(p: PcWorld, login: string, locale = 'en-US', button?: string) {
  const reply = await replyTo(p, chatOf(p, p.org.admin, locale), locale === 'ko-KR' ? '파트너 센터' : 'partner center');
  const url = openUrl(
    reply.card,
    button ?? (locale === 'ko-KR' ? '파트너 센터 계정 연결' : 'Link Partner Center account'),
  );
  assert.ok(url, `a start link on ${cardText(reply.card)}`);
  const web = new WebClient(locale);
  const start = await web.request(url);
  assert.equal(start.status, 302, start.text.slice(0, 300));
  const auth = new URL(start.headers.get('location')!);
  const loginPage = await web.follow(auth.toString());
  const page = await web.signIn(loginPage, login);
  return { reply, url, auth, start, page, web };
}
