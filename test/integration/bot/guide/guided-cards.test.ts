import assert from 'node:assert/strict';
import { requestThroughDirectory } from '../../../../src/domain/directory/directory-request.js';
import { requestPartnership } from '../../../../src/domain/partnerships/request-partnership.js';
import { t } from '../../../../src/i18n/index.js';
import { formatDateTime } from '../../../../src/i18n/format/index.js';
import type { RecordedActivity } from '../../../support/connector.js';
import { actionsOf, cardJson, cardOf, cardText } from '../../../support/cards.js';
import { forEachDatabase } from '../../../support/db.js';
import type { Chat } from '../../../support/harness.js';
import { listInDirectory, partner, provider, reseller } from '../../../support/partners.js';
import { adminChat, startPWorld, type PWorld } from '../partnerships/support.js';

/** The command buttons (Action.Submit messageBack) of a card: label → the text Teams posts when clicked. */
function commandButtons(card: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      const back = (o.data as { msteams?: { type?: string; text?: string } } | undefined)?.msteams;
      if (o.type === 'Action.Submit' && back?.type === 'messageBack' && typeof o.title === 'string')
        out.set(o.title, back.text ?? '');
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/**
 * Guided cards (issue 14 item 4), P3 from the providers list, and item 6 for the directory approval card, through
 * the real server and the recording connector, in en-US and ko-KR.
 */
describe('guided cards, P3 and decisions in chat (issue 14 items 4 and 6)', function () {
  this.timeout(90_000);
  forEachDatabase('guided cards', (db) => {
    let p: PWorld;
    beforeEach(async () => {
      p = await startPWorld(db.kind);
    });
    afterEach(async () => {
      await p.close();
    });

    async function say(chat: Chat, text: string, replies = 1): Promise<RecordedActivity[]> {
      const r = await chat.say(text);
      assert.ok(r.status < 300, `bot answered ${String(r.status)}`);
      return p.h.connector.waitFor(replies);
    }

    /** Clicks a command button as Teams does (messageBack: the button's text posted as the person's message). */
    async function click(chat: Chat, card: unknown, label: string, replies = 1): Promise<RecordedActivity[]> {
      const text = commandButtons(card).get(label);
      assert.ok(text, `no button "${label}" among ${[...commandButtons(card).keys()].join(', ')}`);
      const r = await chat.say(text, { extra: { value: {} } });
      assert.ok(r.status < 300);
      return p.h.connector.waitFor(replies);
    }

    it('E8/P10/C2: help shows a reseller what it can do now, each a button that runs its command; "All commands" lists the rest', async () => {
      const res = await reseller(p.w, { legalName: 'Adatum Resellers' });
      const chat = adminChat(p, res);
      const [help] = await say(chat, 'help');
      assert.equal(cardText(help.card).split('\n')[0], t('en-US', 'guide.title'));
      const buttons = commandButtons(help.card);
      for (const name of ['find provider', 'invite customer', 'providers', 'users', 'add user'])
        assert.ok(buttons.has(name), `${name} in ${[...buttons.keys()].join(', ')}`);
      assert.ok(!buttons.has('invite reseller') && !buttons.has('enroll') && !buttons.has('sign agreement'));
      const [directory] = await click(chat, help.card, 'find provider');
      assert.match(cardText(directory.card), /Provider directory|directory/i);

      const all = actionsOf(help.card).find((a) => a.title === t('en-US', 'guide.all'));
      assert.ok(all, 'an "All commands" button');
      const full = cardText(cardOf(await chat.invoke(all.verb, all.data)));
      assert.match(full, /\*\*invite reseller\*\*/);
    });

    it('E1/P10: the welcome card offers what this person can do now: enroll for a newcomer, the reseller steps for a reseller', async () => {
      const newcomer = p.h.user({ locale: 'ko-KR' });
      await newcomer.install();
      const [hello] = await p.h.connector.waitFor(1);
      assert.deepEqual([...commandButtons(hello.card).keys()], ['등록']);
      assert.ok(actionsOf(hello.card).some((a) => a.title === t('ko-KR', 'guide.all')));
      const res = await reseller(p.w);
      await adminChat(p, res).install();
      const [welcome] = await p.h.connector.waitFor(1);
      const buttons = [...commandButtons(welcome.card).keys()];
      assert.ok(buttons.includes('find provider') && buttons.includes('invite customer'), buttons.join(', '));
    });

    it('E8/M1/P1: ko-KR help and status name the Korean commands first; a provider without the MPA is offered 계약 서명 and 재판매인 초대', async () => {
      const prov = await provider(p.w, { mpa: false });
      const chat = adminChat(p, prov, 'ko-KR');
      const [help] = await say(chat, '도움말');
      const buttons = commandButtons(help.card);
      for (const name of ['계약 서명', '재판매인 초대', '간접 재판매인', '고객 추가', '파트너 관계 요청'])
        assert.ok(buttons.has(name), `${name} in ${[...buttons.keys()].join(', ')}`);
      assert.ok(!buttons.has('공급자 찾기'), 'a provider is not offered find provider');
      const all = actionsOf(help.card).find((a) => a.title === t('ko-KR', 'guide.all'));
      assert.ok(all);
      const full = cardText(cardOf(await chat.invoke(all.verb, all.data)));
      assert.match(full, /\*\*도움말\*\*/);
      assert.match(full, /다른 이름: help/);

      const [status] = await say(chat, '상태');
      const next = commandButtons(status.card);
      assert.ok(next.has('계약 서명') && next.has('재판매인 초대'), [...next.keys()].join(', '));
      assert.ok(!next.has('상태'), 'status does not offer itself');
      const [mpa] = await click(chat, status.card, '계약 서명');
      assert.ok(mpa.card, 'the MPA card');
    });

    it('P1/P10/C2/S1: a command for the other partner type refuses at once with the reason, before any form (en-US and ko-KR)', async () => {
      const prov = await provider(p.w, { legalName: 'Northwind Cloud' });
      const res = await reseller(p.w, { legalName: 'Adatum Resellers' });
      const pChat = adminChat(p, prov);
      const rChat = adminChat(p, res, 'ko-KR');
      for (const text of ['find provider', 'invite customer']) {
        const [reply] = await say(pChat, text);
        assert.equal(reply.card, undefined, `${text}: no form`);
        assert.equal(reply.text, t('en-US', 'error.NOT_INDIRECT_RESELLER', { org: 'Northwind Cloud' }));
      }
      for (const text of ['재판매인 초대', '고객 추가']) {
        const [reply] = await say(rChat, text);
        assert.equal(reply.card, undefined, `${text}: no form`);
        assert.equal(reply.text, t('ko-KR', 'error.NOT_INDIRECT_PROVIDER', { org: 'Adatum Resellers' }));
      }
      const [form] = await say(pChat, 'invite reseller');
      assert.ok(form.card, 'the provider gets its form');
    });

    it('P2: authorize takes the link exactly as pasted: in angle brackets, as Teams sends it (<a href>), or its token', async () => {
      const prov = await provider(p.w, { legalName: 'Northwind Cloud' });
      const res = await reseller(p.w);
      const draft = await requestPartnership(p.w.ctx, prov.admin, { resellerMpnId: res.mpnId });
      p.h.connector.reset();
      const chat = adminChat(p, res);
      const token = draft.link.slice(draft.link.lastIndexOf('/') + 1);
      for (const pasted of [
        `<${draft.link}>`,
        `<a href="${draft.link}">${draft.link}</a>`,
        `please see [the link](${draft.link}).`,
        token,
      ]) {
        const [card] = await say(chat, `authorize ${pasted}`);
        assert.ok(
          actionsOf(card.card).some((a) => a.verb === 'partnership.authorize'),
          `${pasted}: ${card.text ?? ''}`,
        );
      }
      const [bad] = await say(chat, 'authorize https://bot.example.test/invite/nope');
      assert.equal(bad.text, t('en-US', 'error.TOKEN_INVALID'));
    });

    it('P3: from the providers list the reseller withdraws the admin access after confirming, and restores it; the partnership stays', async () => {
      const prov = await provider(p.w, { legalName: 'Northwind Cloud' });
      const res = await reseller(p.w);
      const id = await partner(p.w, prov, res);
      const chat = adminChat(p, res, 'ko-KR');
      const [list] = await say(chat, '간접 공급자');
      assert.ok(cardText(list.card).includes(t('ko-KR', 'plist.withdrawAdmin')), 'the row offers it');
      assert.ok(cardText(list.card).includes('Northwind Cloud'));
      // the withdraw button sits inside the confirmation (an Action.ShowCard), never on the row itself
      assert.match(cardJson(list.card), /"Action.ShowCard","title":"관리자 액세스 제거"/);
      const withdraw = actionsOf(list.card).find((a) => a.verb === 'partnership.admin.withdraw');
      assert.ok(withdraw);
      const after = cardOf(await chat.invoke(withdraw.verb, withdraw.data));
      assert.ok(cardText(after).includes(t('ko-KR', 'plist.adminWithdrawnNotice', { provider: 'Northwind Cloud' })));
      const row = await p.w.store.read.partnership.findUniqueOrThrow({ where: { id } });
      assert.ok(row.adminAccessWithdrawnAt);
      assert.equal(row.state, 'active');
      const restore = actionsOf(after).find((a) => a.verb === 'partnership.admin.restore');
      assert.ok(restore, 'a withdrawn row offers Restore');
      assert.ok(!actionsOf(after).some((a) => a.verb === 'partnership.admin.withdraw'));
      const restored = cardOf(await chat.invoke(restore.verb, restore.data));
      assert.ok(cardText(restored).includes(t('ko-KR', 'plist.adminRestoredNotice', { provider: 'Northwind Cloud' })));
      assert.equal(
        (await p.w.store.read.partnership.findUniqueOrThrow({ where: { id } })).adminAccessWithdrawnAt,
        null,
      );
      // U3: the provider cannot press the reseller's button
      const refused = await adminChat(p, prov).invoke(restore.verb, restore.data);
      assert.equal(refused.body.statusCode, 400);
    });

    it('P10/item 6: the approval card refreshes for the deciders by Teams id; whoever approved sees "you approved this on" in their time zone', async () => {
      const prov = await provider(p.w);
      await listInDirectory(p.w, prov);
      const res = await reseller(p.w, { legalName: 'Adatum Resellers' });
      const req = await requestThroughDirectory(p.w.ctx, res.admin, { providerId: prov.orgId, consent: true });
      const chat = adminChat(p, prov);
      const [, card] = await say(chat, 'requests', 2);
      const ids = (card.card as { refresh: { userIds: string[] } }).refresh.userIds;
      assert.deepEqual(ids, [chat.user.id], 'the Teams id (29:...), not the Entra object id');
      assert.ok(ids.every((i) => i.startsWith('29:') && i !== prov.admin.aadObjectId));
      const approve = actionsOf(card.card).find((a) => a.verb === 'partnership.approve');
      assert.ok(approve);
      await chat.invoke(approve.verb, approve.data);
      const seoul = { entities: [{ type: 'clientInfo', locale: 'ko-KR', timezone: 'Asia/Seoul' }], locale: 'ko-KR' };
      const refreshed = await chat.invoke(
        'partnership.request.refresh',
        { v: 1, partnershipId: req.partnershipId },
        seoul,
      );
      const row = await p.w.store.read.partnership.findUniqueOrThrow({ where: { id: req.partnershipId } });
      assert.equal(row.state, 'active');
      const at = formatDateTime(row.decidedAt!, { locale: 'ko-KR', timeZone: 'Asia/Seoul' });
      // (a line that starts with "2026." is shown escaped, so Teams does not read it as a list)
      const shown = cardText(cardOf(refreshed)).replace(/\\/g, '');
      assert.ok(shown.includes(t('ko-KR', 'papprove.youApproved', { at })), `in Seoul time: ${shown}`);
      // the reseller looking at the same request is not told "you approved"
      const theirs = await adminChat(p, res).invoke('partnership.request.refresh', {
        v: 1,
        partnershipId: req.partnershipId,
      });
      assert.doesNotMatch(cardText(cardOf(theirs)), /You approved this/);
    });
  });
});
