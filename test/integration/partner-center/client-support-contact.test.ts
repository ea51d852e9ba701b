/**
 * S5 (issue 17): the client's `PUT /v1/customers/{id}/subscriptions/{id}/supportcontact` against the local Partner
 * Center (partner-center/developer/update-a-subscription-s-support-contact): the SupportContact body and answer,
 * app+user only, a support contact that is not an indirect reseller refused (800016), and a new-commerce
 * subscription refused (S5b). No database.
 */
import assert from 'node:assert/strict';
import { clientFor, rejection } from '../../support/partner-center/client-fixture.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';

describe('Partner Center client against the local Partner Center: support contact (S5)', () => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  function world() {
    const reseller = stub.world.withIndirectReseller({ name: 'Trey Research', mpnId: '4391507' });
    const customer = stub.world.withCustomer({ companyName: 'Wingtip Toys', associatedPartnerId: reseller.tenantId });
    const legacy = stub.world.withSubscription(customer.id, { offerName: 'Office 365 E3', quantity: 5 });
    const nce = stub.world.withSubscription(customer.id, {
      offerId: 'CFQ7TTC0LFLX:0001',
      offerName: 'Office 365 E3 (NCE)',
      quantity: 5,
    });
    return { reseller, customer, legacy, nce };
  }

  it('S5: sets the support contact of a subscription to an indirect reseller, as a SupportContact', async () => {
    const { reseller, customer, legacy } = world();
    const { client } = clientFor(stub);
    const contact = { supportTenantId: reseller.tenantId, supportMpnId: '4391507', name: 'Trey Research' };
    const answer = await client.customers.updateSupportContact(customer.id, legacy.id, contact);
    assert.deepEqual(
      { supportTenantId: answer.supportTenantId, supportMpnId: answer.supportMpnId, name: answer.name },
      contact,
    );
    assert.equal(answer.attributes.objectType, 'SupportContact');
    const [put] = stub.requestsTo(`/v1/customers/${customer.id}/subscriptions/${legacy.id}/supportcontact`);
    assert.equal(put?.method, 'PUT');
    assert.deepEqual(put?.body, { ...contact, attributes: { objectType: 'SupportContact' } });
    assert.deepEqual(legacy.supportContact, contact);
  });

  it('S5, S5b: refuses an app-only token (403), a partner that is not an indirect reseller (800016), a new-commerce subscription, an unknown one (404)', async () => {
    const { reseller, customer, legacy, nce } = world();
    const contact = { supportTenantId: reseller.tenantId, supportMpnId: '4391507', name: 'Trey Research' };
    const appOnly = clientFor(stub, { token: stub.issueToken({ appOnly: true }) }).client;
    assert.equal(
      (await rejection(appOnly.customers.updateSupportContact(customer.id, legacy.id, contact))).kind,
      'forbidden',
    );
    const { client } = clientFor(stub);
    const stranger = await rejection(
      client.customers.updateSupportContact(customer.id, legacy.id, { ...contact, supportMpnId: '1111111' }),
    );
    assert.deepEqual([stranger.kind, stranger.code], ['invalid-request', '800016']);
    const newCommerce = await rejection(client.customers.updateSupportContact(customer.id, nce.id, contact));
    assert.deepEqual([newCommerce.kind, newCommerce.code], ['invalid-request', '800002']);
    assert.equal(nce.supportContact, undefined);
    const unknown = await rejection(
      client.customers.updateSupportContact(customer.id, 'no-such-subscription', contact),
    );
    assert.equal(unknown.kind, 'not-found');
    assert.equal(legacy.supportContact, undefined, 'nothing set by a refusal');
  });
});
