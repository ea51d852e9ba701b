import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PartnerCenterWebhookVerifier,
  type WebhookVerification,
} from '../../../src/partner-center/webhook-signature.js';
import { clientFor } from '../../support/partner-center/client-fixture.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { createTestPki, type TestPki } from '../../support/partner-center/test-pki.js';
import { WebhookEmitter } from '../../support/partner-center/webhook-emitter.js';

const event = {
  EventName: 'reseller-relationship-accepted-by-customer',
  ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/4b1c3d3e-2f0a-4c5e-9c39-7d1f7a0c1e55',
  ResourceName: 'Customer',
  AuditUri: null,
  ResourceChangeUtcDate: '2026-12-04T10:11:12.1234567+00:00',
};
const body = JSON.stringify(event);
const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

describe('Partner Center webhook signature verification', function () {
  this.timeout(30_000);
  let emitter: WebhookEmitter;
  let rogue: TestPki;

  before(async () => {
    emitter = await WebhookEmitter.start();
    rogue = createTestPki();
  });

  after(async () => {
    await emitter.stop();
  });

  const verifier = () => new PartnerCenterWebhookVerifier(emitter.verifierOptions());
  const reasonOf = (verification: WebhookVerification) => (verification.ok ? 'ok' : verification.reason);

  it('accepts a good signature and returns the parsed event', async () => {
    const verification = await verifier().verify(lower(emitter.sign(body)), Buffer.from(body));
    assert.ok(verification.ok);
    assert.equal(verification.event.EventName, 'reseller-relationship-accepted-by-customer');
    assert.equal(verification.event.AuditUri, null);
  });

  it('accepts the signature in x-ms-signature (SignatureTokenToMsSignatureHeader)', async () => {
    const { authorization, ...rest } = lower(emitter.sign(body));
    const verification = await verifier().verify({ ...rest, 'x-ms-signature': authorization }, Buffer.from(body));
    assert.equal(reasonOf(verification), 'ok');
  });

  it('refuses a tampered body', async () => {
    const headers = lower(emitter.sign(body));
    const tampered = body.replace('Customer"', 'Customers"');
    assert.equal(reasonOf(await verifier().verify(headers, Buffer.from(tampered))), 'bad-signature');
  });

  it('refuses a body signed by another key under the trusted certificate', async () => {
    const headers = lower(emitter.sign(body, { keyPem: rogue.signingKeyPem }));
    assert.equal(reasonOf(await verifier().verify(headers, Buffer.from(body))), 'bad-signature');
  });

  it('refuses a certificate URL on a host that is not allowed, before downloading anything', async () => {
    const before = emitter.certificateDownloads;
    const elsewhere = emitter.certificateUrl.replace('127.0.0.1', 'localhost');
    const headers = lower(emitter.sign(body, { certificateUrl: elsewhere }));
    assert.equal(reasonOf(await verifier().verify(headers, Buffer.from(body))), 'certificate-url-refused');
    const lookalike = lower(
      emitter.sign(body, { certificateUrl: 'https://3psostorageacct.blob.core.windows.net.evil.example/c.cer' }),
    );
    const production = new PartnerCenterWebhookVerifier();
    assert.equal(reasonOf(await production.verify(lookalike, Buffer.from(body))), 'certificate-url-refused');
    assert.equal(emitter.certificateDownloads, before);
  });

  it('refuses a non-https certificate URL even on an allowed host (the production default)', async () => {
    const httpsOnly = new PartnerCenterWebhookVerifier({ ...emitter.verifierOptions(), allowedProtocols: ['https:'] });
    const verification = await httpsOnly.verify(lower(emitter.sign(body)), Buffer.from(body));
    assert.equal(reasonOf(verification), 'certificate-url-refused');
  });

  it('refuses missing headers and algorithms other than rsa-sha256', async () => {
    const headers = lower(emitter.sign(body));
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
    assert.equal(reasonOf(await verifier().verify(without('authorization'), Buffer.from(body))), 'missing-signature');
    assert.equal(
      reasonOf(await verifier().verify(without('x-ms-certificate-url'), Buffer.from(body))),
      'missing-signature',
    );
    assert.equal(
      reasonOf(await verifier().verify(without('x-ms-signature-algorithm'), Buffer.from(body))),
      'missing-signature',
    );
    const bearer = { ...headers, authorization: 'Bearer abc' };
    assert.equal(reasonOf(await verifier().verify(bearer, Buffer.from(body))), 'missing-signature');
    const sha1 = { ...headers, 'x-ms-signature-algorithm': 'rsa-sha1' };
    assert.equal(reasonOf(await verifier().verify(sha1, Buffer.from(body))), 'unsupported-algorithm');
  });

  it('refuses a certificate that does not chain to the trusted root, or whose issuer is not the required organisation', async () => {
    const otherRoot = new PartnerCenterWebhookVerifier({ ...emitter.verifierOptions(), trustedRoots: [rogue.caPem] });
    assert.equal(
      reasonOf(await otherRoot.verify(lower(emitter.sign(body)), Buffer.from(body))),
      'certificate-untrusted',
    );
    const microsoftOnly = new PartnerCenterWebhookVerifier({
      ...emitter.verifierOptions(),
      requiredIssuerOrganization: 'Microsoft Corporation',
    });
    assert.equal(
      reasonOf(await microsoftOnly.verify(lower(emitter.sign(body)), Buffer.from(body))),
      'certificate-untrusted',
    );
    const expired = new PartnerCenterWebhookVerifier({
      ...emitter.verifierOptions(),
      clock: () => Date.now() + 5 * 86_400_000,
    });
    assert.equal(reasonOf(await expired.verify(lower(emitter.sign(body)), Buffer.from(body))), 'certificate-untrusted');
  });

  it('reports an unreachable certificate, and downloads a good one once', async () => {
    const missing = lower(emitter.sign(body, { certificateUrl: emitter.certificateUrl.replace('.cer', '-gone.cer') }));
    assert.equal(reasonOf(await verifier().verify(missing, Buffer.from(body))), 'certificate-unavailable');
    const shared = verifier();
    const before = emitter.certificateDownloads;
    for (let index = 0; index < 3; index += 1) {
      assert.equal(reasonOf(await shared.verify(lower(emitter.sign(body)), Buffer.from(body))), 'ok');
    }
    assert.equal(emitter.certificateDownloads - before, 1);
  });

  it('refuses a correctly signed body that is not an event', async () => {
    const notAnEvent = JSON.stringify({ EventName: 'test-created' });
    const verification = await verifier().verify(lower(emitter.sign(notAnEvent)), Buffer.from(notAnEvent));
    assert.equal(reasonOf(verification), 'invalid-event');
  });

  describe('end to end: a registration, a validation event, a receiver that verifies', () => {
    let stub: LocalPartnerCenter;
    let receiver: Server;
    const received: WebhookVerification[] = [];

    before(async () => {
      stub = await LocalPartnerCenter.start();
      stub.useWebhookEmitter(emitter);
      const check = verifier();
      receiver = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          void check.verify(request.headers, Buffer.concat(chunks)).then((verification) => {
            received.push(verification);
            response.writeHead(verification.ok ? 200 : 401);
            response.end();
          });
        });
      });
      receiver.listen(0, '127.0.0.1');
      await once(receiver, 'listening');
    });

    after(async () => {
      receiver.close();
      await stub.stop();
    });

    it('Partner Center sends a signed test-created event that the receiver accepts', async () => {
      const { port } = receiver.address() as AddressInfo;
      const { client } = clientFor(stub);
      await client.webhooks.register(`http://127.0.0.1:${port}/api/partner-center/events`, [
        'test-created',
        'reseller-relationship-accepted-by-customer',
      ]);
      const correlationId = await client.webhooks.sendValidationEvent();
      assert.equal(received.length, 1);
      const first = received[0];
      assert.ok(first?.ok);
      assert.equal(first.event.EventName, 'test-created');
      assert.ok(first.event.ResourceUri.endsWith(correlationId));
      assert.equal(await stub.emit(event.EventName, event.ResourceUri, event.ResourceName), 200);
      assert.equal(await stub.emit('invoice-ready', 'https://example/invoice', 'Invoice'), undefined, 'not registered');
      assert.equal(emitter.delivered.at(-1)?.status, 200);
    });
  });
});
