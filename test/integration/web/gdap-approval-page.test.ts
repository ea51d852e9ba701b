/**
 * Issue 18 item 3 (docs/gdap.md G7, G9): the customer's GDAP approval page over real HTTP (no browser; the Chromium
 * run is test/e2e/gdap-approval.test.ts): the link checked before sign-in, OpenID Connect sign-in at the local
 * provider exactly as on the invitation page, the request stated (partner, roles by name, duration, auto-extend) in
 * the reader's language, only the customer tenant's Global Administrator answers, CSRF bound to the session.
 * Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import assert from 'node:assert/strict';
import restify from 'restify';
import { startLocalOidc, type LocalOidc } from '../../../scripts/oidc/local-provider.js';
import { inviteCustomer } from '../../../src/domain/customers/invite-customer.js';
import { respondToCustomerInvitation } from '../../../src/domain/customers/respond-customer-invitation.js';
import { requestGdap } from '../../../src/domain/gdap/request-gdap.js';
import { createLogger } from '../../../src/log.js';
import { registerGdapApprovalPages } from '../../../src/web/gdap-approval.js';
import { freePort } from '../../e2e/support/ports.js';
import { forEachDatabase, freshDatabase, type TestDatabase } from '../../support/db.js';
import { makeWorld, type EnrolledOrg, type World } from '../../support/fixtures.js';
import { customerActor, partner, provider, reseller, tokenOf } from '../../support/partners.js';
import { hiddenInputs, WebClient } from '../../support/web-client.js';

const CLIENT_ID = 'csp-bot-test';
const CLIENT_SECRET = 'test-secret-0123456789-abcdefghij';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';

interface Site {
  base: string;
  w: World;
  oidc: LocalOidc;
  answered: string[];
  close(): Promise<void>;
}

async function startSite(kind: 'sqlite' | 'postgres'): Promise<Site> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const oidc = await startLocalOidc({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${base}/gdap/callback`],
  });
  const t: TestDatabase = await freshDatabase(kind);
  const w = makeWorld(t, { now: () => new Date(), publicBaseUrl: base });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  const answered: string[] = [];
  registerGdapApprovalPages(server, {
    publicBaseUrl: base,
    logger: createLogger('silent'),
    domain: w.ctx,
    oidc: { issuer: oidc.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    onAnswered: (id) => {
      answered.push(id);
      return Promise.resolve();
    },
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

/** A reseller (or provider, two-tier) serving a customer whose tenant is the local provider's tenant of `domain`. */
async function customerIn(site: Site, r: EnrolledOrg, domain: string, providerId?: string): Promise<string> {
  const inv = await inviteCustomer(site.w.ctx, r.admin, providerId ? { providerId } : {});
  const res = await respondToCustomerInvitation(site.w.ctx, customerActor(site.oidc.tenantOf(`admin@${domain}`)), {
    token: tokenOf(inv.link),
    decision: 'accept',
    consent: true,
    customer: { name: 'Wingtip <b>Toys</b>', domain, country: 'KR' },
  });
  return res.customerId!;
}

forEachDatabase('GDAP approval page (HTTP, local OpenID provider)', (db) => {
  let site: Site;
  before(async function () {
    this.timeout(60_000);
    site = await startSite(db.kind);
  });
  after(async () => {
    await site.close();
  });

  it('G9: link → sign-in → partner, roles by name, duration, auto-extend (escaped) → approve makes it active; the link is then used', async () => {
    const { w } = site;
    const r = await reseller(w, { legalName: 'Contoso "Cloud" & <i>Co</i>' });
    const customerId = await customerIn(site, r, 'wingtip-g9.example');
    const req = await requestGdap(w.ctx, r.admin, {
      customerId,
      displayName: 'Wingtip helpdesk',
      roleTemplateIds: [HELPDESK, LICENSE],
      durationDays: 90,
      autoExtendDays: 180,
    });
    const web = new WebClient('ko-KR');
    const first = await web.request(req.approvalLink);
    assert.equal(first.status, 302);
    const auth = new URL(first.headers.get('location')!);
    assert.equal(auth.origin, site.oidc.issuer);
    assert.equal(auth.searchParams.get('redirect_uri'), `${site.base}/gdap/callback`);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    const pageRes = await web.signIn(await web.follow(auth.toString()), 'admin@wingtip-g9.example');
    assert.equal(pageRes.status, 200, pageRes.text.slice(0, 400));
    assert.match(pageRes.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = pageRes.text;
    assert.ok(html.includes('Contoso &quot;Cloud&quot; &amp; &lt;i&gt;Co&lt;/i&gt;'), 'the partner is named, escaped');
    assert.ok(!html.includes('<b>Toys</b>'));
    assert.match(html, /<li>기술 지원팀 관리자<\/li><li>라이선스 관리자<\/li>/);
    assert.ok(!html.includes(HELPDESK), 'roles by name, never by id');
    assert.match(html, /승인한 날부터 90일 동안/);
    assert.match(html, /180일씩 연장/);
    const { csrf } = hiddenInputs(html);
    const done = await web.request(req.approvalLink, { form: { csrf: csrf, decision: 'approve' } });
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /승인했습니다/);
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: req.relationshipId } });
    assert.equal(row.status, 'active');
    assert.ok(row.activatedAt && row.endsAt);
    assert.equal(row.endsAt.getTime() - row.activatedAt.getTime(), 90 * 86_400_000);
    assert.equal(await w.store.read.outboxEvent.count({ where: { type: 'gdap.approved', targetOrgId: r.orgId } }), 1);
    assert.deepEqual(site.answered.slice(-1), [req.relationshipId]);
    // single use: the link now answers 410 in the reader's language, before any sign-in
    const again = await new WebClient('en-US').request(req.approvalLink);
    assert.equal(again.status, 410);
    assert.match(again.text, /role="alert"/);
  });

  it("G9: a member of the customer tenant, or another tenant's Global Administrator, is told to ask the admin; the link stays unused", async () => {
    const { w } = site;
    const r = await reseller(w);
    const customerId = await customerIn(site, r, 'wingtip-member.example');
    const req = await requestGdap(w.ctx, r.admin, {
      customerId,
      roleTemplateIds: [HELPDESK],
      durationDays: 30,
      autoExtendDays: 0,
    });
    for (const login of ['it@wingtip-member.example', 'admin@elsewhere.example']) {
      const web = new WebClient('en-US');
      const res = await web.signIn(await web.follow(req.approvalLink), login);
      assert.equal(res.status, 403, login);
      assert.match(res.text, /Only a Global Administrator of the Microsoft Entra tenant of Wingtip/);
      assert.match(res.text, /Sign in with another account/);
    }
    const row = await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: req.relationshipId } });
    assert.equal(row.status, 'approvalPending');
    assert.equal(row.tokenUsedAt, null);
  });

  it('G9: a post without the session, with a forged CSRF token or from another origin is refused (403); decline terminates', async () => {
    const { w } = site;
    const r = await reseller(w);
    const customerId = await customerIn(site, r, 'wingtip-csrf.example');
    const req = await requestGdap(w.ctx, r.admin, {
      customerId,
      roleTemplateIds: [HELPDESK],
      durationDays: 30,
      autoExtendDays: 0,
    });
    const web = new WebClient();
    const pageRes = await web.signIn(await web.follow(req.approvalLink), 'admin@wingtip-csrf.example');
    const { csrf } = hiddenInputs(pageRes.text);
    const form = { decision: 'approve' };
    assert.equal((await new WebClient().request(req.approvalLink, { form: { ...form, csrf: csrf } })).status, 403);
    assert.equal((await web.request(req.approvalLink, { form: { ...form, csrf: 'x'.repeat(43) } })).status, 403);
    assert.equal(
      (
        await web.request(req.approvalLink, {
          form: { ...form, csrf: csrf },
          headers: { origin: 'https://evil.example' },
        })
      ).status,
      403,
    );
    assert.equal((await web.request(req.approvalLink, { form: { csrf: csrf, decision: 'maybe' } })).status, 403);
    assert.equal(
      (await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: req.relationshipId } })).status,
      'approvalPending',
    );
    const declined = await web.request(req.approvalLink, { form: { csrf: csrf, decision: 'decline' } });
    assert.equal(declined.status, 200);
    assert.match(declined.text, /You declined the request/);
    assert.equal(
      (await w.store.read.gdapRelationship.findUniqueOrThrow({ where: { id: req.relationshipId } })).status,
      'terminated',
    );
  });

  it('G7/G9: an unknown link is 404; a two-tier request before the reseller consents says it waits, without a sign-in', async () => {
    const { w } = site;
    const unknown = await new WebClient().request(`${site.base}/gdap/${'A'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    const p = await provider(w);
    const r = await reseller(w, { legalName: 'Fabrikam Resell' });
    await partner(w, p, r);
    const customerId = await customerIn(site, r, 'wingtip-2t.example', p.orgId);
    const req = await requestGdap(w.ctx, p.admin, {
      customerId,
      roleTemplateIds: [HELPDESK],
      durationDays: 30,
      autoExtendDays: 0,
    });
    const waiting = await new WebClient().request(req.approvalLink);
    assert.equal(waiting.status, 422);
    assert.match(waiting.text, /waits for the indirect reseller Fabrikam Resell to consent/);
  });
});
