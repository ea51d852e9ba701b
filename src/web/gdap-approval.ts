import type restify from 'restify';
import { z } from 'zod';
import { respondToGdapApproval, viewGdapApproval, type GdapSigner } from '../domain/gdap/gdap-approval.js';
import type { DomainContext } from '../domain/shared/context.js';
import { AppError, httpStatus, isAppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import { formatDate } from '../i18n/format/index.js';
import type { Logger } from '../log.js';
import { failure, message, send } from './customer-invite/respond.js';
import {
  customerSignIn,
  decisionFormParser,
  linkRoute,
  readDecisionPost,
  signerOf,
  signInCallback,
  signInUnavailable,
  tokenParam,
  type SignInPlace,
} from './customer-sign-in.js';
import { localeFromAcceptLanguage } from './html.js';
import type { OidcSettings } from './oidc-client.js';
import { gdapAdminRequiredPage, gdapDecisionPage } from './gdap/views.js';

/**
 * The customer's GDAP approval page (issue 18 item 3, G9), embedded mode:
 *
 *   GET  /gdap/<token>   link checked → sign in with OpenID Connect → partner, roles by name, duration, auto-extend
 *   GET  /gdap/callback  the identity provider's answer (code + state)
 *   POST /gdap/<token>   Approve / Decline (CSRF token bound to the session), checked by the domain
 *
 * Sign-in is exactly the customer invitation page's: the same OpenID Connect client settings (register
 * `${PUBLIC_BASE_URL}/gdap/callback` as a second redirect URI of that app), the tenant from `tid`, the directory
 * roles from `wids`; only a Global Administrator of the relationship's customer tenant may answer (anyone else sees
 * what to do and the link stays unused). Connected mode never uses this page: the customer gets Microsoft's link.
 */
export interface GdapApprovalPagesDeps {
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly domain: DomainContext;
  /** Unset: the page explains that signing in is not available (503). */
  readonly oidc?: Omit<OidcSettings, 'redirectUri'>;
  /** Told after an answer was committed; must not throw. */
  readonly onAnswered?: (relationshipId: string) => Promise<void>;
}

const SESSION_COOKIE = 'csp_gdap';
const COOKIE_PATH = '/gdap';
const GDAP_PLACE: SignInPlace = {
  prefix: COOKIE_PATH,
  txnCookie: 'csp_gdap_oidc',
  sessionCookie: SESSION_COOKIE,
  logLabel: 'gdap',
};

const decisionBody = z.object({ csrf: z.string().min(1).max(200), decision: z.enum(['approve', 'decline']) });

export function registerGdapApprovalPages(server: restify.Server, deps: GdapApprovalPagesDeps): void {
  const { logger, domain } = deps;
  const signIn = customerSignIn(deps.publicBaseUrl, GDAP_PLACE.prefix, deps.oidc);

  server.get('/gdap/callback', signInCallback(GDAP_PLACE, signIn, logger));

  /** The link must still work before anyone is sent to sign in; signed in for this link: the decision form. */
  server.get(
    '/gdap/:token',
    linkRoute(GDAP_PLACE, signIn, logger, {
      view: (token, signer) => viewGdapApproval(domain, { token, ...signer }),
      adminRequired: (res, locale, view, session, token, cookies) =>
        send(res, httpStatus('GDAP_CUSTOMER_ADMIN_REQUIRED'), gdapAdminRequiredPage(locale, view, session, token), [
          cookies.clear(SESSION_COOKIE, COOKIE_PATH),
        ]),
      decision: gdapDecisionPage,
    }),
  );

  /** G9: the answer. Session for this link, same origin, CSRF bound to the session; then the domain's rules. */
  server.post(
    '/gdap/:token',
    decisionFormParser,
    async (req: restify.Request, res: restify.Response): Promise<void> => {
      const locale = localeFromAcceptLanguage(req.header('accept-language'));
      const token = tokenSchema.safeParse(tokenParam(req));
      if (!token.success) return failure(res, locale, new AppError('TOKEN_INVALID'), logger);
      if (!signIn) return signInUnavailable(res, locale);
      const { cookies } = signIn;
      const post = await readDecisionPost(req, cookies, GDAP_PLACE, token.data, decisionBody);
      if (!post.accepted) {
        logger.warn(
          { session: Boolean(post.session), sameOrigin: post.sameOrigin, body: post.body.success },
          'gdap decision refused (CSRF / session)',
        );
        return message(res, locale, 403, 'invitePage.errorTitle', 'invitePage.staleForm');
      }
      const { session, form } = post.accepted;
      const signer: GdapSigner = signerOf(session, locale);
      try {
        const view = await viewGdapApproval(domain, { token: token.data }).catch(() => undefined);
        const outcome = await respondToGdapApproval(domain, signer, { token: token.data, decision: form.decision });
        logger.info(
          { relationshipId: outcome.relationshipId, decision: outcome.decision, tenantId: session.tid },
          'gdap request answered',
        );
        if (outcome.changed) await deps.onAnswered?.(outcome.relationshipId);
        const clear = [cookies.clear(SESSION_COOKIE, COOKIE_PATH)];
        const partner = view?.partnerName ?? '';
        if (outcome.decision === 'approved') {
          return message(
            res,
            locale,
            200,
            'gdapPage.approvedTitle',
            'gdapPage.approved',
            { partner, endsAt: outcome.endsAt ? formatDate(outcome.endsAt, locale) : '' },
            clear,
          );
        }
        return message(res, locale, 200, 'gdapPage.declinedTitle', 'gdapPage.declined', { partner }, clear);
      } catch (e) {
        if (isAppError(e) && e.code === 'GDAP_CUSTOMER_ADMIN_REQUIRED') {
          logger.info({ tenantId: session.tid }, "gdap answer refused: not the customer tenant's Global Administrator");
          try {
            const view = await viewGdapApproval(domain, { token: token.data, tenantId: session.tid });
            return send(res, httpStatus(e.code), gdapAdminRequiredPage(locale, view, session, token.data), [
              cookies.clear(SESSION_COOKIE, COOKIE_PATH),
            ]);
          } catch (inner) {
            return failure(res, locale, inner, logger);
          }
        }
        failure(res, locale, e, logger);
      }
    },
  );
}
