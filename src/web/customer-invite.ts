import type restify from 'restify';
import type { DomainContext } from '../domain/shared/context.js';
import { viewCustomerInvitation } from '../domain/customers/view-customer-invitation.js';
import { AppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import type { Logger } from '../log.js';
import { localeFromAcceptLanguage } from './html.js';
import { OidcClient, type OidcSettings } from './oidc-client.js';
import { parseCookies, SealedCookies } from './session.js';
import { decisionFormParser, decisionRoute } from './customer-invite/decision.js';
import { failure, message, securityHeaders, send, sendAdminRequired } from './customer-invite/respond.js';
import { signInCallback } from './customer-invite/sign-in.js';
import {
  COOKIE_PATH,
  SESSION_COOKIE,
  sessionSchema,
  tokenParam,
  TXN_COOKIE,
  TXN_SECONDS,
  type InvitePagesContext,
} from './customer-invite/session.js';
import { decisionPage } from './customer-invite/views.js';

/**
 * The customer-invitation acceptance page (issue 6 item 2; C2, C3, C7–C11), served by the bot:
 *
 *   GET  /invite/<token>   link checked → sign in with OpenID Connect → who asks, what is granted, accept/decline
 *   GET  /invite/callback  the identity provider's answer (code + state)            (./customer-invite/sign-in.ts)
 *   POST /invite/<token>   the decision (CSRF token bound to the session), checked by the domain (./customer-invite/decision.ts)
 *
 * The customer's tenant is the signed-in token's `tid` claim; the signer's directory roles are its
 * `wids` claim, and only the tenant's Global Administrator may answer (the domain's rule: anyone else
 * sees what to do, and the invitation stays unused). Every partner-supplied string is escaped; the
 * page has no script; the Content-Security-Policy allows only its own stylesheet.
 */
export interface CustomerInvitePagesDeps {
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly domain: DomainContext;
  /** Unset: the page explains that signing in is not available (503). */
  readonly oidc?: Omit<OidcSettings, 'redirectUri'>;
  /** Told after a decision was committed (e.g. a card to the person who invited); must not throw. */
  readonly onAnswered?: (invitationId: string) => Promise<void>;
}

export function registerCustomerInvitePages(server: restify.Server, deps: CustomerInvitePagesDeps): void {
  const secure = deps.publicBaseUrl.startsWith('https:');
  const redirectUri = `${deps.publicBaseUrl}/invite/callback`;
  const ctx: InvitePagesContext = {
    logger: deps.logger,
    domain: deps.domain,
    ...(deps.oidc
      ? {
          signIn: {
            oidc: new OidcClient({ ...deps.oidc, redirectUri }),
            cookies: new SealedCookies(deps.oidc.clientSecret, secure),
          },
        }
      : {}),
    ...(deps.onAnswered ? { onAnswered: deps.onAnswered } : {}),
  };

  server.get('/invite/callback', signInCallback(ctx));
  server.get('/invite/:token', linkRoute(ctx));
  server.post('/invite/:token', ...decisionFormParser, decisionRoute(ctx));
}

/**
 * GET /invite/<token>: the link must still work before anyone is sent to sign in; signed in for this
 * link, the decision form (or, for anyone but the tenant's Global Administrator, what to do instead).
 */
function linkRoute(ctx: InvitePagesContext) {
  const { logger, domain } = ctx;
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse(tokenParam(req));
    if (!token.success) return failure(res, locale, new AppError('TOKEN_INVALID'), logger);
    try {
      await viewCustomerInvitation(domain, { token: token.data });
      if (!ctx.signIn) return message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
      const { oidc, cookies } = ctx.signIn;
      const session = await cookies.open(parseCookies(req.header('cookie'))[SESSION_COOKIE], sessionSchema);
      if (session && session.token === token.data) {
        const view = await viewCustomerInvitation(domain, {
          token: token.data,
          tenantId: session.tid,
          ...(session.wids ? { directoryRoles: session.wids } : {}),
        });
        if (!view.signerMayAnswer) return sendAdminRequired(res, locale, view, session, token.data, cookies);
        return send(res, 200, decisionPage(locale, view, session, cookies.csrfToken(session.sid), token.data));
      }
      const txn = { ...oidc.newTransaction(), token: token.data };
      const url = await oidc.authorizationUrl(txn, locale);
      const sealed = await cookies.seal(txn, TXN_SECONDS);
      res.writeHead(302, {
        location: url,
        'set-cookie': [cookies.cookie(TXN_COOKIE, sealed, TXN_SECONDS, COOKIE_PATH)],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      failure(res, locale, e, logger);
    }
  };
}
