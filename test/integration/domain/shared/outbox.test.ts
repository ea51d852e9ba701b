import assert from 'node:assert/strict';
import { enqueue } from '../../../../src/domain/shared/outbox.js';
import { parseEventPayload } from '../../../../src/domain/shared/events.js';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld } from '../../../support/fixtures.js';

const payload = {
  orgId: 'org1',
  orgName: 'Contoso',
  version: '2020-02',
  signerName: 'Kim',
  signerEmail: 'kim@contoso.example',
  signedAt: '2026-03-02T09:00:00.000Z',
  locale: 'ko-KR' as const,
};

forEachDatabase('outbox', (dbs) => {
  it('queues one row per recipient, and repeating the change queues nothing more', async () => {
    const w = makeWorld(await dbs.fresh());
    const now = w.clock.now();
    const to = [{ orgId: 'org1' }, { email: 'Kim@Contoso.example' }, { email: 'kim@contoso.example' }];
    await w.store.transaction((tx) => enqueue(tx, 'mpa.signed', 'k1', payload, to, now));
    await w.store.transaction((tx) => enqueue(tx, 'mpa.signed', 'k1', payload, to, now));
    const rows = await w.store.read.outboxEvent.findMany({ orderBy: { idempotencyKey: 'asc' } });
    assert.deepEqual(
      rows.map((r) => [r.targetOrgId, r.userRef, r.status]),
      [
        [null, 'email:kim@contoso.example', 'pending'],
        ['org1', null, 'pending'],
      ],
    );
    assert.deepEqual(parseEventPayload('mpa.signed', rows[0].payload), payload);
  });

  it('refuses a payload that does not match its schema, and the transaction writes nothing', async () => {
    const w = makeWorld(await dbs.fresh());
    await assert.rejects(
      w.store.transaction(async (tx) => {
        await tx.auditEvent.create({ data: { action: 'x', entity: 'x', entityId: 'x' } });
        await enqueue(
          tx,
          'mpa.signed',
          'k2',
          { ...payload, signerEmail: 'not an email' },
          [{ orgId: 'org1' }],
          w.clock.now(),
        );
      }),
    );
    assert.equal(await w.store.read.outboxEvent.count(), 0);
    assert.equal(await w.store.read.auditEvent.count(), 0);
  });
});
