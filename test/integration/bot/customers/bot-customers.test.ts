/**
 * Issue 6 bot flows through the real server (harness): invite customer → draft (link must stay) →
 * invitations with revoke; the add-customer wizard (state survives a restart; S2 password once);
 * customers list → customer card → subscription, partner of record (M2), support contact (S5);
 * removal with attestation (C6). Bad input and role refusals included. Runs on SQLite and, with
 * TEST_DATABASE_URL (npm run test:pg), on PostgreSQL as well.
 */
import assert from 'node:assert/strict';
import { addCustomerForReseller } from '../../../../src/domain/customers/add-customer-for-reseller.js';
import { respondToCustomerInvitation } from '../../../../src/domain/customers/respond-customer-invitation.js';
import { customerVerbs as cv } from '../../../../src/bot/customers/verbs.js';
import { t } from '../../../../src/i18n/index.js';
import { listCustomers } from '../../../../src/domain/customers/customer-list.js';
import { actionData, cardJson, cardOf, inputValue } from '../../../support/cards.js';
import {
  anything,
  card,
  not,
  play,
  press,
  refused,
  type ActionData,
  type CardShape,
  type Part,
} from '../../../support/conversation.js';
import { forEachDatabase } from '../../../support/db.js';
import { startHarness, type Chat, type Harness } from '../../../support/harness.js';
import { makeWorld, userWithRoles, type EnrolledOrg, type World } from '../../../support/fixtures.js';
import {
  customerActor,
  customerDetails,
  partner,
  provider,
  reseller,
  seedOffers,
  tokenOf,
} from '../../../support/partners.js';

/** A card whose texts and data (the whole JSON) show every part. */
const shows = (...parts: Part[]) => card({ json: parts });
/** The wizard's first card, with `resellerId` chosen. */
const preselects = (resellerId: string): CardShape => ({
  check: (c) => assert.equal(inputValue(c, 'resellerId'), resellerId),
});

forEachDatabase('issue 6 in Teams: customers, invitations, subscriptions (harness)', (db) => {
  let h: Harness;
  let w: World;
  let p: EnrolledOrg;
  let r: EnrolledOrg;
  let rChat: Chat;
  let pChat: Chat;

  beforeEach(async () => {
    h = await startHarness({ storage: db.kind });
    w = makeWorld(h.database!, { now: () => new Date(), publicBaseUrl: h.config.PUBLIC_BASE_URL });
    await seedOffers(w);
    p = await provider(w);
    r = await reseller(w);
    await partner(w, p, r);
    rChat = h.user({ aadObjectId: r.admin.aadObjectId, tenantId: r.tenantId, name: r.admin.name });
    pChat = h.user({ aadObjectId: p.admin.aadObjectId, tenantId: p.tenantId, name: p.admin.name });
  });
  afterEach(async () => {
    await h.close();
  });

  it('C2/C3: invite customer → editable draft with the link; dropping the link is refused; acceptance lists the customer', async () => {
    let link = '';
    let save: ActionData = {};
    await play(h, rChat, [
      { user: 'invite customer', bot: shows(new RegExp(p.legalName)), why: 'the provider is offered (C3)' },
      {
        user: press(cv.customerInviteCreate, { v: 1, toEmail: 'it@fabrikam.example', providerId: p.orgId }),
        bot: shows(p.legalName),
      },
      {
        user: press(cv.customerInviteSave, (draft) => {
          link =
            String(inputValue(draft.card, 'message')).match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)?.[0] ?? '';
          assert.ok(link, 'the draft holds the link');
          save = actionData(draft.card, t('en-US', 'cinvite.draft.save'));
          return { ...save, message: 'Please accept (no link)' };
        }),
        bot: shows(/personalized link|link/i, t('en-US', 'error.LINK_MISSING').slice(0, 20)),
      },
      {
        user: press(cv.customerInviteSave, () => ({ ...save, message: `Dear Fabrikam, please accept: ${link}` })),
        bot: shows(t('en-US', 'cinvite.draft.saved')),
      },
      {
        meanwhile: () =>
          respondToCustomerInvitation(w.ctx, customerActor(), {
            token: tokenOf(link),
            decision: 'accept',
            consent: true,
            customer: customerDetails(),
          }),
        by: pChat,
        user: 'customers',
        bot: shows(/Fabrikam/),
        why: 'the customer accepted on the invitation page',
      },
    ]);
    // both were told through the outbox (channel delivery is the notify worker's)
    assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'customer.invitation_accepted' } }), 2);
  });

  it('invitations lists pending ones and revokes; a sales agent of another org cannot revoke', async () => {
    const stranger = await userWithRoles(w, p, ['sales_agent']);
    await listCustomers(w.ctx, stranger);
    const sChat = h.user({ aadObjectId: stranger.aadObjectId, tenantId: stranger.tenantId });
    let revoke: ActionData = {};
    await play(h, rChat, [
      { user: press(cv.customerInviteCreate, { v: 1, toEmail: '', providerId: '' }), bot: shows('/invite/') },
      { user: 'invitations' },
      {
        by: sChat,
        user: press(cv.invitationRevoke, (list) => (revoke = actionData(list.card, t('en-US', 'cinvites.revoke')))),
        bot: refused(),
      },
      {
        user: press(cv.invitationRevoke, () => revoke),
        bot: shows(t('en-US', 'cinvites.revoked'), t('en-US', 'cinvites.empty')),
      },
      { user: press(cv.invitationRevoke, { v: 1 }), bot: refused(), why: 'bad data: no invitation id' },
    ]);
  });

  it('U3: a helpdesk agent is refused invite customer with the roles that would do', async () => {
    const helpdesk = await userWithRoles(w, r, ['helpdesk_agent']);
    // the added user is linked to a Teams identity on first use (by email), as when they first sign in
    await listCustomers(w.ctx, helpdesk).catch(() => undefined);
    await play(h, h.user({ aadObjectId: helpdesk.aadObjectId, tenantId: helpdesk.tenantId }), [
      {
        user: press(cv.customerInviteCreate, { v: 1, toEmail: '', providerId: '' }),
        bot: refused(/Global admin|admin agent|Sales agent/i),
      },
      { user: 'customers', bot: /role/i },
    ]);
  });

  it('S1/S2: add customer wizard survives a restart; bad input comes back; the password is shown once; cancel creates nothing', async () => {
    const details = (name: string, domainPrefix: string) => ({
      v: 1,
      resellerId: r.orgId,
      name,
      domainPrefix,
      country: 'KR',
    });
    let submit: ActionData = {};
    await play(h, pChat, [
      { user: 'add customer', bot: card(preselects(r.orgId)), why: 'the only partnered reseller is chosen' },
      { user: press(cv.customerAddNext, details('Fabrikam', 'x')), bot: shows(/domainPrefix/) },
      { user: press(cv.customerAddNext, details('Fabrikam <b>', 'fabrikam-s1')), bot: shows(/Microsoft 365 E3/) },
      { meanwhile: () => h.restart(), why: 'wizard state is in ConversationState (PrismaStorage)' },
      {
        user: press(cv.customerAddReview, { v: 1, 'qty_m365-e3': '0' }),
        bot: shows(t('en-US', 'cadd.offers.needOne')),
      },
      { user: press(cv.customerAddReview, { v: 1, 'qty_m365-business-basic': '301' }), bot: shows(/1.*300/) },
      {
        user: press(cv.customerAddReview, { v: 1, 'qty_m365-e3': '25', 'qty_m365-business-basic': '' }),
        bot: shows(/fabrikam-s1\.onmicrosoft\.com/),
      },
      {
        meanwhile: async () => assert.equal(await w.store.read.customer.count(), 0, 'nothing before submit'),
        user: press(cv.customerAddSubmit, (review) => (submit = actionData(review.card, t('en-US', 'cadd.submit')))),
        bot: shows('admin@fabrikam-s1.onmicrosoft.com', t('en-US', 'cadd.done.warning')),
      },
      {
        user: press(cv.customerAddSubmit, () => submit),
        bot: shows(not(t('en-US', 'cadd.done.password'))),
        why: 'the same submit again: the wizard is over; no second customer, no password',
      },
    ]);
    const customer = await w.store.read.customer.findUnique({ where: { domain: 'fabrikam-s1.onmicrosoft.com' } });
    assert.ok(customer);
    assert.equal(
      await w.store.read.subscription.count({ where: { customerId: customer.id, partnerOfRecordId: r.orgId } }),
      1,
    );
    assert.equal(await w.store.read.customer.count(), 1);

    await play(h, pChat, [
      { user: 'add customer' },
      { user: press(cv.customerAddNext, details('Northwind', 'northwind-s1')) },
      { user: press(cv.customerAddCancel, { v: 1 }), bot: shows(t('en-US', 'cadd.cancelled')) },
      {
        user: press(cv.customerAddReview, { v: 1, 'qty_m365-e3': '5' }),
        bot: shows(t('en-US', 'cadd.expired').slice(0, 30)),
      },
    ]);
    assert.equal(await w.store.read.customer.count(), 1);
  });

  it('S1: a reseller (not a provider) is refused before any form; the wizard refuses a non-partnered reseller', async () => {
    const other = await reseller(w);
    await play(h, pChat, [
      { by: rChat, user: 'add customer', bot: /is not enrolled as an indirect provider/ },
      { by: pChat, user: 'add customer', bot: anything },
      {
        user: press(cv.customerAddNext, {
          v: 1,
          resellerId: other.orgId,
          name: 'X',
          domainPrefix: 'xyz-s1',
          country: 'KR',
        }),
        bot: shows(t('en-US', 'error.PARTNERSHIP_REQUIRED').slice(0, 25)),
      },
    ]);
  });

  it('S4/M2/S5/C6: customers filter → card → subscription, partner of record (M2 refusal), support contact, removal with attestation', async () => {
    const unsigned = await reseller(w, { mpa: false, legalName: 'Unsigned Reseller' });
    await partner(w, p, unsigned);
    // a customer invited by r together with p
    const draft = cardOf(await rChat.invoke(cv.customerInviteCreate, { v: 1, toEmail: '', providerId: p.orgId }));
    const link = String(inputValue(draft, 'message')).match(/\/invite\/([A-Za-z0-9_-]{43})/)![1];
    const accepted = await respondToCustomerInvitation(w.ctx, customerActor(), {
      token: link,
      decision: 'accept',
      consent: true,
      customer: customerDetails(),
    });

    const filtered = cardOf(await pChat.invoke(cv.customersPage, { v: 1, resellerId: unsigned.orgId }));
    assert.ok(cardJson(filtered).includes(t('en-US', 'clist.empty')));
    const list = cardOf(await pChat.invoke(cv.customersPage, { v: 1, resellerId: r.orgId }));
    const open = actionData(list, t('en-US', 'clist.open'));
    assert.equal(open.customerId, accepted.customerId);
    const card = cardOf(await pChat.invoke(cv.customerOpen, open));
    assert.ok(cardJson(card).includes(t('en-US', 'ccard.noSubscriptions')));

    const badQty = await pChat.invoke(cv.subscriptionAdd, {
      v: 1,
      customerId: accepted.customerId,
      offerId: 'm365-e3',
      quantity: '0',
    });
    assert.equal(badQty.body.statusCode, 400);
    const m2 = await pChat.invoke(cv.subscriptionAdd, {
      v: 1,
      customerId: accepted.customerId,
      offerId: 'm365-e3',
      quantity: '10',
      creditResellerId: unsigned.orgId,
    });
    assert.equal(m2.body.statusCode, 400);
    assert.ok(JSON.stringify(m2.body.value).includes('Unsigned Reseller'));
    const added = cardOf(
      await pChat.invoke(cv.subscriptionAdd, {
        v: 1,
        customerId: accepted.customerId,
        offerId: 'm365-e3',
        quantity: '10',
        creditResellerId: r.orgId,
      }),
    );
    assert.ok(cardJson(added).includes(t('en-US', 'ccard.added')));
    const sub = await w.store.read.subscription.findFirstOrThrow({ where: { customerId: accepted.customerId! } });
    assert.equal(sub.partnerOfRecordId, r.orgId);

    const porM2 = await pChat.invoke(cv.subscriptionPartnerOfRecord, {
      v: 1,
      customerId: accepted.customerId,
      subscriptionId: sub.id,
      resellerId: unsigned.orgId,
    });
    assert.equal(porM2.body.statusCode, 400);
    assert.match(JSON.stringify(porM2.body.value), /Partner Agreement|MPA/);
    const support = cardOf(
      await pChat.invoke(cv.subscriptionSupportContact, {
        v: 1,
        customerId: accepted.customerId,
        subscriptionId: sub.id,
        resellerId: r.orgId,
      }),
    );
    assert.ok(cardJson(support).includes(t('en-US', 'ccard.supportSet')));
    assert.equal(
      (await w.store.read.subscription.findUniqueOrThrow({ where: { id: sub.id } })).supportContactId,
      r.orgId,
    );

    const removeAsk = cardOf(await rChat.invoke(cv.customerRemoveAsk, { v: 1, customerId: accepted.customerId }));
    assert.ok(cardJson(removeAsk).includes(t('en-US', 'customer.removed.delegatedAdminStays')));
    assert.ok(cardJson(removeAsk).includes(t('en-US', 'customer.removed.noNotice')));
    const noAttest = cardOf(
      await rChat.invoke(cv.customerRemove, { v: 1, customerId: accepted.customerId, attest: 'false' }),
    );
    assert.ok(cardJson(noAttest).includes(t('en-US', 'error.ATTESTATION_REQUIRED').slice(0, 20)));
    const removed = cardOf(
      await rChat.invoke(cv.customerRemove, { v: 1, customerId: accepted.customerId, attest: 'true' }),
    );
    assert.ok(cardJson(removed).includes(t('en-US', 'clist.empty')));
    assert.equal(
      await w.store.read.auditEvent.count({ where: { orgId: r.orgId, action: 'customer.relationship_removed' } }),
      1,
      'the audit trail keeps it',
    );
    assert.ok(
      await w.store.read.customerRelationship.findFirst({
        where: { partnerId: r.orgId, customerId: accepted.customerId!, removedAt: { not: null } },
      }),
    );
    // the provider's own relationship stays (C11)
    const still = cardOf(await pChat.invoke(cv.customersPage, { v: 1 }));
    assert.ok(!cardJson(still).includes(t('en-US', 'clist.empty')));
  });

  it('S1/S4: the wizard opens with a reseller preselected (from its row); the customers list pages by 10', async () => {
    const second = await reseller(w, { legalName: 'Second Reseller' });
    await partner(w, p, second);
    await play(h, pChat, [
      { user: press(cv.customerAddStart, { v: 1, resellerId: second.orgId }), bot: card(preselects(second.orgId)) },
    ]);
    for (let i = 0; i < 11; i++) {
      await addCustomerForReseller(w.ctx, p.admin, {
        resellerId: r.orgId,
        customer: { name: `Paged ${i}`, domainPrefix: `paged-${i}`, country: 'KR' },
        subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
      });
    }
    const first = cardOf(await pChat.invoke(cv.customersPage, { v: 1, resellerId: r.orgId }));
    assert.equal((cardJson(first).match(/"title":"Open"/g) ?? []).length, 10);
    const next = actionData(first, t('en-US', 'clist.next'));
    const page2 = cardOf(await pChat.invoke(cv.customersPage, next));
    assert.equal((cardJson(page2).match(/"title":"Open"/g) ?? []).length, 1);
    assert.ok(cardJson(page2).includes('Paged 0'), 'the oldest is on the second page');
    const bad = await pChat.invoke(cv.customersPage, { v: 1, cursor: 'not-a-cursor' });
    assert.equal(bad.body.statusCode, 400);
  });

  it('ko-KR: the commands answer in Korean', async () => {
    const ko = h.user({ aadObjectId: r.admin.aadObjectId, tenantId: r.tenantId, locale: 'ko-KR' });
    await play(h, ko, [{ user: '고객 초대', bot: shows(t('ko-KR', 'cinvite.ask.title')) }]);
  });
});
