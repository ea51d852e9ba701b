/**
 * L2 (docs/partner-center.md): a deployment without a Partner Center app registration (PARTNER_CENTER_CLIENT_ID /
 * _SECRET unset) says so on the card, offers no start link, and its callback page says so in the reader's language.
 */
import assert from 'node:assert/strict';
import { cardText } from '../../support/cards.js';
import { forEachDatabase } from '../../support/db.js';
import { enrolledOrg, makeWorld } from '../../support/fixtures.js';
import { startHarness, type Harness } from '../../support/harness.js';

forEachDatabase('Partner Center link, not set up (issue 17 item 2)', (db) => {
  let h: Harness;
  beforeEach(async function () {
    this.timeout(60_000);
    h = await startHarness({ storage: db.kind });
  });
  afterEach(async () => {
    await h.close();
  });

  it('L2: the card says linking is not set up and offers no link; the callback page says so (ko-KR)', async function () {
    this.timeout(30_000);
    const w = makeWorld(h.database!);
    w.clock.set(new Date());
    const org = await enrolledOrg(w);
    const chat = h.user({ aadObjectId: org.admin.aadObjectId, tenantId: org.tenantId, name: org.admin.name });
    await chat.say('partner center');
    const [reply] = await h.connector.waitFor(1);
    assert.match(cardText(reply.card), /not set up on this bot yet/);
    assert.doesNotMatch(JSON.stringify(reply.card), /Action\.OpenUrl/);
    assert.equal(await w.store.read.partnerCenterLinkRequest.count(), 0, 'no start link was minted');
    const page = await h.get('/partner-center/link/callback?code=x&state=y', { 'accept-language': 'ko-KR' });
    assert.equal(page.status, 422);
    assert.match(page.text, /파트너 센터 계정 연결이 설정되지 않았습니다/);
  });
});
