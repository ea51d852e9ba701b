import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../support/db.js';
import { provider, reseller } from '../../../support/partners.js';
import { cardJson, cardOf } from '../../../support/cards.js';
import { adminChat, startPWorld, type PWorld } from './support.js';

/**
 * Issue 13 item 8, through the bot: a provider inviting by email learns nothing about whom the address
 * belongs to. The draft card for an enrolled reseller's address reads as for an unknown one (no name,
 * no "already uses this bot"); the reseller's admin agents still get the authorisation card.
 */
describe('invite reseller by email reveals no organisation (issue 13 item 8)', function () {
  this.timeout(60_000);
  forEachDatabase('invite by email', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });

    /** The draft card's text with its personalised link and dates masked, for comparing two drafts. */
    async function draft(prov: Awaited<ReturnType<typeof provider>>, to: string): Promise<string> {
      const r = await adminChat(p, prov).invoke('partnership.invite.create', { v: 1, reseller: to });
      return cardJson(cardOf(r))
        .replace(/https:\/\/bot\.example\.test\/invite\/[A-Za-z0-9_-]{43}/g, '<link>')
        .replace(/"(invitationId|expiresAt)":"[^"]+"/g, '"$1":"<masked>"')
        .split(to)
        .join('<to>');
    }

    it('an enrolled reseller’s address and an unknown address get the same draft card', async () => {
      const prov = await provider(p.w);
      const res = await reseller(p.w, { legalName: 'Tailspin Secret Reseller' });
      const resChat = adminChat(p, res);
      await resChat.say('help'); // its admin agent has talked to the bot
      await p.h.connector.waitFor(1);

      const known = await draft(prov, res.admin.email!);
      const [direct] = await p.h.connector.waitFor(1);
      assert.equal(direct.conversationId, resChat.conversation.id, 'the reseller is still reached directly');
      const unknown = await draft(prov, 'nobody@unknown.example');
      assert.doesNotMatch(known, /Tailspin Secret Reseller|already uses this bot|is enrolled/);
      assert.equal(known, unknown, diffAt(known, unknown));
    });

    it('an address of an organisation it may not partner with: the same draft, no refusal naming it', async () => {
      const prov = await provider(p.w, { country: 'KR' });
      const other = await provider(p.w, { legalName: 'Northwind Hidden Provider' });
      const jp = await reseller(p.w, { country: 'JP', legalName: 'Contoso Japan Hidden' });
      const unknown = await draft(prov, 'nobody@unknown.example');
      for (const email of [other.admin.email!, jp.admin.email!]) {
        const known = await draft(prov, email);
        assert.doesNotMatch(known, /Hidden|not enrolled|region/i);
        assert.equal(known, unknown, diffAt(known, unknown));
      }
    });
  });
});

function diffAt(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `differs at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}
