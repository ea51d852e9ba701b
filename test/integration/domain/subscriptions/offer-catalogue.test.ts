import assert from 'node:assert/strict';
import {
  addOffer,
  importOffers,
  importOffersAsSystem,
  listOfferCatalogue,
  readOffersCsv,
  setOfferActive,
} from '../../../../src/domain/subscriptions/offer-catalogue.js';
import { addSubscription } from '../../../../src/domain/subscriptions/add-subscription.js';
import { addCustomerForReseller } from '../../../../src/domain/customers/add-customer-for-reseller.js';
import { listOffers, viewCustomer } from '../../../../src/domain/customers/customer-views.js';
import { describeError } from '../../../../src/domain/shared/describe-error.js';
import type { Store } from '../../../../src/domain/shared/store.js';
import { forEachDatabase } from '../../../support/db.js';
import { refusesWithoutChange } from '../../../support/domain-assert.js';
import { makeActor, makeWorld } from '../../../support/fixtures.js';
import { customerOf, partner, provider, reseller } from '../../../support/partners.js';

const HEADER = 'offerId,nameEn,nameKo,minQuantity,maxQuantity';
const CSV = [
  `${HEADER},active`,
  'CFQ7TTC0LH18:0001,Microsoft 365 Business Basic,Microsoft 365 비즈니스 베이직,1,300,true',
  '"CFQ7TTC0LFLX:0001","Microsoft 365 E3","Microsoft 365 E3",1,10000,yes',
  'DZH318Z0BQ3Q:0001,"Azure plan, pay-as-you-go",Azure 플랜,1,1,true',
].join('\n');

forEachDatabase('offer catalog', (dbs) => {
  it('S1/S4: a program administrator imports the catalog, then re-imports it (upsert by offer id), audited', async () => {
    const w = makeWorld(await dbs.fresh());
    assert.deepEqual(await importOffers(w.ctx, w.programAdmin, CSV), { created: 3, updated: 0, unchanged: 0 });
    const second = [
      HEADER,
      'CFQ7TTC0LH18:0001,Microsoft 365 Business Basic,Microsoft 365 비즈니스 베이직,1,300',
      'CFQ7TTC0LFLX:0001,Microsoft 365 E3,Microsoft 365 E3,5,10000',
      'CFQ7TTC0LDPB:0001,Microsoft 365 E5,Microsoft 365 E5,1,10000',
    ].join('\r\n');
    assert.deepEqual(await importOffers(w.ctx, w.programAdmin, second), { created: 1, updated: 1, unchanged: 1 });
    const e3 = await w.store.read.offer.findUniqueOrThrow({ where: { id: 'CFQ7TTC0LFLX:0001' } });
    assert.equal(e3.minQuantity, 5);
    const azure = await w.store.read.offer.findUniqueOrThrow({ where: { id: 'DZH318Z0BQ3Q:0001' } });
    assert.equal(azure.nameEn, 'Azure plan, pay-as-you-go');
    assert.equal(azure.nameKo, 'Azure 플랜');
    const audits = await w.store.read.auditEvent.findMany({ where: { action: 'offers.imported' } });
    assert.equal(audits.length, 2);
    assert.equal(audits[0]?.actorRef, w.programAdmin.aadObjectId);
  });

  it('S1/S4: a file with bad rows imports nothing; every problem is named by line and field', async () => {
    const w = makeWorld(await dbs.fresh());
    await importOffersAsSystem(w.ctx, `${HEADER}\nkeep-1,Keep,유지,1,10\n`);
    const bad = [
      `${HEADER},active`,
      'good-1,Good,좋음,1,10,true',
      'bad id!,Name,이름,1,10,true',
      'bad-2,,이름,1,10,true',
      'bad-3,Name,이름,ten,10,maybe',
      'bad-4,Name,이름,20,10,true',
      'good-1,Again,다시,1,10,true',
      'bad-5,Name,이름,1',
      'keep-1,Changed,변경,1,10,false',
    ].join('\n');
    const { problems } = readOffersCsv(bad);
    assert.deepEqual(
      problems.map((p) => [p.line, p.field, p.reason]),
      [
        [3, 'offerId', 'bad_id'],
        [4, 'nameEn', 'missing'],
        [5, 'minQuantity', 'not_whole_number'],
        [5, 'active', 'not_true_false'],
        [6, 'maxQuantity', 'below_min'],
        [7, 'offerId', 'duplicate'],
        [8, null, 'field_count'],
      ],
    );
    const e = await refusesWithoutChange(w.store, () => importOffers(w.ctx, w.programAdmin, bad), 'CSV_INVALID');
    assert.match(String(e.params.details), /^line 3, offerId: /);
    assert.equal((await w.store.read.offer.findUniqueOrThrow({ where: { id: 'keep-1' } })).active, true);
    for (const [text, reason] of [
      ['', 'empty_file'],
      ['mpnId,orgName,country,active\n1234567,A,KR,true\n', 'header'],
      [`${HEADER}\n"open,Name,이름,1,10\n`, 'syntax'],
    ] as const) {
      assert.equal(readOffersCsv(text).problems[0]?.reason, reason, text);
      await refusesWithoutChange(w.store, () => importOffers(w.ctx, w.programAdmin, text), 'CSV_INVALID');
    }
  });

  it('S1/S4: only a program administrator imports, adds, retires or lists offers', async () => {
    const w = makeWorld(await dbs.fresh());
    await importOffersAsSystem(w.ctx, CSV);
    const someone = makeActor();
    await refusesWithoutChange(w.store, () => importOffers(w.ctx, someone, CSV), 'PROGRAM_ADMIN_REQUIRED');
    await refusesWithoutChange(
      w.store,
      () => addOffer(w.ctx, someone, { offerId: 'x-1', nameEn: 'X', nameKo: '엑스', minQuantity: 1, maxQuantity: 2 }),
      'PROGRAM_ADMIN_REQUIRED',
    );
    await refusesWithoutChange(
      w.store,
      () => setOfferActive(w.ctx, someone, { offerId: 'CFQ7TTC0LFLX:0001', active: false }),
      'PROGRAM_ADMIN_REQUIRED',
    );
    await assert.rejects(listOfferCatalogue(w.ctx, someone), /PROGRAM_ADMIN_REQUIRED/);
  });

  it('S1/S4: add one offer (form values arrive as text); a taken id or a bad range changes nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    await addOffer(w.ctx, w.programAdmin, {
      offerId: 'CFQ7TTC0LDPB:0001',
      nameEn: 'Microsoft 365 E5',
      nameKo: 'Microsoft 365 E5',
      minQuantity: '1',
      maxQuantity: '500',
    });
    const row = await w.store.read.offer.findUniqueOrThrow({ where: { id: 'CFQ7TTC0LDPB:0001' } });
    assert.equal(row.maxQuantity, 500);
    assert.equal(row.active, true);
    await refusesWithoutChange(
      w.store,
      () =>
        addOffer(w.ctx, w.programAdmin, {
          offerId: 'CFQ7TTC0LDPB:0001',
          nameEn: 'Again',
          nameKo: '다시',
          minQuantity: 1,
          maxQuantity: 2,
        }),
      'OFFER_EXISTS',
    );
    await refusesWithoutChange(
      w.store,
      () =>
        addOffer(w.ctx, w.programAdmin, {
          offerId: 'y-1',
          nameEn: 'Y',
          nameKo: '와이',
          minQuantity: 9,
          maxQuantity: 2,
        }),
      'VALIDATION',
    );
    assert.equal(
      (await w.store.read.auditEvent.findMany({ where: { action: 'offer.added', entityId: 'CFQ7TTC0LDPB:0001' } }))
        .length,
      1,
    );
  });

  it('S1/S4: two simultaneous adds of one offer id: one is added, the other is told the id is taken', async () => {
    const w = makeWorld(await dbs.fresh());
    const add = (nameEn: string) =>
      addOffer(w.ctx, w.programAdmin, { offerId: 'race-1', nameEn, nameKo: nameEn, minQuantity: 1, maxQuantity: 5 });
    const results = await Promise.allSettled([add('First'), add('Second'), add('Third')]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results.filter((x) => x.status === 'rejected')) assert.match(String(r.reason), /OFFER_EXISTS/);
    assert.equal(await w.store.read.offer.count(), 1);
    assert.equal(await w.store.read.auditEvent.count({ where: { action: 'offer.added' } }), 1);
  });

  it('S1/S4: an add that loses the race after its check (the key refuses its insert) is told the id is taken', async () => {
    const w = makeWorld(await dbs.fresh());
    await addOffer(w.ctx, w.programAdmin, {
      offerId: 'race-2',
      nameEn: 'A',
      nameKo: 'A',
      minQuantity: 1,
      maxQuantity: 5,
    });
    // a transaction whose check saw no offer yet (the other add committed right after it)
    const stale: Store = {
      ...w.store,
      transaction: (fn) =>
        w.store.transaction((tx) =>
          fn(
            new Proxy(tx, {
              get: (t, k) =>
                k === 'offer'
                  ? new Proxy(t.offer, {
                      get: (o, m) => (m === 'findFirst' ? () => Promise.resolve(null) : (Reflect.get(o, m) as unknown)),
                    })
                  : (Reflect.get(t, k) as unknown),
            }),
          ),
        ),
    };
    await refusesWithoutChange(
      w.store,
      () =>
        addOffer({ ...w.ctx, store: stale }, w.programAdmin, {
          offerId: 'race-2',
          nameEn: 'B',
          nameKo: 'B',
          minQuantity: 1,
          maxQuantity: 5,
        }),
      'OFFER_EXISTS',
    );
  });

  it('S1/S4: a retired offer stays on its subscriptions (shown retired), is not offered, and an order naming it is refused; restoring it allows orders again', async () => {
    const w = makeWorld(await dbs.fresh());
    await importOffersAsSystem(w.ctx, CSV);
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const { customerId } = await customerOf(w, r, p.orgId);
    await addSubscription(w.ctx, p.admin, { customerId, offerId: 'CFQ7TTC0LFLX:0001', quantity: 10 });

    const retired = await setOfferActive(w.ctx, w.programAdmin, { offerId: 'CFQ7TTC0LFLX:0001', active: false });
    assert.equal(retired.changed, true);
    assert.equal(
      (await setOfferActive(w.ctx, w.programAdmin, { offerId: 'CFQ7TTC0LFLX:0001', active: false })).changed,
      false,
      'a repeat finds it done',
    );
    assert.equal(await w.store.read.auditEvent.count({ where: { action: 'offer.retired' } }), 1);

    const view = await viewCustomer(w.ctx, { ...p.admin, locale: 'ko-KR' }, { customerId });
    assert.equal(view.subscriptions.length, 1);
    assert.equal(view.subscriptions[0]?.offerRetired, true);
    assert.equal(view.subscriptions[0]?.offerName, 'Microsoft 365 E3');
    assert.deepEqual(
      (await listOffers(w.ctx, p.admin)).map((o) => o.id),
      ['CFQ7TTC0LH18:0001', 'DZH318Z0BQ3Q:0001'],
      'the choice sets no longer offer it',
    );

    const e = await refusesWithoutChange(
      w.store,
      () => addSubscription(w.ctx, p.admin, { customerId, offerId: 'CFQ7TTC0LFLX:0001', quantity: 10 }),
      'OFFER_RETIRED',
    );
    assert.equal(e.params.offerEn, 'Microsoft 365 E3');
    assert.equal(
      describeError('ko-KR', e),
      'Microsoft 365 E3 제품은 카탈로그에서 판매가 중지되어 더 이상 주문할 수 없습니다.',
    );
    await refusesWithoutChange(
      w.store,
      () =>
        addCustomerForReseller(w.ctx, p.admin, {
          resellerId: r.orgId,
          customer: { name: 'Northwind Retired', domainPrefix: `northwind-${Date.now().toString(36)}`, country: 'KR' },
          subscriptions: [{ offerId: 'CFQ7TTC0LFLX:0001', quantity: 3 }],
        }),
      'OFFER_RETIRED',
    );

    await setOfferActive(w.ctx, w.programAdmin, { offerId: 'CFQ7TTC0LFLX:0001', active: true });
    const again = await addSubscription(w.ctx, p.admin, { customerId, offerId: 'CFQ7TTC0LFLX:0001', quantity: 2 });
    assert.equal(again.offerId, 'CFQ7TTC0LFLX:0001');
  });

  it('S1/S4: the catalog lists active and retired offers by id, page by page, in the reader language', async () => {
    const w = makeWorld(await dbs.fresh());
    const rows = Array.from(
      { length: 5 },
      (_, i) => `offer-${i},Offer ${i},제품 ${i},1,10,${i === 2 ? 'false' : 'true'}`,
    );
    await importOffersAsSystem(w.ctx, [`${HEADER},active`, ...rows].join('\n'));
    const ko = { ...w.programAdmin, locale: 'ko-KR' as const };
    const p1 = await listOfferCatalogue(w.ctx, ko, { limit: 3 });
    assert.deepEqual(
      p1.items.map((o) => [o.offerId, o.name, o.active]),
      [
        ['offer-0', '제품 0', true],
        ['offer-1', '제품 1', true],
        ['offer-2', '제품 2', false],
      ],
    );
    assert.ok(p1.nextCursor);
    const p2 = await listOfferCatalogue(w.ctx, ko, { limit: 3, cursor: p1.nextCursor });
    assert.deepEqual(
      p2.items.map((o) => o.offerId),
      ['offer-3', 'offer-4'],
    );
    assert.equal(p2.nextCursor, null);
    await assert.rejects(listOfferCatalogue(w.ctx, ko, { cursor: 'nonsense' }), /VALIDATION/);
  });
});
