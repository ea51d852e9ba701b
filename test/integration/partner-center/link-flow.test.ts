/**
 * Linking an organisation's Partner Center account (issue 17 item 2; rules L1–L9 in docs/partner-center.md), end to
 * end through the real server: the `partner center` card → its start link → the local OpenID provider standing in
 * for Entra ID (authorization code + PKCE S256, refresh tokens, amr) → the callback page → the sealed refresh token
 * → the token provider refreshing before use → the card's mode choice and Unlink. SQLite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { partnerCenterVerbs as pv } from '../../../src/bot/partner-center/verbs.js';
import {
  GRAPH_GDAP_SCOPE,
  PARTNER_CENTER_RESOURCE,
  PARTNER_CENTER_SCOPE,
} from '../../../scripts/oidc/local-provider.js';
import { partnerCenterModeOf } from '../../../src/domain/partner-center/link-status.js';
import { AppError } from '../../../src/domain/shared/errors.js';
import { cardOf, cardText, errorMessage } from '../../support/cards.js';
import { forEachDatabase } from '../../support/db.js';
import { WebClient } from '../../support/web-client.js';
import {
  chatOf,
  linkAs,
  claimsOf,
  DOMAIN,
  openUrl,
  replyTo,
  startPcWorld,
  storedLink,
  verbsOf,
  type PcWorld,
} from './support.js';

forEachDatabase('Partner Center link (issue 17 item 2)', (db) => {
  let p: PcWorld;
  beforeEach(async function () {
    this.timeout(60_000);
    p = await startPcWorld(db.kind);
  });
  afterEach(async () => {
    await p.close();
  });

  it('L1, L2, L3, L4, L5, L9: card → start link → sign-in (code + PKCE S256, state, offline_access) → callback; the refresh token is stored sealed, the mode stays embedded', async function () {
    this.timeout(60_000);
    assert.equal(await partnerCenterModeOf(p.w.ctx, p.org.orgId), 'embedded', 'nothing changes for an unlinked org');
    const { reply, url, auth, start, page } = await linkAs(p, `admin@${DOMAIN}`);
    assert.match(cardText(reply.card), /has not linked a Partner Center account/);
    assert.ok(url.startsWith(`${p.base}/partner-center/link/`));
    // L2: the sign-in request
    assert.equal(auth.origin, p.oidc.issuer);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(
      auth.searchParams.get('code_challenge') && auth.searchParams.get('state') && auth.searchParams.get('nonce'),
    );
    assert.deepEqual(
      auth.searchParams.get('scope')?.split(' ').sort(),
      ['offline_access', 'openid', 'profile', PARTNER_CENTER_SCOPE, GRAPH_GDAP_SCOPE].sort(),
    );
    assert.equal(auth.searchParams.get('prompt'), null);
    // L9: nothing of the Teams identity goes to Entra ID
    for (const v of [p.org.admin.aadObjectId, p.org.admin.name, p.org.orgId])
      assert.ok(!auth.toString().includes(encodeURIComponent(v)) && !auth.toString().includes(v));
    assert.match(
      start.headers.getSetCookie().join('\n'),
      /csp_pc_link=.*Path=\/partner-center\/link.*HttpOnly; SameSite=Lax/,
    );

    assert.equal(page.status, 200, JSON.stringify(p.h.logs.filter((l) => /partner center/.test(String(l.msg)))));
    assert.match(page.text, /The Partner Center account is now linked to/);

    const stored = await storedLink(p);
    assert.ok(stored && stored.plain, 'a link with a refresh token that opens with the data key');
    // L4: sealed at rest: the column holds v1:…, never the token itself
    assert.match(stored.row.refreshToken!, /^v1:/);
    assert.ok(!stored.row.refreshToken!.includes(stored.plain));
    assert.equal(stored.row.partnerTenantId, p.org.tenantId);
    assert.equal(stored.row.accountName, `admin@${DOMAIN}`);
    assert.equal(stored.row.linkedByName, p.org.admin.name);
    assert.equal(stored.row.mode, 'embedded');
    assert.equal(await partnerCenterModeOf(p.w.ctx, p.org.orgId), 'embedded');

    // L2: the start link works once
    const again = await new WebClient('en-US').request(url);
    assert.equal(again.status, 410);
    assert.match(again.text, /already been used/);

    // the card now says who linked it and offers the mode, Unlink and (W6, issue 17 item 4) Partner Center's events
    const card = (await replyTo(p, chatOf(p, p.org.admin), 'partner center')).card;
    const text = cardText(card);
    assert.match(text, /is linked to its Partner Center account/);
    assert.match(text, new RegExp(p.org.admin.name));
    assert.match(text, /admin@contoso\.example/);
    assert.deepEqual(
      verbsOf(card).sort(),
      // (E-PC1, issue 17 item 3: and Compare with Partner Center)
      [
        pv.partnerCenterMode,
        pv.partnerCenterRegisterEvents,
        pv.partnerCenterUnlink,
        pv.partnerCenterCheckProfile,
      ].sort(),
    );
    assert.equal(openUrl(card, 'Link Partner Center account'), undefined);
  });

  it('L4, L7: the token provider refreshes before use; the new refresh token replaces the old one (sealed), which no longer works', async function () {
    this.timeout(60_000);
    await linkAs(p, `admin@${DOMAIN}`);
    const before = (await storedLink(p))!;
    // time passes before the first use
    await p.w.store.read.partnerCenterLink.update({
      where: { id: before.row.id },
      data: { tokenRefreshedAt: new Date(Date.now() - 40 * 86_400_000), warnedDaysLeft: 14 },
    });
    const tokens = p.tokens();
    const access = await tokens.accessTokenFor(p.org.orgId);
    const claims = claimsOf(access);
    assert.equal(claims.aud, PARTNER_CENTER_RESOURCE);
    assert.equal(claims.tid, p.org.tenantId);
    assert.equal(claims.scp, 'user_impersonation', 'an app+user token');
    assert.ok(Array.isArray(claims.amr) && claims.amr.includes('mfa'), 'Partner Center needs the MFA claim');
    const after = (await storedLink(p))!;
    assert.ok(after.plain && after.plain !== before.plain, 'replaced');
    assert.match(after.row.refreshToken!, /^v1:/);
    assert.ok(Date.now() - after.row.tokenRefreshedAt.getTime() < 60_000, 'its 90 days start again');
    assert.equal(after.row.warnedDaysLeft, null, 'and so do the warnings');
    // the old one was used up (Entra rotates; the local provider consumes it)
    assert.deepEqual(await p.signIn().refresh(before.plain!), { ok: false, error: 'invalid_grant' });
    // a second use within the access token's life needs no refresh
    const grants = p.oidc.refreshGrants();
    assert.equal(await tokens.accessTokenFor(p.org.orgId), access);
    assert.equal(p.oidc.refreshGrants(), grants);
  });

  it('L7: a revoked (or expired) refresh token marks the link as needing a new sign-in; the card offers it and signing in again restores it', async function () {
    this.timeout(60_000);
    await linkAs(p, `admin@${DOMAIN}`);
    const stored = (await storedLink(p))!;
    assert.ok(await p.oidc.revokeRefreshToken(stored.plain!));
    await assert.rejects(
      p.tokens().accessTokenFor(p.org.orgId),
      (e: unknown) => e instanceof AppError && e.code === 'PC_SIGN_IN_AGAIN',
    );
    const after = (await storedLink(p))!;
    assert.equal(after.row.status, 'needs_sign_in');
    assert.equal(after.row.refreshToken, null, 'the refused token is not kept');
    assert.equal(await partnerCenterModeOf(p.w.ctx, p.org.orgId), 'embedded');
    const relinked = await linkAs(p, `admin@${DOMAIN}`, 'en-US', 'Sign in again');
    assert.match(cardText(relinked.reply.card), /has expired or was revoked/);
    assert.match(relinked.page.text, /You signed in again/);
    assert.equal(relinked.page.status, 200, relinked.page.text.slice(0, 300));
    const back = (await storedLink(p))!;
    assert.equal(back.row.status, 'active');
    assert.ok(back.plain);
    await p.tokens().accessTokenFor(p.org.orgId);
  });

  it('L5, L6: choosing connected mode, then Unlink after confirming deletes the stored token; the organisation is embedded again', async function () {
    this.timeout(60_000);
    await linkAs(p, `admin@${DOMAIN}`);
    const chat = chatOf(p, p.org.admin);
    const chosen = cardOf(await chat.invoke(pv.partnerCenterMode, { v: 1, mode: 'connected' }));
    assert.match(cardText(chosen), /Mode saved: Connected/);
    assert.equal(await partnerCenterModeOf(p.w.ctx, p.org.orgId), 'connected');
    const unlinked = cardOf(await chat.invoke(pv.partnerCenterUnlink, { v: 1, confirm: true }));
    assert.match(cardText(unlinked), /unlinked and its stored sign-in deleted/);
    assert.ok(openUrl(unlinked, 'Link Partner Center account'), 'it can be linked again');
    assert.equal(await storedLink(p), null);
    assert.equal(await partnerCenterModeOf(p.w.ctx, p.org.orgId), 'embedded');
    await assert.rejects(
      p.tokens().accessTokenFor(p.org.orgId),
      (e: unknown) => e instanceof AppError && e.code === 'PC_NOT_LINKED',
    );
    const audited = await p.w.store.read.auditEvent.findMany({
      where: { orgId: p.org.orgId, action: { startsWith: 'partner_center.' } },
      orderBy: { at: 'asc' },
    });
    assert.deepEqual(
      audited.map((e) => e.action),
      [
        'partner_center.link_started',
        'partner_center.linked',
        'partner_center.mode_chosen',
        'partner_center.unlinked',
        // the card after Unlink offers a fresh start link
        'partner_center.link_started',
      ],
    );
    assert.ok(
      audited.every((e) => !e.detail.includes('v1:')),
      'the audit never holds the token',
    );
    // a second Unlink (double click) changes nothing
    assert.match(
      cardText(cardOf(await chat.invoke(pv.partnerCenterUnlink, { v: 1, confirm: true }))),
      /No Partner Center account was linked/,
    );
    // without the confirmation it is refused as invalid data
    assert.equal((await chat.invoke(pv.partnerCenterUnlink, { v: 1 })).body.statusCode, 400);
  });

  it('L1: anyone but a global admin or admin agent is refused, in their language, by command and by card', async function () {
    this.timeout(60_000);
    const { userWithRoles } = await import('../../support/fixtures.js');
    const agent = await userWithRoles(p.w, p.org, ['sales_agent'], 'Sales Person');
    await p.w.store.read.user.updateMany({
      where: { emailLower: agent.email!.toLowerCase() },
      data: { aadObjectId: agent.aadObjectId },
    });
    const en = await replyTo(p, chatOf(p, agent), 'partner center');
    assert.equal(en.text, 'You need one of these roles to do this: global admin, admin agent.');
    const ko = await replyTo(p, chatOf(p, agent, 'ko-KR'), '파트너 센터');
    assert.equal(ko.text, '이 작업을 하려면 다음 역할 중 하나가 필요합니다: 전역 관리자, 관리 에이전트.');
    const r = await chatOf(p, agent).invoke(pv.partnerCenterUnlink, { v: 1, confirm: true });
    assert.match(errorMessage(r), /global admin, admin agent/);
    assert.equal(
      await p.w.store.read.partnerCenterLinkRequest.count({ where: { orgId: p.org.orgId } }),
      0,
      'no start link for them',
    );
  });

  it('L2: an altered or missing state, an expired start link and a cancelled sign-in are refused with a localized page; nothing is linked', async function () {
    this.timeout(60_000);
    const reply = await replyTo(p, chatOf(p, p.org.admin, 'ko-KR'), '파트너 센터');
    const url = openUrl(reply.card, '파트너 센터 계정 연결')!;
    const web = new WebClient('ko-KR');
    const start = await web.request(url);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const callback = `${p.base}/partner-center/link/callback`;

    const altered = await web.request(`${callback}?code=abc&state=${state}x`);
    assert.equal(altered.status, 410);
    assert.match(altered.text, /로그인을 완료할 수 없습니다/);
    assert.match(altered.text, /<html lang="ko">/);
    const noCookie = await new WebClient('en-US').request(`${callback}?code=abc&state=${state}`);
    assert.equal(noCookie.status, 410);
    assert.match(noCookie.text, /This sign-in could not be completed/);

    const again = await web.request(url);
    const state2 = new URL(again.headers.get('location')!).searchParams.get('state')!;
    const cancelled = await web.request(`${callback}?error=access_denied&state=${state2}`);
    assert.equal(cancelled.status, 400);
    assert.match(cancelled.text, /로그인이 취소되었거나 거부되어/);

    await p.w.store.read.partnerCenterLinkRequest.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await new WebClient('en-US').request(url);
    assert.equal(expired.status, 410);
    assert.match(expired.text, /expired/i);
    const bogus = await new WebClient('en-US').request(`${p.base}/partner-center/link/not-a-token`);
    assert.equal(bogus.status, 404);
    assert.equal(await storedLink(p), null);
  });

  it('L3: a sign-in without MFA, or with an account of another tenant, is refused and nothing is stored', async function () {
    this.timeout(60_000);
    const noMfa = await linkAs(p, `nomfa@${DOMAIN}`);
    assert.equal(noMfa.page.status, 422, noMfa.page.text.slice(0, 300));
    assert.match(noMfa.page.text, /multi-factor authentication/);
    assert.equal(await storedLink(p), null);
    const other = await linkAs(p, 'admin@fabrikam.example', 'ko-KR');
    assert.equal(other.page.status, 422);
    assert.match(other.page.text, /다른 Microsoft Entra 조직/);
    assert.equal(await storedLink(p), null);
  });
});
