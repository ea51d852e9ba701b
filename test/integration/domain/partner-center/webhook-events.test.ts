/**
 * W3 (docs/partner-center.md): one event, delivered many times at once (Partner Center retrying while two bot
 * instances each took a copy), is recorded and noticed exactly once. Straight at the use case, so the deliveries
 * really race inside the database: SQLite serialises them, PostgreSQL (READ COMMITTED) lets them collide on the
 * unique key, and both must end the same.
 */
import assert from 'node:assert/strict';
import { recordPartnerCenterEvent } from '../../../../src/domain/partner-center/webhook-events.js';
import { forEachDatabase } from '../../../support/db.js';
import { enrolledOrg, makeWorld } from '../../../support/fixtures.js';

forEachDatabase('Partner Center events recorded once (issue 17 item 4)', (db) => {
  it('W3: eight simultaneous deliveries of one event: one recorded, seven duplicates, one notice', async function () {
    this.timeout(30_000);
    const w = makeWorld(await db.fresh());
    const org = await enrolledOrg(w);
    const event = {
      EventName: 'invoice-ready',
      ResourceUri: 'https://api.partnercenter.microsoft.com/v1/invoices/D0000001',
      ResourceName: 'Invoice',
      ResourceChangeUtcDate: '2026-12-01T10:00:00Z',
    };
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => recordPartnerCenterEvent(w.ctx, org.orgId, event, undefined)),
    );
    assert.equal(outcomes.filter((o) => o === 'recorded').length, 1, outcomes.join(', '));
    assert.equal(outcomes.filter((o) => o === 'duplicate').length, 7);
    assert.equal(await w.store.read.partnerCenterEvent.count({ where: { orgId: org.orgId } }), 1);
    assert.equal(
      await w.store.read.outboxEvent.count({ where: { targetOrgId: org.orgId, type: 'partner_center.event' } }),
      1,
    );
    // the same event for another organisation is that organisation's own
    const other = await enrolledOrg(w);
    assert.equal(await recordPartnerCenterEvent(w.ctx, other.orgId, event, undefined), 'recorded');
  });
});
