import { LocalPartnerCenter } from './server.js';
import { WebhookEmitter } from './webhook-emitter.js';

/**
 * Runs the local Partner Center on its own with a small demo world, for trying a connected organisation by hand
 * (`npx tsx test/support/partner-center/start.ts`; `npm run playground` may start it the same way). It prints the
 * base URL, an app+user and an app-only token, and what a webhook verifier must be told to trust its emitter.
 * Ends on Ctrl+C.
 */
const stub = await LocalPartnerCenter.start();
const emitter = await WebhookEmitter.start();
stub.useWebhookEmitter(emitter);
const fabrikam = stub.world.withIndirectReseller({ name: 'Fabrikam Resale', mpnId: '5100001' });
stub.world.withIndirectReseller({ name: 'Northwind Partners', mpnId: '5100002' }, 'not-signed');
stub.world.withIndirectProvider({ name: 'Adatum Distribution', mpnId: '5200001' });
const wingtip = stub.world.withCustomer({ companyName: 'Wingtip Toys', associatedPartnerId: fabrikam.tenantId });
stub.world.withSubscription(wingtip.id, {
  offerName: 'Microsoft 365 Business Basic',
  quantity: 10,
  partnerId: '5100001',
});
stub.world.withCustomer({ companyName: 'Litware' });

process.stdout.write(
  `${JSON.stringify(
    {
      partnerCenterUrl: stub.url,
      appUserToken: stub.issueToken(),
      appOnlyToken: stub.issueToken({ appOnly: true }),
      webhookVerifier: emitter.verifierOptions(),
    },
    null,
    2,
  )}\n`,
);

const stop = () => {
  void Promise.all([stub.stop(), emitter.stop()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
