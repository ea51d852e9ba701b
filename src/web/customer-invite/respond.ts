import type restify from 'restify';
import { describeError } from '../../domain/shared/describe-error.js';
import { httpStatus, isAppError } from '../../domain/shared/errors.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import type { CustomerInvitationView } from '../../domain/customers/view-customer-invitation.js';
import { esc, page, type RenderedPage } from '../html.js';
import type { SealedCookies } from '../session.js';
import { COOKIE_PATH, SESSION_COOKIE, type Session } from './session.js';
import { adminRequiredPage } from './views.js';

/** No script; only the page's own stylesheet; posts only to ourselves; never framed. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src ${nonce ? `'nonce-${nonce}'` : "'none'"}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // the token is in the URL: never send it to another site (same-origin keeps the Origin header on posts)
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

export function send(res: restify.Response, status: number, rendered: RenderedPage, setCookies: string[] = []): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    ...securityHeaders(rendered.nonce),
    ...(setCookies.length ? { 'set-cookie': setCookies } : {}),
  });
  res.end(rendered.html);
}

/** A page of one message (an alert when `status` is an error). */
export function message(
  res: restify.Response,
  locale: Locale,
  status: number,
  titleKey: MessageKey,
  key: MessageKey,
  params: MessageParams = {},
  setCookies: string[] = [],
): void {
  const role = status >= 400 ? ' role="alert" class="alert"' : '';
  send(res, status, page(locale, t(locale, titleKey), `<p${role}>${esc(t(locale, key, params))}</p>`), setCookies);
}

/** An AppError as its page and status; anything else is logged and the page says to try later (503). */
export function failure(res: restify.Response, locale: Locale, e: unknown, logger: Logger): void {
  if (isAppError(e)) {
    send(
      res,
      httpStatus(e.code),
      page(
        locale,
        t(locale, 'invitePage.errorTitle'),
        `<p role="alert" class="alert">${esc(describeError(locale, e))}</p>`,
      ),
    );
    return;
  }
  logger.error({ err: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 'invite page failed');
  message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
}

/**
 * C2/C3: not the customer tenant's Global Administrator. The page says who asks and what to do; the
 * session ends, so the link signs the next person in afresh.
 */
export function sendAdminRequired(
  res: restify.Response,
  locale: Locale,
  view: CustomerInvitationView,
  session: Session,
  token: string,
  cookies: SealedCookies,
): void {
  send(res, httpStatus('CUSTOMER_ADMIN_REQUIRED'), adminRequiredPage(locale, view, session, token), [
    cookies.clear(SESSION_COOKIE, COOKIE_PATH),
  ]);
}
