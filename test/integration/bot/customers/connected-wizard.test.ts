/**
 * S1–S3 from Teams in connected mode (issue 17): the add-customer wizard of a provider linked to Partner Center asks
 * for the billing contact and address `POST /v1/customers` needs (S1b: localized per-field errors, the state where
 * the country needs one), creates the customer in the local Partner Center for the reseller, shows the one-time
 * credentials once and stores nothing of them (S2). S1c: when Partner Center created the customer but the first
 * order failed, the customer is recorded, the provider is told in its language, and can order again from
 * `customers`. The real bot, the local Entra and the local Partner Center; SQLite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { customerVerbs as cv } from '../../../../src/bot/customers/verbs.js';
import { t } from '../../../../src/i18n/index.js';
import { actionData, cardOf, cardText, inputIds } from '../../../support/cards.js';
import { forEachDatabase } from '../../../support/db.js';
import { startConnectedBot, type ConnectedBot } from './connected-support.js';

const contact = {
  firstName: 'Jiwoo',
  lastName: 'Park',
  email: 'ap@wingtiptoys.example',
  phoneNumber: '+82 2 555 0100',
  addressLine1: '1 Teheran-ro',
  city: 'Seoul',
  state: '',
  postalCode: '06164',
};

forEachDatabase('add-customer wizard in connected mode (S1–S3, issue 17)', (db) => {
  let b: ConnectedBot;
  beforeEach(async function () {
    this.timeout(60_000);
    b = await startConnectedBot(db.kind);
  });
  afterEach(async () => {
    await b.close();
  });

  async function toBilling(locale: string, domainPrefix: string, country = 'KR') {
    const chat = b.chat(locale);
    await chat.say(locale === 'ko-KR' ? '고객 추가' : 'add customer');
    const [first] = await b.pc.h.connector.waitFor(1);
    assert.match(cardText(first?.card), locale === 'ko-KR' ? /고객 추가\(1\/4\)/ : /Add a customer \(1 of 4\)/);
    const card = cardOf(
      await chat.invoke(cv.customerAddNext, {
        v: 1,
        resellerId: b.reseller.orgId,
        name: 'Wingtip Toys',
        domainPrefix,
        country,
      }),
    );
    return { chat, card };
  }

  it('S1, S1b, S2, S3: the billing contact is asked, checked per field, and the customer is created in Partner Center for the reseller', async function () {
    this.timeout(60_000);
    const domainPrefix = `wingtip-${Date.now().toString(36)}`;
    const { chat, card } = await toBilling('en-US', domainPrefix);
    assert.match(cardText(card), /Add a customer \(2 of 4\): billing contact for Partner Center/);
    assert.deepEqual(
      inputIds(card).sort(),
      ['addressLine1', 'city', 'email', 'firstName', 'lastName', 'phoneNumber', 'postalCode', 'state'].sort(),
    );
    // S1b: each field that is wrong is named, and the card keeps what was typed
    const refused = cardOf(
      await chat.invoke(cv.customerAddBilling, { v: 1, ...contact, email: 'not-an-email', city: '' }),
    );
    const refusedText = cardText(refused);
    assert.match(refusedText, /Contact email: not a valid email address/);
    assert.match(refusedText, /City: required/);
    assert.match(JSON.stringify(refused), /not-an-email/);
    assert.equal(b.stub.requestsTo('/v1/customers').length, 0, 'nothing sent while the contact is invalid');

    const offers = cardOf(await chat.invoke(cv.customerAddBilling, { v: 1, ...contact }));
    assert.match(cardText(offers), new RegExp(t('en-US', 'cadd.offers.titleConnected').replace(/[()]/g, '.')));
    const review = cardOf(await chat.invoke(cv.customerAddReview, { v: 1, 'qty_m365-e3': '5' }));
    assert.match(cardText(review), /Add a customer \(4 of 4\): review/);
    assert.match(cardText(review), /Jiwoo Park · ap@wingtiptoys\.example/);
    assert.match(cardText(review), /1 Teheran-ro, Seoul, 06164/);
    const submit = actionData(review, t('en-US', 'cadd.submit'));
    const done = cardOf(await chat.invoke(cv.customerAddSubmit, submit));
    const doneText = cardText(done);
    assert.match(doneText, new RegExp(t('en-US', 'cadd.done.warning')));

    // created in Partner Center for the reseller, with the contact as its billing profile
    const [post] = b.stub.requestsTo('/v1/customers').filter((r) => r.method === 'POST');
    assert.ok(post, 'POST /v1/customers');
    const body = post.body as {
      associatedPartnerId: string;
      billingProfile: { email: string; defaultAddress: Record<string, string> };
    };
    assert.equal(body.associatedPartnerId, b.reseller.tenantId);
    assert.equal(body.billingProfile.email, contact.email);
    assert.deepEqual(
      {
        firstName: body.billingProfile.defaultAddress.firstName,
        lastName: body.billingProfile.defaultAddress.lastName,
        phoneNumber: body.billingProfile.defaultAddress.phoneNumber,
        addressLine1: body.billingProfile.defaultAddress.addressLine1,
        city: body.billingProfile.defaultAddress.city,
        postalCode: body.billingProfile.defaultAddress.postalCode,
        country: body.billingProfile.defaultAddress.country,
      },
      {
        firstName: contact.firstName,
        lastName: contact.lastName,
        phoneNumber: contact.phoneNumber,
        addressLine1: contact.addressLine1,
        city: contact.city,
        postalCode: contact.postalCode,
        country: 'KR',
      },
    );
    assert.equal(body.billingProfile.defaultAddress.state, undefined, 'no empty state sent');
    const inPc = b.stub.world.customers.find((c) => c.domain === `${domainPrefix}.onmicrosoft.com`);
    assert.ok(inPc);
    assert.deepEqual(
      inPc.subscriptions.map((s) => [s.offerId, s.quantity, s.partnerId]),
      [['m365-e3', 5, b.reseller.mpnId]],
    );
    // S2: the card shows the one-time password; nothing of it is stored
    const password = /Temporary password\s*\n?\s*(\S+)/.exec(doneText)?.[1];
    assert.ok(password, doneText);
    const row = await b.pc.w.store.read.customer.findUniqueOrThrow({
      where: { domain: `${domainPrefix}.onmicrosoft.com` },
    });
    assert.equal(row.tenantId, inPc.id);
    assert.equal(row.adminPasswordHash, null);
    const states = JSON.stringify(await b.pc.h.database!.db.prisma.botState.findMany());
    assert.ok(!states.includes(password), 'not in the bot state');
  });

  it('S1b: a US customer needs a state; the refusal reads in Korean for a Korean provider', async function () {
    this.timeout(60_000);
    // the reseller and provider are in KR, so the domain would refuse a US customer later (C7); S1b is the card's
    const { chat } = await toBilling('ko-KR', `litware-${Date.now().toString(36)}`, 'US');
    const refused = cardText(
      cardOf(await chat.invoke(cv.customerAddBilling, { v: 1, ...contact, phoneNumber: 'call me' })),
    );
    assert.match(refused, /주 또는 도\(.*\): US 주소에는 필수입니다/);
    assert.match(refused, /담당자 전화번호\(선택 사항\): 숫자, 공백, \+, 괄호, 하이픈만 사용하세요/);
  });

  it('S1c: Partner Center created the customer but refused the order: recorded, the provider is told, and can order again', async function () {
    this.timeout(60_000);
    const domainPrefix = `fourth-${Date.now().toString(36)}`;
    const { chat } = await toBilling('ko-KR', domainPrefix);
    await chat.invoke(cv.customerAddBilling, { v: 1, ...contact });
    const review = cardOf(await chat.invoke(cv.customerAddReview, { v: 1, 'qty_m365-e3': '5' }));
    // the order route fails through every retry; the customer creation before it succeeds
    b.stub.failNext(4, { status: 503 }, /\/orders$/);
    const done = cardText(
      cardOf(await chat.invoke(cv.customerAddSubmit, actionData(review, t('ko-KR', 'cadd.submit')))),
    );
    assert.match(
      done,
      /Wingtip Toys이\(가\) 파트너 센터에 만들어졌고 고객 목록에 있지만 첫 주문은 처리되지 않았습니다/,
    );
    assert.match(done, new RegExp(t('ko-KR', 'error.PC_UNAVAILABLE').slice(0, 20)));
    assert.match(done, new RegExp(t('ko-KR', 'cadd.done.password')), 'the one-time credentials are still shown');
    const inPc = b.stub.world.customers.find((c) => c.domain === `${domainPrefix}.onmicrosoft.com`);
    assert.ok(inPc, 'the customer exists in Partner Center');
    assert.equal(inPc.subscriptions.length, 0);
    const row = await b.pc.w.store.read.customer.findUniqueOrThrow({
      where: { domain: `${domainPrefix}.onmicrosoft.com` },
      include: { relationships: true, subscriptions: true },
    });
    assert.equal(row.tenantId, inPc.id);
    assert.equal(row.subscriptions.length, 0);
    assert.equal(row.relationships.length, 2, 'the provider’s (for the reseller) and the reseller’s');

    // from `customers`, the customer is there (C5: in Partner Center too, so not flagged) and can be ordered for
    b.stub.world.withCustomer({ companyName: 'Litware' });
    await chat.say('고객 목록');
    const [list] = await b.pc.h.connector.waitFor(1);
    const listText = cardText(list?.card);
    assert.match(listText, /Wingtip Toys/);
    assert.match(listText, /파트너 센터에만 있음\(봇의 기록에는 없음\): Litware\(litware\.onmicrosoft\.com\)/);
    assert.doesNotMatch(listText, /파트너 센터에 없음/);
    const added = cardOf(
      await chat.invoke(cv.subscriptionAdd, { v: 1, customerId: row.id, offerId: 'm365-e3', quantity: '5' }),
    );
    assert.match(cardText(added), new RegExp(t('ko-KR', 'ccard.added')));
    assert.equal(inPc.subscriptions.length, 1, 'ordered in Partner Center this time');
  });
});
