/**
 * Issue 17 item 1, S4 in connected mode, through the local Partner Center: a provider's order goes to Partner
 * Center first (`POST /v1/customers/{id}/orders`) with the associated reseller's MPN ID as PartnerIdOnRecord, and
 * the local subscription is written only once Partner Center said yes. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { addCustomerForReseller } from '../../../src/domain/customers/add-customer-for-reseller.js';
import { addSubscription } from '../../../src/domain/subscriptions/add-subscription.js';
import { forEachDatabase } from '../../support/db.js';
import { refusedUnchanged } from '../../support/domain-assert.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { connectedSetup, linkOrg, type ConnectedSetup } from './connected-support.js';

forEachDatabase('Partner Center port, connected mode: orders with the partner of record (S4; issue 17)', (db) => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  /** A customer the provider serves for its reseller, both known to Partner Center; the provider connected. */
  async function served(s: ConnectedSetup) {
    const added = await addCustomerForReseller(s.w.ctx, s.p.admin, {
      resellerId: s.r.orgId,
      customer: { name: 'Wingtip Toys', domainPrefix: `wingtip-${Date.now().toString(36)}`, country: 'KR' },
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    const inPc = stub.world.withCustomer({ id: added.tenantId, companyName: 'Wingtip Toys' });
    stub.world.withIndirectReseller({ name: s.r.legalName, mpnId: s.r.mpnId, tenantId: s.r.tenantId });
    await linkOrg(s.w, s.p, 'connected');
    return { customerId: added.customerId, inPc };
  }

  const orders = (tenantId: string) => stub.requestsTo(`/v1/customers/${tenantId}/orders`);

  it('S4, P9: the order carries the reseller as PartnerIdOnRecord, and the subscription is written after Partner Center said yes', async () => {
    const s = await connectedSetup(db, stub);
    const c = await served(s);
    const sub = await addSubscription(s.w.ctx, s.p.admin, {
      customerId: c.customerId,
      offerId: 'm365-business-basic',
      quantity: 3,
      resellerId: s.r.orgId,
      subscriptionId: 'sub-wingtip-0001',
    });
    assert.equal(sub.created, true);
    assert.equal(sub.partnerOfRecordId, s.r.orgId);
    const [order] = orders(c.inPc.id);
    assert.ok(order, 'ordered in Partner Center');
    assert.deepEqual(order.body, {
      referenceCustomerId: c.inPc.id,
      lineItems: [
        {
          lineItemNumber: 0,
          offerId: 'm365-business-basic',
          quantity: 3,
          partnerIdOnRecord: s.r.mpnId,
          attributes: { objectType: 'OrderLineItem' },
        },
      ],
      attributes: { objectType: 'Order' },
    });
    assert.equal(c.inPc.subscriptions.at(-1)?.partnerId, s.r.mpnId);
    // a repeat of the same submission orders nothing more
    const again = await addSubscription(s.w.ctx, s.p.admin, {
      customerId: c.customerId,
      offerId: 'm365-business-basic',
      quantity: 3,
      resellerId: s.r.orgId,
      subscriptionId: 'sub-wingtip-0001',
    });
    assert.equal(again.created, false);
    assert.equal(orders(c.inPc.id).length, 1);
  });

  it('S4: what this bot refuses is never sent, and what Partner Center refuses or cannot take changes nothing here', async () => {
    const s = await connectedSetup(db, stub);
    const c = await served(s);
    await refusedUnchanged(s.w, 'QUANTITY_OUT_OF_RANGE', () =>
      addSubscription(s.w.ctx, s.p.admin, { customerId: c.customerId, offerId: 'm365-business-basic', quantity: 301 }),
    );
    assert.equal(orders(c.inPc.id).length, 0);
    // Partner Center no longer sells to this customer for us (no commerce relationship: 403)
    c.inPc.relationshipToPartner = 'none';
    await refusedUnchanged(s.w, 'PC_REFUSED', () =>
      addSubscription(s.w.ctx, s.p.admin, { customerId: c.customerId, offerId: 'm365-business-basic', quantity: 2 }),
    );
    c.inPc.relationshipToPartner = 'reseller';
    stub.failNext(4, { status: 503 }, /\/orders$/);
    await refusedUnchanged(s.w, 'PC_UNAVAILABLE', () =>
      addSubscription(s.w.ctx, s.p.admin, { customerId: c.customerId, offerId: 'm365-business-basic', quantity: 2 }),
    );
  });
});
