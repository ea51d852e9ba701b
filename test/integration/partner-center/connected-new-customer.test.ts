/**
 * Issue 17 item 1, S1–S3 in connected mode, through the local Partner Center: a provider adds a customer for its
 * reseller with `POST /v1/customers` (AssociatedPartnerId = the reseller), orders its first subscriptions with the
 * reseller as PartnerIdOnRecord, and keeps Partner Center's customer id as the tenant; Partner Center's one-time
 * credentials are returned once and never stored or logged (S2). SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { addCustomerForReseller } from '../../../src/domain/customers/add-customer-for-reseller.js';
import { t } from '../../../src/i18n/index.js';
import { forEachDatabase } from '../../support/db.js';
import { refusedUnchanged } from '../../support/domain-assert.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import type { World } from '../../support/fixtures.js';
import { connectedSetup, linkOrg, portOver, type ConnectedSetup } from './connected-support.js';

const billing = {
  email: 'ap@wingtiptoys.example',
  firstName: 'Jiwoo',
  lastName: 'Park',
  addressLine1: '1 Teheran-ro',
  city: 'Seoul',
  postalCode: '06164',
};

/** Every row of the tables a leak would expose, as text. */
async function everything(w: World): Promise<string> {
  const p = w.store.read;
  const all = await Promise.all([
    p.customer.findMany(),
    p.customerRelationship.findMany(),
    p.subscription.findMany(),
    p.auditEvent.findMany(),
    p.outboxEvent.findMany(),
  ]);
  return JSON.stringify(all);
}

forEachDatabase(
  'Partner Center port, connected mode: a provider adds a customer for its reseller (S1–S3; issue 17)',
  (db) => {
    let stub: LocalPartnerCenter;
    beforeEach(async () => {
      stub = await LocalPartnerCenter.start();
    });
    afterEach(async () => {
      await stub.stop();
    });

    async function connected(): Promise<ConnectedSetup & { logs: string[] }> {
      const s = await connectedSetup(db, stub);
      const logs: string[] = [];
      const keep = (fields: Record<string, unknown>, message: string) => {
        logs.push(`${message} ${JSON.stringify(fields)}`);
      };
      Object.assign(s.w.ctx, {
        partnerCenter: portOver(stub, stub.issueToken(), { info: keep, warn: keep, error: keep }),
      });
      stub.world.withIndirectReseller({ name: s.r.legalName, mpnId: s.r.mpnId, tenantId: s.r.tenantId });
      await linkOrg(s.w, s.p, 'connected');
      return { ...s, logs };
    }

    it('S1, S2, S3: created in Partner Center for the reseller, ordered with PartnerIdOnRecord; the credentials shown once, never kept', async () => {
      const s = await connected();
      const domainPrefix = `wingtip-${Date.now().toString(36)}`;
      const input = {
        resellerId: s.r.orgId,
        requestId: 'req-wingtip-0001',
        customer: { name: 'Wingtip Toys', domainPrefix, country: 'KR' },
        subscriptions: [{ offerId: 'm365-e3', quantity: 25 }],
        billing,
      };
      const res = await addCustomerForReseller(s.w.ctx, s.p.admin, input);
      assert.equal(res.created, true);
      const [created] = stub.requestsTo('/v1/customers').filter((q) => q.method === 'POST');
      assert.ok(created, 'POST /v1/customers');
      const body = created.body as Record<string, unknown>;
      assert.equal(body.associatedPartnerId, s.r.tenantId);
      const inPc = stub.world.customers.find((c) => c.domain === `${domainPrefix}.onmicrosoft.com`);
      assert.ok(inPc);
      assert.equal(res.tenantId, inPc.id, "the tenant is Partner Center's customer id");
      assert.equal(res.adminUserName, `admin@${domainPrefix}.onmicrosoft.com`);
      assert.ok(res.temporaryPassword && res.temporaryPassword.length >= 8);
      assert.deepEqual(
        inPc.subscriptions.map((x) => [x.offerId, x.quantity, x.partnerId]),
        [['m365-e3', 25, s.r.mpnId]],
      );
      // S3: listed for the provider with the reseller, and the reseller has admin access
      const rels = await s.w.store.read.customerRelationship.findMany({ where: { customerId: res.customerId } });
      assert.deepEqual(
        rels.map((r) => [r.partnerId, r.resellerId, r.delegatedAdmin]).sort(),
        [
          [s.p.orgId, s.r.orgId, true],
          [s.r.orgId, null, true],
        ].sort(),
      );
      // S2: neither the password nor a hash of it is kept, and no log line holds it
      const row = await s.w.store.read.customer.findUniqueOrThrow({ where: { id: res.customerId } });
      assert.equal(row.adminPasswordHash, null);
      assert.ok(!(await everything(s.w)).includes(res.temporaryPassword));
      assert.ok(s.logs.length > 0 && s.logs.every((l) => !l.includes(res.temporaryPassword!)));
      // a repeat of the submission returns it without the password, and asks Partner Center nothing
      const again = await addCustomerForReseller(s.w.ctx, s.p.admin, input);
      assert.equal(again.created, false);
      assert.equal(again.temporaryPassword, null);
      assert.equal(stub.requestsTo('/v1/customers').filter((q) => q.method === 'POST').length, 1);
    });

    it('S1: without the billing contact, or with Partner Center down, nothing is created anywhere', async () => {
      const s = await connected();
      const customer = { name: 'Litware', domainPrefix: `litware-${Date.now().toString(36)}`, country: 'KR' };
      const e = await refusedUnchanged(s.w, 'PC_CUSTOMER_DETAILS_REQUIRED', () =>
        addCustomerForReseller(s.w.ctx, s.p.admin, {
          resellerId: s.r.orgId,
          customer,
          subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
        }),
      );
      assert.match(t('ko-KR', `error.${e.code}`), /청구 담당자/);
      // what this bot refuses is never sent
      await refusedUnchanged(s.w, 'REGION_MISMATCH', () =>
        addCustomerForReseller(s.w.ctx, s.p.admin, {
          resellerId: s.r.orgId,
          customer: { ...customer, country: 'US' },
          subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
          billing,
        }),
      );
      // the MPA check answers; the creation itself does not, through every retry
      stub.failNext(4, { status: 503 }, /^\/v1\/customers$/);
      await refusedUnchanged(s.w, 'PC_UNAVAILABLE', () =>
        addCustomerForReseller(s.w.ctx, s.p.admin, {
          resellerId: s.r.orgId,
          customer,
          subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
          billing,
        }),
      );
      assert.equal(stub.requestsTo('/v1/customers').filter((q) => q.method === 'POST' && q.status < 300).length, 0);
    });
  },
);
