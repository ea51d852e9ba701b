import { z } from 'zod';
import type { DomainContext } from '../../domain/shared/context.js';
import type { Logger } from '../../log.js';
import { tokenSchema } from '../../domain/shared/tokens.js';
import type { OidcClient } from '../oidc-client.js';
import type { SealedCookies } from '../session.js';

/**
 * The two sealed cookies of the customer-invitation pages: the sign-in transaction (state, nonce, PKCE
 * verifier, which link it is for) while the identity provider answers, then the session of the person
 * signed in. Both live under /invite only.
 */
export const TXN_COOKIE = 'csp_oidc';
export const SESSION_COOKIE = 'csp_invite';
export const COOKIE_PATH = '/invite';
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

/** What the routes share: the domain, the log, and sign-in when it is configured. */
export interface InvitePagesContext {
  readonly logger: Logger;
  readonly domain: DomainContext;
  /** Unset when no OpenID Connect settings are given: the pages say signing in is unavailable. */
  readonly signIn?: { readonly oidc: OidcClient; readonly cookies: SealedCookies };
  readonly onAnswered?: (invitationId: string) => Promise<void>;
}

/** The `:token` path parameter as restify gives it (checked by the caller with tokenSchema). */
export function tokenParam(req: { params?: unknown }): unknown {
  const params: unknown = req.params;
  return typeof params === 'object' && params !== null && 'token' in params ? params.token : undefined;
}
