import type { DomainContext } from '../../domain/shared/context.js';
import type { Logger } from '../../log.js';
import type { CustomerSignIn, SignInPlace } from '../customer-sign-in.js';

export { tokenParam, type Session } from '../customer-sign-in.js';

/**
 * The two sealed cookies of the customer-invitation pages: the sign-in transaction (state, nonce, PKCE
 * verifier, which link it is for) while the identity provider answers, then the session of the person
 * signed in. Both live under /invite only.
 */
export const TXN_COOKIE = 'csp_oidc';
export const SESSION_COOKIE = 'csp_invite';
export const COOKIE_PATH = '/invite';

export const INVITE_PLACE: SignInPlace = {
  prefix: COOKIE_PATH,
  txnCookie: TXN_COOKIE,
  sessionCookie: SESSION_COOKIE,
  logLabel: 'invite',
};

/** What the routes share: the domain, the log, and sign-in when it is configured. */
export interface InvitePagesContext {
  readonly logger: Logger;
  readonly domain: DomainContext;
  /** Unset when no OpenID Connect settings are given: the pages say signing in is unavailable. */
  readonly signIn?: CustomerSignIn;
  readonly onAnswered?: (invitationId: string) => Promise<void>;
}
