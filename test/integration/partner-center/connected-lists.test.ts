/**
 * Issue 17 item 1, P4 in connected mode, through the local Partner Center: the Indirect resellers / providers
 * lists are compared with Partner Center's (`GET /v1/relationships?relationship_type=…`), and a partner only one
 * side knows is flagged on the list card, in en-US and ko-KR. A Partner Center that does not answer leaves the
 * bot's own list readable. SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { listProviders, listResellers } from '../../../src/domain/partnerships/partner-lists.js';
import { comparePartnerLists } from '../../../src/domain/partnerships/partner-center-lists.js';
import { listCard } from '../../../src/bot/partnerships/list-card.js';
import { forEachDatabase } from '../../support/db.js';
import { cardText } from '../../support/cards.js';
import { partner, reseller } from '../../support/partners.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { connectedSetup, linkOrg } from './connected-support.js';

const FIRST = { cursor: '', back: [] };

forEachDatabase('Partner Center port, connected mode: the partner lists (P4; issue 17)', (db) => {
  let stub: LocalPartnerCenter;
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  it("P4: the provider's Indirect resellers merge Partner Center's with the bot's; a row on one side only is flagged", async () => {
    const s = await connectedSetup(db, stub);
    const onlyHere = await reseller(s.w, { legalName: 'Northwind Resale' });
    await partner(s.w, s.p, onlyHere);
    // Partner Center knows the first reseller (by tenant) and one the bot has never seen
    stub.world.withIndirectReseller({ name: s.r.legalName, tenantId: s.r.tenantId, mpnId: s.r.mpnId });
    stub.world.withIndirectReseller({ name: 'Adatum Resale', mpnId: '5100077' });
    await linkOrg(s.w, s.p, 'connected');

    const cmp = await comparePartnerLists(s.w.ctx, s.p.admin, 'resellers');
    assert.ok(cmp?.available);
    assert.deepEqual([...cmp.notInPartnerCenter], [onlyHere.orgId]);
    assert.deepEqual(cmp.onlyInPartnerCenter, [{ name: 'Adatum Resale', mpnId: '5100077' }]);
    assert.equal(
      stub.requestsTo('/v1/relationships').at(-1)?.query.relationship_type,
      'IsIndirectCloudSolutionProviderOf',
    );

    const page = await listResellers(s.w.ctx, s.p.admin, { limit: 10 });
    const en = cardText(listCard('en-US', 'resellers', page, FIRST, { partnerCenter: cmp }));
    assert.match(en, /Only in Partner Center \(not in the bot’s records\): Adatum Resale \(MPN ID 5100077\)/);
    assert.equal(en.match(/Not in Partner Center/g)?.length, 1, 'one row flagged');
    const ko = cardText(listCard('ko-KR', 'resellers', page, FIRST, { partnerCenter: cmp }));
    assert.match(ko, /파트너 센터에만 있음\(봇의 기록에는 없음\): Adatum Resale/);
    assert.match(ko, /파트너 센터에 없음/);
  });

  it("P4: the reseller's Indirect providers are compared with IsIndirectResellerOf", async () => {
    const s = await connectedSetup(db, stub);
    stub.world.withIndirectProvider({ name: s.p.legalName, tenantId: s.p.tenantId, mpnId: s.p.mpnId });
    await linkOrg(s.w, s.r, 'connected');
    const cmp = await comparePartnerLists(s.w.ctx, s.r.admin, 'providers');
    assert.ok(cmp?.available);
    assert.equal(cmp.notInPartnerCenter.size, 0);
    assert.equal(cmp.onlyInPartnerCenter.length, 0);
    assert.equal(stub.requestsTo('/v1/relationships').at(-1)?.query.relationship_type, 'IsIndirectResellerOf');
    const page = await listProviders(s.w.ctx, s.r.admin, { limit: 10 });
    assert.doesNotMatch(
      cardText(listCard('en-US', 'providers', page, FIRST, { partnerCenter: cmp })),
      /Partner Center/,
    );
  });

  it('P4: Partner Center down: the bot’s list still shows, saying it is the bot’s records only; embedded: never asked', async () => {
    const s = await connectedSetup(db, stub);
    assert.equal(await comparePartnerLists(s.w.ctx, s.p.admin, 'resellers'), null, 'unlinked');
    await linkOrg(s.w, s.p, 'embedded');
    assert.equal(await comparePartnerLists(s.w.ctx, s.p.admin, 'resellers'), null, 'embedded');
    assert.equal(stub.requestsTo('/v1/relationships').length, 0);
    await s.w.store.read.partnerCenterLink.update({ where: { orgId: s.p.orgId }, data: { mode: 'connected' } });
    stub.outage(60_000);
    const cmp = await comparePartnerLists(s.w.ctx, s.p.admin, 'resellers');
    assert.deepEqual(cmp, { available: false, reason: 'PC_UNAVAILABLE' });
    const page = await listResellers(s.w.ctx, s.p.admin, { limit: 10 });
    const en = cardText(listCard('en-US', 'resellers', page, FIRST, { partnerCenter: cmp }));
    assert.match(en, /This list shows the bot’s records only\. Partner Center isn't answering right now/);
    assert.match(en, new RegExp(s.r.legalName));
    const ko = cardText(listCard('ko-KR', 'resellers', page, FIRST, { partnerCenter: cmp }));
    assert.match(ko, /이 목록에는 봇의 기록만 표시됩니다\. 지금 파트너 센터가 응답하지 않습니다/);
  });
});
