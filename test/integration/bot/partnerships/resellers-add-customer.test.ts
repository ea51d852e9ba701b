import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../support/db.js';
import { partner, provider, reseller, seedOffers } from '../../../support/partners.js';
import { actionsOf, cardJson, cardOf } from '../../../support/cards.js';
import { adminChat, startPWorld, type PWorld } from './support.js';

/** S1: "From a reseller's row a provider adds a new customer with that reseller preselected." */
forEachDatabase('resellers list → add customer (S1)', (db) => {
  let p: PWorld;
  beforeEach(async () => {
    p = await startPWorld(db.kind);
  });
  afterEach(async () => {
    await p.close();
  });

  it('S1: each active reseller row offers Add customer, which opens the wizard with that reseller chosen', async () => {
    const prov = await provider(p.w);
    const res = await reseller(p.w, { legalName: 'Fabrikam Reseller' });
    await partner(p.w, prov, res);
    await seedOffers(p.w);
    const chat = adminChat(p, prov);
    await chat.say('resellers');
    const [list] = await p.h.connector.waitFor(1);
    const add = actionsOf(list.card).find((a) => a.verb === 'customer.add.start');
    assert.ok(add, 'an Add customer button on the reseller row');
    assert.equal(add.data.resellerId, res.orgId);
    const wizard = cardOf(await chat.invoke('customer.add.start', add.data));
    assert.match(cardJson(wizard), /Fabrikam Reseller/);

    // the reseller's own list of providers has no such button
    await adminChat(p, res).say('providers');
    const [providers] = await p.h.connector.waitFor(1);
    assert.equal(actionsOf(providers.card).filter((a) => a.verb === 'customer.add.start').length, 0);
  });
});
