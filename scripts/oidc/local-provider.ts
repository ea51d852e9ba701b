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
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

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
}

export interface LocalOidc {
  /** The issuer, e.g. http://127.0.0.1:45123 */
  readonly issuer: string;
  readonly server: Server;
  /** The `tid` a login name gets. */
  tenantOf(login: string): string;
  /** The `wids` a login name gets (undefined: none). */
  rolesOf(login: string): readonly string[] | undefined;
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
    ],
    // like Entra ID: the id_token itself carries the profile claims and the tenant
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'tid', 'oid', 'wids'], profile: ['name', 'preferred_username'], email: ['email'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['local-oidc-dev-only-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
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
          ...(wids ? { wids: [...wids] } : {}),
        };
      },
    }),
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    void handle(req, res);
  });
  return {
    issuer,
    server,
    tenantOf,
    rolesOf,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
