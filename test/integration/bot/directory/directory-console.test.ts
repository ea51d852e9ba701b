import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { forEachDatabase } from '../../../support/db.js';
import { makeWorld, userWithRoles, type World } from '../../../support/fixtures.js';
import { provider, reseller } from '../../../support/partners.js';
import { actionsOf, cardJson, cardOf, cardText, errorMessage, inputValue } from '../../../support/cards.js';
import { startHarness, type Chat, type Harness } from '../../../support/harness.js';
import type { Actor } from '../../../../src/domain/shared/context.js';
import { ConversationRefs } from '../../../../src/bot/conversation-refs.js';
import { ReviewNotifier } from '../../../../src/bot/enrollment/review-notifier.js';
import { changeCard } from '../../../../src/bot/directory/cards.js';
import { readChangeRequest } from '../../../../src/domain/directory/listings.js';
import { requestListingChange } from '../../../../src/domain/directory/own-listing.js';
import { createLogger } from '../../../../src/log.js';

/**
 * Issue 14, P10 and U4 in Teams, through the real server, the recording connector and the notification
 * worker: the program administrator's `listings` console, a provider's `listing` change request and its
 * decision (told to the requester in its personal chat), and the `profile` card.
 */
interface DWorld {
  readonly h: Harness;
  readonly w: World;
  readonly adminId: string;
  readonly secondAdminId: string;
}

async function start(storage: 'sqlite' | 'postgres'): Promise<DWorld> {
  const adminId = randomUUID();
  const secondAdminId = randomUUID();
  const h = await startHarness({
    storage,
    notifications: true,
    env: { PROGRAM_ADMINS: `${adminId},${secondAdminId}`, PUBLIC_BASE_URL: 'https://bot.example.test' },
  });
  if (!h.database) throw new Error('harness without a database');
  const w = makeWorld(h.database, { publicBaseUrl: 'https://bot.example.test' });
  w.clock.set(new Date());
  return { h, w, adminId, secondAdminId };
}

function chatOf(d: DWorld, actor: Actor, locale = 'en-US'): Chat {
  return d.h.user({ aadObjectId: actor.aadObjectId, tenantId: actor.tenantId, name: actor.name, locale });
}

function adminChat(d: DWorld, locale = 'en-US', second = false): Chat {
  return d.h.user({
    aadObjectId: second ? d.secondAdminId : d.adminId,
    name: second ? 'Second Admin' : 'Program Admin',
    locale,
  });
}

async function bind(d: DWorld, actor: Actor): Promise<void> {
  await d.w.store.read.user.updateMany({
    where: { emailLower: actor.email!.toLowerCase() },
    data: { aadObjectId: actor.aadObjectId },
  });
}

const form = {
  v: 1,
  displayName: 'Northwind Cloud Korea',
  regions: 'korea,japan',
  services: 'azure, m365',
  summary: 'Azure for resellers',
  contactEmail: 'partners@northwind.example',
  contactPhone: '+82 2 555 0100',
  website: 'https://northwind.example',
};

describe('the provider directory console and change requests (P10, U4 in chat)', function () {
  this.timeout(60_000);
  forEachDatabase('directory console', (db) => {
    let d: DWorld;
    beforeEach(async () => {
      d = await start(db.kind);
    });
    afterEach(async () => {
      await d.h.close();
    });

    it('P10: the administrator lists, creates (from a pick of enrolled providers), edits, withdraws and restores; find provider sees each change at once', async () => {
      const prov = await provider(d.w, { legalName: 'Northwind Traders Ltd.' });
      const res = await reseller(d.w);
      const admin = adminChat(d);
      await admin.say('listings');
      const [first] = await d.h.connector.waitFor(1);
      assert.match(cardText(first.card), /No provider is listed yet/);
      const pick = actionsOf(first.card).find((a) => a.verb === 'listing.new');
      assert.ok(pick, 'a New listing button');
      assert.match(cardJson(first.card), /"style":"filtered"/, 'the provider pick is a filtered ChoiceSet');
      assert.match(cardJson(first.card), /Northwind Traders Ltd\./);

      const opened = await admin.invoke('listing.new', { v: 1, orgId: prov.orgId });
      const formCard = cardOf(opened);
      assert.equal(inputValue(formCard, 'displayName'), 'Northwind Traders Ltd.', 'starts from the legal name');

      // bad input: a localized notice on the form, answers kept, nothing written
      const bad = await admin.invoke('listing.save', { ...form, orgId: prov.orgId, contactEmail: 'nope', regions: '' });
      assert.match(cardText(cardOf(bad)), /Please check the form: regions served .*contact e-mail/);
      assert.equal(inputValue(cardOf(bad), 'displayName'), 'Northwind Cloud Korea');
      assert.equal(await d.w.store.read.directoryProfile.count(), 0);

      const saved = await admin.invoke('listing.save', { ...form, orgId: prov.orgId });
      assert.match(cardText(cardOf(saved)), /The listing of Northwind Cloud Korea was created/);
      assert.match(cardText(cardOf(saved)), /Regions served: Korea, Republic of; Japan/);

      const resChat = chatOf(d, res.admin);
      await resChat.say('find provider');
      const [found] = await d.h.connector.waitFor(1);
      assert.match(cardText(found.card), /Northwind Cloud Korea/);
      assert.match(cardText(found.card), /Korea, Republic of; Japan/);

      const withdraw = actionsOf(cardOf(saved)).find((a) => a.verb === 'listing.withdraw');
      assert.ok(withdraw);
      const off = await admin.invoke(withdraw.verb, withdraw.data);
      assert.match(cardText(cardOf(off)), /was withdrawn from the directory/);
      assert.match(cardText(cardOf(off)), /Status: Withdrawn/);
      await resChat.say('find provider');
      const [none] = await d.h.connector.waitFor(1);
      assert.doesNotMatch(cardText(none.card), /Northwind Cloud Korea/);

      const restore = actionsOf(cardOf(off)).find((a) => a.verb === 'listing.restore');
      assert.ok(restore);
      await admin.invoke(restore.verb, restore.data);
      const edit = await admin.invoke('listing.edit', { v: 1, orgId: prov.orgId });
      assert.match(cardText(cardOf(edit)), /Edit the directory listing/);
      await admin.invoke('listing.save', { ...form, orgId: prov.orgId, displayName: 'Northwind Seoul' });
      await resChat.say('find provider');
      const [again] = await d.h.connector.waitFor(1);
      assert.match(cardText(again.card), /Northwind Seoul/);
      assert.equal(
        await d.w.store.read.auditEvent.count({ where: { action: { startsWith: 'directory.' } } }),
        4,
        'created, withdrawn, restored, edited: all audited',
      );
    });

    it('P10/ko-KR: 디렉터리 관리 shows the console in Korean, also in a team channel', async () => {
      await provider(d.w);
      await adminChat(d, 'ko-KR').say('디렉터리 관리');
      const [card] = await d.h.connector.waitFor(1);
      assert.match(cardText(card.card), /공급자 디렉터리/);
      assert.match(cardText(card.card), /새 디렉터리 항목/);
      const channel = d.h.channel({ aadObjectId: d.adminId, name: 'Program Admin', locale: 'en-US' });
      await channel.say('listings', { mention: true });
      const [inChannel] = await d.h.connector.waitFor(1);
      assert.match(cardText(inChannel.card), /Provider directory/);
    });

    it('U3: a partner user is refused the console, a sales agent its own listing, a reseller the listing command', async () => {
      const prov = await provider(d.w);
      const provChat = chatOf(d, prov.admin);
      await provChat.say('listings');
      const [refused] = await d.h.connector.waitFor(1);
      assert.match(refused.text ?? '', /program administrator/i);
      const forged = await provChat.invoke('listing.save', { ...form, orgId: prov.orgId });
      assert.equal(forged.body.statusCode, 400);
      assert.match(errorMessage(forged), /program administrator/i);
      const sales = await userWithRoles(d.w, prov, ['sales_agent']);
      await bind(d, sales);
      await chatOf(d, sales).say('listing');
      const [noRole] = await d.h.connector.waitFor(1);
      assert.match(noRole.text ?? '', /global admin/i);
      const res = await reseller(d.w);
      await chatOf(d, res.admin).say('listing');
      const [notProvider] = await d.h.connector.waitFor(1);
      assert.match(notProvider.text ?? '', /not enrolled as an indirect provider/);
      assert.equal(await d.w.store.read.directoryProfile.count(), 0);
    });

    it('P10: a provider asks for a change; administrators get the card in personal chat; one approves; the requester is told in its chat; a second administrator sees who decided', async () => {
      const prov = await provider(d.w, { legalName: 'Fabrikam Ltd.' });
      const admin = adminChat(d);
      const second = adminChat(d, 'en-US', true);
      await admin.say('help');
      await second.say('help');
      await d.h.connector.waitFor(2);

      const provChat = chatOf(d, prov.admin);
      await provChat.say('listing');
      const [own] = await d.h.connector.waitFor(1);
      assert.match(cardText(own.card), /no directory listing yet/);
      assert.equal(inputValue(own.card, 'displayName'), 'Fabrikam Ltd.');

      const bad = await provChat.invoke('listing.request', { ...form, website: 'ftp://x' });
      assert.match(cardText(cardOf(bad)), /Please check the form: website/);
      assert.equal(await d.w.store.read.directoryChangeRequest.count(), 0);

      const sent = await provChat.invoke('listing.request', { ...form, displayName: 'Fabrikam Cloud' });
      assert.match(cardText(cardOf(sent)), /went to the program administrator/);
      assert.equal(await d.w.store.read.directoryProfile.count(), 0, 'nothing listed before approval');

      const cards = await d.h.connector.waitFor(2, { timeoutMs: 15_000 });
      const toAdmin = cards.find((c) => c.conversationId === admin.conversation.id);
      assert.ok(toAdmin, 'the card reached the first administrator’s chat');
      assert.ok(
        cards.some((c) => c.conversationId === second.conversation.id),
        'and the second’s',
      );
      assert.match(cardText(toAdmin.card), /Fabrikam Cloud/);
      const approve = actionsOf(toAdmin.card).find((a) => a.verb === 'listing.change.approve');
      assert.ok(approve);

      // every administrator's copy refreshes (Teams user ids, from their personal chats)
      const pendingCard = cardOf(await second.invoke('listing.change.show', approve.data));
      const ids = (pendingCard.refresh as { userIds: string[] }).userIds;
      assert.ok(ids.includes(admin.user.id) && ids.includes(second.user.id), JSON.stringify(ids));

      const decided = await admin.invoke(approve.verb, approve.data);
      assert.match(cardText(cardOf(decided)), /You approved this on/);
      assert.equal(cardOf(decided).refresh, undefined, 'a decided card asks for no refresh');
      const told = await d.h.connector.waitFor(1, { timeoutMs: 15_000 });
      const notice = told.find((a) => a.conversationId === provChat.conversation.id);
      assert.ok(notice, 'the requester is told in its personal chat');
      assert.match(notice.text ?? '', /Fabrikam Ltd\..*approved by Program Admin/);

      const late = await second.invoke('listing.change.decline', { ...approve.data, reason: 'no' });
      assert.equal(late.body.statusCode, 200);
      assert.match(cardText(cardOf(late)), /Approved by Program Admin on/);
      assert.match(cardText(cardOf(late)), /already decided this request/);
      const row = await d.w.store.read.directoryProfile.findUniqueOrThrow({ where: { orgId: prov.orgId } });
      assert.equal(row.displayName, 'Fabrikam Cloud');
      // the provider's own card now shows the listing and the last decision
      await provChat.say('listing');
      const [after] = await d.h.connector.waitFor(1);
      assert.match(cardText(after.card), /Your last request was approved by Program Admin on/);
      assert.match(cardText(after.card), /Your listing now/);

      // the refresh shows the decided state to whoever looks
      const refreshed = await second.invoke('listing.change.refresh', { v: 1, requestId: approve.data.requestId });
      assert.doesNotMatch(cardJson(cardOf(refreshed)), /listing\.change\.approve/);
    });

    it('P10: with a program channel configured, the change card is posted there too, with Approve / Decline', async () => {
      const prov = await provider(d.w, { legalName: 'Channel Test Ltd.' });
      const r = await requestListingChange(d.w.ctx, prov.admin, {
        displayName: 'Channel Cloud',
        regions: ['korea'],
        services: ['azure'],
      });
      const channelId = `19:program-${randomUUID()}@thread.tacv2`;
      const config = {
        ...d.h.config,
        PROGRAM_CHANNEL_ID: channelId,
        PROGRAM_CHANNEL_SERVICE_URL: `${d.h.connector.url}/`,
      };
      const notifier = new ReviewNotifier(
        d.h.server.adapter,
        config,
        d.w.ctx,
        new ConversationRefs(d.h.storage),
        createLogger('silent'),
      );
      const req = await readChangeRequest(d.w.store.read, r.requestId);
      assert.ok(req);
      await notifier.postCardToProgramChannel((locale) => changeCard({ locale }, req, null), r.requestId);
      const [posted] = await d.h.connector.waitFor(1);
      assert.equal(posted.conversationId, channelId);
      assert.match(cardText(posted.card), /Channel Cloud/);
      assert.ok(actionsOf(posted.card).some((a) => a.verb === 'listing.change.approve'));
    });

    it('U4: the business-profile admin edits the profile from a card and sends the contact to the listing as a P10 request', async () => {
      const prov = await provider(d.w);
      const bpa = await userWithRoles(d.w, prov, ['business_profile_admin']);
      await bind(d, bpa);
      const chat = chatOf(d, bpa, 'ko-KR');
      await chat.say('비즈니스 프로필');
      const [card] = await d.h.connector.waitFor(1);
      assert.match(cardText(card.card), /비즈니스 프로필/);
      assert.ok(actionsOf(card.card).some((a) => a.verb === 'profile.save'));
      assert.match(cardJson(card.card), /toDirectory/, 'a provider is offered the listing');

      const bad = await chat.invoke('profile.save', { v: 1, line1: '', city: '', postalCode: '' });
      assert.match(cardText(cardOf(bad)), /양식을 확인하세요/);

      const ok = await chat.invoke('profile.save', {
        v: 1,
        line1: '1 New Street',
        city: 'Seoul',
        postalCode: '04524',
        supportEmail: 'help@contoso.example',
        supportPhone: '+82 2 555 0199',
        supportWebsite: 'https://help.contoso.example',
        toDirectory: 'true',
      });
      assert.match(cardText(cardOf(ok)), /비즈니스 프로필을 저장했습니다/);
      assert.match(cardText(cardOf(ok)), /프로그램 관리자에게 보냈습니다/);
      const req = await d.w.store.read.directoryChangeRequest.findFirstOrThrow({ where: { orgId: prov.orgId } });
      assert.equal(req.contactEmail, 'help@contoso.example');
      const org = await d.w.store.read.organization.findUniqueOrThrow({ where: { id: prov.orgId } });
      assert.equal(org.addressLine1, '1 New Street');

      const sales = await userWithRoles(d.w, prov, ['sales_agent']);
      await bind(d, sales);
      await chatOf(d, sales).say('profile');
      const [refused] = await d.h.connector.waitFor(1);
      assert.match(refused.text ?? '', /business profile admin/i);
    });
  });
});
