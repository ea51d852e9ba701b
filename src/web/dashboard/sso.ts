import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../../config.js';

/** Who the Teams SSO token says is asking: the Entra object id and tenant, as Entra ID signed them. */
export interface TabIdentity {
  readonly oid: string;
  readonly tid: string;
  readonly name: string;
  /** preferred_username (usually the UPN / work email), when present */
  readonly email?: string;
}

export class TokenRejected extends Error {
  override name = 'TokenRejected';
}

export type TabTokenVerifier = (token: string) => Promise<TabIdentity>;

/**
 * The audience the tab's tokens must carry: TAB_SSO_AUDIENCE, or the Application ID URI the manifest
 * declares (webApplicationInfo.resource = api://<host>/<MicrosoftAppId>).
 */
export function tabSsoAudience(
  config: Pick<Config, 'TAB_SSO_AUDIENCE' | 'PUBLIC_BASE_URL' | 'MicrosoftAppId'>,
): string {
  return config.TAB_SSO_AUDIENCE ?? `api://${new URL(config.PUBLIC_BASE_URL).hostname}/${config.MicrosoftAppId}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates a token the way Entra ID issues it for a Teams tab (authentication.getAuthToken):
 * RS256 signature by a key of the issuer's JWKS (fetched and cached by jose, refetched on an unknown
 * kid), audience = the app's identifier URI, not expired (5 minutes of clock skew, as the Bot
 * Framework allows), and an issuer that is the per-tenant issuer of the token's own `tid`, so a
 * token minted for one tenant cannot claim another. `oid` and `tid` must be GUIDs.
 */
export function createTabTokenVerifier(
  config: Pick<
    Config,
    'TAB_SSO_AUDIENCE' | 'TAB_SSO_ISSUER' | 'TAB_SSO_JWKS_URL' | 'PUBLIC_BASE_URL' | 'MicrosoftAppId'
  >,
  keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.TAB_SSO_JWKS_URL), { timeoutDuration: 5000 }),
): TabTokenVerifier {
  const audience = tabSsoAudience(config);
  return async (token) => {
    let tid: unknown;
    try {
      tid = decodeJwt(token).tid;
    } catch {
      throw new TokenRejected('not a JWT');
    }
    if (typeof tid !== 'string' || !GUID.test(tid)) throw new TokenRejected('no tenant (tid) claim');
    const issuer = config.TAB_SSO_ISSUER.replace('{tid}', tid);
    try {
      const { payload } = await jwtVerify(token, keys, {
        audience,
        issuer,
        algorithms: ['RS256'],
        clockTolerance: 300,
        requiredClaims: ['exp', 'oid', 'tid'],
      });
      // tid was read before the signature was checked; now that it is, it must be the same value.
      if (payload.tid !== tid || typeof payload.oid !== 'string' || !GUID.test(payload.oid))
        throw new TokenRejected('bad oid/tid');
      const name = typeof payload.name === 'string' && payload.name.trim() ? payload.name.trim() : payload.oid;
      const email =
        typeof payload.preferred_username === 'string' && payload.preferred_username.includes('@')
          ? payload.preferred_username
          : undefined;
      return { oid: payload.oid, tid, name, ...(email ? { email } : {}) };
    } catch (e) {
      if (e instanceof TokenRejected) throw e;
      throw new TokenRejected(e instanceof Error ? e.message : String(e));
    }
  };
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
