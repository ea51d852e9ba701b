import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../../support/harness.js';
import { makeWorld, type World } from '../../support/fixtures.js';
import { listInDirectory, provider, reseller } from '../../support/partners.js';

/**
 * The composition: the server runs the notification outbox worker over its own adapter, so a change
 * made in one conversation reaches another organisation's channel without anybody polling by hand.
 */
describe('notification worker wired into the server', function () {
  this.timeout(60_000);
  let h: Harness;
  let w: World;
  beforeEach(async () => {
    h = await startHarness({
      notifications: true,
      env: { PROGRAM_ADMINS: randomUUID(), PUBLIC_BASE_URL: 'https://bot.example.test' },
    });
    if (!h.database) throw new Error('harness without a database');
    w = makeWorld(h.database, { publicBaseUrl: 'https://bot.example.test' });
    w.clock.set(new Date());
  });
  afterEach(async () => {
    await h.close();
  });

  /** Accepted sends to a conversation (only those carrying a card when `cards`), waiting for the first. */
  async function sendsTo(conversationId: string, timeoutMs = 15_000, cards = false) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = h.connector.calls.filter(
        (c) =>
          c.kind === 'send' &&
          c.conversationId === conversationId &&
          c.status < 300 &&
          (!cards || ((c.body as { attachments?: unknown[] }).attachments ?? []).length > 0),
      );
      if (found.length > 0 || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it("P10: a reseller's directory request reaches the provider's notification channel as the approval card", async () => {
    const prov = await provider(w, { legalName: 'Northwind Cloud' });
    await listInDirectory(w, prov, ['azure']);
    const res = await reseller(w);
    const channel = h.channel({
      aadObjectId: prov.admin.aadObjectId,
      tenantId: prov.tenantId,
      name: prov.admin.name,
      channelName: 'Partners',
    });
    await channel.say('notify here');
    const [connected] = await h.connector.waitFor(1);
    assert.match(connected.text ?? '', /connected/);

    const chat = h.user({ aadObjectId: res.admin.aadObjectId, tenantId: res.tenantId, name: res.admin.name });
    const sent = await chat.invoke('directory.request', {
      v: 1,
      providerId: prov.orgId,
      [`consent_${prov.orgId}`]: 'true',
    });
    assert.equal(sent.status, 200);

    const calls = await sendsTo(channel.conversation.id, 15_000, true);
    assert.equal(calls.length, 1, "exactly one approval card in the provider's channel");
    const body = calls[0].body as { attachments?: { content?: unknown }[] };
    const card = JSON.stringify(body.attachments?.[0]?.content ?? {});
    assert.match(card, /partnership\.approve/);
    assert.match(card, /partnership\.decline/);
    const row = await w.store.read.outboxEvent.findFirst({
      where: { type: 'partnership.requested', targetOrgId: prov.orgId },
    });
    assert.equal(row?.status, 'sent');
  });

  it('without the worker (the harness default) the outbox keeps the event pending', async () => {
    await h.close();
    h = await startHarness({ env: { PUBLIC_BASE_URL: 'https://bot.example.test' } });
    if (!h.database) throw new Error('harness without a database');
    w = makeWorld(h.database, { publicBaseUrl: 'https://bot.example.test' });
    w.clock.set(new Date());
    const prov = await provider(w, { legalName: 'Contoso Distribution' });
    await listInDirectory(w, prov, ['azure']);
    const res = await reseller(w);
    const channel = h.channel({ aadObjectId: prov.admin.aadObjectId, tenantId: prov.tenantId, name: prov.admin.name });
    await channel.say('notify here');
    await h.connector.waitFor(1);
    const chat = h.user({ aadObjectId: res.admin.aadObjectId, tenantId: res.tenantId, name: res.admin.name });
    await chat.invoke('directory.request', { v: 1, providerId: prov.orgId, [`consent_${prov.orgId}`]: 'true' });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await sendsTo(channel.conversation.id, 0)).length, 0);
    const row = await w.store.read.outboxEvent.findFirst({
      where: { type: 'partnership.requested', targetOrgId: prov.orgId },
    });
    assert.equal(row?.status, 'pending');
  });
});
