import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PasswordServiceClientCredentialFactory, type ServiceClientCredentials } from 'botframework-connector';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/**
 * A stand-in for the Bot Framework's token service, on loopback: an OpenID metadata document and a
 * JWKS with one RS256 key (endorsed for msteams), and a signer for channel → bot tokens.
 * Point ToBotFromChannelOpenIdMetadataUrl at `metadataUrl` and ToBotFromChannelTokenIssuer at `issuer`.
 */
export interface TokenIssuer {
  readonly metadataUrl: string;
  readonly issuer: string;
  readonly kid: string;
  /**
   * A channel token: iss = issuer, aud = appId, serviceurl claim, 5-minute lifetime. `claims` override
   * or add claims (`exp` in seconds since the epoch); `signWithUnknownKey` signs with a key not in the JWKS.
   */
  sign(claims: JWTPayload & { serviceurl?: string }, options?: { signWithUnknownKey?: boolean }): Promise<string>;
  /** How many times the JWKS was fetched. */
  readonly jwksFetches: number;
  close(): Promise<void>;
}

/**
 * `endorsements`: the channels the signing key is endorsed for (default msteams). The Bot Framework's
 * real keys are endorsed for every channel enabled on a registration (webchat, directline, ...).
 */
export async function startTokenIssuer(options: { endorsements?: readonly string[] } = {}): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const kid = 'local-test-key';
  const jwk = {
    ...(await exportJWK(publicKey)),
    kid,
    use: 'sig',
    alg: 'RS256',
    endorsements: [...(options.endorsements ?? ['msteams'])],
  };
  let jwksFetches = 0;

  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer: `${base}/issuer`,
          authorization_endpoint: `${base}/authorize`,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        }),
      );
    } else if (req.url === '/keys') {
      jwksFetches++;
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
  const issuer = `${base}/issuer`;

  return {
    metadataUrl: `${base}/.well-known/openid-configuration`,
    issuer,
    kid,
    get jwksFetches() {
      return jwksFetches;
    },
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const key: CryptoKey = options.signWithUnknownKey ? stranger.privateKey : privateKey;
      return new SignJWT({ iss: issuer, iat: now, nbf: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The token the bot puts on its outgoing calls in tests (no Entra ID here). */
export const LOCAL_OUTGOING_TOKEN = 'local-outgoing-token';

/**
 * Credentials for the bot's outgoing calls without Entra ID: app-id validation is the real one
 * (PasswordServiceClientCredentialFactory.isValidAppId, which also decides the inbound audience check),
 * only the token on outgoing requests is a local constant instead of one fetched from
 * login.microsoftonline.com, which is unreachable here.
 */
export class LocalCredentialsFactory extends PasswordServiceClientCredentialFactory {
  override createCredentials(): Promise<ServiceClientCredentials> {
    return Promise.resolve({
      signRequest: (request) => {
        request.headers.set('authorization', `Bearer ${LOCAL_OUTGOING_TOKEN}`);
        return Promise.resolve(request);
      },
    });
  }
}
