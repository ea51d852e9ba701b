import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { cachedDiscovery, randomToken, type OpenIdMetadata } from '../entra/openid-discovery.js';

/**
 * A minimal OpenID Connect relying party for the customer-invitation page: authorization code flow
 * with PKCE (S256), state and nonce; the id_token is validated with jose against the issuer's JWKS
 * (signature, iss, aud, exp, nonce). Entra ID in production (issuer and client from configuration),
 * a local provider in tests and local runs.
 */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** where the provider sends the browser back: `${PUBLIC_BASE_URL}/invite/callback` */
  readonly redirectUri: string;
}

const tokenResponse = z.object({ id_token: z.string().min(1), token_type: z.string().optional() });

/**
 * The claims the page relies on. `tid` is Entra ID's tenant claim: the customer's tenant. `wids` holds
 * the template ids of the user's directory roles (Entra ID emits it in the id_token when the app
 * registration's `groupMembershipClaims` is `DirectoryRole` or `All`); a malformed one counts as absent.
 */
export const identityClaims = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1).max(100),
  oid: z.string().min(1).max(100).optional(),
  nonce: z.string().min(1),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  preferred_username: z.string().max(320).optional(),
  wids: z.array(z.string().max(100)).max(500).optional().catch(undefined),
});
export type IdentityClaims = z.infer<typeof identityClaims>;

export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export class OidcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcError';
  }
}

export class OidcClient {
  private readonly discover: () => Promise<OpenIdMetadata>;
  private jwks: JWTVerifyGetKey | undefined;

  constructor(private readonly settings: OidcSettings) {
    this.discover = cachedDiscovery(
      `${settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      (message) => new OidcError(message),
    );
  }

  /** A fresh state, nonce and PKCE verifier, to keep (encrypted) until the callback. */
  newTransaction(): LoginTransaction {
    return { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken() };
  }

  async authorizationUrl(txn: LoginTransaction, uiLocale: string): Promise<string> {
    const md = await this.discover();
    const url = new URL(md.authorization_endpoint);
    const challenge = createHash('sha256').update(txn.codeVerifier).digest('base64url');
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      state: txn.state,
      nonce: txn.nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      prompt: 'login',
      ui_locales: uiLocale,
    }).toString();
    return url.toString();
  }

  /** Exchanges the code (with the PKCE verifier) and validates the id_token; returns its claims. */
  async redeem(code: string, txn: LoginTransaction): Promise<IdentityClaims> {
    const md = await this.discover();
    const basic = Buffer.from(
      `${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`,
    ).toString('base64');
    const res = await fetch(md.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.settings.redirectUri,
        code_verifier: txn.codeVerifier,
      }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new OidcError(`token endpoint answered ${res.status}`);
    const tokens = tokenResponse.safeParse(await res.json());
    if (!tokens.success) throw new OidcError('token response has no id_token');
    this.jwks ??= createRemoteJWKSet(new URL(md.jwks_uri));
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(tokens.data.id_token, this.jwks, {
        issuer: expectedIssuer(md.issuer, tokens.data.id_token),
        audience: this.settings.clientId,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: 60,
      }));
    } catch (e) {
      throw new OidcError(`id_token rejected: ${e instanceof Error ? e.message : String(e)}`);
    }
    const claims = identityClaims.safeParse(payload);
    if (!claims.success) throw new OidcError('id_token lacks sub, tid or nonce');
    if (claims.data.nonce !== txn.nonce) throw new OidcError('id_token nonce does not match');
    return claims.data;
  }
}

/**
 * Entra ID's multi-tenant metadata (…/common/v2.0 or …/organizations/v2.0) publishes the issuer as
 * `https://login.microsoftonline.com/{tenantid}/v2.0`: the expected issuer is that template with the
 * token's own `tid` (still verified by the signature, which covers both).
 */
function expectedIssuer(template: string, idToken: string): string {
  if (!template.includes('{tenantid}')) return template;
  const body = idToken.split('.')[1] ?? '';
  const parsed = z
    .object({ tid: z.string().regex(/^[0-9a-f-]{36}$/) })
    .safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  if (!parsed.success) throw new OidcError('id_token has no tenant');
  return template.replace('{tenantid}', parsed.data.tid);
}
