import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { cachedDiscovery, randomToken, type OpenIdMetadata } from './openid-discovery.js';
import type { EntraRefresh, RefreshOutcome, TokenAudience } from '../domain/partner-center/partner-center-tokens.js';

/**
 * The Partner Center sign-in of the Secure Application Model (issue 17 item 2, docs/partner-center.md): OAuth 2.0
 * authorization code with PKCE (S256) against Entra ID's multi-tenant authority, asking for Partner Center's
 * delegated scope and `offline_access` (a refresh token), with a confidential client (the app registration's
 * secret). The id_token is validated with jose against the authority's JWKS (signature, issuer of its tenant,
 * audience, nonce); its `tid` says whose account signed in. Partner Center accepts app+user calls only from a
 * sign-in with multi-factor authentication ("Partner Center MFA requirements for API": the access token's `amr`
 * claim holds "mfa"), so the sign-in says whether it had it.
 *
 * The same client redeems refresh tokens for the token provider (src/domain/partner-center/partner-center-tokens.ts).
 */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';
const SCOPES = `openid profile offline_access ${PARTNER_CENTER_SCOPE}`;
/**
 * Issue 18 item 5: Microsoft Graph's delegated permission for GDAP relationships, consented in the same sign-in. Entra
 * ID lets the authorization request name scopes of several resources (one consent), but each token request names
 * one resource: the code is redeemed for Partner Center, and the refresh token later for Graph with this scope
 * ("Secure Application Model": the partner's refresh token redeemed per API).
 */
export const GRAPH_GDAP_SCOPE = 'https://graph.microsoft.com/DelegatedAdminRelationship.ReadWrite.All';
const AUTHORIZE_SCOPES = `${SCOPES} ${GRAPH_GDAP_SCOPE}`;
const scopesFor = (audience: TokenAudience) =>
  audience === 'graph' ? `openid offline_access ${GRAPH_GDAP_SCOPE}` : SCOPES;

export interface PartnerCenterAppSettings {
  /** e.g. https://login.microsoftonline.com/organizations (discovery: `${authority}/v2.0/.well-known/openid-configuration`) */
  readonly authority: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `${PUBLIC_BASE_URL}/partner-center/link/callback` */
  readonly redirectUri: string;
}

const codeResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  id_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

const refreshResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().int().positive(),
});

const errorResponse = z.object({
  error: z.string(),
  suberror: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
});

/** AADSTS65001: the user or administrator has not consented to use the application for the scope asked. */
const CONSENT_REQUIRED = 65001;

const idClaims = z.object({
  tid: z.string().min(1).max(100),
  nonce: z.string().min(1),
  preferred_username: z.string().max(320).optional(),
  amr: z.array(z.string().max(50)).max(20).optional().catch(undefined),
});

/** `amr` of an access token: read, not verified (it came straight from the token endpoint over TLS; it is Partner Center's to verify). */
const accessClaims = z.object({ amr: z.array(z.string().max(50)).max(20).optional().catch(undefined) });

export interface SignInTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface PartnerCenterSignInResult {
  readonly tenantId: string;
  readonly accountName: string | null;
  readonly mfa: boolean;
  readonly refreshToken: string;
}

export class PartnerCenterSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartnerCenterSignInError';
  }
}

export class PartnerCenterSignIn implements EntraRefresh {
  private readonly discover: () => Promise<OpenIdMetadata>;
  private jwks: JWTVerifyGetKey | undefined;

  constructor(private readonly settings: PartnerCenterAppSettings) {
    this.discover = cachedDiscovery(
      `${settings.authority.replace(/\/+$/, '')}/v2.0/.well-known/openid-configuration`,
      (message) => new PartnerCenterSignInError(message),
    );
  }

  newTransaction(): SignInTransaction {
    return { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken() };
  }

  /**
   * The authorization request. No `prompt`: Entra ID then signs in as it sees fit (and asks for MFA where the
   * tenant's policy says so); an OpenID provider would otherwise drop `offline_access` without prompt=consent.
   */
  async authorizationUrl(txn: SignInTransaction, uiLocale: string): Promise<string> {
    const md = await this.discover();
    const url = new URL(md.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      response_mode: 'query',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: AUTHORIZE_SCOPES,
      state: txn.state,
      nonce: txn.nonce,
      code_challenge: createHash('sha256').update(txn.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      ui_locales: uiLocale,
    }).toString();
    return url.toString();
  }

  private async post(form: Record<string, string>): Promise<Response> {
    const md = await this.discover();
    const basic = Buffer.from(
      `${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`,
    ).toString('base64');
    return fetch(md.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  }

  /** Exchanges the code (with the PKCE verifier), validates the id_token, and returns what the link keeps. */
  async redeem(code: string, txn: SignInTransaction): Promise<PartnerCenterSignInResult> {
    const md = await this.discover();
    const res = await this.post({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.settings.redirectUri,
      code_verifier: txn.codeVerifier,
      scope: SCOPES,
    });
    if (!res.ok) throw new PartnerCenterSignInError(`token endpoint answered ${res.status}`);
    const body: unknown = await res.json();
    const tokens = codeResponse.safeParse(body);
    if (!tokens.success) {
      // the field names only, never their values (tokens)
      const fields = body && typeof body === 'object' ? Object.keys(body).join(',') : typeof body;
      throw new PartnerCenterSignInError(`token response lacks a refresh token or an id_token (it has: ${fields})`);
    }
    this.jwks ??= createRemoteJWKSet(new URL(md.jwks_uri));
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(tokens.data.id_token, this.jwks, {
        issuer: issuerFor(md.issuer, tokens.data.id_token),
        audience: this.settings.clientId,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: 60,
      }));
    } catch (e) {
      throw new PartnerCenterSignInError(`id_token rejected: ${e instanceof Error ? e.message : String(e)}`);
    }
    const claims = idClaims.safeParse(payload);
    if (!claims.success) throw new PartnerCenterSignInError('id_token lacks tid or nonce');
    if (claims.data.nonce !== txn.nonce) throw new PartnerCenterSignInError('id_token nonce does not match');
    return {
      tenantId: claims.data.tid,
      accountName: claims.data.preferred_username ?? null,
      mfa: hasMfa(claims.data.amr) || hasMfa(accessAmr(tokens.data.access_token)),
      refreshToken: tokens.data.refresh_token,
    };
  }

  /**
   * The refresh_token grant (EntraRefresh) for one audience: `invalid_grant` is an answer, and so is a scope the
   * sign-in never consented to (an account linked before Graph's scope was asked: `consent_required`, AADSTS65001,
   * or `invalid_scope`); anything else unexpected throws.
   */
  async refresh(refreshToken: string, audience: TokenAudience = 'partner-center'): Promise<RefreshOutcome> {
    const res = await this.post({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      scope: scopesFor(audience),
    });
    const body: unknown = await res.json().catch(() => null);
    if (res.status === 400 || res.status === 401) {
      const err = errorResponse.safeParse(body);
      const consent =
        err.success &&
        (err.data.suberror === 'consent_required' ||
          err.data.error_codes?.includes(CONSENT_REQUIRED) === true ||
          err.data.error === 'invalid_scope');
      if (consent && audience !== 'partner-center') return { ok: false, error: 'consent_required' };
      if (err.success && err.data.error === 'invalid_grant') return { ok: false, error: 'invalid_grant' };
    }
    if (!res.ok) throw new PartnerCenterSignInError(`token endpoint answered ${res.status}`);
    const tokens = refreshResponse.safeParse(body);
    if (!tokens.success) throw new PartnerCenterSignInError('refresh response lacks an access token');
    return {
      ok: true,
      accessToken: tokens.data.access_token,
      refreshToken: tokens.data.refresh_token ?? null,
      expiresInSeconds: tokens.data.expires_in,
    };
  }
}

function hasMfa(amr: readonly string[] | undefined): boolean {
  return amr?.includes('mfa') ?? false;
}

function accessAmr(accessToken: string): readonly string[] | undefined {
  try {
    const parsed = accessClaims.safeParse(decodeJwt(accessToken));
    return parsed.success ? parsed.data.amr : undefined;
  } catch {
    return undefined; // an opaque access token says nothing
  }
}

/**
 * Entra ID's multi-tenant metadata publishes its issuer as `https://login.microsoftonline.com/{tenantid}/v2.0`:
 * the expected issuer is that template with the token's own `tid` (still verified by the signature).
 */
function issuerFor(template: string, idToken: string): string {
  if (!template.includes('{tenantid}')) return template;
  const parsed = z.object({ tid: z.string().regex(/^[0-9a-f-]{36}$/) }).safeParse(decodeJwt(idToken));
  if (!parsed.success) throw new PartnerCenterSignInError('id_token has no tenant');
  return template.replace('{tenantid}', parsed.data.tid);
}
