import { readFileSync } from 'node:fs';
import type { Config } from '../config.js';
import { PartnerCenterWebhookVerifier, type WebhookVerifierOptions } from './webhook-signature.js';

/**
 * Issue 17 item 4 (W1): the webhook verifier as configured. Unset settings keep the verifier's production defaults
 * (Microsoft's certificate host over https, Node's root CAs, issuer "Microsoft Corporation"); tests and the
 * playground trust the local emitter's test CA instead.
 */
export function webhookVerifierFor(config: Config): PartnerCenterWebhookVerifier {
  const options: WebhookVerifierOptions = {
    ...(config.PARTNER_CENTER_WEBHOOK_CERT_HOSTS
      ? { allowedCertificateHosts: config.PARTNER_CENTER_WEBHOOK_CERT_HOSTS }
      : {}),
    ...(config.PARTNER_CENTER_WEBHOOK_ALLOW_HTTP ? { allowedProtocols: ['https:', 'http:'] } : {}),
    ...(config.PARTNER_CENTER_WEBHOOK_TRUST_ROOTS_FILE
      ? { trustedRoots: pemBlocks(readFileSync(config.PARTNER_CENTER_WEBHOOK_TRUST_ROOTS_FILE, 'utf8')) }
      : {}),
    ...(config.PARTNER_CENTER_WEBHOOK_INTERMEDIATES_FILE
      ? { intermediates: pemBlocks(readFileSync(config.PARTNER_CENTER_WEBHOOK_INTERMEDIATES_FILE, 'utf8')) }
      : {}),
    ...(config.PARTNER_CENTER_WEBHOOK_ISSUER_ORG
      ? { requiredIssuerOrganization: config.PARTNER_CENTER_WEBHOOK_ISSUER_ORG }
      : {}),
  };
  return new PartnerCenterWebhookVerifier(options);
}

/** Each certificate of a PEM bundle (X509Certificate reads one at a time). */
function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
