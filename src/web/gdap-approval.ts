import restify from 'restify';
import { z } from 'zod';
import { customerDecisionRoles } from '../domain/customers/customer-rules.js';
import { respondToGdapApproval, viewGdapApproval, type GdapSigner } from '../domain/gdap/gdap-approval.js';
import type { DomainContext } from '../domain/shared/context.js';
import { AppError, httpStatus, isAppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import { formatDate } from '../i18n/format/index.js';
import type { Logger } from '../log.js';
import { failure, message, securityHeaders, send } from './customer-invite/respond.js';
import { tokenParam } from './customer-invite/session.js';
import { localeFromAcceptLanguage } from './html.js';
import { OidcClient, type OidcSettings } from './oidc-client.js';
import { newSessionId, parseCookies, SealedCookies } from './session.js';
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

const TXN_COOKIE = 'csp_gdap_oidc';
const SESSION_COOKIE = 'csp_gdap';
const COOKIE_PATH = '/gdap';
const TXN_SECONDS = 600;
const SESSION_SECONDS = 1800;

const txnSchema = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string(), token: tokenSchema });
const sessionSchema = z.object({
  sid: z.string().min(16),
  token: tokenSchema,
  tid: z.string().min(1),
  oid: z.string().min(1),
  name: z.string(),
  email: z.string().optional(),
  wids: z.array(z.string().max(100)).max(20).optional(),
});
type Session = z.infer<typeof sessionSchema>;

const callbackQuery = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(200) }),
  z.object({ error: z.string().max(200), state: z.string().max(200).optional() }),
]);
const decisionBody = z.object({ csrf: z.string().min(1).max(200), decision: z.enum(['approve', 'decline']) });
const formParser = restify.plugins.bodyParser({ maxBodySize: 16 * 1024, mapParams: false });

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function registerGdapApprovalPages(server: restify.Server, deps: GdapApprovalPagesDeps): void {
  const { logger, domain } = deps;
  const secure = deps.publicBaseUrl.startsWith('https:');
  const signIn = deps.oidc
    ? {
        oidc: new OidcClient({ ...deps.oidc, redirectUri: `${deps.publicBaseUrl}/gdap/callback` }),
        cookies: new SealedCookies(deps.oidc.clientSecret, secure),
      }
    : undefined;
  const unavailable = (res: restify.Response, locale: ReturnType<typeof localeFromAcceptLanguage>) =>
    message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');

  server.get('/gdap/callback', async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    if (!signIn) return unavailable(res, locale);
    const { oidc, cookies } = signIn;
    const txn = await cookies.open(parseCookies(req.header('cookie'))[TXN_COOKIE], txnSchema);
    const query = callbackQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams));
    if (!txn || !query.success || !('code' in query.data) || query.data.state !== txn.state) {
      logger.warn({ hasTxn: Boolean(txn) }, 'gdap sign-in callback refused');
      return message(res, locale, 400, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(TXN_COOKIE, COOKIE_PATH),
      ]);
    }
    try {
      const claims = await oidc.redeem(query.data.code, txn);
      // keep only the roles the rule reads: a cookie holds ~4 KB
      const wids = claims.wids?.map((id) => id.trim().toLowerCase()).filter((id) => customerDecisionRoles.includes(id));
      const session: Session = {
        sid: newSessionId(),
        token: txn.token,
        tid: claims.tid,
        oid: claims.oid ?? claims.sub,
        name: claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub,
        ...((claims.email ?? claims.preferred_username) ? { email: claims.email ?? claims.preferred_username } : {}),
        ...(wids ? { wids: [...new Set(wids)] } : {}),
      };
      const sealed = await cookies.seal(session, SESSION_SECONDS);
      res.writeHead(303, {
        location: `/gdap/${txn.token}`,
        'set-cookie': [
          cookies.clear(TXN_COOKIE, COOKIE_PATH),
          cookies.cookie(SESSION_COOKIE, sealed, SESSION_SECONDS, COOKIE_PATH),
        ],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'gdap sign-in failed');
      message(res, locale, 401, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(TXN_COOKIE, COOKIE_PATH),
      ]);
    }
  });

  /** The link must still work before anyone is sent to sign in; signed in for this link: the decision form. */
  server.get('/gdap/:token', async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse(tokenParam(req));
    if (!token.success) return failure(res, locale, new AppError('TOKEN_INVALID'), logger);
    try {
      await viewGdapApproval(domain, { token: token.data });
      if (!signIn) return unavailable(res, locale);
      const { oidc, cookies } = signIn;
      const session = await cookies.open(parseCookies(req.header('cookie'))[SESSION_COOKIE], sessionSchema);
      if (session && session.token === token.data) {
        const view = await viewGdapApproval(domain, {
          token: token.data,
          tenantId: session.tid,
          ...(session.wids ? { directoryRoles: session.wids } : {}),
        });
        if (!view.signerMayAnswer) {
          return send(
            res,
            httpStatus('GDAP_CUSTOMER_ADMIN_REQUIRED'),
            gdapAdminRequiredPage(locale, view, session, token.data),
            [cookies.clear(SESSION_COOKIE, COOKIE_PATH)],
          );
        }
        return send(res, 200, gdapDecisionPage(locale, view, session, cookies.csrfToken(session.sid), token.data));
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
  });

  /** G9: the answer. Session for this link, same origin, CSRF bound to the session; then the domain's rules. */
  server.post('/gdap/:token', formParser, async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse(tokenParam(req));
    if (!token.success) return failure(res, locale, new AppError('TOKEN_INVALID'), logger);
    if (!signIn) return unavailable(res, locale);
    const { cookies } = signIn;
    const session = await cookies.open(parseCookies(req.header('cookie'))[SESSION_COOKIE], sessionSchema);
    const body = decisionBody.safeParse(req.body);
    const origin = req.header('origin');
    const sameOrigin = !origin || safeHost(origin) === req.header('host');
    if (
      !session ||
      session.token !== token.data ||
      !sameOrigin ||
      !body.success ||
      !cookies.csrfMatches(session.sid, body.data.csrf)
    ) {
      logger.warn(
        { session: Boolean(session), sameOrigin, body: body.success },
        'gdap decision refused (CSRF / session)',
      );
      return message(res, locale, 403, 'invitePage.errorTitle', 'invitePage.staleForm');
    }
    const signer: GdapSigner = {
      aadObjectId: session.oid,
      tenantId: session.tid,
      name: session.name,
      ...(session.email ? { email: session.email } : {}),
      locale,
      directoryRoles: session.wids,
    };
    try {
      const view = await viewGdapApproval(domain, { token: token.data }).catch(() => undefined);
      const outcome = await respondToGdapApproval(domain, signer, { token: token.data, decision: body.data.decision });
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
  });
}
