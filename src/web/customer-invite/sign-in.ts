import type restify from 'restify';
import { z } from 'zod';
import { customerDecisionRoles } from '../../domain/customers/customer-rules.js';
import { localeFromAcceptLanguage } from '../html.js';
import { newSessionId, parseCookies } from '../session.js';
import { message, securityHeaders } from './respond.js';
import {
  COOKIE_PATH,
  SESSION_COOKIE,
  SESSION_SECONDS,
  TXN_COOKIE,
  txnSchema,
  type InvitePagesContext,
  type Session,
} from './session.js';

const callbackQuery = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(200) }),
  z.object({ error: z.string().max(200), state: z.string().max(200).optional() }),
]);

/**
 * GET /invite/callback: the identity provider's answer (code + state). The code is redeemed against the
 * sealed transaction cookie (state, nonce, PKCE); the session cookie then holds who signed in, from
 * which tenant, with which directory roles, and the browser goes back to the link.
 */
export function signInCallback(ctx: InvitePagesContext) {
  const { logger } = ctx;
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const locale = localeFromAcceptLanguage(req.header('accept-language'));
    if (!ctx.signIn) return message(res, locale, 503, 'invitePage.errorTitle', 'invitePage.signInUnavailable');
    const { oidc, cookies } = ctx.signIn;
    const jar = parseCookies(req.header('cookie'));
    const txn = await cookies.open(jar[TXN_COOKIE], txnSchema);
    const query = callbackQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams));
    if (!txn || !query.success || !('code' in query.data) || query.data.state !== txn.state) {
      logger.warn(
        { hasTxn: Boolean(txn), query: query.success ? Object.keys(query.data) : 'invalid' },
        'invite sign-in callback refused',
      );
      return message(res, locale, 400, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(TXN_COOKIE, COOKIE_PATH),
      ]);
    }
    try {
      const claims = await oidc.redeem(query.data.code, txn);
      if (claims.wids === undefined) {
        logger.warn(
          { tenantId: claims.tid },
          'invite sign-in: the id_token has no wids claim, so nobody can be recognised as the customer\'s Global Administrator (set groupMembershipClaims to "DirectoryRole" in the app registration)',
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
        location: `/invite/${txn.token}`,
        'set-cookie': [
          cookies.clear(TXN_COOKIE, COOKIE_PATH),
          cookies.cookie(SESSION_COOKIE, sealed, SESSION_SECONDS, COOKIE_PATH),
        ],
        ...securityHeaders(''),
      });
      res.end();
    } catch (e) {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'invite sign-in failed');
      message(res, locale, 401, 'invitePage.errorTitle', 'invitePage.signInFailed', {}, [
        cookies.clear(TXN_COOKIE, COOKIE_PATH),
      ]);
    }
  };
}
