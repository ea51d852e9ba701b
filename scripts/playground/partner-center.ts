import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { decodeJwt } from 'jose';
import { LocalPartnerCenter } from '../../test/support/partner-center/server.js';
import { WebhookEmitter } from '../../test/support/partner-center/webhook-emitter.js';

/**
 * `npm run playground -- --partner-center` (issue 17 item 6): the local Partner Center (test/support/partner-center)
 * and its webhook emitter run in the playground's process, with a small demo world, so a connected organisation can
 * be tried without a real partner account. The bot is pointed at it (PARTNER_CENTER_API_URL) and trusts the emitter's
 * test CA for webhook signatures; the stand-in accepts the access tokens the local OpenID provider issues for the
 * linked account (demo only: it reads their claims without checking a signature, as nothing else can reach it).
 *
 * Typing in the playground's terminal makes Partner Center send events:
 *   accept <company name>   a customer accepts your reseller relationship request
 *   event <event name>      any other registered event (e.g. "event invoice-ready")
 */
export interface PlaygroundPartnerCenter {
  /** What the bot child needs in its environment. */
  readonly env: Record<string, string>;
  readonly url: string;
  readonly lines: readonly string[];
  close(): Promise<void>;
}

export async function startPlaygroundPartnerCenter(
  workDir: string,
  say: (line: string) => void,
): Promise<PlaygroundPartnerCenter> {
  const stub = await LocalPartnerCenter.start();
  const emitter = await WebhookEmitter.start();
  stub.useWebhookEmitter(emitter);
  stub.acceptJwts((token) => Promise.resolve(decodeJwt(token)));
  const fabrikam = stub.world.withIndirectReseller({ name: 'Fabrikam Resale', mpnId: '5100001' });
  stub.world.withIndirectProvider({ name: 'Adatum Distribution', mpnId: '5200001' });
  const wingtip = stub.world.withCustomer({ companyName: 'Wingtip Toys', associatedPartnerId: fabrikam.tenantId });
  stub.world.withSubscription(wingtip.id, {
    offerName: 'Microsoft 365 Business Basic',
    quantity: 10,
    partnerId: '5100001',
  });

  const trust = emitter.verifierOptions();
  const rootsFile = path.join(workDir, 'partner-center-test-ca.pem');
  writeFileSync(rootsFile, trust.trustedRoots.join('\n'));

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    void command(line.trim()).catch((error: unknown) =>
      say(`local Partner Center: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  async function command(line: string): Promise<void> {
    const accept = /^accept\s+(.+)$/i.exec(line);
    const other = /^event\s+(\S+)$/i.exec(line);
    if (!accept && !other) return;
    if (stub.world.webhookRegistration === undefined) {
      say('no webhook registered yet: press "Receive Partner Center events" on the partner center card first');
      return;
    }
    const status = accept?.[1]
      ? await stub.emit(
          'reseller-relationship-accepted-by-customer',
          `https://api.partnercenter.microsoft.com/v1/customers/${stub.world.withCustomer({ companyName: accept[1] }).id}`,
          'Customer',
        )
      : await stub.emit(other?.[1] ?? '', 'https://api.partnercenter.microsoft.com/v1/demo', 'Demo');
    say(status === undefined ? 'that event is not registered' : `event delivered; the bot answered ${status}`);
  }

  return {
    url: stub.url,
    env: {
      PARTNER_CENTER_API_URL: stub.url,
      PARTNER_CENTER_WEBHOOK_CERT_HOSTS: trust.allowedCertificateHosts.join(','),
      PARTNER_CENTER_WEBHOOK_ALLOW_HTTP: '1',
      PARTNER_CENTER_WEBHOOK_TRUST_ROOTS_FILE: rootsFile,
      PARTNER_CENTER_WEBHOOK_ISSUER_ORG: trust.requiredIssuerOrganization,
    },
    lines: [
      `partner:    local Partner Center at ${stub.url} (demo customers, resellers, webhooks)`,
      'connect:    type "partner center", press "Link Partner Center account", sign in as alexw@example.com (or',
      '            jiwoo.park@fabrikam-kr.example as the provider), choose connected, press "Receive Partner Center events"',
      'events:     type here "accept Contoso Pharmacy" (a customer accepts your invitation in Partner Center)',
      '            or "event invoice-ready": the notice appears in your notification channel ("notify here")',
    ],
    async close() {
      input.close();
      await Promise.all([stub.stop(), emitter.stop()]);
    },
  };
}
