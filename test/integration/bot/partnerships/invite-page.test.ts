import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../support/db.js';
import { requestPartnership } from '../../../../src/domain/partnerships/request-partnership.js';
import { authorizePartnership } from '../../../../src/domain/partnerships/authorize-partnership.js';
import { teamsDeepLink } from '../../../../src/web/partnership-invite.js';
import { provider, reseller, tokenOf } from '../../../support/partners.js';
import { startPWorld, type PWorld } from './support.js';

/** Runs on SQLite and, with TEST_DATABASE_URL (npm run test:pg), on PostgreSQL as well. */
describe('GET /invite/<token> for partnership links (issue 5 item 2)', function () {
  this.timeout(30_000);
  forEachDatabase('invite page', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });

    it('P1/P3: shows who asks and what authorising grants, escaped, with the way into Teams; Korean from Accept-Language', async () => {
      const prov = await provider(p.w, { legalName: 'Fabrikam <Cloud> & "Co"' });
      const res = await reseller(p.w);
      const d = await requestPartnership(p.w.ctx, prov.admin, { resellerMpnId: res.mpnId });
      const token = tokenOf(d.link);
      const en = await p.h.get(`/invite/${token}`, { 'accept-language': 'en-US,en;q=0.9' });
      assert.equal(en.status, 200);
      assert.match(en.text, /Fabrikam &lt;Cloud&gt; &amp; &quot;Co&quot;/);
      assert.doesNotMatch(en.text, /<Cloud>/);
      assert.match(en.text, /administrator access/);
      assert.match(en.text, /submit orders/);
      assert.match(en.text, new RegExp(`authorize ${token}`));
      assert.match(en.text, /<html lang="en">/);
      const ko = await p.h.get(`/invite/${token}`, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' });
      assert.equal(ko.status, 200);
      assert.match(ko.text, /<html lang="ko">/);
      assert.match(ko.text, /간접 공급자/);
      // the deep link the page gives when the bot has an app id
      assert.equal(
        teamsDeepLink('00000000-0000-0000-0000-000000000001', token),
        `https://teams.microsoft.com/l/chat/0/0?users=28%3A00000000-0000-0000-0000-000000000001&message=authorize%20${token}`,
      );
    });

    it('P2: a used link is 410, an expired link is 410, a revoked one 410, an unknown one 404 — each with a localized page', async () => {
      const prov = await provider(p.w);
      const res = await reseller(p.w);
      const used = await requestPartnership(p.w.ctx, prov.admin, { resellerMpnId: res.mpnId });
      await authorizePartnership(p.w.ctx, res.admin, { token: tokenOf(used.link), consent: true });
      const r1 = await p.h.get(`/invite/${tokenOf(used.link)}`);
      assert.equal(r1.status, 410);
      assert.match(r1.text, /already used/);
      const res2 = await reseller(p.w);
      const first = await requestPartnership(p.w.ctx, prov.admin, { resellerMpnId: res2.mpnId });
      await requestPartnership(p.w.ctx, prov.admin, { resellerMpnId: res2.mpnId }); // revokes the first
      const r2 = await p.h.get(`/invite/${tokenOf(first.link)}`, { 'accept-language': 'ko' });
      assert.equal(r2.status, 410);
      assert.match(r2.text, /철회/);
      const res3 = await reseller(p.w);
      const old = await requestPartnership(p.w.ctx, prov.admin, { resellerMpnId: res3.mpnId });
      await p.w.store.read.invitation.updateMany({
        where: { id: old.invitationId },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const r3 = await p.h.get(`/invite/${tokenOf(old.link)}`);
      assert.equal(r3.status, 410);
      assert.match(r3.text, /expired/);
      // zod on the parameter: a malformed or unknown token is not ours; the customer route answers 404
      const r4 = await p.h.get('/invite/not-a-token');
      assert.equal(r4.status, 404);
      const r5 = await p.h.get(`/invite/${'A'.repeat(43)}`);
      assert.equal(r5.status, 404);
    });
  });
});
