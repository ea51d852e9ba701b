/**
 * A local OpenID provider for tests and local runs (the `oidc-provider` package, dev interactions):
 * it stands in for Entra ID on the customer-invitation acceptance page. Any login name signs in
 * (the password is ignored); the account's tenant (`tid`) is derived from the domain of the login
 * name, so `admin@fabrikam.example` and `it@fabrikam.example` share a tenant, like Entra ID.
 *
 * Directory roles: like Entra ID with `groupMembershipClaims: "DirectoryRole"`, the id_token carries
 * `wids`, the template ids of the user's directory roles. By default a login name whose local part
 * starts with `admin` (admin@…, admin.kim@…) is the tenant's Global Administrator; one starting with
 * `noroles` gets no `wids` claim at all (an app registration not set up to emit it); everyone else
 * is a plain member (the default User role only). `directoryRoles` overrides this per login name.
 *
 * Partner Center's Secure Application Model (issue 17 item 2), when `partnerCenter` names a second client:
 * - like Entra ID's multi-tenant authority, the provider also answers under `/organizations/v2.0/…`, so the bot's
 *   PARTNER_CENTER_AUTHORITY is `<issuer>/organizations`;
 * - the scope `https://api.partnercenter.microsoft.com/user_impersonation` gets a JWT access token for Partner
 *   Center (audience `https://api.partnercenter.microsoft.com`) carrying `tid` and `amr`; with `offline_access`
 *   a refresh token, answered by `grant_type=refresh_token` with a new one each time (the old one is used up),
 *   valid 90 days ("Refresh tokens in the Microsoft identity platform");
 * - Microsoft Graph (issue 18 item 5): the scope `https://graph.microsoft.com/DelegatedAdminRelationship.ReadWrite.All`
 *   asked with Partner Center's in the authorization request is consented with it; like Entra ID, each token request
 *   names one resource, chosen by its scope (the refresh grant asks for Graph's scope to get a Graph token, audience
 *   `https://graph.microsoft.com`, `scp` DelegatedAdminRelationship.ReadWrite.All); a sign-in that did not ask for it
 *   gets `invalid_scope` when Graph's scope is asked later;
 * - MFA: every sign-in has `amr: ["pwd", "mfa"]`, except a login name starting with `nomfa` (`amr: ["pwd"]`), so
 *   a test can show what Partner Center refuses ("Partner Center MFA requirements for API");
 * - `revokeRefreshToken` / `expireRefreshToken` end a refresh token: its next use gets `invalid_grant`, as Entra
 *   answers a revoked (AADSTS50173) or expired (AADSTS700082) one.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type ClientMetadata } from 'oidc-provider';

/** Entra ID built-in role template ids (the same in every tenant). */
export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const DEFAULT_USER_ROLE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

export interface LocalOidcOptions {
  /** 0 (default) = a free port */
  readonly port?: number;
  readonly host?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  /** Tenants for given domains (default: derived from the domain). */
  readonly tenants?: Readonly<Record<string, string>>;
  /** The `wids` of given login names (lower case); null = no `wids` claim. Others: the default above. */
  readonly directoryRoles?: Readonly<Record<string, readonly string[] | null>>;
  /** A second client: the Partner Center app registration (authorization code + refresh tokens). */
  readonly partnerCenter?: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUris: readonly string[];
  };
}

export interface LocalOidc {
  /** The issuer, e.g. http://127.0.0.1:45123 */
  readonly issuer: string;
  readonly server: Server;
  /** The `tid` a login name gets. */
  tenantOf(login: string): string;
  /** The `wids` a login name gets (undefined: none). */
  rolesOf(login: string): readonly string[] | undefined;
  /** The `amr` a login name's sign-in gets. */
  amrOf(login: string): readonly string[];
  /** Revokes a refresh token (its next use: invalid_grant); false when it was not a live one. */
  revokeRefreshToken(value: string): Promise<boolean>;
  /** Makes a refresh token expire now (its next use: invalid_grant); false when it was not a live one. */
  expireRefreshToken(value: string): Promise<boolean>;
  /** How many refresh_token grants were answered with tokens (tests count refreshes). */
  refreshGrants(): number;
  close(): Promise<void>;
}

/** A stable UUID-shaped tenant id for a domain. */
export function tenantForDomain(domain: string): string {
  const h = createHash('sha256').update(`tenant:${domain.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function objectIdFor(login: string): string {
  const h = createHash('sha256').update(`oid:${login.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-b${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The default directory roles of a login name (see the top of this file). */
export function defaultDirectoryRoles(login: string): readonly string[] | undefined {
  const local = (login.split('@')[0] ?? login).toLowerCase();
  if (local.startsWith('noroles')) return undefined;
  return local.startsWith('admin') ? [GLOBAL_ADMINISTRATOR, DEFAULT_USER_ROLE] : [DEFAULT_USER_ROLE];
}

/** Partner Center's resource, and its delegated scope as Entra ID names it (resource URI + permission). */
export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';
export const PARTNER_CENTER_SCOPE = `${PARTNER_CENTER_RESOURCE}/user_impersonation`;
/** Microsoft Graph's resource and the delegated GDAP permission (issue 18 item 5). */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_GDAP_SCOPE = `${GRAPH_RESOURCE}/DelegatedAdminRelationship.ReadWrite.All`;
const resourceScopes: Readonly<Record<string, string>> = {
  [PARTNER_CENTER_RESOURCE]: PARTNER_CENTER_SCOPE,
  [GRAPH_RESOURCE]: GRAPH_GDAP_SCOPE,
};

/** The `amr` of a login name's sign-in (see the top of this file). */
export function defaultAmr(login: string): readonly string[] {
  return (login.split('@')[0] ?? login).toLowerCase().startsWith('nomfa') ? ['pwd'] : ['pwd', 'mfa'];
}

export async function startLocalOidc(options: LocalOidcOptions): Promise<LocalOidc> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;
  const tenantOf = (login: string): string => {
    const domain = (login.split('@')[1] ?? login).toLowerCase();
    return options.tenants?.[domain] ?? tenantForDomain(domain);
  };
  const rolesOf = (login: string): readonly string[] | undefined => {
    const own = options.directoryRoles?.[login.toLowerCase()];
    return own === null ? undefined : (own ?? defaultDirectoryRoles(login));
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [...options.redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      ...(options.partnerCenter
        ? ([
            {
              client_id: options.partnerCenter.clientId,
              client_secret: options.partnerCenter.clientSecret,
              redirect_uris: [...options.partnerCenter.redirectUris],
              grant_types: ['authorization_code', 'refresh_token'],
              response_types: ['code'],
              token_endpoint_auth_method: 'client_secret_basic',
            },
          ] satisfies ClientMetadata[])
        : []),
    ],
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    // like Entra ID: the id_token itself carries the profile claims and the tenant
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'tid', 'oid', 'wids', 'amr'], profile: ['name', 'preferred_username'], email: ['email'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      // Entra ID names the resource in the scope; here the scope picks the resource, and the code's grant keeps it
      resourceIndicators: {
        enabled: true,
        // the authorization request may name several resources (one consent); a token request gets the one its
        // scope names, Partner Center's when it names none (`oneOf`: the resources the grant holds)
        defaultResource: (ctx, _client, oneOf) => {
          const scope = (ctx.oidc.params as { scope?: unknown } | undefined)?.scope;
          const asked = typeof scope === 'string' ? scope.split(' ') : [];
          const named = Object.keys(resourceScopes).filter((resource) => asked.includes(resourceScopes[resource]));
          if (oneOf) return named.find((resource) => oneOf.includes(resource)) ?? oneOf[0] ?? PARTNER_CENTER_RESOURCE;
          if (named.length === 0) return undefined;
          return named.length === 1 ? named[0] : named;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          const scope = resourceScopes[resource];
          if (scope === undefined) throw new errors.InvalidTarget();
          return {
            scope,
            audience: resource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Partner Center reads the tenant, the MFA claim and (app+user, as Entra ID's delegated tokens) `scp`
    extraTokenClaims: (_ctx, token) => {
      const login = 'accountId' in token && typeof token.accountId === 'string' ? token.accountId : undefined;
      if (!login) return undefined;
      const graph = 'resourceServer' in token && token.resourceServer?.audience === GRAPH_RESOURCE;
      const scp = graph ? 'DelegatedAdminRelationship.ReadWrite.All' : 'user_impersonation';
      return { tid: tenantOf(login), amr: [...defaultAmr(login)], scp };
    },
    // Entra ID answers every refresh with a new refresh token
    rotateRefreshToken: () => true,
    cookies: { keys: ['local-oidc-dev-only-key'] },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 90 * 86_400,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
      RefreshToken: 90 * 86_400,
    },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const local = sub.split('@')[0] ?? sub;
        const wids = rolesOf(sub);
        return {
          sub,
          tid: tenantOf(sub),
          oid: objectIdFor(sub),
          name: local.charAt(0).toUpperCase() + local.slice(1),
          preferred_username: sub,
          email: sub.includes('@') ? sub : undefined,
          amr: [...defaultAmr(sub)],
          ...(wids ? { wids: [...wids] } : {}),
        };
      },
    }),
  });
  let grants = 0;
  provider.on('grant.success', (ctx) => {
    if ((ctx.oidc.params as { grant_type?: unknown } | undefined)?.grant_type === 'refresh_token') grants++;
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    // Entra ID's multi-tenant authority lives under /organizations/v2.0: answer there too
    if (req.url?.startsWith('/organizations/v2.0/')) req.url = req.url.slice('/organizations/v2.0'.length);
    // Entra ID issues a refresh token for offline_access without prompt=consent; oidc-provider follows OpenID
    // Connect Core 11 and drops offline_access unless consent is prompted: ask for it on the request's behalf
    if (req.url?.startsWith('/auth?')) {
      const url = new URL(req.url, issuer);
      if (url.searchParams.get('scope')?.split(' ').includes('offline_access') && !url.searchParams.has('prompt')) {
        url.searchParams.set('prompt', 'consent');
        req.url = url.pathname + url.search;
      }
    }
    void handle(req, res);
  });
  const endRefreshToken = async (value: string): Promise<boolean> => {
    const token = await provider.RefreshToken.find(value);
    if (!token) return false;
    await token.destroy();
    return true;
  };
  return {
    issuer,
    server,
    tenantOf,
    rolesOf,
    amrOf: defaultAmr,
    revokeRefreshToken: endRefreshToken,
    // the in-memory adapter keeps no clock of its own to move: an expired token is, to its user, a destroyed one
    expireRefreshToken: endRefreshToken,
    refreshGrants: () => grants,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
