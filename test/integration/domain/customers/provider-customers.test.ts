import assert from 'node:assert/strict';
import { addCustomerForReseller } from '../../../../src/domain/customers/add-customer-for-reseller.js';
import { addSubscription } from '../../../../src/domain/subscriptions/add-subscription.js';
import {
  setPartnerOfRecord,
  setSupportContact,
} from '../../../../src/domain/subscriptions/set-subscription-reseller.js';
import { listCustomers } from '../../../../src/domain/customers/customer-list.js';
import { removeCustomerRelationship } from '../../../../src/domain/customers/remove-customer-relationship.js';
import { verifyPassword } from '../../../../src/domain/shared/tokens.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, type World } from '../../../support/fixtures.js';
import { customerOf, partner, provider, reseller, seedOffers } from '../../../support/partners.js';
import { refusedUnchanged } from '../../../support/domain-assert.js';

let n = 0;
function newCustomer(country = 'KR') {
  n++;
  return { name: `Northwind ${n}`, domainPrefix: `northwind${n}-${Date.now().toString(36)}`, country };
}

/** Every row of every table, as text: what a database leak would expose. */
async function everything(w: World): Promise<string> {
  const p = w.store.read;
  const all = await Promise.all([
    p.organization.findMany(),
    p.contact.findMany(),
    p.user.findMany(),
    p.customer.findMany(),
    p.customerRelationship.findMany(),
    p.subscription.findMany(),
    p.invitation.findMany(),
    p.partnership.findMany(),
    p.auditEvent.findMany(),
    p.outboxEvent.findMany(),
  ]);
  return JSON.stringify(all);
}

forEachDatabase('provider-managed customers and subscriptions', (db) => {
  it("S1: from a reseller's row the provider adds a customer with its first order, all or nothing", async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const c = newCustomer();
    await refusedUnchanged(w, 'OFFER_RETIRED', () =>
      addCustomerForReseller(w.ctx, p.admin, {
        resellerId: r.orgId,
        customer: c,
        subscriptions: [
          { offerId: 'm365-e3', quantity: 5 },
          { offerId: 'retired-offer', quantity: 1 },
        ],
      }),
    );
    await refusedUnchanged(w, 'QUANTITY_OUT_OF_RANGE', () =>
      addCustomerForReseller(w.ctx, p.admin, {
        resellerId: r.orgId,
        customer: c,
        subscriptions: [{ offerId: 'm365-business-basic', quantity: 301 }],
      }),
    );
    await refusedUnchanged(w, 'VALIDATION', () =>
      addCustomerForReseller(w.ctx, p.admin, { resellerId: r.orgId, customer: c, subscriptions: [] }),
    );
    const res = await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: r.orgId,
      customer: c,
      subscriptions: [
        { offerId: 'm365-e3', quantity: 25 },
        { offerId: 'm365-business-basic', quantity: 3 },
      ],
    });
    assert.equal(res.created, true);
    assert.equal(res.subscriptionIds.length, 2);
    const subs = await w.store.read.subscription.findMany({ where: { customerId: res.customerId } });
    assert.ok(subs.every((s) => s.orderingPartnerId === p.orgId && s.partnerOfRecordId === r.orgId));
    await refusedUnchanged(w, 'CUSTOMER_DOMAIN_TAKEN', () =>
      addCustomerForReseller(w.ctx, p.admin, {
        resellerId: r.orgId,
        customer: { ...c, name: 'Other' },
        subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
      }),
    );
  });

  it('S2: the admin user name and temporary password are shown once and the password is never stored in plain text', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const c = newCustomer();
    const res = await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: r.orgId,
      requestId: 'card-1234567',
      customer: c,
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    assert.equal(res.adminUserName, `admin@${c.domainPrefix}.onmicrosoft.com`);
    const password = res.temporaryPassword!;
    assert.equal(password.length, 16);
    const dump = await everything(w);
    assert.equal(dump.includes(password), false, 'the temporary password is in the database');
    const row = await w.store.read.customer.findUniqueOrThrow({ where: { id: res.customerId } });
    assert.match(row.adminPasswordHash!, /^scrypt\$/);
    assert.equal(await verifyPassword(password, row.adminPasswordHash!), true);
    // submitting the same request again (a double click) returns the customer, never the password again
    const again = await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: r.orgId,
      requestId: 'card-1234567',
      customer: c,
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    assert.equal(again.created, false);
    assert.equal(again.customerId, res.customerId);
    assert.equal(again.temporaryPassword, null);
    assert.equal(await w.store.read.customer.count(), 1);
    // submitting it as a new request cannot obtain a new password either
    await refusedUnchanged(w, 'CUSTOMER_DOMAIN_TAKEN', () =>
      addCustomerForReseller(w.ctx, p.admin, {
        resellerId: r.orgId,
        customer: c,
        subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
      }),
    );
  });

  it('S3: the new customer is listed for the provider, associated with the reseller, and the reseller has admin access', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    const r2 = await reseller(w);
    await partner(w, p, r);
    await partner(w, p, r2);
    const res = await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: r.orgId,
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: r2.orgId,
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    const forR = await listCustomers(w.ctx, p.admin, { resellerId: r.orgId });
    assert.deepEqual(
      forR.items.map((c) => c.customerId),
      [res.customerId],
    );
    assert.equal((await listCustomers(w.ctx, p.admin)).items.length, 2);
    const resellerView = await listCustomers(w.ctx, r.admin);
    assert.deepEqual(
      resellerView.items.map((c) => [c.customerId, c.delegatedAdmin]),
      [[res.customerId, true]],
    );
    // associated with r only: r2 has no relationship with it
    await refusedUnchanged(w, 'RELATIONSHIP_REQUIRED', () =>
      removeCustomerRelationship(w.ctx, r2.admin, { customerId: res.customerId, attest: true }),
    );
  });

  it('S4: the provider adds a subscription to an existing customer and may credit a reseller; repeating it changes nothing', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const { customerId } = await customerOf(w, r, p.orgId);
    const s = await addSubscription(w.ctx, p.admin, {
      customerId,
      offerId: 'm365-business-basic',
      quantity: 12,
      resellerId: r.orgId,
      subscriptionId: 'sub-card-000001',
    });
    assert.equal(s.partnerOfRecordId, r.orgId);
    const again = await addSubscription(w.ctx, p.admin, {
      customerId,
      offerId: 'm365-business-basic',
      quantity: 12,
      resellerId: r.orgId,
      subscriptionId: 'sub-card-000001',
    });
    assert.equal(again.created, false);
    assert.equal(await w.store.read.subscription.count(), 1);
    await refusedUnchanged(w, 'QUANTITY_OUT_OF_RANGE', () =>
      addSubscription(w.ctx, p.admin, { customerId, offerId: 'm365-business-basic', quantity: 1000 }),
    );
    const cleared = await setPartnerOfRecord(w.ctx, p.admin, { subscriptionId: s.subscriptionId, resellerId: null });
    assert.equal(cleared.partnerOfRecordId, null);
    const set = await setPartnerOfRecord(w.ctx, p.admin, { subscriptionId: s.subscriptionId, resellerId: r.orgId });
    assert.equal(set.partnerOfRecordId, r.orgId);
    assert.equal(
      (await setPartnerOfRecord(w.ctx, p.admin, { subscriptionId: s.subscriptionId, resellerId: r.orgId })).created,
      false,
    );
  });

  it('S5: the provider makes a partnered reseller the designated support contact, and no one else', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    const stranger = await reseller(w);
    await partner(w, p, r);
    const res = await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: r.orgId,
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    const subscriptionId = res.subscriptionIds[0];
    await refusedUnchanged(w, 'PARTNERSHIP_REQUIRED', () =>
      setSupportContact(w.ctx, p.admin, { subscriptionId, resellerId: stranger.orgId }),
    );
    // the reseller itself does not order (PT2), so it cannot set this on the provider's subscription
    await refusedUnchanged(w, 'NOT_INDIRECT_PROVIDER', () =>
      setSupportContact(w.ctx, r.admin, { subscriptionId, resellerId: r.orgId }),
    );
    const ok = await setSupportContact(w.ctx, p.admin, { subscriptionId, resellerId: r.orgId });
    assert.equal(ok.supportContactId, r.orgId);
    const ev = await w.store.read.outboxEvent.findMany({
      where: { type: 'subscription.changed', targetOrgId: r.orgId },
    });
    assert.ok(ev.some((e) => e.payload.includes('support_contact_set')));
  });

  it('M2: a reseller that has not signed the MPA cannot be associated with a subscription nor transact new business', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const unsigned = await reseller(w, { mpa: false });
    const signed = await reseller(w);
    await partner(w, p, unsigned);
    await partner(w, p, signed);
    await refusedUnchanged(w, 'MPA_NOT_SIGNED', () =>
      addCustomerForReseller(w.ctx, p.admin, {
        resellerId: unsigned.orgId,
        customer: newCustomer(),
        subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
      }),
    );
    const res = await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: signed.orgId,
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    await refusedUnchanged(w, 'MPA_NOT_SIGNED', () =>
      setPartnerOfRecord(w.ctx, p.admin, { subscriptionId: res.subscriptionIds[0], resellerId: unsigned.orgId }),
    );
    await refusedUnchanged(w, 'MPA_NOT_SIGNED', () =>
      addSubscription(w.ctx, p.admin, {
        customerId: res.customerId,
        offerId: 'm365-e3',
        quantity: 1,
        resellerId: unsigned.orgId,
      }),
    );
  });

  it('P9: without a partnership the provider cannot add customers for, order for, or credit a reseller', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    const other = await reseller(w);
    await refusedUnchanged(w, 'PARTNERSHIP_REQUIRED', () =>
      addCustomerForReseller(w.ctx, p.admin, {
        resellerId: r.orgId,
        customer: newCustomer(),
        subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
      }),
    );
    await partner(w, p, r);
    const res = await addCustomerForReseller(w.ctx, p.admin, {
      resellerId: r.orgId,
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    await refusedUnchanged(w, 'PARTNERSHIP_REQUIRED', () =>
      setPartnerOfRecord(w.ctx, p.admin, { subscriptionId: res.subscriptionIds[0], resellerId: other.orgId }),
    );
    await refusedUnchanged(w, 'REGION_MISMATCH', () =>
      addCustomerForReseller(w.ctx, p.admin, {
        resellerId: r.orgId,
        customer: newCustomer('JP'),
        subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
      }),
    );
  });

  it('S1: a double submission (two clicks at once) creates one customer and shows the password once', async () => {
    const w = makeWorld(await db.fresh());
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const input = {
      resellerId: r.orgId,
      requestId: 'double-click-1',
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 2 }],
    };
    const results = await Promise.all([
      addCustomerForReseller(w.ctx, p.admin, input),
      addCustomerForReseller(w.ctx, p.admin, input),
    ]);
    assert.equal(new Set(results.map((x) => x.customerId)).size, 1);
    assert.equal(results.filter((x) => x.temporaryPassword !== null).length, 1);
    assert.equal(await w.store.read.customer.count(), 1);
    assert.equal(await w.store.read.subscription.count(), 1);
  });
});
