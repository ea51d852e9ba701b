import type restify from 'restify';
import { z } from 'zod';
import { describeError } from '../domain/shared/describe-error.js';
import { AppError, httpStatus, isAppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import { checkPartnerCenterLinkStart, completePartnerCenterLink } from '../domain/partner-center/complete-link.js';
import { checkEnrollmentWithPartnerCenter } from '../domain/enrollment/confirm-with-partner-center.js';
import { LINK_PATH } from '../domain/partner-center/start-link.js';
import type { DomainContext } from '../domain/shared/context.js';
import type { PartnerCenterSignInResult, SignInTransaction } from '../entra/partner-center-sign-in.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { esc, localeFromAcceptLanguage, page, type RenderedPage } from './html.js';
import { parseCookies, SealedCookies } from './session.js';

/**
 * Linking an organisation's Partner Center account (issue 17 item 2; L2–L4 in docs/partner-center.md):
 *
 *   GET /partner-center/link/<token>    the card's start link: still usable → to Entra ID (code + PKCE S256, state, nonce)
 *   GET /partner-center/link/callback   Entra ID's answer: state checked against the browser's sealed cookie, the
 *                                       code redeemed, the link completed by the domain, a page saying so
 *
 * The state binds the answer to the start link, hence to the organisation and the admin who asked (the start
 * link's row); the PKCE verifier, nonce and start link travel only in an encrypted, HttpOnly cookie scoped to
 * this path. The Teams identity is never part of the request to Entra ID (L9). No script on the pages.
 */
export interface PartnerCenterSignInPort {
  newTransaction(): SignInTransaction;
  authorizationUrl(txn: SignInTransaction, uiLocale: string): Promise<string>;
  redeem(code: string, txn: SignInTransaction): Promise<PartnerCenterSignInResult>;
}

export interface PartnerCenterLinkPagesDeps {
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly domain: DomainContext;
  /** Unset (no PARTNER_CENTER_CLIENT_ID/SECRET): the pages say linking is not set up. */
  readonly signIn?: { readonly client: PartnerCenterSignInPort; readonly cookieSecret: string };
}

const TXN_COOKIE = 'csp_pc_link';
/** as long as the start link itself may wait (START_LINK_MINUTES) */
const TXN_SECONDS = 600;

const txnSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  token: tokenSchema,
});

const callbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
});

export function registerPartnerCenterLinkPages(server: restify.Server, deps: PartnerCenterLinkPagesDeps): void {
  const cookies = deps.signIn
    ? new SealedCookies(deps.signIn.cookieSecret, deps.publicBaseUrl.startsWith('https:'))
    : undefined;
  const clear = cookies ? [cookies.clear(TXN_COOKIE, LINK_PATH)] : [];

  server.get(`${LINK_PATH}/callback`, async (req: restify.Request, res: restify.Response) => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    if (!deps.signIn || !cookies) return fail(res, locale, new AppError('PC_NOT_CONFIGURED'), deps.logger);
    const query = callbackQuery.safeParse(queryOf(req));
    const txn = await cookies.open(parseCookies(req.header('cookie'))[TXN_COOKIE], txnSchema);
    // L2: an answer without its start (no cookie, another browser, altered or older than the start link) is refused
    if (!query.success || !txn || query.data.state !== txn.state)
      return fail(res, locale, new AppError('PC_SIGN_IN_INVALID'), deps.logger, clear);
    if (query.data.error || !query.data.code)
      return message(res, locale, 400, 'pcLink.errorTitle', 'pcLink.cancelled', {}, clear);
    let signedIn: PartnerCenterSignInResult;
    try {
      signedIn = await deps.signIn.client.redeem(query.data.code, txn);
    } catch (e) {
      deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'partner center sign-in failed');
      return message(res, locale, 502, 'pcLink.errorTitle', 'pcLink.failed', {}, clear);
    }
    try {
      const done = await completePartnerCenterLink(deps.domain, {
        token: txn.token,
        partnerTenantId: signedIn.tenantId,
        accountName: signedIn.accountName,
        mfa: signedIn.mfa,
        refreshToken: signedIn.refreshToken,
      });
      const profile = await profileNote(deps, locale, done.orgId, done.orgName);
      return message(
        res,
        locale,
        200,
        'pcLink.title',
        done.relinked ? 'pcLink.relinked' : 'pcLink.linked',
        { orgName: done.orgName },
        clear,
        profile,
      );
    } catch (e) {
      return fail(res, locale, e, deps.logger, clear);
    }
  });

  server.get(`${LINK_PATH}/:token`, async (req: restify.Request, res: restify.Response) => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse((req.params as Record<string, unknown> | undefined)?.token);
    if (!token.success) return fail(res, locale, new AppError('TOKEN_INVALID'), deps.logger);
    try {
      await checkPartnerCenterLinkStart(deps.domain, { token: token.data });
      if (!deps.signIn || !cookies) throw new AppError('PC_NOT_CONFIGURED');
      const txn = { ...deps.signIn.client.newTransaction(), token: token.data };
      const url = await deps.signIn.client.authorizationUrl(txn, locale);
      const sealed = await cookies.seal(txn, TXN_SECONDS);
      res.writeHead(302, {
        location: url,
        'set-cookie': [cookies.cookie(TXN_COOKIE, sealed, TXN_SECONDS, LINK_PATH)],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      fail(res, locale, e, deps.logger);
    }
  });
}

function queryOf(req: restify.Request): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return Object.fromEntries(url.searchParams);
}

function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src ${nonce ? `'nonce-${nonce}'` : "'none'"}; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // the start link's token is in the URL: never send it elsewhere
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

function send(res: restify.Response, status: number, rendered: RenderedPage, setCookies: string[]): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    ...securityHeaders(rendered.nonce),
    ...(setCookies.length ? { 'set-cookie': setCookies } : {}),
  });
  res.end(rendered.html);
}

function message(
  res: restify.Response,
  locale: Locale,
  status: number,
  titleKey: MessageKey,
  key: MessageKey,
  params: MessageParams,
  setCookies: string[],
  /** a further paragraph (E-PC3/E-PC4: what Partner Center's profile meant for the application) */
  more = '',
): void {
  const role = status >= 400 ? ' role="alert" class="alert"' : '';
  const extra = more ? `<p id="profile">${esc(more)}</p>` : '';
  const back = `<p class="muted">${esc(t(locale, 'pcLink.backToTeams'))}</p>`;
  send(
    res,
    status,
    page(locale, t(locale, titleKey), `<p${role}>${esc(t(locale, key, params))}</p>${extra}${back}`),
    setCookies,
  );
}

/**
 * E-PC1, E-PC3, E-PC4, E-PC6: once linked, an organisation whose application waits has its profile read from
 * Partner Center; the page says whether that approved the application, kept it for review (and why), or could not
 * be read. Nothing is read or said for an organisation with no open application (its admins compare from the
 * card). A failure here never undoes the link.
 */
async function profileNote(
  deps: PartnerCenterLinkPagesDeps,
  locale: Locale,
  orgId: string,
  orgName: string,
): Promise<string> {
  try {
    const check = await checkEnrollmentWithPartnerCenter(deps.domain, orgId, { onlyIfOpen: true });
    if (!check) return '';
    if (!check.checked) return t(locale, 'pcLink.profileUnavailable');
    if (check.approved.length > 0) return t(locale, 'pcLink.profileApproved', { orgName });
    const kept = check.comparison.keptForReview;
    return kept.length > 0
      ? t(locale, 'pcLink.profileKept', {
          reasons: kept.map((r) => t(locale, `pcProfile.reason.${r}`)).join('; '),
        })
      : '';
  } catch (e) {
    deps.logger.error(
      { err: e instanceof Error ? (e.stack ?? e.message) : String(e) },
      'partner center profile check failed',
    );
    return t(locale, 'pcLink.profileUnavailable');
  }
}

/** An AppError as its localized page and status; anything else is logged and the page says to try later. */
function fail(res: restify.Response, locale: Locale, e: unknown, logger: Logger, setCookies: string[] = []): void {
  if (isAppError(e)) {
    const body = `<p role="alert" class="alert">${esc(describeError(locale, e))}</p><p class="muted">${esc(t(locale, 'pcLink.backToTeams'))}</p>`;
    return send(res, httpStatus(e.code), page(locale, t(locale, 'pcLink.errorTitle'), body), setCookies);
  }
  logger.error({ err: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 'partner center link page failed');
  message(res, locale, 503, 'pcLink.errorTitle', 'pcLink.failed', {}, setCookies);
}
