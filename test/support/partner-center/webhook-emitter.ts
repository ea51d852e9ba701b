import { createSign } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestPki, testIssuerOrganization, type TestPki } from './test-pki.js';

/** A delivery the emitter made, for assertions. */
export interface EmittedEvent {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
}

/**
 * Partner Center's side of webhooks (partner-center/developer/partner-center-webhooks "Receiving events"): it
 * POSTs the event JSON with `Authorization: Signature <base64 RSA-SHA256 of the body>`, `X-MS-Certificate-Url`
 * naming the signing certificate and `X-MS-Signature-Algorithm: rsa-sha256`.
 *
 * The certificate is served over plain http on 127.0.0.1 (Microsoft serves it over https from
 * 3psostorageacct.blob.core.windows.net). Tests therefore configure the verifier with `verifierOptions()`: the
 * loopback host allowed, "http:" allowed, the test CA as the only trusted root and its organisation as the required
 * issuer. Production keeps the verifier's defaults, which refuse all of that.
 */
export class WebhookEmitter {
  readonly delivered: EmittedEvent[] = [];
  /** How many times the certificate was downloaded (the verifier should cache it). */
  certificateDownloads = 0;
  private server: Server | undefined;
  certificateUrl = '';

  private constructor(readonly pki: TestPki) {}

  static async start(pki: TestPki = createTestPki()): Promise<WebhookEmitter> {
    const emitter = new WebhookEmitter(pki);
    emitter.server = createServer((request, response) => {
      if (request.method === 'GET' && request.url === '/cert/pcnotifications-dispatch.cer') {
        emitter.certificateDownloads += 1;
        response.writeHead(200, { 'Content-Type': 'application/pkix-cert' });
        response.end(pki.signingCertificateDer);
        return;
      }
      response.writeHead(404);
      response.end();
    });
    emitter.server.listen(0, '127.0.0.1');
    await once(emitter.server, 'listening');
    const address = emitter.server.address() as AddressInfo;
    emitter.certificateUrl = `http://127.0.0.1:${address.port}/cert/pcnotifications-dispatch.cer`;
    return emitter;
  }

  async stop(): Promise<void> {
    if (this.server === undefined) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
    this.server = undefined;
  }

  /** What a test's verifier needs to trust this emitter (see the class comment). */
  verifierOptions(): {
    allowedCertificateHosts: string[];
    allowedProtocols: string[];
    trustedRoots: string[];
    requiredIssuerOrganization: string;
  } {
    return {
      allowedCertificateHosts: ['127.0.0.1'],
      allowedProtocols: ['http:'],
      trustedRoots: [this.pki.caPem],
      requiredIssuerOrganization: testIssuerOrganization,
    };
  }

  /** The headers Partner Center would send with this exact body. */
  sign(body: string, options: { certificateUrl?: string; keyPem?: string } = {}): Record<string, string> {
    const signer = createSign('RSA-SHA256');
    signer.update(Buffer.from(body, 'utf8'));
    const signature = signer.sign(options.keyPem ?? this.pki.signingKeyPem).toString('base64');
    return {
      'Content-Type': 'application/json',
      Authorization: `Signature ${signature}`,
      'X-MS-Certificate-Url': options.certificateUrl ?? this.certificateUrl,
      'X-MS-Signature-Algorithm': 'rsa-sha256',
    };
  }

  /** Signs and POSTs an event; answers the receiver's HTTP status. */
  async deliver(url: string, event: Record<string, unknown>): Promise<number> {
    const body = JSON.stringify(event);
    const headers = this.sign(body);
    const response = await fetch(url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    this.delivered.push({ url, body, headers, status: response.status });
    return response.status;
  }
}
