import assert from 'node:assert/strict';
import { registerNotificationChannel } from '../../../../src/domain/notifications/notification-channels.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, userWithRoles } from '../../../support/fixtures.js';
import { provider } from '../../../support/partners.js';
import { refusal } from '../../../support/domain-assert.js';

forEachDatabase('notification channels (notify here)', (db) => {
  it('registers the channel, replaces the earlier one, and is idempotent', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const a = {
      conversationId: '19:a@thread.tacv2',
      serviceUrl: 'https://smba.example/',
      tenantId: p.tenantId,
      channelName: 'General',
    };
    const first = await registerNotificationChannel(w.ctx, p.admin, a);
    assert.equal(first.changed, true);
    assert.equal(first.orgId, p.orgId);
    const again = await registerNotificationChannel(w.ctx, p.admin, a);
    assert.equal(again.changed, false);
    assert.equal(again.channelId, first.channelId);
    const b = await registerNotificationChannel(w.ctx, p.admin, { ...a, conversationId: '19:b@thread.tacv2' });
    const rows = await w.store.read.notificationChannel.findMany({
      where: { orgId: p.orgId },
      orderBy: { conversationId: 'asc' },
    });
    assert.deepEqual(
      rows.map((r) => [r.conversationId, r.active, r.inactiveReason]),
      [
        ['19:a@thread.tacv2', false, 'replaced'],
        ['19:b@thread.tacv2', true, null],
      ],
    );
    assert.equal(b.changed, true);
  });

  it('U3: refuses a sales agent, and a channel of another tenant', async () => {
    const w = makeWorld(await db.fresh());
    const p = await provider(w);
    const sales = await userWithRoles(w, p, ['sales_agent']);
    const input = { conversationId: '19:c@thread.tacv2', serviceUrl: 'https://smba.example/', tenantId: p.tenantId };
    assert.equal((await refusal(registerNotificationChannel(w.ctx, sales, input))).code, 'ROLE_REQUIRED');
    assert.equal(
      (await refusal(registerNotificationChannel(w.ctx, p.admin, { ...input, tenantId: 'other' }))).code,
      'VALIDATION',
    );
    assert.equal(await w.store.read.notificationChannel.count(), 0);
  });
});
