import type restify from 'restify';
import type { DomainContext } from '../domain/shared/context.js';
import { viewCustomerInvitation } from '../domain/customers/view-customer-invitation.js';
import type { Logger } from '../log.js';
import type { OidcSettings } from './oidc-client.js';
import { customerSignIn, linkRoute } from './customer-sign-in.js';
import { decisionFormParser, decisionRoute } from './customer-invite/decision.js';
import { sendAdminRequired } from './customer-invite/respond.js';
import { signInCallback } from './customer-invite/sign-in.js';
import { INVITE_PLACE, type InvitePagesContext } from './customer-invite/session.js';
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
  const signIn = customerSignIn(deps.publicBaseUrl, INVITE_PLACE.prefix, deps.oidc);
  const ctx: InvitePagesContext = {
    logger: deps.logger,
    domain: deps.domain,
    ...(signIn ? { signIn } : {}),
    ...(deps.onAnswered ? { onAnswered: deps.onAnswered } : {}),
  };

  server.get('/invite/callback', signInCallback(ctx));
  // the link must still work before anyone is sent to sign in; signed in for this link, the decision form (or, for
  // anyone but the tenant's Global Administrator, what to do instead)
  server.get(
    '/invite/:token',
    linkRoute(INVITE_PLACE, ctx.signIn, ctx.logger, {
      view: (token, signer) => viewCustomerInvitation(ctx.domain, { token, ...signer }),
      adminRequired: sendAdminRequired,
      decision: (locale, view, session, csrf, token) => decisionPage(locale, view, session, csrf, token),
    }),
  );
  server.post('/invite/:token', ...decisionFormParser, decisionRoute(ctx));
}
