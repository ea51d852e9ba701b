import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../../../support/harness.js';
import { makeWorld, type World } from '../../../support/fixtures.js';
import { listInDirectory, provider, reseller } from '../../../support/partners.js';

/**
 * Issue 13 item 6 through the real server: a reseller whose legal name and request message are link and emphasis
 * markdown reaches the provider's channel as an approval card where both read as typed and neither is a link.
 * (test/unit/cards/inert-text.test.ts runs the whole catalogue of hostile strings through every place.)
 */
describe('text from partners is inert in the channel (issue 13 item 6, real server)', function () {
  this.timeout(60_000);
  let h: Harness;
  let w: World;
  before(async () => {
    h = await startHarness({
      notifications: true,
      env: { PROGRAM_ADMINS: randomUUID(), PUBLIC_BASE_URL: 'https://bot.example.test' },
    });
    if (!h.database) throw new Error('harness without a database');
    w = makeWorld(h.database, { publicBaseUrl: 'https://bot.example.test' });
    w.clock.set(new Date());
  });
  after(async () => {
    await h.close();
  });

  it("a directory request's hostile reseller name and message reach the provider's channel escaped, never as a link", async () => {
    const name = '[Re-verify your account](https://evil.example) **URGENT**';
    const message = '_Act now_: [sign in](https://evil.example/login) <at>Ada</at> &lt;';
    const prov = await provider(w, { legalName: 'Northwind Cloud' });
    await listInDirectory(w, prov, ['azure']);
    const res = await reseller(w, { legalName: name });
    const channel = h.channel({
      aadObjectId: prov.admin.aadObjectId,
      tenantId: prov.tenantId,
      name: prov.admin.name,
      channelName: 'Partners',
    });
    await channel.say('notify here');
    await h.connector.waitFor(1);
    const chat = h.user({ aadObjectId: res.admin.aadObjectId, tenantId: res.tenantId, name: res.admin.name });
    const sent = await chat.invoke('directory.request', {
      v: 1,
      providerId: prov.orgId,
      [`consent_${prov.orgId}`]: 'true',
      [`message_${prov.orgId}`]: message,
    });
    assert.equal(sent.status, 200);

    const deadline = Date.now() + 15_000;
    let card: unknown;
    while (card === undefined && Date.now() < deadline) {
      const call = h.connector.calls.find(
        (c) =>
          c.kind === 'send' &&
          c.conversationId === channel.conversation.id &&
          ((c.body as { attachments?: unknown[] }).attachments ?? []).length > 0,
      );
      card = (call?.body as { attachments?: { content?: unknown }[] } | undefined)?.attachments?.[0]?.content;
      if (card === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(card, "the approval card reached the provider's channel");
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text);
        if (Array.isArray(o.facts))
          for (const f of o.facts as Record<string, unknown>[]) texts.push(String(f.title), String(f.value));
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    const all = texts.join('\n');
    assert.ok(all.includes('\\[Re-verify your account\\](https://evil.example) \\*\\*URGENT\\*\\*'), all);
    assert.ok(
      all.includes('\\_Act now\\_: \\[sign in\\](https://evil.example/login) \\<at\\>Ada\\</at\\> \\&lt;'),
      all,
    );
    assert.doesNotMatch(all, /(?<!\\)\]\(https:\/\/evil/, 'no link');
    assert.doesNotMatch(all, /(?<!\\)\*\*URGENT/, 'no bold');
  });
});
