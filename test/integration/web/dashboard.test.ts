/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call --
   these tests walk the untyped JSON the dashboard API answers; its shape is what they assert. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { enrolledOrg, makeActor, type EnrolledOrg } from '../../support/fixtures.js';
import { startDashboardServer, type DashboardServer } from '../../support/dashboard-server.js';
import { PROVIDER_CUSTOMER_NAMES } from '../../support/dashboard-seed.js';
import { t } from '../../../src/i18n/index.js';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

describe('Dashboard API (issue 7): Teams SSO token validation and tenant isolation', function () {
  this.timeout(60_000);
  let d: DashboardServer;
  let other: EnrolledOrg;

  before(async () => {
    d = await startDashboardServer();
    // an organisation of another tenant, with its own data
    other = await enrolledOrg(d.world, {
      types: ['indirect_provider'],
      country: 'KR',
      legalName: 'Other Tenant Distribution',
    });
  });
  after(async () => {
    await d?.close();
  });

  async function get(path: string, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${d.url}${path}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  const providerAdmin = () => d.seed.provider.admin;

  describe('401 before any data', () => {
    it('no Authorization header: 401 with a localized JSON error (en-US and ko-KR)', async () => {
      const en = await get('/api/dashboard');
      assert.equal(en.status, 401);
      assert.equal(en.body.code, 'UNAUTHENTICATED');
      assert.equal(en.body.message, t('en-US', 'dashboard.error.unauthenticated'));
      assert.equal(en.headers.get('www-authenticate'), 'Bearer');
      const ko = await get('/api/dashboard?locale=ko-KR');
      assert.equal(ko.status, 401);
      assert.equal(ko.body.message, t('ko-KR', 'dashboard.error.unauthenticated'));
      const koHeader = await get('/api/dashboard/customers', undefined, { 'accept-language': 'ko-KR,ko;q=0.9' });
      assert.equal(koHeader.status, 401);
      assert.equal(koHeader.body.message, t('ko-KR', 'dashboard.error.unauthenticated'));
    });

    const cases: [string, () => Promise<string>][] = [
      ['not a JWT', () => Promise.resolve('not-a-token')],
      [
        'signed by a key that is not in the issuer JWKS',
        () =>
          d.issuer.sign(
            { oid: providerAdmin().aadObjectId, tid: providerAdmin().tenantId },
            d.audience,
            {},
            { foreignKey: true },
          ),
      ],
      [
        'another audience (a token for another app)',
        () =>
          d.issuer.sign(
            { oid: providerAdmin().aadObjectId, tid: providerAdmin().tenantId },
            `api://localhost/${randomUUID()}`,
          ),
      ],
      [
        'expired (beyond the 5-minute clock skew)',
        () =>
          d.issuer.sign({ oid: providerAdmin().aadObjectId, tid: providerAdmin().tenantId }, d.audience, {
            exp: Math.floor(Date.now() / 1000) - 600,
            iat: Math.floor(Date.now() / 1000) - 4000,
            nbf: Math.floor(Date.now() / 1000) - 4000,
          }),
      ],
      [
        "issued by another tenant's issuer than its tid claim",
        () =>
          d.issuer.sign({ oid: providerAdmin().aadObjectId, tid: providerAdmin().tenantId }, d.audience, {
            iss: d.issuer.issuerFor(other.tenantId),
          }),
      ],
      [
        'an issuer that is not Entra ID (template mismatch)',
        () =>
          d.issuer.sign({ oid: providerAdmin().aadObjectId, tid: providerAdmin().tenantId }, d.audience, {
            iss: `https://evil.example/${providerAdmin().tenantId}/v2.0`,
          }),
      ],
      [
        'no tenant claim',
        () =>
          d.issuer.sign({ oid: providerAdmin().aadObjectId, tid: providerAdmin().tenantId }, d.audience, {
            tid: undefined,
          }),
      ],
      [
        'no object id claim',
        () =>
          d.issuer.sign({ oid: providerAdmin().aadObjectId, tid: providerAdmin().tenantId }, d.audience, {
            oid: undefined,
          }),
      ],
    ];
    for (const [name, token] of cases) {
      it(`401: ${name}`, async () => {
        for (const path of ['/api/dashboard', '/api/dashboard/customers']) {
          const r = await get(path, await token());
          assert.equal(r.status, 401, `${path}: ${r.text}`);
          assert.equal(r.body.code, 'UNAUTHENTICATED');
          assert.ok(!r.text.includes(d.seed.provider.legalName));
        }
      });
    }

    it('the same claims, correctly signed, are accepted (the refusals above are about the token, not the user)', async () => {
      const r = await get('/api/dashboard', await d.tokenFor(providerAdmin()));
      assert.equal(r.status, 200, r.text);
    });
  });

  describe('what the provider sees', () => {
    let body: Record<string, any>;
    before(async () => {
      const r = await get('/api/dashboard?limit=2', await d.tokenFor(providerAdmin()));
      assert.equal(r.status, 200, r.text);
      body = r.body;
    });

    it('E8: enrollment state with the open steps', () => {
      assert.equal(body.enrollment.legalName, 'Contoso Distribution Korea');
      assert.deepEqual(body.enrollment.partnerTypes, ['indirect_provider']);
      assert.equal(body.enrollment.applications[0].state, 'approved');
      assert.deepEqual(body.enrollment.checklist, {
        onboarded: true,
        enrolledAsIndirectReseller: false,
        mpaSigned: true,
        readyToTransact: false,
      });
      // a provider does not owe the reseller type: its own checklist (onboarded, enrolled as provider, MPA) is done
      assert.deepEqual(
        body.enrollment.readiness.map((r: { partnerType: string; readyToTransact: boolean }) => [
          r.partnerType,
          r.readyToTransact,
        ]),
        [['indirect_provider', true]],
      );
    });

    it('M1: MPA state', () => {
      assert.equal(body.mpa.ok, true);
      assert.equal(body.mpa.data.signed, true);
      assert.ok(body.mpa.data.latest.signedAt);
    });

    it('P4/M2/P6: indirect resellers with dates, regions and their MPA state; no providers list for a provider', () => {
      assert.equal(body.providers, null);
      const rows = body.resellers.data.items as Record<string, any>[];
      assert.deepEqual(rows.map((r) => r.name).sort(), ['Fabrikam Resellers Korea', 'Northwind Traders Korea']);
      for (const r of rows) {
        assert.equal(r.region, 'korea');
        assert.equal(r.countryName, 'South Korea');
        assert.ok(!Number.isNaN(Date.parse(r.authorizedAt)));
      }
      assert.equal(rows.find((r) => r.name === 'Northwind Traders Korea')!.mpaSigned, false);
      assert.equal(rows.find((r) => r.name === 'Fabrikam Resellers Korea')!.mpaSigned, true);
    });

    it('S4: customers, newest first, paged by the limit', () => {
      assert.deepEqual(
        body.customers.data.items.map((c: { name: string }) => c.name),
        [PROVIDER_CUSTOMER_NAMES[2], PROVIDER_CUSTOMER_NAMES[1]],
      );
      assert.ok(body.customers.data.nextCursor);
    });

    it('pending invitations (partnership link to Litware) and requests awaiting the provider', () => {
      const inv = body.invitations.data.items as Record<string, any>[];
      assert.deepEqual(
        inv.map((i) => i.kind),
        ['partnership'],
      );
      assert.equal(inv[0].toMpnId, d.seed.invitedReseller.mpnId);
      assert.equal(inv[0].toName, 'Litware Partners', 'the enrolled reseller behind the MPN ID is named');
      assert.deepEqual(body.requests.data.items, []);
    });

    it('recent notifications aimed at the organisation, as localized text', () => {
      const items = body.notifications.data as { text: string; type: string }[];
      assert.ok(items.length > 0);
      assert.ok(
        items.some((n) => n.type === 'partnership.authorized' && n.text.includes('Fabrikam Resellers Korea')),
        JSON.stringify(items),
      );
      assert.ok(!JSON.stringify(items).includes('Other Tenant Distribution'));
    });

    it('actions: Teams deep links to the bot chat with the command prefilled', () => {
      const link = new URL(body.actions.status.url as string);
      assert.equal(link.origin + link.pathname, 'https://teams.microsoft.com/l/chat/0/0');
      assert.equal(link.searchParams.get('users'), `28:${d.botId}`);
      assert.equal(link.searchParams.get('message'), 'status');
    });

    it('ko-KR: region names and deep-link commands follow the locale', async () => {
      const r = await get('/api/dashboard?locale=ko-KR', await d.tokenFor(providerAdmin()));
      assert.equal(r.status, 200);
      const b = r.body as Record<string, any>;
      assert.equal(b.locale, 'ko-KR');
      assert.equal(b.resellers.data.items[0].countryName, '대한민국');
      assert.equal(new URL(b.actions.status.url as string).searchParams.get('message'), '상태');
    });
  });

  describe('customers: filter by reseller, paged, zod-checked query', () => {
    it('filter by a reseller and walk the pages with the cursor', async () => {
      const token = await d.tokenFor(providerAdmin());
      const first = await get(`/api/dashboard/customers?resellerId=${d.seed.reseller.orgId}&limit=2`, token);
      assert.equal(first.status, 200, first.text);
      const p1 = first.body as { ok: boolean; data: { items: { name: string }[]; nextCursor: string } };
      assert.equal(p1.data.items.length, 2);
      const second = await get(
        `/api/dashboard/customers?resellerId=${d.seed.reseller.orgId}&limit=2&cursor=${p1.data.nextCursor}`,
        token,
      );
      const p2 = second.body as { data: { items: { name: string }[]; nextCursor: string | null } };
      assert.deepEqual(
        p2.data.items.map((c) => c.name),
        [PROVIDER_CUSTOMER_NAMES[0]],
      );
      assert.equal(p2.data.nextCursor, null);
      const none = await get(`/api/dashboard/customers?resellerId=${d.seed.unsignedReseller.orgId}`, token);
      assert.deepEqual((none.body as { data: { items: unknown[] } }).data.items, []);
    });

    it('400 with a localized message for bad query parameters', async () => {
      const token = await d.tokenFor(providerAdmin());
      for (const q of ['limit=0', 'limit=abc', 'limit=51', 'locale=fr-FR', `resellerId=${'x'.repeat(101)}`]) {
        const r = await get(`/api/dashboard/customers?${q}`, token);
        assert.equal(r.status, 400, q);
        assert.equal(r.body.code, 'VALIDATION');
        assert.match(String(r.body.message), /./);
      }
      const badCursor = await get('/api/dashboard/customers?cursor=nonsense', token);
      assert.equal(badCursor.status, 400);
    });
  });

  describe('tenant isolation: data is scoped to the token tenant (tid) and user (oid)', () => {
    it("another tenant's organisation sees only its own data", async () => {
      const r = await get('/api/dashboard', await d.tokenFor(other.admin));
      assert.equal(r.status, 200, r.text);
      const b = r.body as Record<string, any>;
      assert.equal(b.enrollment.legalName, 'Other Tenant Distribution');
      assert.deepEqual(b.resellers.data.items, []);
      assert.deepEqual(b.customers.data.items, []);
      assert.deepEqual(b.invitations.data.items, []);
      for (const name of [
        'Contoso Distribution Korea',
        'Fabrikam Resellers Korea',
        'Northwind Traders Korea',
        ...PROVIDER_CUSTOMER_NAMES,
      ]) {
        assert.ok(!r.text.includes(name), `leaked ${name}`);
      }
      // and its customers endpoint cannot be pointed at the provider's reseller
      const filtered = await get(
        `/api/dashboard/customers?resellerId=${d.seed.reseller.orgId}`,
        await d.tokenFor(other.admin),
      );
      assert.deepEqual((filtered.body as { data: { items: unknown[] } }).data.items, []);
    });

    it('a user of a tenant with no organisation gets 403 and nothing else', async () => {
      const stranger = makeActor();
      for (const path of ['/api/dashboard', '/api/dashboard/customers']) {
        const r = await get(path, await d.tokenFor(stranger));
        assert.equal(r.status, 403, r.text);
        assert.equal(r.body.code, 'NOT_A_PARTNER_USER');
        assert.deepEqual(
          Object.keys(r.body).sort(),
          ['action', 'code', 'message'],
          'nothing but the refusal and the way forward',
        );
        assert.equal((r.body.action as { command: string }).command, 'enroll');
      }
      const ko = await get('/api/dashboard?locale=ko-KR', await d.tokenFor(stranger));
      assert.equal(new URL((ko.body.action as { url: string }).url).searchParams.get('message'), '등록');
    });

    it("the provider admin's object id with another (valid) tenant's token sees nothing of the provider", async () => {
      const token = await d.issuer.sign({ oid: providerAdmin().aadObjectId, tid: other.tenantId }, d.audience);
      const r = await get('/api/dashboard', token);
      assert.equal(r.status, 403, r.text);
      assert.ok(!r.text.includes('Contoso Distribution Korea'));
    });
  });

  describe('what the reseller sees', () => {
    it('its indirect providers with region, the E8 checklist done, its own customers and invitations', async () => {
      const r = await get('/api/dashboard', await d.tokenFor(d.seed.reseller.admin));
      assert.equal(r.status, 200, r.text);
      const b = r.body as Record<string, any>;
      assert.equal(b.enrollment.legalName, 'Fabrikam Resellers Korea');
      assert.equal(b.enrollment.checklist.readyToTransact, true);
      assert.equal(b.resellers, null);
      assert.equal(b.requests, null);
      assert.deepEqual(
        b.providers.data.items.map((p: { name: string; region: string }) => [p.name, p.region]),
        [['Contoso Distribution Korea', 'korea']],
      );
      // S3: the provider's customers for this reseller are on its list too (it has admin access), plus its own (C2)
      assert.equal(b.customers.data.items.length, 4);
      assert.ok(b.customers.data.items.some((c: { name: string }) => c.name === PROVIDER_CUSTOMER_NAMES[0]));
      assert.deepEqual(
        b.invitations.data.items.map((i: { kind: string; toEmail: string }) => [i.kind, i.toEmail]),
        [['customer', 'it@litware-customer.example']],
      );
    });

    it('P1/P2: the invitation a provider sent to its MPN ID waits for it, with the provider named; P10: its own directory request waits for the provider', async () => {
      const b = (await get('/api/dashboard', await d.tokenFor(d.seed.reseller.admin))).body as Record<string, any>;
      assert.deepEqual(
        b.providerInvitations.data.items.map((i: { providerName: string; providerMpnId: string }) => [
          i.providerName,
          i.providerMpnId,
        ]),
        [['Wide World Distribution Korea', d.seed.invitingProvider.mpnId]],
      );
      assert.deepEqual(
        b.sentRequests.data.items.map((r: { providerName: string }) => r.providerName),
        ['Tailspin Distribution Korea'],
      );
      // the provider asked sees the same request waiting for its decision
      const p = (await get('/api/dashboard', await d.tokenFor(d.seed.requestedProvider.admin))).body as Record<
        string,
        any
      >;
      assert.deepEqual(
        p.requests.data.items.map((r: { name: string }) => r.name),
        ['Fabrikam Resellers Korea'],
      );
      assert.equal(p.providerInvitations, null, 'a provider has no reseller side');
      assert.equal(new URL(b.actions.requests.url as string).searchParams.get('message'), 'requests');
    });

    it("P1: another reseller's invitation is not on this reseller's list", async () => {
      const b = (await get('/api/dashboard', await d.tokenFor(d.seed.invitedReseller.admin))).body as Record<
        string,
        any
      >;
      assert.deepEqual(
        b.providerInvitations.data.items.map((i: { providerName: string }) => i.providerName),
        ['Contoso Distribution Korea'],
      );
      assert.deepEqual(b.sentRequests.data.items, []);
    });
  });

  describe('the tab page', () => {
    it('GET /tab/dashboard: HTML shell with landmarks, the strings of both locales, and a CSP that lets Teams frame it', async () => {
      const r = await get('/tab/dashboard', undefined, { 'accept-language': 'ko-KR' });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
      assert.match(csp, /script-src 'self'/);
      assert.match(r.text, /<html lang="ko-KR"/);
      assert.match(r.text, /<main id="main"/);
      assert.match(r.text, /<nav /);
      assert.ok(r.text.includes(JSON.stringify(t('ko-KR', 'dashboard.outsideTeams.title')).slice(1, -1)));
    });

    it('GET /tab/dashboard.js: the teams-js bundle, built at start-up', async () => {
      const r = await get('/tab/dashboard.js');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /javascript/);
      assert.ok(r.text.length > 50_000, `bundle is ${r.text.length} bytes`);
      assert.ok(r.text.includes('authentication.getAuthToken'));
    });
  });
});
