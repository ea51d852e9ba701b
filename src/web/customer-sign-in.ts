import restify from 'restify';
import { z } from 'zod';
import { customerDecisionRoles } from '../domain/customers/customer-rules.js';
import { AppError } from '../domain/shared/errors.js';
import { tokenSchema } from '../domain/shared/tokens.js';
import type { Locale } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { failure, message, securityHeaders, send } from './customer-invite/respond.js';
import { localeFromAcceptLanguage, type RenderedPage } from './html.js';
import { OidcClient, type OidcSettings } from './oidc-client.js';
import { newSessionId, parseCookies, SealedCookies } from './session.js';

/**
 * What the customer's pages that sign in with OpenID Connect share (the customer invitation page under /invite and
 * the GDAP approval page under /gdap): the link `<prefix>/<token>` sends the browser to sign in with a sealed
 * transaction cookie (state, nonce, PKCE verifier, which link), `<prefix>/callback` redeems the code and seals who
 * signed in — tenant from `tid`, directory roles from `wids` — into the session cookie, and the decision POST checks
 * session, origin and the CSRF token bound to the session. Each page keeps its own routes' differences.
 */
export interface SignInPlace {
  /** '/invite' or '/gdap': the link, the callback and both cookies' path */
  readonly prefix: string;
  readonly txnCookie: string;
  readonly sessionCookie: string;
  /** the first word of the log lines ('invite', 'gdap') */
  readonly logLabel: string;
}

export interface CustomerSignIn {
  readonly oidc: OidcClient;
  readonly cookies: SealedCookies;
}

export const TXN_SECONDS = 600;
export const SESSION_SECONDS = 1800;

export const txnSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  token: tokenSchema,
});

export const sessionSchema = z.object({
  sid: z.string().min(16),
  token: tokenSchema,
  tid: z.string().min(1),
  oid: z.string().min(1),
  name: z.string(),
  email: z.string().optional(),
  /** the token's `wids` that the domain's rule reads (undefined: the token had no `wids` claim) */
  wids: z.array(z.string().max(100)).max(20).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

const callbackQuery = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(200) }),
  z.object({ error: z.string().max(200), state: z.string().max(200).optional() }),
]);

/** A small urlencoded form: 16 KB is plenty. */
export const decisionFormParser = restify.plugins.bodyParser({ maxBodySize: 16 * 1024, mapParams: false });

/** Sign-in for a page under `prefix`, or undefined when no OpenID Connect settings are given. */
export function customerSignIn(
  publicBaseUrl: string,
  prefix: string,
  oidc: Omit<OidcSettings, 'redirectUri'> | undefined,
): CustomerSignIn | undefined {
  if (!oidc) return undefined;
  return {
    oidc: new OidcClient({ ...oidc, redirectUri: `${publicBaseUrl}${prefix}/callback` }),
    cookies: new SealedCookies(oidc.clientSecret, publicBaseUrl.startsWith('https:')),
  };
}

export function signInUnavailable(res: restify.Response, locale: Locale): void {
  message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
}

/** The `:token` path parameter as restify gives it (checked by the caller with tokenSchema). */
export function tokenParam(req: { params?: unknown }): unknown {
  const params: unknown = req.params;
  return typeof params === 'object' && params !== null && 'token' in params ? params.token : undefined;
}

export interface CallbackOptions {
  /** log the callback's query keys on a refusal, and warn when the id_token has no `wids` claim */
  readonly detailedLogs?: boolean;
}

/**
 * GET <prefix>/callback: the identity provider's answer (code + state). The code is redeemed against the sealed
 * transaction cookie; the session cookie then holds who signed in, from which tenant, with which directory roles,
 * and the browser goes back to the link.
 */
export function signInCallback(
  place: SignInPlace,
  signIn: CustomerSignIn | undefined,
  logger: Logger,
  options: CallbackOptions = {},
) {
  const { prefix: path, txnCookie, sessionCookie, logLabel } = place;
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    if (!signIn) return signInUnavailable(res, locale);
    const { oidc, cookies } = signIn;
    const txn = await cookies.open(parseCookies(req.header('cookie'))[txnCookie], txnSchema);
    const query = callbackQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams));
    if (!txn || !query.success || !('code' in query.data) || query.data.state !== txn.state) {
      logger.warn(
        {
          hasTxn: Boolean(txn),
          ...(options.detailedLogs ? { query: query.success ? Object.keys(query.data) : 'invalid' } : {}),
        },
        `${logLabel} sign-in callback refused`,
      );
      return message(res, locale, 400, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(txnCookie, path),
      ]);
    }
    try {
      const claims = await oidc.redeem(query.data.code, txn);
      if (options.detailedLogs && claims.wids === undefined) {
        logger.warn(
          { tenantId: claims.tid },
          `${logLabel} sign-in: the id_token has no wids claim, so nobody can be recognised as the customer's Global Administrator (set groupMembershipClaims to "DirectoryRole" in the app registration)`,
        );
      }
      // a cookie holds ~4 KB and a token may list many roles: keep the ones the domain's rule reads
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
        location: `${path}/${txn.token}`,
        'set-cookie': [cookies.clear(txnCookie, path), cookies.cookie(sessionCookie, sealed, SESSION_SECONDS, path)],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, `${logLabel} sign-in failed`);
      message(res, locale, 401, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(txnCookie, path),
      ]);
    }
  };
}

/** What a link page shows once signed in: its domain view and its two pages. */
export interface LinkPages<V extends { readonly signerMayAnswer: boolean }> {
  /** the domain's view of the link; with a tenant (and roles) once someone is signed in */
  readonly view: (token: string, signer?: { tenantId: string; directoryRoles?: string[] }) => Promise<V>;
  /** for anyone but the customer tenant's Global Administrator (clears the session cookie) */
  readonly adminRequired: (
    res: restify.Response,
    locale: Locale,
    view: V,
    session: Session,
    token: string,
    cookies: SealedCookies,
  ) => void;
  readonly decision: (locale: Locale, view: V, session: Session, csrf: string, token: string) => RenderedPage;
}

/**
 * GET <prefix>/<token>: the link must still work before anyone is sent to sign in; signed in for this link, the
 * decision form (or, for anyone but the tenant's Global Administrator, what to do instead).
 */
export function linkRoute<V extends { readonly signerMayAnswer: boolean }>(
  place: SignInPlace,
  signIn: CustomerSignIn | undefined,
  logger: Logger,
  pages: LinkPages<V>,
) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    const token = tokenSchema.safeParse(tokenParam(req));
    if (!token.success) return failure(res, locale, new AppError('TOKEN_INVALID'), logger);
    try {
      await pages.view(token.data);
      if (!signIn) return signInUnavailable(res, locale);
      const { oidc, cookies } = signIn;
      const session = await cookies.open(parseCookies(req.header('cookie'))[place.sessionCookie], sessionSchema);
      if (session && session.token === token.data) {
        const view = await pages.view(token.data, {
          tenantId: session.tid,
          ...(session.wids ? { directoryRoles: session.wids } : {}),
        });
        if (!view.signerMayAnswer) return pages.adminRequired(res, locale, view, session, token.data, cookies);
        return send(res, 200, pages.decision(locale, view, session, cookies.csrfToken(session.sid), token.data));
      }
      const txn = { ...oidc.newTransaction(), token: token.data };
      const url = await oidc.authorizationUrl(txn, locale);
      const sealed = await cookies.seal(txn, TXN_SECONDS);
      res.writeHead(302, {
        location: url,
        'set-cookie': [cookies.cookie(place.txnCookie, sealed, TXN_SECONDS, place.prefix)],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      failure(res, locale, e, logger);
    }
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * A decision POST to <prefix>/<token>: `accepted` only when the session is for this link, the post comes from our
 * own origin, the form parses and its CSRF token is the one bound to the session. The rest says why not.
 */
export async function readDecisionPost<T extends { csrf: string }>(
  req: restify.Request,
  cookies: SealedCookies,
  place: SignInPlace,
  token: string,
  formSchema: z.ZodType<T>,
) {
  const session = await cookies.open(parseCookies(req.header('cookie'))[place.sessionCookie], sessionSchema);
  const body = formSchema.safeParse(req.body);
  const origin = req.header('origin');
  const sameOrigin = !origin || safeHost(origin) === req.header('host');
  const accepted =
    session && session.token === token && sameOrigin && body.success && cookies.csrfMatches(session.sid, body.data.csrf)
      ? { session, form: body.data }
      : undefined;
  return { session, body, origin, sameOrigin, accepted };
}

/** Who answers, as the domain reads it, from the session. */
export function signerOf(session: Session, locale: Locale) {
  return {
    aadObjectId: session.oid,
    tenantId: session.tid,
    name: session.name,
    ...(session.email ? { email: session.email } : {}),
    locale,
    directoryRoles: session.wids,
  };
}
