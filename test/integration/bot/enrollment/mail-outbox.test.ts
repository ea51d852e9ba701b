import assert from 'node:assert/strict';
import { createDomainStore } from '../../../../src/data/domain-store.js';
import { createLogger } from '../../../../src/log.js';
import { MailOutbox } from '../../../../src/mail/mail-outbox.js';
import type { MailMessage } from '../../../../src/mail/transport.js';
import { freshSqlite, type TestDatabase } from '../../../support/db.js';

describe('mail outbox (E4/E5 mail rows, userRef email:)', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshSqlite();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function row(type: string, payload: unknown, userRef: string) {
    return t.db.prisma.outboxEvent.create({
      data: { type, userRef, payload: JSON.stringify(payload), idempotencyKey: `${type}:${userRef}:${Math.random()}` },
    });
  }

  const verification = {
    applicationId: 'a1',
    orgName: 'Contoso',
    contactName: 'Pat',
    email: 'pat@contoso.example',
    link: 'https://bot.example/verify/abc',
    expiresAt: '2026-03-09T09:00:00.000Z',
    locale: 'en-US',
  };

  it('sends each mail row once, leaves Teams rows alone, retries a failed send later, and marks a broken row dead', async () => {
    const store = createDomainStore(t.db);
    const sent: MailMessage[] = [];
    let failures = 1;
    const outbox = new MailOutbox({
      store,
      logger: createLogger('silent'),
      transport: (m) => {
        if (failures-- > 0) return Promise.reject(new Error('421 try again'));
        sent.push(m);
        return Promise.resolve();
      },
    });
    const mail = await row('enrollment.verification_requested', verification, 'email:pat@contoso.example');
    const teams = await row('enrollment.review_requested', {}, 'aad:someone');
    const broken = await row('mpa.signed', {}, 'email:x@contoso.example');

    assert.equal(await outbox.runOnce(), 0);
    let r = await t.db.prisma.outboxEvent.findUniqueOrThrow({ where: { id: mail.id } });
    assert.equal(r.status, 'pending');
    assert.equal(r.attempts, 1);
    assert.match(r.lastError ?? '', /421/);
    assert.equal((await t.db.prisma.outboxEvent.findUniqueOrThrow({ where: { id: broken.id } })).status, 'dead');

    await t.db.prisma.outboxEvent.update({ where: { id: mail.id }, data: { nextAttemptAt: new Date(0) } });
    const [a, b] = await Promise.all([outbox.runOnce(), outbox.runOnce()]);
    assert.equal(a + b, 1, 'claimed once even by two passes at once');
    r = await t.db.prisma.outboxEvent.findUniqueOrThrow({ where: { id: mail.id } });
    assert.equal(r.status, 'sent');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.to, 'pat@contoso.example');
    assert.match(sent[0]?.text ?? '', /https:\/\/bot\.example\/verify\/abc/, 'the mail carries the link');
    // issue 13 item 5: once sent, the row no longer holds the link
    assert.ok(!r.payload.includes('verify/abc'), r.payload);
    assert.equal((JSON.parse(r.payload) as { link: string }).link, 'https://bot.example/verify/redacted');
    assert.equal((await t.db.prisma.outboxEvent.findUniqueOrThrow({ where: { id: teams.id } })).status, 'pending');
  });
});
