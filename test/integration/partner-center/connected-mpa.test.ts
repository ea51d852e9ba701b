/**
 * Issue 17 items 1 and 3: the Partner Center port in connected mode, through the local Partner Center (a real
 * loopback server, test/support/partner-center). M2 before S1 and S4 asks `GET /v1/compliance/csp/agreementstatus`
 * by the reseller's MPN ID; Partner Center's refusals and faults become localized AppErrors, and nothing changes
 * locally. An unlinked or embedded organisation never reaches Partner Center and keeps its own M1 records' answer.
 * SQLite, and PostgreSQL with TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { addCustomerForReseller } from '../../../src/domain/customers/add-customer-for-reseller.js';
import { addSubscription } from '../../../src/domain/subscriptions/add-subscription.js';
import type { LinkMode } from '../../../src/domain/partner-center/link-rules.js';
import type { ErrorCode } from '../../../src/domain/shared/errors.js';
import { t } from '../../../src/i18n/index.js';
import { forEachDatabase } from '../../support/db.js';
import { refusedUnchanged } from '../../support/domain-assert.js';
import { LocalPartnerCenter } from '../../support/partner-center/server.js';
import { connectedSetup, linkOrg, portOver, type ConnectedSetup } from './connected-support.js';

const AGREEMENT = '/v1/compliance/csp/agreementstatus';
let n = 0;
function newCustomer() {
  n++;
  return { name: `Wingtip ${n}`, domainPrefix: `wingtip${n}-${Date.now().toString(36)}`, country: 'KR' };
}

forEachDatabase('Partner Center port, connected mode: M2 before S1 and S4 (issue 17)', (db) => {
  let stub: LocalPartnerCenter;
  // a Partner Center of its own per test: no fault or agreement left behind by another
  beforeEach(async () => {
    stub = await LocalPartnerCenter.start();
  });
  afterEach(async () => {
    await stub.stop();
  });

  const setup = (opts: { resellerMpa?: boolean } = {}) => connectedSetup(db, stub, opts);
  const link = (s: ConnectedSetup, mode: LinkMode) => linkOrg(s.w, s.p, mode);

  function asked(mpnId: string): number {
    return stub.requestsTo(AGREEMENT).filter((q) => q.query.mpnId === mpnId).length;
  }

  it('M2, S1: Partner Center says the reseller has not signed: refused with M2’s message, nothing written', async () => {
    const s = await setup();
    await link(s, 'connected');
    stub.world.withAgreement(s.r.mpnId, 'not-signed');
    const e = await refusedUnchanged(s.w, 'MPA_NOT_SIGNED', () =>
      addCustomerForReseller(s.w.ctx, s.p.admin, {
        resellerId: s.r.orgId,
        customer: newCustomer(),
        subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
      }),
    );
    assert.equal(e.params.org, s.r.legalName);
    assert.equal(asked(s.r.mpnId), 1, 'asked Partner Center by MPN ID');
  });

  it('M2, S1: Partner Center owns the MPA in connected mode: signed there is enough, whatever the local records say', async () => {
    const s = await setup({ resellerMpa: false });
    await link(s, 'connected');
    // our indirect reseller in Partner Center, MPA signed there (S1 itself: connected-new-customer.test.ts)
    stub.world.withIndirectReseller({ name: s.r.legalName, mpnId: s.r.mpnId, tenantId: s.r.tenantId }, 'signed');
    const done = await addCustomerForReseller(s.w.ctx, s.p.admin, {
      resellerId: s.r.orgId,
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
      billing: {
        email: 'ap@wingtip.example',
        firstName: 'Jiwoo',
        lastName: 'Park',
        addressLine1: '1 Teheran-ro',
        city: 'Seoul',
        postalCode: '06164',
      },
    });
    assert.equal(done.created, true);
    assert.equal(asked(s.r.mpnId), 1);
  });

  it('M2, S4: adding or associating a subscription asks Partner Center about the reseller first', async () => {
    const s = await setup();
    stub.world.withAgreement(s.r.mpnId, 'signed');
    const c = await addCustomerForReseller(s.w.ctx, s.p.admin, {
      resellerId: s.r.orgId,
      customer: newCustomer(),
      subscriptions: [{ offerId: 'm365-e3', quantity: 5 }],
    });
    await link(s, 'connected');
    // Partner Center knows the customer and the reseller (orders go there in connected mode: connected-orders.test.ts)
    stub.world.withCustomer({ id: c.tenantId, companyName: 'Wingtip' });
    stub.world.withIndirectReseller({ name: s.r.legalName, mpnId: s.r.mpnId, tenantId: s.r.tenantId }, 'not-signed');
    // M2b: the customer is served for the reseller, so ordering for it is business with the reseller
    await refusedUnchanged(s.w, 'MPA_NOT_SIGNED', () =>
      addSubscription(s.w.ctx, s.p.admin, { customerId: c.customerId, offerId: 'm365-business-basic', quantity: 2 }),
    );
    // M2a: associating the reseller
    await refusedUnchanged(s.w, 'MPA_NOT_SIGNED', () =>
      addSubscription(s.w.ctx, s.p.admin, {
        customerId: c.customerId,
        offerId: 'm365-business-basic',
        quantity: 2,
        resellerId: s.r.orgId,
      }),
    );
    assert.equal(asked(s.r.mpnId), 2);
    stub.world.withAgreement(s.r.mpnId, 'signed');
    const sub = await addSubscription(s.w.ctx, s.p.admin, {
      customerId: c.customerId,
      offerId: 'm365-business-basic',
      quantity: 2,
      resellerId: s.r.orgId,
    });
    assert.equal(sub.partnerOfRecordId, s.r.orgId);
  });

  const refusals: readonly { agreement: 'other-region' | 'not-indirect-reseller' | 'unknown'; code: ErrorCode }[] = [
    { agreement: 'other-region', code: 'PC_RESELLER_OTHER_REGION' },
    { agreement: 'not-indirect-reseller', code: 'NOT_INDIRECT_RESELLER' },
    { agreement: 'unknown', code: 'PC_RESELLER_UNKNOWN' },
  ];
  for (const { agreement, code } of refusals) {
    it(`M2: Partner Center's documented refusal of the MPN ID (${agreement}) is ${code}, named for the reseller`, async () => {
      const s = await setup();
      await link(s, 'connected');
      if (agreement === 'unknown') stub.world.agreements.delete(s.r.mpnId);
      else stub.world.withAgreement(s.r.mpnId, agreement);
      const e = await refusedUnchanged(s.w, code, () =>
        addCustomerForReseller(s.w.ctx, s.p.admin, {
          resellerId: s.r.orgId,
          customer: newCustomer(),
          subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
        }),
      );
      assert.equal(e.params.org, s.r.legalName);
    });
  }

  const faults: readonly { name: string; arrange: () => void; code: ErrorCode; en: RegExp; ko: RegExp }[] = [
    {
      name: 'down (503 through every retry)',
      arrange: () => stub.failNext(10, { status: 503 }, /agreementstatus/),
      code: 'PC_UNAVAILABLE',
      en: /^Partner Center isn't answering right now; nothing was changed\./,
      ko: /^지금 파트너 센터가 응답하지 않습니다\. 변경된 내용은 없습니다\./,
    },
    {
      name: 'throttled (429 through every retry)',
      arrange: () => stub.failNext(10, { status: 429, retryAfter: 1 }, /agreementstatus/),
      code: 'PC_THROTTLED',
      en: /too many requests right now; nothing was changed/,
      ko: /요청이 너무 많습니다\. 변경된 내용은 없습니다/,
    },
    {
      name: 'unauthorized (a revoked token)',
      arrange: () => {},
      code: 'PC_ACCESS_DENIED',
      en: /refused your organization's linked account; nothing was changed/,
      ko: /연결된 계정을 거부했습니다\. 변경된 내용은 없습니다/,
    },
  ];
  for (const f of faults) {
    it(`issue 17 item 3: Partner Center ${f.name}: ${f.code}, localized, nothing changed`, async () => {
      const s = await setup();
      await link(s, 'connected');
      stub.world.withAgreement(s.r.mpnId, 'signed');
      f.arrange();
      if (f.code === 'PC_ACCESS_DENIED') {
        // a context whose token the stand-in no longer accepts (401)
        const revoked = stub.issueToken();
        stub.revokeToken(revoked);
        Object.assign(s.w.ctx, { partnerCenter: portOver(stub, revoked) });
      }
      const e = await refusedUnchanged(s.w, f.code, () =>
        addCustomerForReseller(s.w.ctx, s.p.admin, {
          resellerId: s.r.orgId,
          customer: newCustomer(),
          subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
        }),
      );
      const en = t('en-US', `error.${e.code}`, e.params);
      const ko = t('ko-KR', `error.${e.code}`, e.params);
      assert.match(en, f.en);
      assert.match(ko, f.ko);
      // users never see Partner Center's description, codes or ids
      for (const text of [en, ko])
        assert.doesNotMatch(text, /TooManyRequests|ServiceUnavailable|HTTP|\d{3}|[0-9a-f]{8}-/i);
    });
  }

  it('L5: an unlinked organisation, or a linked one in embedded mode, never reaches Partner Center; its M1 records decide', async () => {
    const s = await setup({ resellerMpa: false });
    stub.world.withAgreement(s.r.mpnId, 'signed');
    await refusedUnchanged(s.w, 'MPA_NOT_SIGNED', () =>
      addCustomerForReseller(s.w.ctx, s.p.admin, {
        resellerId: s.r.orgId,
        customer: newCustomer(),
        subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
      }),
    );
    await link(s, 'embedded');
    await refusedUnchanged(s.w, 'MPA_NOT_SIGNED', () =>
      addCustomerForReseller(s.w.ctx, s.p.admin, {
        resellerId: s.r.orgId,
        customer: newCustomer(),
        subscriptions: [{ offerId: 'm365-e3', quantity: 1 }],
      }),
    );
    assert.equal(asked(s.r.mpnId), 0);
  });
});
