/**
 * The add-customer wizard as a dialog of the registry (src/bot/dialogs.ts): typing `cancel` while it
 * is open leaves it (its state is in ConversationState, so also after a restart), and nothing is
 * created. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL as well.
 */
import assert from 'node:assert/strict';
import { customerVerbs as cv } from '../../../../src/bot/customers/verbs.js';
import { t } from '../../../../src/i18n/index.js';
import { forEachDatabase } from '../../../support/db.js';
import { startHarness, type Harness } from '../../../support/harness.js';
import { makeWorld, type World } from '../../../support/fixtures.js';
import { partner, provider, reseller, seedOffers } from '../../../support/partners.js';

forEachDatabase('add-customer wizard in the dialog registry (harness)', (db) => {
  let h: Harness;
  let w: World;

  beforeEach(async () => {
    h = await startHarness({ storage: db.kind });
    w = makeWorld(h.database!, { now: () => new Date(), publicBaseUrl: h.config.PUBLIC_BASE_URL });
    await seedOffers(w);
  });
  afterEach(async () => {
    await h.close();
  });

  it('S1: `cancel` leaves an open wizard, after a restart too; then there is nothing to cancel', async () => {
    const p = await provider(w);
    const r = await reseller(w);
    await partner(w, p, r);
    const chat = h.user({ aadObjectId: p.admin.aadObjectId, tenantId: p.tenantId, name: p.admin.name });
    await chat.say('add customer');
    await h.connector.waitFor(1);
    const next = await chat.invoke(cv.customerAddNext, {
      v: 1,
      resellerId: r.orgId,
      name: 'Northwind',
      domainPrefix: 'northwind-dlg',
      country: 'KR',
    });
    assert.equal(next.body.statusCode, 200);

    await h.restart();
    await chat.say('cancel');
    const [bye] = await h.connector.waitFor(1);
    assert.equal(bye.text, t('en-US', 'cadd.cancelled'));
    const stale = await chat.invoke(cv.customerAddReview, { v: 1, 'qty_m365-e3': '5' });
    assert.ok(JSON.stringify(stale.body.value).includes(t('en-US', 'cadd.expired').slice(0, 30)));

    await chat.say('cancel');
    const [nothing] = await h.connector.waitFor(1);
    assert.equal(nothing.text, t('en-US', 'bot.nothingToCancel'));
    assert.equal(await w.store.read.customer.count(), 0);
  });
});
