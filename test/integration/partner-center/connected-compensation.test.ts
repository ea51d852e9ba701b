/**
 * Issue 17, S1c in connected mode, through the local Partner Center: when Partner Center created the customer
 * (`POST /v1/customers`) but refused or could not take its first order (`POST /v1/customers/{id}/orders`), the
 * customer is not lost: it is recorded here with its relationships (and none of the orders that did not go
 * through), the result says why the order stopped, a repeat of the submission creates nothing twice, and the
 * provider can order for it again. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { addCustomerForReseller } from '../../../src/domain/customers/add-customer-for-reseller.js';
import { addSubscription } from '../../../src/domain/subscriptions/add-subscription.js';
import { forEachDatabase } from '../../support/db.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { connectedSetup, linkOrg } from './connected-support.js';

const billing = {
  email: 'ap@wingtiptoys.example',
  firstName: 'Jiwoo',
  lastName: 'Park',
  addressLine1: '1 Teheran-ro',
  city: 'Seoul',
  postalCode: '06164',
};

forEachDatabase('Partner Center port, connected mode: an order that fails after the customer (S1c; issue 17)', (db) => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  it('S1c: Partner Center throttles the first order: the customer is recorded without it, once, and can be ordered for again', async () => {
    const s = await connectedSetup(db, stub);
    stub.world.withIndirectReseller({ name: s.r.legalName, mpnId: s.r.mpnId, tenantId: s.r.tenantId });
    await linkOrg(s.w, s.p, 'connected');
    const domainPrefix = `wingtip-${Date.now().toString(36)}`;
    const input = {
      resellerId: s.r.orgId,
      requestId: 'req-s1c-000001',
      customer: { name: 'Wingtip Toys', domainPrefix, country: 'KR' },
      subscriptions: [
        { offerId: 'm365-e3', quantity: 5 },
        { offerId: 'm365-business-basic', quantity: 2 },
      ],
      billing,
    };
    // a Retry-After beyond the retry budget: the first order fails at once as throttled, the second is never sent
    stub.failNext(1, { status: 429, retryAfter: 3600 }, /\/orders$/);
    const res = await addCustomerForReseller(s.w.ctx, s.p.admin, input);
    assert.equal(res.created, true);
    assert.equal(res.orderFailure, 'PC_THROTTLED');
    assert.ok(res.temporaryPassword, 'the one-time credentials are still returned once');
    assert.deepEqual(res.subscriptionIds, []);
    const inPc = stub.world.customers.find((c) => c.domain === `${domainPrefix}.onmicrosoft.com`);
    assert.ok(inPc);
    assert.equal(inPc.subscriptions.length, 0);
    assert.equal(stub.requests.filter((r) => r.path.endsWith('/orders')).length, 1, 'no order after the failed one');

    const row = await s.w.store.read.customer.findUniqueOrThrow({
      where: { id: res.customerId },
      include: { relationships: true, subscriptions: true },
    });
    assert.equal(row.tenantId, inPc.id);
    assert.equal(row.subscriptions.length, 0);
    assert.deepEqual(
      row.relationships.map((r) => [r.partnerId, r.resellerId]).sort(),
      [
        [s.p.orgId, s.r.orgId],
        [s.r.orgId, null],
      ].sort(),
    );
    const audit = await s.w.store.read.auditEvent.findFirstOrThrow({
      where: { action: 'customer.added_for_reseller', entityId: res.customerId },
    });
    assert.match(JSON.stringify(audit.detail), /PC_THROTTLED/);

    // the same submission again: nothing created twice, in Partner Center or here
    const again = await addCustomerForReseller(s.w.ctx, s.p.admin, input);
    assert.equal(again.created, false);
    assert.equal(again.customerId, res.customerId);
    assert.equal(stub.requestsTo('/v1/customers').filter((r) => r.method === 'POST').length, 1);

    // ordering again from the customer goes to Partner Center with the reseller as partner of record
    const sub = await addSubscription(s.w.ctx, s.p.admin, {
      customerId: res.customerId,
      offerId: 'm365-e3',
      quantity: 5,
      resellerId: s.r.orgId,
    });
    assert.equal(sub.created, true);
    assert.deepEqual(
      inPc.subscriptions.map((x) => [x.offerId, x.quantity, x.partnerId]),
      [['m365-e3', 5, s.r.mpnId]],
    );
  });
});
