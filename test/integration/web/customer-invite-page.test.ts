/**
 * The customer-invitation acceptance page over HTTP (no browser; the Chromium suite is in
 * test/e2e/customer-invite-page.test.ts): OpenID Connect sign-in at a local provider, the tenant
 * from the token, CSRF bound to the session, zod on every input, escaping, Accept-Language, and
 * C7–C11 refusals shown on the page; only the customer tenant's Global Administrator (the token's
 * `wids`) may answer. Runs on SQLite and, with TEST_DATABASE_URL (npm run test:pg), on PostgreSQL.
 */
import assert from 'node:assert/strict';
import restify from 'restify';
import { inviteCustomer } from '../../../src/domain/customers/invite-customer.js';
import { createLogger } from '../../../src/log.js';
import { registerCustomerInvitePages } from '../../../src/web/customer-invite.js';
import { z } from 'zod';
import { startLocalOidc, type LocalOidc } from '../../../scripts/oidc/local-provider.js';
import { esc } from '../../../src/web/html.js';
import { SealedCookies } from '../../../src/web/session.js';
import { t as tr } from '../../../src/i18n/index.js';
import { freePort } from '../../e2e/support/ports.js';
import { forEachDatabase, freshDatabase, type TestDatabase } from '../../support/db.js';
import { makeWorld, type World } from '../../support/fixtures.js';
import { formAction, hiddenInputs, WebClient, type WebResponse } from '../../support/web-client.js';
import { partner, provider, reseller } from '../../support/partners.js';

const CLIENT_ID = 'csp-bot-test';
const CLIENT_SECRET = 'test-secret-0123456789-abcdefghij';

interface Site {
  base: string;
  w: World;
  oidc: LocalOidc;
  /** invitation ids the page reported as answered (onAnswered) */
  answered: string[];
  close(): Promise<void>;
}

async function startSite(kind: 'sqlite' | 'postgres', options: { oidc?: boolean } = {}): Promise<Site> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const oidc = await startLocalOidc({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${base}/invite/callback`],
  });
  const t: TestDatabase = await freshDatabase(kind);
  const w = makeWorld(t, { now: () => new Date(), publicBaseUrl: base });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  const answered: string[] = [];
  registerCustomerInvitePages(server, {
    publicBaseUrl: base,
    logger: createLogger('silent'),
    domain: w.ctx,
    onAnswered: (id) => {
      answered.push(id);
      return Promise.resolve();
    },
    ...(options.oidc === false
      ? {}
      : { oidc: { issuer: oidc.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } }),
  });
  await new Promise<void>((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    base,
    w,
    oidc,
    answered,
    async close() {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await oidc.close();
      await t.cleanup();
    },
  };
}

/**
 * Signs in at the local provider like WebClient.signIn, but stops at the provider's last redirect
 * back to the invitation (the session cookie is set; the page itself is not asked for).
 */
async function signInOnly(
  web: WebClient,
  loginPage: WebResponse,
  login: string,
  invitationLink: string,
): Promise<void> {
  let res = await web.request(formAction(loginPage), {
    form: { ...hiddenInputs(loginPage.text), login, password: 'any' },
  });
  for (let hops = 0; hops < 20; hops++) {
    if (res.status < 300 || res.status >= 400) {
      if (!res.text.includes('name="prompt" value="consent"'))
        throw new Error(`sign-in stopped at ${res.url}: ${res.text.slice(0, 300)}`);
      res = await web.request(formAction(res), { form: hiddenInputs(res.text) });
      continue;
    }
    const next = new URL(res.headers.get('location') ?? '', res.url).toString();
    if (next === invitationLink) return;
    res = await web.request(next);
  }
  throw new Error('sign-in did not come back to the invitation');
}

forEachDatabase('customer invitation page (HTTP, local OpenID provider)', (db) => {
  let site: Site;
  before(async function () {
    this.timeout(60_000);
    site = await startSite(db.kind);
  });
  after(async () => {
    await site.close();
  });

  it('C3: link → sign-in (code + PKCE, state, nonce) → who asks and what is granted, escaped → accept creates both relationships', async () => {
    const { w } = site;
    const p = await provider(w, { legalName: 'Prov "quoted" & <i>Co</i>' });
    const r = await reseller(w, { legalName: '<script>alert(1)</script> Resell' });
    await partner(w, p, r);
    const inv = await inviteCustomer(w.ctx, r.admin, { providerId: p.orgId });
    const web = new WebClient('en-US');

    const first = await web.request(inv.link);
    assert.equal(first.status, 302);
    const auth = new URL(first.headers.get('location')!);
    assert.equal(auth.origin, site.oidc.issuer);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(
      auth.searchParams.get('state') && auth.searchParams.get('nonce') && auth.searchParams.get('code_challenge'),
    );
    assert.match(first.headers.getSetCookie().join('\n'), /csp_oidc=.*HttpOnly; SameSite=Lax/);

    const login = await web.follow(auth.toString());
    const pageRes = await web.signIn(login, 'admin@fabrikam.example');
    assert.equal(pageRes.status, 200, pageRes.text.slice(0, 400));
    assert.match(pageRes.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(pageRes.headers.get('referrer-policy'), 'same-origin');
    const html = pageRes.text;
    assert.ok(!html.includes('<script>alert(1)</script>'), 'the reseller name is escaped');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; Resell'));
    assert.ok(html.includes('Prov &quot;quoted&quot; &amp; &lt;i&gt;Co&lt;/i&gt;'));
    assert.match(html, /administrator permissions to manage your subscriptions, licenses and users/);
    assert.match(html, /may submit orders on your behalf/);
    assert.ok(html.includes(`tenant ${site.oidc.tenantOf('admin@fabrikam.example')}`));
    assert.match(html, /<label[^>]*for="consent"/);
    assert.match(html, /<button type="submit" class="primary" name="decision" value="accept">Accept<\/button>/);

    const { csrf } = hiddenInputs(html);
    assert.ok(csrf);
    // consent missing: the page comes back with the reason, nothing is created
    const noConsent = await web.request(inv.link, {
      form: { csrf: csrf, decision: 'accept', name: 'Fabrikam', domain: 'fabrikam.example', country: 'KR' },
    });
    assert.equal(noConsent.status, 400);
    assert.match(noConsent.text, /role="alert"/);
    assert.equal(await w.store.read.customer.count(), 0);

    const done = await web.request(inv.link, {
      form: {
        csrf: csrf,
        decision: 'accept',
        consent: 'on',
        name: 'Fabrikam',
        domain: 'fabrikam.example',
        country: 'KR',
      },
    });
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /Invitation accepted/);
    assert.ok(done.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; Resell and Prov'));
    const customer = await w.store.read.customer.findUnique({
      where: { tenantId: site.oidc.tenantOf('admin@fabrikam.example') },
    });
    assert.equal(customer?.name, 'Fabrikam');
    const rels = await w.store.read.customerRelationship.findMany({ where: { customerId: customer.id } });
    assert.deepEqual(rels.map((x) => x.partnerId).sort(), [p.orgId, r.orgId].sort());
    assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'customer.invitation_accepted' } }), 2);
    assert.deepEqual(
      site.answered.slice(-1),
      [inv.invitationId],
      'the inviter is told (card when a chat reference exists)',
    );
  });

  it('CSRF: a post without the session, with a forged token, or from another origin is refused (403) and changes nothing', async () => {
    const { w } = site;
    const r = await reseller(w);
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    const web = new WebClient();
    const pageRes = await web.signIn(await web.follow(inv.link), 'admin@contoso-csrf.example');
    const { csrf } = hiddenInputs(pageRes.text);
    const form = { decision: 'decline' };
    assert.equal(
      (await new WebClient().request(inv.link, { form: { ...form, csrf: csrf } })).status,
      403,
      'no session cookie',
    );
    assert.equal(
      (await web.request(inv.link, { form: { ...form, csrf: 'x'.repeat(43) } })).status,
      403,
      'forged token',
    );
    assert.equal((await web.request(inv.link, { form })).status, 403, 'no token');
    assert.equal(
      (await web.request(inv.link, { form: { ...form, csrf: csrf }, headers: { origin: 'https://evil.example' } }))
        .status,
      403,
      'cross-origin',
    );
    const row = await w.store.read.invitation.findUnique({ where: { id: inv.invitationId } });
    assert.equal(row?.declinedAt, null);
    // zod: an unknown decision is a 400 naming the field, not a crash
    const bad = await web.request(inv.link, { form: { csrf: csrf, decision: 'maybe' } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /decision/);
    // and the real one works
    // declining with the prefilled (incomplete) form: the details are not needed
    const ok = await web.request(inv.link, {
      form: { csrf: csrf, decision: 'decline', name: '', domain: 'contoso-csrf.example', country: 'KR' },
    });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /Invitation declined/);
  });

  it('C8/C9/C10: refusals from the domain are shown on the page; nothing is created', async () => {
    const { w } = site;
    const login = 'admin@selfsale.example';
    const r = await reseller(w, { tenantId: site.oidc.tenantOf(login) });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    const web = new WebClient();
    const pageRes = await web.signIn(await web.follow(inv.link), login);
    const { csrf } = hiddenInputs(pageRes.text);
    const res = await web.request(inv.link, {
      form: { csrf: csrf, decision: 'accept', consent: 'on', name: 'Me', domain: 'selfsale.example', country: 'KR' },
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /role="alert"/);
    assert.equal(await w.store.read.customerRelationship.count({ where: { partnerId: r.orgId } }), 0);
  });

  it("C2/C3: a member who is not the tenant's Global Administrator is told to ask them; the link stays unused; the admin then accepts", async () => {
    const { w } = site;
    const p = await provider(w, { legalName: 'Roles Provider' });
    const r = await reseller(w, { legalName: 'Roles <b>Reseller</b>' });
    await partner(w, p, r);
    const inv = await inviteCustomer(w.ctx, r.admin, { providerId: p.orgId });
    const member = 'it@fabrikam-roles.example';
    assert.deepEqual(
      site.oidc.rolesOf(member),
      ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
      'a member: the default User role only',
    );
    const web = new WebClient();
    const refused = await web.signIn(await web.follow(inv.link), member);
    assert.equal(refused.status, 403, refused.text.slice(0, 400));
    assert.ok(refused.text.includes(esc(tr('en-US', 'error.CUSTOMER_ADMIN_REQUIRED'))), refused.text);
    assert.ok(refused.text.includes(esc(tr('en-US', 'invitePage.adminRequiredTitle'))));
    assert.ok(
      refused.text.includes('Roles &lt;b&gt;Reseller&lt;/b&gt; and its indirect provider Roles Provider'),
      'who asks, escaped',
    );
    assert.match(refused.text, /<p role="alert" class="alert">/);
    assert.ok(!refused.text.includes('name="csrf"') && !refused.text.includes('value="accept"'), 'no decision form');
    assert.ok(
      refused.text.includes(`<a href="/invite/${inv.link.split('/').pop()}">Sign in with a different account</a>`),
    );
    assert.equal(web.cookies(site.base).get('csp_invite'), undefined, 'the session ended');
    const row = await w.store.read.invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    assert.equal(row.usedAt, null);
    assert.equal(row.declinedAt, null);

    // even with a session and a valid CSRF token (the page gives a member none), the domain refuses both answers
    const forger = new WebClient();
    await signInOnly(forger, await forger.follow(inv.link), member, inv.link);
    const jar = new SealedCookies(CLIENT_SECRET, false);
    const sealed = forger.cookies(site.base).get('csp_invite');
    const session = await jar.open(sealed, z.object({ sid: z.string(), wids: z.array(z.string()).optional() }));
    assert.ok(sealed && session, 'a session was issued');
    assert.deepEqual(session.wids, [], 'the session keeps only the roles the rule reads: none');
    for (const decision of ['accept', 'decline']) {
      forger.cookies(site.base).set('csp_invite', sealed); // the refusal ends the session; a kept copy is still refused
      const res = await forger.request(inv.link, {
        form: {
          csrf: jar.csrfToken(session.sid),
          decision,
          consent: 'on',
          name: 'Fabrikam Roles',
          domain: 'fabrikam-roles.example',
          country: 'KR',
        },
      });
      assert.equal(res.status, 403, res.text.slice(0, 300));
      assert.ok(res.text.includes(esc(tr('en-US', 'error.CUSTOMER_ADMIN_REQUIRED'))));
    }
    assert.equal(await w.store.read.customer.count({ where: { domain: 'fabrikam-roles.example' } }), 0);
    assert.equal((await w.store.read.invitation.findUniqueOrThrow({ where: { id: inv.invitationId } })).usedAt, null);

    // "sign in with a different account": the same link, the tenant's Global Administrator, accepts
    const again = await web.signIn(await web.follow(inv.link), 'admin@fabrikam-roles.example');
    assert.equal(again.status, 200, again.text.slice(0, 400));
    const done = await web.request(inv.link, {
      form: {
        csrf: hiddenInputs(again.text).csrf,
        decision: 'accept',
        consent: 'on',
        name: 'Fabrikam Roles',
        domain: 'fabrikam-roles.example',
        country: 'KR',
      },
    });
    assert.equal(done.status, 200, done.text.slice(done.text.indexOf('<main>')));
    const customer = await w.store.read.customer.findUniqueOrThrow({ where: { tenantId: site.oidc.tenantOf(member) } });
    assert.equal(await w.store.read.customerRelationship.count({ where: { customerId: customer.id } }), 2);
  });

  it('C2/C3: a token without the wids claim is refused like a member (ko-KR message); nothing is used up', async () => {
    const { w } = site;
    const r = await reseller(w);
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    const login = 'noroles@litware-roles.example';
    assert.equal(site.oidc.rolesOf(login), undefined);
    const web = new WebClient('ko-KR');
    const res = await web.signIn(await web.follow(inv.link), login);
    assert.equal(res.status, 403);
    assert.match(res.text, /<html lang="ko">/);
    assert.ok(res.text.includes(esc(tr('ko-KR', 'error.CUSTOMER_ADMIN_REQUIRED'))));
    assert.ok(res.text.includes(tr('ko-KR', 'invitePage.otherAccount')));
    const row = await w.store.read.invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    assert.equal(row.usedAt, null);
    assert.equal(row.declinedAt, null);
  });

  it('C7: a customer in another region is refused with the rule', async () => {
    const { w } = site;
    const r = await reseller(w, { country: 'KR' });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    const web = new WebClient();
    const pageRes = await web.signIn(await web.follow(inv.link), 'admin@faraway.example');
    const { csrf } = hiddenInputs(pageRes.text);
    const res = await web.request(inv.link, {
      form: {
        csrf: csrf,
        decision: 'accept',
        consent: 'on',
        name: 'Far Away',
        domain: 'faraway.example',
        country: 'US',
      },
    });
    assert.equal(res.status, 422);
    assert.equal(await w.store.read.customer.count({ where: { domain: 'faraway.example' } }), 0);
  });

  it('ko-KR by Accept-Language; bad, unknown and used links explain themselves without a sign-in', async () => {
    const { w } = site;
    const r = await reseller(w, { legalName: '콘토소' });
    const inv = await inviteCustomer(w.ctx, r.admin, {});
    const web = new WebClient('ko-KR,ko;q=0.9,en;q=0.8');
    const pageRes = await web.signIn(await web.follow(inv.link), 'admin@ko.example');
    assert.match(pageRes.text, /<html lang="ko">/);
    assert.match(pageRes.text, /콘토소에서 클라우드 솔루션 공급자 프로그램의 재판매인 관계를 요청합니다/);
    assert.match(pageRes.text, />수락<\/button>/);
    const { csrf } = hiddenInputs(pageRes.text);
    await web.request(inv.link, { form: { csrf: csrf, decision: 'decline' } });
    const used = await web.request(inv.link);
    assert.equal(used.status, 410);
    assert.match(used.text, /이 초대를 사용할 수 없습니다/);
    const malformed = await new WebClient().request(`${site.base}/invite/not-a-token`);
    assert.equal(malformed.status, 404);
    const unknown = await new WebClient().request(`${site.base}/invite/${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    // a callback without a login transaction is refused
    const cb = await new WebClient().request(`${site.base}/invite/callback?code=abc&state=def`);
    assert.equal(cb.status, 400);
  });

  it('without OIDC settings the page says signing in is unavailable (503)', async () => {
    const bare = await startSite(db.kind, { oidc: false });
    try {
      const r = await reseller(bare.w);
      const inv = await inviteCustomer(bare.w.ctx, r.admin, {});
      const res = await new WebClient().request(inv.link);
      assert.equal(res.status, 503);
      assert.match(res.text, /not available/);
    } finally {
      await bare.close();
    }
  });
});
