/**
 * Issue 17, C5/S4/S5 in connected mode, through the local Partner Center: the Customers list (and one reseller's,
 * with the IndirectReseller filter) is compared with `GET /v1/customers` (every page), the customer's subscriptions
 * with `GET /v1/customers/{id}/subscriptions`, differences flagged on the cards in en-US and ko-KR; a Partner
 * Center that does not answer leaves the bot's records readable and says they are only the bot's. S5: the support
 * contact goes to Partner Center first (`PUT …/supportcontact`), and only for what is not new commerce (S5b).
 * SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { customersCard, customerCard } from '../../../src/bot/customers/cards.js';
import { addCustomerForReseller } from '../../../src/domain/customers/add-customer-for-reseller.js';
import { listCustomers } from '../../../src/domain/customers/customer-list.js';
import { listOffers, viewCustomer } from '../../../src/domain/customers/customer-views.js';
import { compareCustomerLists } from '../../../src/domain/customers/partner-center-customer-list.js';
import { addSubscription } from '../../../src/domain/subscriptions/add-subscription.js';
import { compareCustomerSubscriptions } from '../../../src/domain/subscriptions/partner-center-subscriptions.js';
import { setSupportContact } from '../../../src/domain/subscriptions/set-subscription-reseller.js';
import { listResellers } from '../../../src/domain/partnerships/partner-lists.js';
import { t } from '../../../src/i18n/index.js';
import { cardText } from '../../support/cards.js';
import { forEachDatabase } from '../../support/db.js';
import { refusedUnchanged } from '../../support/domain-assert.js';
import { partner, reseller } from '../../support/partners.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { connectedSetup, linkOrg, type ConnectedSetup } from './connected-support.js';

const billing = {
  email: 'ap@example.com',
  firstName: 'Jiwoo',
  lastName: 'Park',
  addressLine1: '1 Teheran-ro',
  city: 'Seoul',
  postalCode: '06164',
};
const NCE_OFFER = 'CFQ7TTC0LH18:0001';

forEachDatabase('Partner Center port, connected mode: customers and subscriptions (C5, S4, S5; issue 17)', (db) => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  let n = 0;
  /** S1 as the provider is linked now (embedded: only in the bot; connected: in Partner Center too). */
  async function addCustomer(s: ConnectedSetup, name: string, offerId = 'm365-e3') {
    n += 1;
    return addCustomerForReseller(s.w.ctx, s.p.admin, {
      resellerId: s.r.orgId,
      customer: {
        name,
        domainPrefix: `${name.toLowerCase().replace(/\W/g, '')}-${n}-${Date.now().toString(36)}`,
        country: 'KR',
      },
      subscriptions: [{ offerId, quantity: 3 }],
      billing,
    });
  }

  async function setup(): Promise<ConnectedSetup> {
    const s = await connectedSetup(db, stub);
    stub.world.withIndirectReseller({ name: s.r.legalName, mpnId: s.r.mpnId, tenantId: s.r.tenantId });
    await s.w.store.read.offer.create({
      data: {
        id: NCE_OFFER,
        nameEn: 'Microsoft 365 E5 (NCE)',
        nameKo: 'Microsoft 365 E5(NCE)',
        minQuantity: 1,
        maxQuantity: 300,
      },
    });
    return s;
  }

  it('C5, C5b: the Customers list is compared with Partner Center’s, every page; one reseller’s with the IndirectReseller filter; flagged in en-US and ko-KR', async () => {
    const s = await setup();
    // while embedded, a customer only the bot knows
    await linkOrg(s.w, s.p, 'embedded');
    const onlyHere = await addCustomer(s, 'Northwind');
    await s.w.store.read.partnerCenterLink.update({ where: { orgId: s.p.orgId }, data: { mode: 'connected' } });
    const both = await addCustomer(s, 'Wingtip');
    // Partner Center's own: one for the reseller, and more than a page for the provider directly
    stub.world.withCustomer({ companyName: 'Litware', associatedPartnerId: s.r.tenantId });
    for (let i = 0; i < 101; i += 1) stub.world.withCustomer({ companyName: `Tailspin ${i}` });

    const all = await compareCustomerLists(s.w.ctx, s.p.admin);
    assert.ok(all?.available);
    assert.deepEqual([...all.notInPartnerCenter], [onlyHere.customerId]);
    assert.equal(all.onlyInPartnerCenter.length, 102, 'Litware and the 101 of the second page');
    assert.ok(!all.onlyInPartnerCenter.some((c) => c.domain === both.domain));
    const pages = stub.requestsTo('/v1/customers').filter((r) => r.method === 'GET');
    assert.equal(pages.length, 2, 'the second page through the next link');
    assert.ok(pages[1]?.headers['ms-continuationtoken'], 'with its MS-ContinuationToken');
    assert.equal(pages[0]?.headers['ms-correlationid'], pages[1]?.headers['ms-correlationid']);

    const forReseller = await compareCustomerLists(s.w.ctx, s.p.admin, { resellerId: s.r.orgId });
    assert.ok(forReseller?.available);
    const filtered = stub.requestsTo('/v1/customers').at(-1);
    assert.deepEqual(JSON.parse(filtered?.query.filter ?? '{}'), {
      Field: 'IndirectReseller',
      Value: s.r.tenantId,
      Operator: 'starts_with',
    });
    assert.deepEqual(
      forReseller.onlyInPartnerCenter.map((c) => c.name),
      ['Litware'],
    );
    assert.deepEqual([...forReseller.notInPartnerCenter], [onlyHere.customerId]);

    const page = await listCustomers(s.w.ctx, s.p.admin, { limit: 10, resellerId: s.r.orgId });
    const resellers = [{ resellerId: s.r.orgId, name: s.r.legalName }];
    const en = cardText(customersCard('en-US', page, resellers, s.r.orgId, [], forReseller));
    assert.match(en, /Only in Partner Center \(not in the bot’s records\): Litware \(litware\.onmicrosoft\.com\)/);
    assert.equal(en.match(/Not in Partner Center/g)?.length, 1, 'one row flagged');
    const ko = cardText(customersCard('ko-KR', page, resellers, s.r.orgId, [], forReseller));
    assert.match(ko, /파트너 센터에만 있음\(봇의 기록에는 없음\): Litware/);
    assert.match(ko, /파트너 센터에 없음: 이 고객은 봇의 기록에만 있습니다/);
  });

  it('C5b: Partner Center down: the bot’s list still shows, saying it is the bot’s records only; embedded: never asked', async () => {
    const s = await setup();
    assert.equal(await compareCustomerLists(s.w.ctx, s.p.admin), null, 'unlinked');
    await linkOrg(s.w, s.p, 'embedded');
    await addCustomer(s, 'Northwind');
    assert.equal(await compareCustomerLists(s.w.ctx, s.p.admin), null, 'embedded');
    assert.equal(stub.requestsTo('/v1/customers').length, 0);
    await s.w.store.read.partnerCenterLink.update({ where: { orgId: s.p.orgId }, data: { mode: 'connected' } });
    stub.outage(60_000);
    const cmp = await compareCustomerLists(s.w.ctx, s.p.admin);
    assert.deepEqual(cmp, { available: false, reason: 'PC_UNAVAILABLE' });
    const page = await listCustomers(s.w.ctx, s.p.admin, { limit: 10 });
    const en = cardText(customersCard('en-US', page, [], '', [], cmp));
    assert.match(en, /This list shows the bot’s records only\. Partner Center isn't answering right now/);
    assert.match(en, /Northwind/);
    assert.doesNotMatch(en, /Not in Partner Center|Only in Partner Center/, 'no comparison shown as fresh');
    const ko = cardText(customersCard('ko-KR', page, [], '', [], cmp));
    assert.match(ko, /이 목록에는 봇의 기록만 표시됩니다\. 지금 파트너 센터가 응답하지 않습니다/);
  });

  it('S4, S4b: a customer’s subscriptions are compared with Partner Center’s; one only there and one gone there are flagged', async () => {
    const s = await setup();
    await linkOrg(s.w, s.p, 'connected');
    const c = await addCustomer(s, 'Wingtip');
    await addSubscription(s.w.ctx, s.p.admin, {
      customerId: c.customerId,
      offerId: 'm365-business-basic',
      quantity: 2,
    });
    const inPc = stub.world.customer(c.tenantId)!;
    // Partner Center also has a subscription the bot never ordered, and deleted the bot's Business Basic
    stub.world.withSubscription(inPc.id, { offerName: 'Azure plan', quantity: 1 });
    const basic = inPc.subscriptions.find((x) => x.offerId === 'm365-business-basic')!;
    basic.status = 'deleted';

    const cmp = await compareCustomerSubscriptions(s.w.ctx, s.p.admin, c.customerId);
    assert.ok(cmp?.available);
    assert.equal(stub.requestsTo(`/v1/customers/${c.tenantId}/subscriptions`).length, 1);
    const view = await viewCustomer(s.w.ctx, s.p.admin, { customerId: c.customerId });
    const offers = await listOffers(s.w.ctx, s.p.admin);
    const resellers = (await listResellers(s.w.ctx, s.p.admin, { limit: 10 })).items;
    const en = cardText(customerCard('en-US', view, offers, resellers, [], cmp));
    assert.match(en, /Microsoft 365 E3 × 3\n[^\n]*In Partner Center: active/);
    assert.match(en, /Microsoft 365 Business Basic × 2\n[^\n]*Not in Partner Center/);
    assert.match(en, /Only in Partner Center \(not in the bot’s records\): Azure plan × 1/);
    const ko = cardText(customerCard('ko-KR', view, offers, resellers, [], cmp));
    assert.match(ko, /파트너 센터: 활성/);
    assert.match(ko, /파트너 센터에만 있음\(봇의 기록에는 없음\): Azure plan × 1/);

    stub.outage(60_000);
    const down = await compareCustomerSubscriptions(s.w.ctx, s.p.admin, c.customerId);
    assert.deepEqual(down, { available: false, reason: 'PC_UNAVAILABLE' });
    const downText = cardText(customerCard('en-US', view, offers, resellers, [], down));
    assert.match(downText, /The subscriptions shown are the bot’s records only\. Partner Center isn't answering/);
    assert.doesNotMatch(downText, /In Partner Center:/);
  });

  it('S5, S5b: the support contact is set in Partner Center first; not for new commerce, and the card says why', async () => {
    const s = await setup();
    await linkOrg(s.w, s.p, 'connected');
    const c = await addCustomer(s, 'Wingtip');
    const [legacyId] = c.subscriptionIds;
    assert.ok(legacyId);
    const set = await setSupportContact(s.w.ctx, s.p.admin, { subscriptionId: legacyId, resellerId: s.r.orgId });
    assert.equal(set.supportContactId, s.r.orgId);
    const [put] = stub.requestsTo(
      `/v1/customers/${c.tenantId}/subscriptions/${stub.world.customer(c.tenantId)!.subscriptions[0].id}/supportcontact`,
    );
    assert.ok(put, 'PUT …/supportcontact');
    assert.equal(put.method, 'PUT');
    assert.deepEqual(
      { ...(put.body as Record<string, unknown>), attributes: undefined },
      { supportTenantId: s.r.tenantId, supportMpnId: s.r.mpnId, name: s.r.legalName, attributes: undefined },
    );
    assert.deepEqual(stub.world.customer(c.tenantId)!.subscriptions[0].supportContact, {
      supportTenantId: s.r.tenantId,
      supportMpnId: s.r.mpnId,
      name: s.r.legalName,
    });
    // Partner Center has no operation that removes it
    await refusedUnchanged(s.w, 'PC_SUPPORT_CONTACT_CLEAR', () =>
      setSupportContact(s.w.ctx, s.p.admin, { subscriptionId: legacyId, resellerId: null }),
    );

    // S5b: a new-commerce customer: refused before anything changes, and the card offers no support contact
    const nce = await addCustomer(s, 'Fourth Coffee', NCE_OFFER);
    const [nceId] = nce.subscriptionIds;
    assert.ok(nceId);
    const puts = stub.requests.filter((r) => r.method === 'PUT').length;
    const e = await refusedUnchanged(s.w, 'PC_SUPPORT_CONTACT_NEW_COMMERCE', () =>
      setSupportContact(s.w.ctx, s.p.admin, { subscriptionId: nceId, resellerId: s.r.orgId }),
    );
    assert.match(t('ko-KR', `error.${e.code}`), /새 상거래/);
    assert.equal(stub.requests.filter((r) => r.method === 'PUT').length, puts, 'nothing sent');
    const cmp = await compareCustomerSubscriptions(s.w.ctx, s.p.admin, nce.customerId);
    const view = await viewCustomer(s.w.ctx, s.p.admin, { customerId: nce.customerId });
    const offers = await listOffers(s.w.ctx, s.p.admin);
    const resellers = (await listResellers(s.w.ctx, s.p.admin, { limit: 10 })).items;
    const card = customerCard('en-US', view, offers, resellers, [], cmp);
    assert.doesNotMatch(JSON.stringify(card), new RegExp(t('en-US', 'ccard.setSupport')));
    assert.match(
      cardText(card),
      /No support contact can be set: Partner Center keeps one only for its subscriptions that are not new commerce/,
    );
    assert.match(cardText(card), /New commerce: Partner Center keeps no support contact for it/);
    // the legacy customer's card still offers it
    const legacyView = await viewCustomer(s.w.ctx, s.p.admin, { customerId: c.customerId });
    const legacyCmp = await compareCustomerSubscriptions(s.w.ctx, s.p.admin, c.customerId);
    assert.match(
      JSON.stringify(customerCard('en-US', legacyView, offers, resellers, [], legacyCmp)),
      new RegExp(t('en-US', 'ccard.setSupport')),
    );
  });

  it('S5: embedded, the support contact is the bot’s own record and Partner Center is never asked', async () => {
    const s = await setup();
    await linkOrg(s.w, s.p, 'embedded');
    const c = await addCustomer(s, 'Wingtip');
    const other = await reseller(s.w);
    await partner(s.w, s.p, other);
    const res = await setSupportContact(s.w.ctx, s.p.admin, {
      subscriptionId: c.subscriptionIds[0],
      resellerId: other.orgId,
    });
    assert.equal(res.supportContactId, other.orgId);
    assert.equal(stub.requests.length, 0);
  });
});
