import type restify from 'restify';
import { z } from 'zod';
import type { DomainContext } from '../domain/shared/context.js';
import { httpStatus, isAppError, type ErrorCode } from '../domain/shared/errors.js';
import { hashToken, tokenSchema } from '../domain/shared/tokens.js';
import { viewPartnershipInvitation } from '../domain/partnerships/partnership-views.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { esc, localeFromAcceptLanguage, page, type RenderedPage } from './html.js';
import { formatDate, regionLabel } from '../i18n/format/index.js';

/**
 * The partnership link page (issue 5 item 2; P1–P3): `GET /invite/<token>` of a provider's request.
 * It shows who asks and what authorising grants (P3), and sends the reseller into Teams, where the
 * authorisation card (consent toggle + "Authorize indirect provider", Action.Execute) does the rest;
 * nothing is decided on this page, so it needs no sign-in.
 *
 * The Teams link is a chat deep link to the bot, `https://teams.microsoft.com/l/chat/0/0?users=28:<appId>
 * &message=authorize%20<token>`: Teams opens the 1:1 chat with the bot with the message typed in, and
 * the `authorize` command answers with the authorisation card. (An entity deep link would open the
 * app's tab, not the chat.) Without an app id (local runs) the page shows the message to type.
 *
 * Customer links share the path (`/invite/<token>`, src/domain/shared/links.ts) and are served by issue 6's
 * page (src/web/customer-invite.ts): this module answers only tokens of partnership invitations and
 * lets every other request through.
 */
export interface PartnershipInvitePageDeps {
  readonly domain: DomainContext;
  readonly logger: Logger;
  /** The bot's Microsoft App ID, for the Teams deep link; empty: no link, only the message to type. */
  readonly appId: string;
}

/** The one parameter, checked (43 base64url characters); anything else is not a link of ours. */
const params = z.object({ token: tokenSchema });

export interface PageResponse {
  readonly status: number;
  readonly page: RenderedPage;
}

/** Teams chat deep link into the bot with `authorize <token>` typed in. */
export function teamsDeepLink(appId: string, token: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${appId}`)}&message=${encodeURIComponent(`authorize ${token}`)}`;
}

const unusableCodes = [
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_USED',
  'TOKEN_REVOKED',
] as const satisfies readonly ErrorCode[];
type Unusable = (typeof unusableCodes)[number];

function unusablePage(locale: Locale, code: Unusable): PageResponse {
  const key: MessageKey = `pinvitePage.invalid.${code}`;
  return {
    status: httpStatus(code),
    page: page(
      locale,
      t(locale, 'pinvitePage.invalid.title'),
      `<p role="alert" class="alert">${esc(t(locale, key))}</p>`,
    ),
  };
}

/**
 * The page for `token` in `locale`, or undefined when the token is not a partnership invitation's
 * (a customer link: another page serves it). Unusable links get a localized page: 404 unknown,
 * 410 expired / used / withdrawn.
 */
export async function partnershipInvitePage(
  deps: PartnershipInvitePageDeps,
  rawToken: unknown,
  locale: Locale,
): Promise<PageResponse | undefined> {
  const parsed = params.safeParse({ token: rawToken });
  if (!parsed.success) return undefined;
  const token = parsed.data.token;
  const kind = await deps.domain.store.read.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { kind: true },
  });
  if (kind?.kind !== 'partnership') return undefined;
  try {
    const view = await viewPartnershipInvitation(deps.domain, token);
    const codeOf: Partial<Record<string, Unusable>> = {
      used: 'TOKEN_USED',
      declined: 'TOKEN_USED',
      expired: 'TOKEN_EXPIRED',
      revoked: 'TOKEN_REVOKED',
    };
    const unusable = codeOf[view.state];
    if (unusable) return unusablePage(locale, unusable);
    const provider = view.providerName;
    const region = regionLabel(locale, view.providerRegion);
    const grants = (['pauth.grant.orders', 'pauth.grant.admin', 'pauth.grant.lists'] as const)
      .map((k) => `<li>${esc(t(locale, k))}</li>`)
      .join('');
    const teams = deps.appId
      ? `<p><a href="${esc(teamsDeepLink(deps.appId, token))}">${esc(t(locale, 'pinvitePage.openTeams'))}</a></p>`
      : '';
    const body = [
      `<h2>${esc(t(locale, 'pinvitePage.heading', { provider }))}</h2>`,
      `<p>${esc(t(locale, 'pinvitePage.intro', { provider, mpnId: view.providerMpnId, region }))}</p>`,
      `<h2>${esc(t(locale, 'pauth.grantsHeading'))}</h2>`,
      `<ul>${grants}</ul>`,
      `<p>${esc(t(locale, 'pinvitePage.howTo'))}</p>`,
      teams,
      `<p class="muted">${esc(t(locale, 'pinvitePage.tellBot', { token }))}</p>`,
      `<p class="muted">${esc(t(locale, 'pinvitePage.expires', { expiresAt: formatDate(view.expiresAt, locale) }))}</p>`,
    ].join('\n');
    return { status: 200, page: page(locale, t(locale, 'pinvitePage.title'), body) };
  } catch (e) {
    if (isAppError(e) && (unusableCodes as readonly string[]).includes(e.code))
      return unusablePage(locale, e.code as Unusable);
    throw e;
  }
}

function headers(nonce: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // the token is in the URL: never send it on
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

const invitePath = /^\/invite\/([^/?#]+)\/?(?:[?#].*)?$/;

/**
 * Answers `GET /invite/<token>` for partnership links, before routing (restify `pre`), so it can share
 * the path with the customer-invitation route: a request that is not a partnership link goes on
 * unchanged to whatever route matches it.
 */
export function registerPartnershipInvitePage(server: restify.Server, deps: PartnershipInvitePageDeps): void {
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const match = req.method === 'GET' ? invitePath.exec(req.url ?? '') : null;
    if (!match || match[1] === 'callback') {
      next();
      return;
    }
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    let token: string;
    try {
      token = decodeURIComponent(match[1] ?? '');
    } catch {
      next();
      return;
    }
    partnershipInvitePage(deps, token, locale).then(
      (answer) => {
        if (!answer) {
          next();
          return;
        }
        res.writeHead(answer.status, headers(answer.page.nonce));
        res.end(answer.page.html);
        next(false);
      },
      (err: unknown) => {
        deps.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'partnership invitation page failed',
        );
        next(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
