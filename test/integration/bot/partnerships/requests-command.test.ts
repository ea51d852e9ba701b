import assert from 'node:assert/strict';
import { requestThroughDirectory } from '../../../../src/domain/directory/directory-request.js';
import { requestPartnership } from '../../../../src/domain/partnerships/request-partnership.js';
import { forEachDatabase } from '../../../support/db.js';
import { userWithRoles } from '../../../support/fixtures.js';
import { listInDirectory, provider, reseller } from '../../../support/partners.js';
import { actionsOf, cardJson, cardOf } from '../../../support/cards.js';
import { adminChat, bind, chatOf, startPWorld, type PWorld } from './support.js';

/**
 * `requests` (파트너 관계 요청): what waits on a partnership, through the real server and the recording
 * connector. The provider gets the approval card of each directory request (P10); the reseller sees
 * the invitations addressed to it (P1/P2) and its own requests waiting for a provider.
 */
describe('the requests command (P1/P10 in chat)', function () {
  this.timeout(60_000);
  forEachDatabase('requests command', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });

    it('P10: a provider gets an approval card per waiting directory request; approving from it works; then nothing waits', async () => {
      const prov = await provider(p.w, { legalName: 'Northwind Cloud' });
      await listInDirectory(p.w, prov);
      const first = await reseller(p.w, { legalName: 'Adatum Resellers' });
      const second = await reseller(p.w, { legalName: 'Bellows Resellers' });
      await requestThroughDirectory(p.w.ctx, first.admin, { providerId: prov.orgId, consent: true });
      p.w.clock.advanceDays(1);
      await requestThroughDirectory(p.w.ctx, second.admin, { providerId: prov.orgId, consent: true });

      const chat = adminChat(p, prov);
      await chat.say('requests');
      const [intro, newest, older] = await p.h.connector.waitFor(3);
      assert.match(intro.text ?? '', /2 directory request\(s\) wait for your decision/);
      assert.match(cardJson(newest.card), /Bellows Resellers/, 'newest first');
      assert.match(cardJson(older.card), /Adatum Resellers/);
      const approve = actionsOf(older.card).find((a) => a.verb === 'partnership.approve');
      assert.ok(approve, 'the card can be decided on');
      const r = await chat.invoke(approve.verb, approve.data);
      assert.match(cardJson(cardOf(r)), /Approved|approved/);
      const row = await p.w.store.read.partnership.findFirstOrThrow({
        where: { providerId: prov.orgId, resellerId: first.orgId },
      });
      assert.equal(row.state, 'active');

      await chat.say('requests');
      const [one] = await p.h.connector.waitFor(2);
      assert.match(one.text ?? '', /1 directory request/);
      assert.equal(p.h.connector.pending().length, 0);
    });

    it('P10: at most five cards at once (Teams allows 7 messages a second per chat); the intro says more wait', async () => {
      const prov = await provider(p.w);
      await listInDirectory(p.w, prov);
      for (let i = 0; i < 6; i++) {
        const r = await reseller(p.w);
        await requestThroughDirectory(p.w.ctx, r.admin, { providerId: prov.orgId, consent: true });
      }
      await adminChat(p, prov).say('requests');
      const got = await p.h.connector.waitFor(6);
      assert.match(got[0].text ?? '', /These are the 5 newest/);
      assert.equal(got.slice(1).filter((a) => a.card).length, 5);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(p.h.connector.pending().length, 0, 'no sixth card');
    });

    it('P1/P2/P10: a reseller sees the invitation addressed to it (provider named) and its own request waiting for a provider, in ko-KR too', async () => {
      const inviting = await provider(p.w, { legalName: 'Wide World Distribution' });
      const asked = await provider(p.w, { legalName: 'Tailspin Distribution' });
      await listInDirectory(p.w, asked);
      const res = await reseller(p.w);
      const other = await reseller(p.w);
      await requestPartnership(p.w.ctx, inviting.admin, { resellerMpnId: res.mpnId });
      await requestPartnership(p.w.ctx, inviting.admin, { resellerMpnId: other.mpnId });
      await requestThroughDirectory(p.w.ctx, res.admin, { providerId: asked.orgId, consent: true });

      await adminChat(p, res).say('requests');
      const [card] = await p.h.connector.waitFor(1);
      const text = cardJson(card.card);
      assert.match(text, /Invitations from indirect providers waiting for you/);
      assert.match(text, new RegExp(`Wide World Distribution \\(MPN ID ${inviting.mpnId}\\)`));
      assert.match(text, /Your requests waiting for a provider/);
      assert.match(text, /Tailspin Distribution/);
      assert.equal(actionsOf(card.card).length, 0, 'only the link authorises (P2): no button pretends otherwise');

      await adminChat(p, res, 'ko-KR').say('파트너 관계 요청');
      const [ko] = await p.h.connector.waitFor(1);
      assert.match(cardJson(ko.card), /응답을 기다리는 간접 공급자의 초대/);
    });

    it('P2: a used or revoked invitation no longer waits; with nothing left the reseller is told so', async () => {
      const prov = await provider(p.w);
      const res = await reseller(p.w);
      await requestPartnership(p.w.ctx, prov.admin, { resellerMpnId: res.mpnId });
      await p.w.store.read.invitation.updateMany({ where: { fromOrgId: prov.orgId }, data: { revokedAt: new Date() } });
      await adminChat(p, res).say('requests');
      const [none] = await p.h.connector.waitFor(1);
      assert.match(none.text ?? '', /No partnership request is waiting/);
    });

    it('U3: a helpdesk agent is refused with the roles that may look', async () => {
      const prov = await provider(p.w);
      const helpdesk = await userWithRoles(p.w, prov, ['helpdesk_agent']);
      await bind(p, helpdesk);
      await chatOf(p, helpdesk).say('requests');
      const [refused] = await p.h.connector.waitFor(1);
      assert.match(refused.text ?? '', /admin agent/);
    });
  });
});
