/**
 * Issue 17 item 1, C6 in connected mode, through the local Partner Center: removing a customer relationship
 * PATCHes `/v1/customers/{id}` with relationshipToPartner none first, and the local relationship ends only once
 * Partner Center said yes; its prerequisites (active subscriptions, Azure reservations) and its faults leave
 * everything as it was. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { addCustomerForReseller } from '../../../src/domain/customers/add-customer-for-reseller.js';
import { removeCustomerRelationship } from '../../../src/domain/customers/remove-customer-relationship.js';
import { t } from '../../../src/i18n/index.js';
import { forEachDatabase } from '../../support/db.js';
import { refusedUnchanged } from '../../support/domain-assert.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { connectedSetup, linkOrg, type ConnectedSetup } from './connected-support.js';

forEachDatabase('Partner Center port, connected mode: removing a customer relationship (C6; issue 17)', (db) => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  /** A customer the provider added for its reseller, known to Partner Center with one active subscription. */
  async function servedCustomer(s: ConnectedSetup) {
    const added = await addCustomerForReseller(s.w.ctx, s.p.admin, {
      resellerId: s.r.orgId,
      customer: { name: 'Wingtip Toys', domainPrefix: `wingtip-${Date.now().toString(36)}`, country: 'KR' },
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    const inPc = stub.world.withCustomer({ id: added.tenantId, companyName: 'Wingtip Toys' });
    const sub = stub.world.withSubscription(inPc.id, { offerName: 'Microsoft 365 E3', quantity: 5 });
    await linkOrg(s.w, s.p, 'connected');
    return { customerId: added.customerId, inPc, sub };
  }

  const patches = (tenantId: string) =>
    stub.requestsTo(`/v1/customers/${tenantId}`).filter((q) => q.method === 'PATCH');

  it('C6: Partner Center ends the relationship first; its prerequisites block with a localized reason, nothing changed', async () => {
    const s = await connectedSetup(db, stub);
    const c = await servedCustomer(s);
    const e = await refusedUnchanged(s.w, 'PC_REMOVAL_BLOCKED', () =>
      removeCustomerRelationship(s.w.ctx, s.p.admin, { customerId: c.customerId, attest: true }),
    );
    assert.match(t('en-US', `error.${e.code}`), /active subscriptions are suspended.*nothing was changed/);
    assert.match(t('ko-KR', `error.${e.code}`), /활성 구독을 일시 중단.*변경된 내용은 없습니다/);
    assert.equal(c.inPc.relationshipToPartner, 'reseller');

    c.sub.status = 'suspended';
    const done = await removeCustomerRelationship(s.w.ctx, s.p.admin, { customerId: c.customerId, attest: true });
    assert.equal(done.created, true);
    assert.equal(c.inPc.relationshipToPartner, 'none');
    const [patch] = patches(c.inPc.id).slice(-1);
    assert.deepEqual(patch?.body, { relationshipToPartner: 'none', attributes: { objectType: 'Customer' } });
    const rel = await s.w.store.read.customerRelationship.findFirstOrThrow({
      where: { partnerId: s.p.orgId, customerId: c.customerId },
    });
    assert.ok(rel.removedAt);

    // a repeat returns the first removal and asks Partner Center nothing
    const before = patches(c.inPc.id).length;
    const again = await removeCustomerRelationship(s.w.ctx, s.p.admin, { customerId: c.customerId, attest: true });
    assert.equal(again.created, false);
    assert.equal(patches(c.inPc.id).length, before);
  });

  it('C6: no attestation, or Partner Center down: nothing changes here or there', async () => {
    const s = await connectedSetup(db, stub);
    const c = await servedCustomer(s);
    c.sub.status = 'suspended';
    await refusedUnchanged(s.w, 'ATTESTATION_REQUIRED', () =>
      removeCustomerRelationship(s.w.ctx, s.p.admin, { customerId: c.customerId, attest: false }),
    );
    assert.equal(patches(c.inPc.id).length, 0);
    stub.outage(60_000);
    await refusedUnchanged(s.w, 'PC_UNAVAILABLE', () =>
      removeCustomerRelationship(s.w.ctx, s.p.admin, { customerId: c.customerId, attest: true }),
    );
    assert.equal(c.inPc.relationshipToPartner, 'reseller');
  });

  it('C6: a relationship Partner Center no longer lists (removed there by a first attempt) ends here too', async () => {
    const s = await connectedSetup(db, stub);
    const c = await servedCustomer(s);
    c.inPc.relationshipToPartner = 'none';
    const done = await removeCustomerRelationship(s.w.ctx, s.p.admin, { customerId: c.customerId, attest: true });
    assert.equal(done.created, true);
  });
});
