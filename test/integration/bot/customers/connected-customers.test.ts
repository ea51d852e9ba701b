/**
 * C5/S4/S5 from Teams in connected mode (issue 17): a connected provider's customer card shows its subscriptions
 * as Partner Center has them (S4b), sets a support contact in Partner Center first (S5), and for a new-commerce
 * customer offers no support contact and says why (S5b); pressing it anyway is refused in the reader's language
 * and nothing changes. The real bot, the local Entra and the local Partner Center; SQLite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { customerVerbs as cv } from '../../../../src/bot/customers/verbs.js';
import { t } from '../../../../src/i18n/index.js';
import { actionData, cardOf, cardText, errorMessage } from '../../../support/cards.js';
import type { Chat } from '../../../support/harness.js';
import { forEachDatabase } from '../../../support/db.js';
import { startConnectedBot, type ConnectedBot } from './connected-support.js';

const NCE_OFFER = 'CFQ7TTC0LFLX:0001';
const contact = {
  firstName: 'Jiwoo',
  lastName: 'Park',
  email: 'ap@example.com',
  addressLine1: '1 Teheran-ro',
  city: 'Seoul',
  postalCode: '06164',
};

forEachDatabase('customer card in connected mode (S4, S5, issue 17)', (db) => {
  let b: ConnectedBot;
  beforeEach(async function () {
    this.timeout(60_000);
    b = await startConnectedBot(db.kind);
    await b.pc.w.store.read.offer.create({
      data: {
        id: NCE_OFFER,
        nameEn: 'Office 365 E3 (NCE)',
        nameKo: 'Office 365 E3(NCE)',
        minQuantity: 1,
        maxQuantity: 300,
      },
    });
  });
  afterEach(async () => {
    await b.close();
  });

  /** S1 through the wizard; answers the new customer's id. */
  async function added(chat: Chat, locale: 'en-US' | 'ko-KR', name: string, offerId: string): Promise<string> {
    const domainPrefix = `${name.toLowerCase()}-${Date.now().toString(36)}`;
    await chat.invoke(cv.customerAddNext, { v: 1, resellerId: b.reseller.orgId, name, domainPrefix, country: 'KR' });
    await chat.invoke(cv.customerAddBilling, { v: 1, ...contact });
    const review = cardOf(await chat.invoke(cv.customerAddReview, { v: 1, [`qty_${offerId}`]: '3' }));
    cardOf(await chat.invoke(cv.customerAddSubmit, actionData(review, t(locale, 'cadd.submit'))));
    const row = await b.pc.w.store.read.customer.findUniqueOrThrow({
      where: { domain: `${domainPrefix}.onmicrosoft.com` },
    });
    return row.id;
  }

  it('S4b, S5: the card shows the subscription in Partner Center, and the support contact is set there first', async function () {
    this.timeout(60_000);
    const chat = b.chat();
    const customerId = await added(chat, 'en-US', 'Wingtip', 'm365-e3');
    const open = cardOf(await chat.invoke(cv.customerOpen, { v: 1, customerId }));
    assert.match(cardText(open), /Microsoft 365 E3 × 3\n[^\n]*In Partner Center: active/);
    const subscription = await b.pc.w.store.read.subscription.findFirstOrThrow({ where: { customerId } });
    const done = cardOf(
      await chat.invoke(cv.subscriptionSupportContact, {
        v: 1,
        customerId,
        subscriptionId: subscription.id,
        resellerId: b.reseller.orgId,
      }),
    );
    assert.match(cardText(done), new RegExp(t('en-US', 'ccard.supportSet')));
    const tenantId = (await b.pc.w.store.read.customer.findUniqueOrThrow({ where: { id: customerId } })).tenantId;
    const inPc = b.stub.world.customer(tenantId)!.subscriptions[0];
    assert.deepEqual(inPc.supportContact, {
      supportTenantId: b.reseller.tenantId,
      supportMpnId: b.reseller.mpnId,
      name: b.reseller.legalName,
    });
    const after = await b.pc.w.store.read.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    assert.equal(after.supportContactId, b.reseller.orgId);
  });

  it('S5b: a new-commerce customer’s card offers no support contact and says why; pressed anyway, refused in Korean', async function () {
    this.timeout(60_000);
    const chat = b.chat('ko-KR');
    const customerId = await added(chat, 'ko-KR', 'Fourth', NCE_OFFER);
    const open = cardOf(await chat.invoke(cv.customerOpen, { v: 1, customerId }));
    const text = cardText(open);
    assert.match(text, /새 상거래: 파트너 센터는 이 구독의 지원 담당자를 관리하지 않습니다/);
    assert.match(text, /지원 담당자를 설정할 수 없습니다/);
    assert.doesNotMatch(JSON.stringify(open), new RegExp(t('ko-KR', 'ccard.setSupport')));
    const subscription = await b.pc.w.store.read.subscription.findFirstOrThrow({ where: { customerId } });
    const refused = await chat.invoke(cv.subscriptionSupportContact, {
      v: 1,
      customerId,
      subscriptionId: subscription.id,
      resellerId: b.reseller.orgId,
    });
    assert.equal(errorMessage(refused), t('ko-KR', 'error.PC_SUPPORT_CONTACT_NEW_COMMERCE'));
    assert.equal(b.stub.requests.filter((r) => r.method === 'PUT').length, 0);
    const after = await b.pc.w.store.read.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    assert.equal(after.supportContactId, null);
  });
});
