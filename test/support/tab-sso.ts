import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/**
 * A local stand-in for Entra ID as it issues Teams tab SSO tokens: a JWKS on loopback and a signer.
 * Issuer per tenant, like Entra ID v2: `${base}/{tid}/v2.0`. Configure the server with
 * TAB_SSO_ISSUER = `issuerTemplate`, TAB_SSO_JWKS_URL = `jwksUrl`.
 */
export interface TabTokenIssuer {
  readonly jwksUrl: string;
  readonly issuerTemplate: string;
  issuerFor(tid: string): string;
  /** A token for (oid, tid) with aud = `audience`, 1 hour; `claims` override anything; `foreignKey` signs with a key not in the JWKS. */
  sign(
    user: { oid: string; tid: string; name?: string; email?: string },
    audience: string,
    claims?: JWTPayload,
    options?: { foreignKey?: boolean },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startTabTokenIssuer(): Promise<TabTokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const kid = 'tab-sso-test-key';
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  const server: Server = createServer((req, res) => {
    if (req.url === '/discovery/v2.0/keys') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuerFor = (tid: string) => `${base}/${tid}/v2.0`;
  return {
    jwksUrl: `${base}/discovery/v2.0/keys`,
    issuerTemplate: `${base}/{tid}/v2.0`,
    issuerFor,
    async sign(user, audience, claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const key: CryptoKey = options.foreignKey ? stranger.privateKey : privateKey;
      return new SignJWT({
        iss: issuerFor(user.tid),
        aud: audience,
        iat: now,
        nbf: now,
        exp: now + 3600,
        oid: user.oid,
        tid: user.tid,
        name: user.name ?? 'Test User',
        ...(user.email ? { preferred_username: user.email } : {}),
        scp: 'access_as_user',
        ver: '2.0',
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
