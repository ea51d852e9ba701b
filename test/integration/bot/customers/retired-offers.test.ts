/**
 * Issue 14 (S1/S4) through the real server: a retired offer stays on the customer card's
 * subscriptions, marked retired, is no longer offered in its choice sets, and an order naming it
 * is refused with its name in the reader's language.
 */
import assert from 'node:assert/strict';
import { customerVerbs as cv } from '../../../../src/bot/customers/verbs.js';
import { addSubscription } from '../../../../src/domain/subscriptions/add-subscription.js';
import { setOfferActive } from '../../../../src/domain/subscriptions/offer-catalogue.js';
import { cardJson, cardOf, errorMessage } from '../../../support/cards.js';
import { forEachDatabase } from '../../../support/db.js';
import { startHarness, type Harness } from '../../../support/harness.js';
import { makeWorld } from '../../../support/fixtures.js';
import { customerOf, partner, provider, reseller, seedOffers } from '../../../support/partners.js';

/** The choices of the card's Input.ChoiceSet `id`. */
function choiceValues(card: unknown, id: string): string[] {
  let found: string[] | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Input.ChoiceSet' && o.id === id && Array.isArray(o.choices))
        found = (o.choices as { value: string }[]).map((c) => c.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  assert.ok(found, `a choice set ${id}`);
  return found;
}

forEachDatabase('retired offers on the customer card (issue 14)', (db) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ storage: db.kind });
  });
  afterEach(async () => {
    await h.close();
  });

  it('S1/S4: the subscription keeps its retired offer (shown retired), the offer is not offered, and ordering it is refused by name', async () => {
    const w = makeWorld(h.database!, { now: () => new Date(), publicBaseUrl: h.config.PUBLIC_BASE_URL });
    await seedOffers(w);
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const { customerId } = await customerOf(w, r, p.orgId);
    await addSubscription(w.ctx, p.admin, { customerId, offerId: 'm365-e3', quantity: 10 });
    await setOfferActive(w.ctx, w.programAdmin, { offerId: 'm365-e3', active: false });

    for (const [locale, retiredLine, refusal] of [
      ['en-US', 'Microsoft 365 E3 (retired) × 10', 'Microsoft 365 E3 has been retired'],
      ['ko-KR', 'Microsoft 365 E3 (판매 중지) × 10', 'Microsoft 365 E3 제품은 카탈로그에서 판매가 중지되어'],
    ] as const) {
      const chat = h.user({ aadObjectId: p.admin.aadObjectId, tenantId: p.tenantId, name: p.admin.name, locale });
      const card = cardOf(await chat.invoke(cv.customerOpen, { v: 1, customerId }));
      assert.ok(cardJson(card).includes(retiredLine), `${locale}: ${cardJson(card)}`);
      assert.deepEqual(choiceValues(card, 'offerId'), ['m365-business-basic'], 'only orderable offers are offered');
      const before = await h.database!.db.prisma.subscription.count();
      const order = await chat.invoke(cv.subscriptionAdd, { v: 1, customerId, offerId: 'm365-e3', quantity: '5' });
      assert.equal(order.body.statusCode, 400);
      assert.ok(errorMessage(order).includes(refusal), errorMessage(order));
      assert.ok(!errorMessage(order).includes('m365-e3'), 'no offer id in the message');
      assert.equal(await h.database!.db.prisma.subscription.count(), before);
    }
  });
});
