import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../support/db.js';
import { enrolledOrg, userWithRoles } from '../../../support/fixtures.js';
import { listInDirectory, provider, reseller } from '../../../support/partners.js';
import { partnershipRenderer } from '../../../../src/bot/partnerships/notify-render.js';
import { actionsOf, cardJson, cardOf, errorMessage } from '../../../support/cards.js';
import { adminChat, bind, chatOf, startPWorld, type PWorld } from './support.js';

/**
 * The bot's flows for issue 5, through the real server and a recording Teams connector. Runs on SQLite
 * and, with TEST_DATABASE_URL (npm run test:pg), on PostgreSQL as well.
 */
describe('partnership flows through the bot (issue 5)', function () {
  this.timeout(60_000);
  forEachDatabase('partnership flows', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });

    /** Provider asks by MPN ID through the card; returns the draft card's data. */
    async function invite(prov: Awaited<ReturnType<typeof provider>>, mpnId: string) {
      const chat = adminChat(p, prov);
      const r = await chat.invoke('partnership.invite.create', { v: 1, reseller: mpnId });
      assert.equal(r.status, 200);
      const card = cardOf(r);
      const message = (JSON.stringify(card).match(/https:\/\/bot\.example\.test\/invite\/[A-Za-z0-9_-]{43}/) ?? [
        '',
      ])[0];
      assert.ok(message, 'the draft carries the personalised link');
      const save = actionsOf(card).find((a) => a.verb === 'partnership.invite.save');
      assert.ok(save);
      return { chat, card, link: message, token: message.slice(message.lastIndexOf('/') + 1), save };
    }

    it('P1: invite reseller asks for email or MPN ID, refuses bad input, drafts the link; an edit without the link is refused (en-US, ko-KR)', async () => {
      const prov = await provider(p.w);
      const res = await reseller(p.w);
      const chat = adminChat(p, prov);
      await chat.say('invite reseller');
      const [ask] = await p.h.connector.waitFor(1);
      assert.deepEqual(
        actionsOf(ask.card).map((a) => a.verb),
        ['partnership.invite.create'],
      );
      await chat.say('invite reseller not-an-email');
      const [bad] = await p.h.connector.waitFor(1);
      assert.match(cardJson(bad.card), /Enter a work email address or an MPN ID/);

      const d = await invite(prov, res.mpnId);
      // P1: dropping the link is refused with a localized message, in both languages
      const r1 = await d.chat.invoke('partnership.invite.save', { ...d.save.data, message: 'Please partner with us!' });
      assert.equal(r1.status, 200);
      assert.equal(r1.body.statusCode, 400);
      assert.match(errorMessage(r1), /link/i);
      const ko = adminChat(p, prov, 'ko-KR');
      const r2 = await ko.invoke('partnership.invite.save', { ...d.save.data, message: 'Please partner with us!' });
      assert.match(errorMessage(r2), /[\uac00-\ud7a3]/);
      const stored = await p.w.store.read.invitation.findFirstOrThrow({ where: { fromOrgId: prov.orgId } });
      assert.equal(stored.message.includes('{link}'), true, 'the refused edit changed nothing');
      // an edit that keeps the link is saved
      const ok = await d.chat.invoke('partnership.invite.save', {
        ...d.save.data,
        message: `Dear partner, ${d.link} — thanks`,
      });
      assert.match(cardJson(cardOf(ok)), /Saved/);
      assert.equal(
        (await p.w.store.read.invitation.findFirstOrThrow({ where: { fromOrgId: prov.orgId } })).message,
        'Dear partner, {link} — thanks',
      );
    });

    it('U3: a helpdesk agent cannot invite a reseller; the refusal names the roles that can', async () => {
      const prov = await provider(p.w);
      const helpdesk = await userWithRoles(p.w, prov, ['helpdesk_agent']);
      await bind(p, helpdesk);
      const r = await chatOf(p, helpdesk).invoke('partnership.invite.create', { v: 1, reseller: '1234567' });
      assert.equal(r.body.statusCode, 400);
      assert.match(errorMessage(r), /admin agent/);
      assert.equal(await p.w.store.read.invitation.count(), 0);
    });

    it('P1/P2: an enrolled reseller\'s admin agents get the authorisation card directly; consent is required; P4 both lists change; the card refreshes to "authorised by"', async () => {
      const prov = await provider(p.w, { legalName: 'Fabrikam Distribution' });
      const res = await reseller(p.w);
      const resChat = adminChat(p, res);
      await resChat.say('help'); // the reseller's admin has talked to the bot: its personal chat is known
      await p.h.connector.waitFor(1);
      const d = await invite(prov, res.mpnId);
      assert.match(cardJson(d.card), /already uses this bot/);
      const [direct] = await p.h.connector.waitFor(1);
      assert.equal(direct.conversationId, resChat.conversation.id);
      assert.match(cardJson(direct.card), /Fabrikam Distribution/);
      assert.match(cardJson(direct.card), /administrator access/);
      const refresh = (direct.card as { refresh?: { userIds: string[] } }).refresh;
      assert.deepEqual(refresh?.userIds, [resChat.user.id]);
      const authorize = actionsOf(direct.card).find((a) => a.verb === 'partnership.authorize');
      assert.ok(authorize);

      // P2: without the consent box: refused, nothing changes
      const noConsent = await resChat.invoke('partnership.authorize', { ...authorize.data, consent: 'false' });
      assert.match(errorMessage(noConsent), /consent|box/i);
      assert.equal(await p.w.store.read.partnership.count(), 0);
      // a provider's user cannot authorise (P5: its organisation is not an indirect reseller)
      const wrong = await adminChat(p, prov).invoke('partnership.authorize', { ...authorize.data, consent: 'true' });
      assert.equal(wrong.body.statusCode, 400);

      const ok = await resChat.invoke(
        'partnership.authorize',
        { ...authorize.data, consent: 'true' },
        { replyToId: direct.id },
      );
      const done = cardOf(ok);
      assert.match(cardJson(done), new RegExp(`Authorized by ${res.admin.name}`));
      assert.equal(actionsOf(done).length, 0, 'no buttons once authorised');
      const [update] = await p.h.connector.waitFor(1);
      assert.equal(update.kind, 'update', 'the message is updated for every viewer');
      assert.match(cardJson(update.card), /Authorized by/);
      // the refresh of any other open copy shows the same
      const refreshed = await resChat.invoke('partnership.authorize.refresh', { v: 1, token: d.token });
      assert.match(cardJson(cardOf(refreshed)), /Authorized by/);
      // single use (P2): a second use by another reseller is refused
      const other = await reseller(p.w);
      const again = await adminChat(p, other).invoke('partnership.authorize', {
        v: 1,
        token: d.token,
        consent: 'true',
      });
      assert.equal(again.body.statusCode, 400);

      // P4 / M2: both lists
      await adminChat(p, prov).say('resellers');
      const [resellers] = await p.h.connector.waitFor(1);
      assert.match(cardJson(resellers.card), new RegExp(res.legalName));
      assert.match(cardJson(resellers.card), /MPA signed/);
      await resChat.say('providers');
      const [providers] = await p.h.connector.waitFor(1);
      assert.match(cardJson(providers.card), /Fabrikam Distribution/);
      assert.match(cardJson(providers.card), /Korea/);
    });

    it('M2: the resellers list flags a reseller without the MPA, and pages with next/previous', async () => {
      const prov = await provider(p.w);
      const resellers = [];
      for (let i = 0; i < 11; i++) resellers.push(await reseller(p.w, { mpa: i !== 0 }));
      for (const r of resellers) {
        const d = await invite(prov, r.mpnId);
        const ok = await adminChat(p, r).invoke('partnership.authorize', { v: 1, token: d.token, consent: 'true' });
        assert.equal(ok.body.statusCode, 200);
      }
      const chat = adminChat(p, prov);
      await chat.say('resellers');
      const [first] = await p.h.connector.waitFor(1);
      const page1 = cardJson(first.card);
      assert.match(page1, /Page 1/);
      const next = actionsOf(first.card).find((a) => a.verb === 'partnership.list.page');
      assert.ok(next, 'a next button');
      const second = cardOf(await chat.invoke('partnership.list.page', next.data));
      assert.match(cardJson(second), /Page 2/);
      assert.match(
        cardJson(second),
        /MPA not signed/,
        'the oldest partnership, with the reseller that never signed, is on page 2',
      );
      const prev = actionsOf(second).find((a) => a.verb === 'partnership.list.page');
      assert.ok(prev);
      const back = cardOf(await chat.invoke('partnership.list.page', prev.data));
      assert.match(cardJson(back), /Page 1/);
      // a forged cursor is refused with a message, not a crash
      const forged = await chat.invoke('partnership.list.page', { v: 1, list: 'resellers', cursor: 'bogus', back: '' });
      assert.equal(forged.body.statusCode, 400);
    });

    it('P10: find provider searches by name, region and service; the request needs consent and reaches the provider through the outbox', async () => {
      const prov = await provider(p.w, { legalName: 'Northwind Cloud' });
      await listInDirectory(p.w, prov, ['azure', 'support']);
      const other = await provider(p.w, { legalName: 'Litware Systems' });
      await listInDirectory(p.w, other, ['m365']);
      const res = await reseller(p.w);
      const chat = adminChat(p, res);
      await chat.say('find provider northwind');
      const [card] = await p.h.connector.waitFor(1);
      assert.match(cardJson(card.card), /Northwind Cloud/);
      assert.doesNotMatch(cardJson(card.card), /Litware/);
      const byService = cardOf(
        await chat.invoke('directory.search', { v: 1, name: '', region: '', service: 'm365', cursor: '', back: '' }),
      );
      assert.match(cardJson(byService), /Litware/);
      assert.doesNotMatch(cardJson(byService), /Northwind/);
      const elsewhere = cardOf(
        await chat.invoke('directory.search', { v: 1, name: '', region: 'japan', service: '', cursor: '', back: '' }),
      );
      assert.match(cardJson(elsewhere), /No provider matches/);
      const badRegion = await chat.invoke('directory.search', { v: 1, region: 'atlantis' });
      assert.equal(badRegion.body.statusCode, 400);

      const noConsent = await chat.invoke('directory.request', {
        v: 1,
        providerId: prov.orgId,
        [`consent_${prov.orgId}`]: 'false',
      });
      assert.match(errorMessage(noConsent), /consent|box/i);
      const sent = await chat.invoke('directory.request', {
        v: 1,
        providerId: prov.orgId,
        [`consent_${prov.orgId}`]: 'true',
        [`message_${prov.orgId}`]: 'Hello from <b>us</b>',
      });
      assert.match(cardJson(cardOf(sent)), /Your request went to Northwind Cloud/);
      const rows = await p.w.store.read.outboxEvent.findMany({ where: { type: 'partnership.requested' } });
      assert.ok(
        rows.some((r) => r.targetOrgId === prov.orgId),
        'the provider (its channel) is told through the outbox',
      );
      assert.ok(
        rows.some((r) => r.userRef === `aad:${prov.admin.aadObjectId}`),
        'and its admin agent, in personal chat',
      );
      // the outbox renders it as the approval card
      const row = rows.find((r) => r.targetOrgId === prov.orgId)!;
      const activity = partnershipRenderer(
        { id: row.id, type: row.type, payload: JSON.parse(row.payload) as unknown, idempotencyKey: row.idempotencyKey },
        'en-US',
      );
      const rendered = activity.attachments?.[0]?.content as unknown;
      assert.deepEqual(
        actionsOf(rendered).map((a) => a.verb),
        ['partnership.approve', 'partnership.decline'],
      );
    });

    it('P10: two people deciding one request at once record exactly one decision; the other sees who decided; decline needs a reason', async () => {
      const prov = await provider(p.w);
      await listInDirectory(p.w, prov);
      const res = await reseller(p.w);
      await adminChat(p, res).invoke('directory.request', {
        v: 1,
        providerId: prov.orgId,
        [`consent_${prov.orgId}`]: 'true',
      });
      const req = await p.w.store.read.partnership.findFirstOrThrow({ where: { providerId: prov.orgId } });
      const second = await userWithRoles(p.w, prov, ['admin_agent'], 'Second Agent');
      await bind(p, second);
      const a = adminChat(p, prov);
      const b = chatOf(p, second);
      const noReason = await b.invoke('partnership.decline', { v: 1, partnershipId: req.id });
      assert.match(errorMessage(noReason), /reason/i);
      const [ra, rb] = await Promise.all([
        a.invoke('partnership.approve', { v: 1, partnershipId: req.id }),
        b.invoke('partnership.decline', { v: 1, partnershipId: req.id, reason: 'Not our market' }),
      ]);
      const cards = [cardOf(ra), cardOf(rb)].map(cardJson);
      const row = await p.w.store.read.partnership.findUniqueOrThrow({ where: { id: req.id } });
      assert.ok(row.state === 'active' || row.state === 'declined');
      const winner = row.state === 'active' ? prov.admin.name : 'Second Agent';
      assert.ok(
        cards.every((c) => c.includes(winner)),
        'both cards name the one who decided',
      );
      assert.equal(cards.filter((c) => c.includes('Someone else decided first')).length, 1, 'exactly one loser');
      const decisions = await p.w.store.read.auditEvent.count({
        where: { entityId: req.id, action: { in: ['partnership.approved', 'partnership.declined'] } },
      });
      assert.equal(decisions, 1);
      // someone outside the provider cannot decide or even see it
      const outsider = await adminChat(p, res).invoke('partnership.approve', { v: 1, partnershipId: req.id });
      assert.equal(outsider.body.statusCode, 400);
    });

    it('P7: either side asks to end; only a program administrator decides; both sides are told through the outbox', async () => {
      const prov = await provider(p.w);
      const res = await reseller(p.w);
      const d = await invite(prov, res.mpnId);
      await adminChat(p, res).invoke('partnership.authorize', { v: 1, token: d.token, consent: 'true' });
      const partnership = await p.w.store.read.partnership.findFirstOrThrow({ where: { providerId: prov.orgId } });
      const chat = adminChat(p, res);
      await chat.say('end partnership');
      const cards = await p.h.connector.waitFor(2);
      const end = cards.flatMap((c) => actionsOf(c.card)).find((a) => a.verb === 'partnership.end.request');
      assert.ok(end, 'an End partnership… action on the row');
      const r = await chat.invoke('partnership.end.request', {
        ...end.data,
        [`reason_${partnership.id}`]: 'We merged',
      });
      assert.match(cardJson(cardOf(r)), /went to the program administrator/);
      assert.equal(
        (await p.w.store.read.partnership.findUniqueOrThrow({ where: { id: partnership.id } })).state,
        'end_requested',
      );
      const toAdmins = await p.w.store.read.outboxEvent.findMany({
        where: { type: 'partnership.end_requested', userRef: `aad:${p.programAdminId}` },
      });
      assert.equal(toAdmins.length, 1);
      const rendered = partnershipRenderer(
        {
          id: toAdmins[0].id,
          type: toAdmins[0].type,
          payload: JSON.parse(toAdmins[0].payload) as unknown,
          idempotencyKey: toAdmins[0].idempotencyKey,
        },
        'ko-KR',
      );
      assert.deepEqual(
        actionsOf(rendered.attachments?.[0]?.content).map((a) => a.verb),
        ['partnership.end.approve', 'partnership.end.decline'],
      );

      // P7: not self-service: the provider's admin cannot decide
      const self = await adminChat(p, prov).invoke('partnership.end.approve', { v: 1, partnershipId: partnership.id });
      assert.match(errorMessage(self), /program administrator/i);
      const admin = p.h.user({ aadObjectId: p.programAdminId, name: 'Program Admin' });
      const [x, y] = await Promise.all([
        admin.invoke('partnership.end.approve', { v: 1, partnershipId: partnership.id }),
        admin
          .as({ aadObjectId: p.programAdminId, name: 'Program Admin' })
          .invoke('partnership.end.approve', { v: 1, partnershipId: partnership.id }),
      ]);
      assert.ok([x, y].every((o) => cardJson(cardOf(o)).includes('Ended by Program Admin')));
      assert.equal(
        (await p.w.store.read.partnership.findUniqueOrThrow({ where: { id: partnership.id } })).state,
        'ended',
      );
      const told = await p.w.store.read.outboxEvent.findMany({ where: { type: 'partnership.end_decided' } });
      assert.deepEqual(told.map((t) => t.targetOrgId).sort(), [prov.orgId, res.orgId].sort());
    });

    it('notify here: registers the team channel and says so; U3 refuses a sales agent; not offered in personal chat', async () => {
      const prov = await provider(p.w, { legalName: 'Contoso Distribution' });
      const channel = p.h.channel({
        aadObjectId: prov.admin.aadObjectId,
        tenantId: prov.tenantId,
        name: prov.admin.name,
        channelName: 'Partners',
      });
      await channel.say('notify here');
      const [reply] = await p.h.connector.waitFor(1);
      assert.match(reply.text ?? '', /This channel is now connected: notifications for Contoso Distribution/);
      const rows = await p.w.store.read.notificationChannel.findMany({ where: { orgId: prov.orgId } });
      assert.equal(rows.length, 1);
      assert.equal(rows[0].conversationId, channel.conversation.id);
      assert.equal(rows[0].active, true);
      await channel.say('notify here');
      const [again] = await p.h.connector.waitFor(1);
      assert.match(again.text ?? '', /already/);
      const sales = await userWithRoles(p.w, prov, ['sales_agent']);
      await bind(p, sales);
      await channel
        .as({ aadObjectId: sales.aadObjectId, name: sales.name })
        .say('여기로 알림', { extra: { locale: 'ko-KR' } });
      const [refused] = await p.h.connector.waitFor(1);
      assert.match(refused.text ?? '', /[\uac00-\ud7a3]/);
      assert.doesNotMatch(refused.text ?? '', /연결되었습니다/);
      await adminChat(p, prov).say('notify here');
      const [personal] = await p.h.connector.waitFor(1);
      assert.match(personal.text ?? '', /not available here/);
      // someone who is no partner user at all
      const stranger = await enrolledOrg(p.w, { types: ['indirect_reseller'] });
      void stranger;
    });
  });
});
