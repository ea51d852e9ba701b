/**
 * W1–W6 (docs/partner-center.md, issue 17 item 4): Partner Center's webhook events become channel notices, once.
 * The real server (harness) linked to the local Entra stand-in, the local Partner Center (its registration routes)
 * and its webhook emitter, which signs with a test CA the bot is configured to trust. SQLite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { partnerCenterVerbs as pv } from '../../../src/bot/partner-center/verbs.js';
import { defaultRenderer } from '../../../src/notify/render.js';
import { cardOf, cardText, errorMessage } from '../../support/cards.js';
import { forEachDatabase } from '../../support/db.js';
import { userWithRoles } from '../../support/fixtures.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { WebhookEmitter } from '../../support/partner-center/webhook-emitter.js';
import { chatOf, DOMAIN, linkAs, replyTo, startPcWorld, verbsOf, type PcWorld } from './support.js';

const ACCEPTED = 'reseller-relationship-accepted-by-customer';

forEachDatabase('Partner Center webhook events (issue 17 item 4)', (db) => {
  let p: PcWorld;
  let stub: LocalPartnerCenter;
  let emitter: WebhookEmitter;

  beforeEach(async function () {
    this.timeout(60_000);
    stub = await LocalPartnerCenter.start();
    emitter = await WebhookEmitter.start();
    stub.useWebhookEmitter(emitter);
    // the stand-in takes the access tokens the local Entra issues for the linked account (app+user: they have scp)
    stub.acceptJwts((token) => Promise.resolve(decodeJwt(token)));
    const trust = emitter.verifierOptions();
    const rootsFile = path.join(mkdtempSync(path.join(tmpdir(), 'pc-hook-')), 'roots.pem');
    writeFileSync(rootsFile, trust.trustedRoots.join('\n'));
    p = await startPcWorld(db.kind, {
      notifications: true,
      env: {
        PARTNER_CENTER_API_URL: stub.url,
        PARTNER_CENTER_WEBHOOK_CERT_HOSTS: trust.allowedCertificateHosts.join(','),
        PARTNER_CENTER_WEBHOOK_ALLOW_HTTP: '1',
        PARTNER_CENTER_WEBHOOK_TRUST_ROOTS_FILE: rootsFile,
        PARTNER_CENTER_WEBHOOK_ISSUER_ORG: trust.requiredIssuerOrganization,
      },
    });
    // the enrollment's own notices are not what these tests are about: dropped before the channel exists, so the
    // worker posts nothing but the events' notices to it (and nothing lands among the personal chat's replies)
    await p.w.store.read.outboxEvent.deleteMany({ where: { targetOrgId: p.org.orgId } });
    // the organisation's notification channel, where org notices go
    await p.w.store.read.notificationChannel.create({
      data: {
        orgId: p.org.orgId,
        conversationId: '19:pc-events@thread.tacv2',
        serviceUrl: `${p.h.connector.url}/`,
        tenantId: p.org.tenantId,
        channelName: 'CSP',
      },
    });
  });
  afterEach(async () => {
    await p.close();
    await Promise.all([stub.stop(), emitter.stop()]);
  });

  const recorded = () => p.w.store.read.partnerCenterEvent.count({ where: { orgId: p.org.orgId } });
  const notices = () =>
    p.w.store.read.outboxEvent.findMany({
      // the organisation's enrollment left notices of its own; these are the ones events queue
      where: { targetOrgId: p.org.orgId, type: { in: ['customer.invitation_accepted', 'partner_center.event'] } },
      orderBy: { createdAt: 'asc' },
    });

  /** Links the account, then registers the webhook from the card (W6); answers the registered URL. */
  async function linkAndRegister(): Promise<string> {
    const linked = await linkAs(p, `admin@${DOMAIN}`);
    assert.equal(linked.page.status, 200, linked.page.text.slice(0, 300));
    const chat = chatOf(p, p.org.admin);
    const before = await replyTo(p, chat, 'partner center');
    assert.ok(verbsOf(before.card).includes(pv.partnerCenterRegisterEvents), cardText(before.card));
    assert.match(cardText(before.card), /Events from Partner Center.*Not received/s);
    const after = cardOf(await chat.invoke(pv.partnerCenterRegisterEvents, { v: 1 }));
    assert.match(cardText(after), /Partner Center now sends its events/);
    assert.match(cardText(after), /Received in the notification channel since/);
    const registration = stub.world.webhookRegistration;
    assert.ok(registration, 'registered with Partner Center');
    assert.ok(registration.webhookEvents.includes(ACCEPTED));
    assert.ok(registration.webhookUrl.startsWith(`${p.base}/api/partner-center/events?token=`));
    return registration.webhookUrl;
  }

  it('W4, W6: an admin registers from the card; a customer accepting in Partner Center is one channel notice like our own page’s', async function () {
    this.timeout(60_000);
    await linkAndRegister();
    const customer = stub.world.withCustomer({ companyName: 'Wingtip Toys' });
    const status = await stub.emit(
      ACCEPTED,
      `https://api.partnercenter.microsoft.com/v1/customers/${customer.id}`,
      'Customer',
    );
    assert.equal(status, 200);
    assert.equal(await recorded(), 1);
    const rows = await notices();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.type, 'customer.invitation_accepted', 'the same notice as an acceptance on our own page');
    // the worker posts after commit: wait for it
    const expected = `Wingtip Toys accepted the invitation of ${p.org.legalName}.`;
    const deadline = Date.now() + 10_000;
    let posted: string[] = [];
    while (Date.now() < deadline) {
      posted = p.h.connector.activities
        .filter((a) => a.conversationId === '19:pc-events@thread.tacv2')
        .map((a) => a.text ?? '');
      if (posted.includes(expected)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(posted.filter((text) => text === expected).length, 1, posted.join('\n'));
  });

  it('W3: the same event delivered twice, or twice at once, is recorded and noticed once (both answered 200)', async function () {
    this.timeout(60_000);
    const url = await linkAndRegister();
    const event = {
      EventName: 'subscription-updated',
      ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/c1/subscriptions/s1',
      ResourceName: 'Subscription',
      AuditUri: null,
      ResourceChangeUtcDate: '2026-12-01T10:00:00.1234567Z',
    };
    const statuses = await Promise.all([emitter.deliver(url, event), emitter.deliver(url, event)]);
    assert.deepEqual(statuses, [200, 200]);
    assert.equal(await emitter.deliver(url, event), 200, 'a later redelivery');
    assert.equal(await recorded(), 1);
    const rows = await notices();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.ok(row);
    // W5: a generic notice naming what happened in the reader's language, never the event's identifier
    const render = (locale: 'en-US' | 'ko-KR') =>
      defaultRenderer(
        { id: row.id, type: row.type, payload: JSON.parse(row.payload) as unknown, idempotencyKey: 'k' },
        locale,
      ).text ?? '';
    assert.match(render('en-US'), /Partner Center, for .*: a subscription was updated/);
    assert.match(render('ko-KR'), /구독이 변경되었습니다/);
    assert.doesNotMatch(render('en-US'), /subscription-updated/);
  });

  it('W1: a tampered body, a wrong key or a missing signature answers 401 and records nothing; a malformed event 400', async function () {
    this.timeout(60_000);
    const url = await linkAndRegister();
    const body = JSON.stringify({
      EventName: ACCEPTED,
      ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/c1',
      ResourceName: 'Customer',
      AuditUri: null,
      ResourceChangeUtcDate: '2026-12-01T10:00:00Z',
    });
    const post = async (payload: string, headers: Record<string, string>) =>
      (await fetch(url, { method: 'POST', headers, body: payload })).status;
    const tampered = body.replace('c1', 'c2');
    assert.equal(await post(tampered, emitter.sign(body)), 401, 'tampered');
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    assert.equal(await post(body, emitter.sign(body, { keyPem: String(other) })), 401, 'signed by another key');
    assert.equal(await post(body, { 'Content-Type': 'application/json' }), 401, 'no signature');
    const notEvent = JSON.stringify({ hello: 'world' });
    assert.equal(await post(notEvent, emitter.sign(notEvent)), 400, 'signed, but not an event');
    // never crashes: a body far larger than any event is refused before it is read further
    assert.equal(await post('x'.repeat(200_000), emitter.sign('x')), 413, 'too large');
    assert.equal(await recorded(), 0);
    assert.equal((await notices()).length, 0);
  });

  it('W2: an unknown or missing organisation token answers 404 and records nothing', async function () {
    this.timeout(60_000);
    await linkAndRegister();
    const event = {
      EventName: ACCEPTED,
      ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/c1',
      ResourceName: 'Customer',
      AuditUri: null,
      ResourceChangeUtcDate: '2026-12-01T10:00:00Z',
    };
    const events = `${p.base}/api/partner-center/events`;
    assert.equal(await emitter.deliver(`${events}?token=${'x'.repeat(43)}`, event), 404);
    assert.equal(await emitter.deliver(events, event), 404);
    assert.equal(await recorded(), 0);
    assert.equal((await notices()).length, 0);
  });

  it('W2, W6: registering again replaces the token (the older URL is refused), unlinking drops it; only admins may register', async function () {
    this.timeout(60_000);
    const first = await linkAndRegister();
    const chat = chatOf(p, p.org.admin);
    cardOf(await chat.invoke(pv.partnerCenterRegisterEvents, { v: 1 }));
    const second = stub.world.webhookRegistration?.webhookUrl;
    assert.ok(second && second !== first, 'Partner Center updated to a new URL');
    const event = {
      EventName: 'invoice-ready',
      ResourceUri: 'https://api.partnercenter.microsoft.com/v1/invoices/D0000001',
      ResourceName: 'Invoice',
      AuditUri: null,
      ResourceChangeUtcDate: '2026-12-01T10:00:00Z',
    };
    assert.equal(await emitter.deliver(first, event), 404);
    assert.equal(await emitter.deliver(second, event), 200);
    assert.equal(await recorded(), 1);

    // unlinking drops the token: Partner Center's later deliveries are refused
    cardOf(await chat.invoke(pv.partnerCenterUnlink, { v: 1, confirm: true }));
    assert.equal(await emitter.deliver(second, { ...event, ResourceChangeUtcDate: '2026-12-02T10:00:00Z' }), 404);
    assert.equal(await recorded(), 1);

    const agent = await userWithRoles(p.w, p.org, ['sales_agent'], 'Sales Person');
    await p.w.store.read.user.updateMany({
      where: { emailLower: agent.email!.toLowerCase() },
      data: { aadObjectId: agent.aadObjectId },
    });
    const refused = await chatOf(p, agent).invoke(pv.partnerCenterRegisterEvents, { v: 1 });
    assert.match(errorMessage(refused), /global admin|admin agent/i);
  });
  it('W5: an acceptance of a customer Partner Center cannot name is a generic notice, in the reader’s language', async function () {
    this.timeout(60_000);
    await linkAndRegister();
    const status = await stub.emit(
      ACCEPTED,
      'https://api.partnercenter.microsoft.com/v1/customers/unknown-1',
      'Customer',
    );
    assert.equal(status, 200);
    const rows = await notices();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.ok(row);
    assert.equal(row.type, 'partner_center.event');
    const text = (locale: 'en-US' | 'ko-KR') =>
      defaultRenderer(
        { id: row.id, type: row.type, payload: JSON.parse(row.payload) as unknown, idempotencyKey: 'k' },
        locale,
      ).text ?? '';
    assert.match(text('en-US'), /a customer accepted your reseller relationship request/);
    assert.match(text('ko-KR'), /고객이 재판매인 관계 요청을 수락했습니다/);
  });

  it('W6: when Partner Center is down the card says so (in Korean for a Korean admin) and nothing is stored', async function () {
    this.timeout(60_000);
    const linked = await linkAs(p, `admin@${DOMAIN}`);
    assert.equal(linked.page.status, 200);
    const chat = chatOf(p, p.org.admin, 'ko-KR');
    const card = await replyTo(p, chat, '파트너 센터');
    assert.match(cardText(card.card), /파트너 센터 이벤트 받기/);
    stub.outage(60_000);
    const answer = cardOf(await chat.invoke(pv.partnerCenterRegisterEvents, { v: 1 }));
    assert.match(cardText(answer), /파트너 센터에 연결할 수 없어 아무것도 등록되지 않았습니다/);
    assert.match(cardText(answer), /받지 않음/);
    assert.equal(await p.w.store.read.partnerCenterWebhook.count(), 0);
    assert.equal(stub.world.webhookRegistration, undefined);
  });
});
