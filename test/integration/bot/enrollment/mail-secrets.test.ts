import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Harness } from '../../../support/harness.js';
import { press, play } from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { registeredMpnId } from '../../../support/fixtures.js';
import { startEnroll, startEnrollmentHarness, validForm, verifyByPage } from './support.js';

/**
 * Issue 13 item 5, through the real server without SMTP: the verification link is in the .eml file only; the log
 * line says where that file is, never the link; once the mail is written the outbox row holds a redacted link.
 */
forEachDatabase('verification links are not kept or logged (issue 13 item 5)', (db) => {
  let h: Harness;
  before(async () => {
    h = await startEnrollmentHarness('', { database: db.kind, env: { LOG_LEVEL: 'trace' } });
  });
  after(async () => {
    await h.close();
  });

  it('without SMTP: the .eml holds the link, the log names the file only, the sent outbox row holds no usable link', async () => {
    const mpn = await registeredMpnId(h.database!, 'US');
    const form = validForm(mpn);
    await play(h, h.user({ tenantId: randomUUID() }), [
      startEnroll,
      { user: press('enroll.form', { v: 1, ...form }) },
      { user: press('enroll.submit', { v: 1 }) },
    ]);
    const prisma = h.database!.db.prisma;
    const until = Date.now() + 10_000;
    let row = await prisma.outboxEvent.findFirst({ where: { userRef: `email:${form.primaryEmail}` } });
    while (row?.status !== 'sent' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      row = await prisma.outboxEvent.findFirst({ where: { userRef: `email:${form.primaryEmail}` } });
    }
    assert.equal(row?.status, 'sent');
    const dir = h.config.MAIL_DIR;
    const emls = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .map((m) => m.replace(/=\r?\n/g, ''))
      .filter((m) => m.includes(form.primaryEmail) && m.includes('/verify/'));
    assert.equal(emls.length, 1, 'one verification .eml for the contact');
    const token = /\/verify\/([A-Za-z0-9_-]{43})/.exec(emls[0])?.[1];
    assert.ok(token, 'the .eml holds the verification link');

    assert.ok(!row.payload.includes(token), 'the sent row does not hold the token');
    assert.match(row.payload, /\/verify\/redacted"/, 'the link is replaced by a redacted marker');
    const logs = JSON.stringify(h.logs);
    assert.ok(!logs.includes(token), 'no log line holds the token');
    const written = h.logs.find((l) => /mail written to file/.test(String(l.msg)));
    assert.ok(written, 'the mail was logged');
    assert.match(String((written as Record<string, unknown>).file), /\.eml$/, 'the log line says where the .eml is');
    assert.equal((written as Record<string, unknown>).links, undefined);
    // the link still works: it was only taken out of the outbox
    assert.equal((await verifyByPage(h, token)).status, 200);
  });
});
