import { createVerify, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { webhookEventSchema, type WebhookEvent } from './schemas/webhooks.js';

/**
 * Verifies a Partner Center webhook event ("Partner Center webhooks", partner-center/developer/partner-center-webhooks,
 * "How to authenticate the callback"):
 * 1. the headers are there: `Authorization: Signature <base64>` (or `x-ms-signature`, when the registration set
 *    SignatureTokenToMsSignatureHeader), `X-MS-Certificate-Url`, `X-MS-Signature-Algorithm`;
 * 2. the certificate is downloaded from X-MS-Certificate-Url, which must be https on an allowed host: the reference's
 *    example names `https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer`,
 *    so that host is the default; anything else would let a forger point at its own certificate;
 * 3. the certificate chains to a trusted issuer, is within its validity, and its issuer is "O=Microsoft Corporation"
 *    (the reference's sample checks exactly that);
 * 4. the raw body verifies against the signature with RSA and the named hash (only rsa-sha256 is accepted).
 * Only then is the body parsed as an event.
 *
 * Tests point the allow-list at a loopback certificate server over http and trust a test CA (see
 * test/support/partner-center/webhook-emitter.ts); production keeps the defaults.
 */
export interface WebhookVerifierOptions {
  /** Hosts X-MS-Certificate-Url may name; "*.example.com" matches subdomains. Default: Microsoft's, above. */
  readonly allowedCertificateHosts?: readonly string[];
  /** URL schemes allowed for X-MS-Certificate-Url. Default ["https:"]; only tests add "http:". */
  readonly allowedProtocols?: readonly string[];
  /** Trust anchors (PEM). Default: Node's bundled root CAs. */
  readonly trustedRoots?: readonly string[];
  /**
   * Intermediate CA certificates (PEM) between the signing certificate and a root. The downloaded .cer holds the
   * leaf only and this verifier does not follow AIA links, so production configures Microsoft's issuing CAs here.
   */
  readonly intermediates?: readonly string[];
  /** The issuer organisation required of the signing certificate; null to skip. Default "Microsoft Corporation". */
  readonly requiredIssuerOrganization?: string | null;
  /** How long a downloaded certificate is reused. Default 24 h. */
  readonly cacheTtlMs?: number;
  readonly clock?: () => number;
  /** Downloads the certificate (DER or PEM). Default: fetch with a 10 s timeout. */
  readonly fetchCertificate?: (url: string) => Promise<Uint8Array>;
}

export const defaultCertificateHosts: readonly string[] = ['3psostorageacct.blob.core.windows.net'];

/** Why an event was refused: for logs and the HTTP answer, never shown to a user. */
export type WebhookRejection =
  | 'missing-signature'
  | 'unsupported-algorithm'
  | 'certificate-url-refused'
  | 'certificate-unavailable'
  | 'certificate-untrusted'
  | 'bad-signature'
  | 'invalid-event';

export type WebhookVerification =
  { readonly ok: true; readonly event: WebhookEvent } | { readonly ok: false; readonly reason: WebhookRejection };

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export class PartnerCenterWebhookVerifier {
  private readonly allowedHosts: readonly string[];
  private readonly allowedProtocols: readonly string[];
  private readonly roots: readonly X509Certificate[];
  private readonly intermediates: readonly X509Certificate[];
  private readonly requiredIssuerOrganization: string | null;
  private readonly cacheTtlMs: number;
  private readonly clock: () => number;
  private readonly fetchCertificate: (url: string) => Promise<Uint8Array>;
  private readonly cache = new Map<
    string,
    { readonly expires: number; readonly certificate: Promise<X509Certificate> }
  >();

  constructor(options: WebhookVerifierOptions = {}) {
    this.allowedHosts = (options.allowedCertificateHosts ?? defaultCertificateHosts).map((host) => host.toLowerCase());
    this.allowedProtocols = options.allowedProtocols ?? ['https:'];
    this.roots = (options.trustedRoots ?? rootCertificates).map((pem) => new X509Certificate(pem));
    this.intermediates = (options.intermediates ?? []).map((pem) => new X509Certificate(pem));
    this.requiredIssuerOrganization =
      options.requiredIssuerOrganization === undefined ? 'Microsoft Corporation' : options.requiredIssuerOrganization;
    this.cacheTtlMs = options.cacheTtlMs ?? 24 * 60 * 60 * 1000;
    this.clock = options.clock ?? Date.now;
    this.fetchCertificate = options.fetchCertificate ?? downloadCertificate;
  }

  /** Verifies one delivery; `rawBody` is the body exactly as received (the signature covers those bytes). */
  async verify(headers: WebhookHeaders, rawBody: Uint8Array): Promise<WebhookVerification> {
    const signature = signatureFrom(headers);
    const certificateUrl = single(headers['x-ms-certificate-url']);
    const algorithm = single(headers['x-ms-signature-algorithm']);
    if (signature === undefined || certificateUrl === undefined || algorithm === undefined) {
      return { ok: false, reason: 'missing-signature' };
    }
    if (algorithm.toLowerCase() !== 'rsa-sha256') return { ok: false, reason: 'unsupported-algorithm' };
    if (!this.isAllowedUrl(certificateUrl)) return { ok: false, reason: 'certificate-url-refused' };

    let certificate: X509Certificate;
    try {
      certificate = await this.certificate(certificateUrl);
    } catch {
      return { ok: false, reason: 'certificate-unavailable' };
    }
    if (!this.isTrusted(certificate)) return { ok: false, reason: 'certificate-untrusted' };

    const verifier = createVerify('RSA-SHA256');
    verifier.update(rawBody);
    if (!verifier.verify(certificate.publicKey, signature)) return { ok: false, reason: 'bad-signature' };

    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(rawBody).toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid-event' };
    }
    const event = webhookEventSchema.safeParse(json);
    return event.success ? { ok: true, event: event.data } : { ok: false, reason: 'invalid-event' };
  }

  private isAllowedUrl(value: string): boolean {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    if (!this.allowedProtocols.includes(url.protocol) || url.username !== '' || url.password !== '') return false;
    const host = url.hostname.toLowerCase();
    return this.allowedHosts.some((allowed) =>
      allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1 : host === allowed,
    );
  }

  /** Downloaded once per URL and TTL; a failed download is not cached. */
  private certificate(url: string): Promise<X509Certificate> {
    const now = this.clock();
    const cached = this.cache.get(url);
    if (cached !== undefined && cached.expires > now) return cached.certificate;
    const certificate = this.fetchCertificate(url).then((bytes) => new X509Certificate(Buffer.from(bytes)));
    this.cache.set(url, { expires: now + this.cacheTtlMs, certificate });
    certificate.catch(() => this.cache.delete(url));
    return certificate;
  }

  private isTrusted(leaf: X509Certificate): boolean {
    const now = this.clock();
    if (!isCurrent(leaf, now)) return false;
    if (this.requiredIssuerOrganization !== null && organizationOf(leaf.issuer) !== this.requiredIssuerOrganization) {
      return false;
    }
    // Walk up through the configured intermediates until a trusted root signed the last link (depth-bounded).
    let current = leaf;
    for (let depth = 0; depth < 5; depth += 1) {
      if (this.roots.some((root) => signedBy(current, root) && isCurrent(root, now))) return true;
      const parent = this.intermediates.find((candidate) => signedBy(current, candidate) && isCurrent(candidate, now));
      if (parent === undefined || parent === current) return false;
      current = parent;
    }
    return false;
  }
}

function signedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

function isCurrent(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
}

/** The O= of a distinguished name as Node prints it (one attribute a line). */
function organizationOf(distinguishedName: string): string | undefined {
  return distinguishedName
    .split('\n')
    .find((line) => line.startsWith('O='))
    ?.slice(2);
}

function single(value: string | readonly string[] | undefined): string | undefined {
  const first = typeof value === 'string' ? value : value?.[0];
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/** "Signature <base64>" from Authorization, or from x-ms-signature when the registration asked for that header. */
function signatureFrom(headers: WebhookHeaders): Buffer | undefined {
  for (const value of [single(headers['authorization']), single(headers['x-ms-signature'])]) {
    const match = value === undefined ? null : /^Signature\s+([A-Za-z0-9+/=]+)$/i.exec(value);
    if (match?.[1] !== undefined) return Buffer.from(match[1], 'base64');
  }
  return undefined;
}

async function downloadCertificate(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  if (!response.ok) throw new Error(`certificate download answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
