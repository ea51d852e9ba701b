import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** The fields of an OpenID provider's discovery document that the sign-ins here use. */
const metadataSchema = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
export type OpenIdMetadata = z.infer<typeof metadataSchema>;

/**
 * The discovery document at `url`, fetched once and kept; a failed fetch is forgotten so the next call tries again.
 * Failures are thrown as `fail(message)`, the caller's own error type. Shared by the customer-invitation sign-in
 * (src/web/oidc-client.ts) and the Partner Center link (partner-center-sign-in.ts).
 */
export function cachedDiscovery(url: string, fail: (message: string) => Error): () => Promise<OpenIdMetadata> {
  let metadata: Promise<OpenIdMetadata> | undefined;
  return () => {
    metadata ??= (async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw fail(`discovery answered ${res.status}`);
      const parsed = metadataSchema.safeParse(await res.json());
      if (!parsed.success) throw fail('discovery document is invalid');
      return parsed.data;
    })().catch((e: unknown) => {
      metadata = undefined; // try again next time
      throw e;
    });
    return metadata;
  };
}

/** 256 random bits, base64url: a state, a nonce or a PKCE verifier. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
