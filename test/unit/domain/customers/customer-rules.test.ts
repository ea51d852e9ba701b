import assert from 'node:assert/strict';
import { outcome } from '../../../support/domain-assert.js';
import { type ErrorCode } from '../../../../src/domain/shared/errors.js';
import {
  checkCustomerEligible,
  checkCustomerRegion,
  checkNotCspTenant,
  checkNotSelfOrAffiliate,
  checkResellerNotProviderCustomer,
  normalizeCompanyName,
} from '../../../../src/domain/customers/customer-rules.js';

/** C7-C11: which customers a partner may take on. */
describe('rules', () => {
  const regionCases: [string, string, string, ErrorCode | 'ok'][] = [
    ['C7: a Korean partner sells to a Korean customer', 'korea', 'KR', 'ok'],
    ['C7: refuses a customer in another region', 'korea', 'JP', 'REGION_MISMATCH'],
    ['C7: a European partner sells anywhere in the European region', 'europe', 'IS', 'ok'],
    ['C7: a US partner cannot sell to a Canadian customer', 'united_states', 'CA', 'REGION_MISMATCH'],
    ['C7: refuses an unknown country', 'korea', 'QQ', 'REGION_MISMATCH'],
    ['C7: refuses embargoed markets', 'middle_east_europe', 'IR', 'REGION_MISMATCH'],
  ];
  for (const [title, region, country, expected] of regionCases) {
    it(title, () =>
      assert.equal(
        outcome(() => checkCustomerRegion({ region }, country)),
        expected,
      ),
    );
  }

  const partnerId = { tenantId: 't-p', legalName: 'Contoso Korea Co., Ltd.', domains: ['contoso.kr'] };
  const selfCases: [string, { tenantId: string; domain?: string; name?: string }, ErrorCode | 'ok'][] = [
    ['C8: refuses the partner itself as a customer (same tenant)', { tenantId: 't-p', domain: 'x.com' }, 'SELF_SALE'],
    ['C8: refuses an affiliate on the partner domain', { tenantId: 't-a', domain: 'contoso.kr' }, 'SELF_SALE'],
    [
      'C8: refuses an affiliate on a subdomain of the partner domain',
      { tenantId: 't-a', domain: 'sales.contoso.kr' },
      'SELF_SALE',
    ],
    [
      'C8: refuses an affiliate with the same legal name',
      { tenantId: 't-a', domain: 'other.kr', name: 'CONTOSO KOREA, Inc.' },
      'SELF_SALE',
    ],
    ['C8: allows an unrelated customer', { tenantId: 't-c', domain: 'fabrikam.kr', name: 'Fabrikam' }, 'ok'],
    ['C8: a look-alike domain is not an affiliate', { tenantId: 't-c', domain: 'notcontoso.kr' }, 'ok'],
  ];
  for (const [title, customer, expected] of selfCases) {
    it(title, () =>
      assert.equal(
        outcome(() => checkNotSelfOrAffiliate(partnerId, customer)),
        expected,
      ),
    );
  }

  it('C8: company names compare without suffixes or punctuation', () => {
    assert.equal(normalizeCompanyName('Contoso Korea Co., Ltd.'), normalizeCompanyName('contoso korea'));
    assert.equal(normalizeCompanyName('(주)콘토소'), normalizeCompanyName('콘토소 주식회사'));
  });

  const cspCases: [string, { id: string } | null, ErrorCode | 'ok'][] = [
    ["C9: refuses a tenant that is an enrolled partner's CSP tenant", { id: 'R' }, 'CSP_TENANT_AS_CUSTOMER'],
    ['C9: allows a separate customer-type tenant', null, 'ok'],
  ];
  for (const [title, tenantOrg, expected] of cspCases) {
    it(title, () =>
      assert.equal(
        outcome(() => checkNotCspTenant(tenantOrg)),
        expected,
      ),
    );
  }

  const c10: [string, { id: string; isReseller: boolean } | null, string[], string[], ErrorCode | 'ok'][] = [
    [
      "C10: refuses a reseller as its own provider's customer with the same tenant",
      { id: 'R', isReseller: true },
      ['P'],
      ['P'],
      'RESELLER_IS_PROVIDER_CUSTOMER',
    ],
    ['C10: another provider is not blocked by C10', { id: 'R', isReseller: true }, ['P2'], ['P'], 'ok'],
    ['C10: another tenant (no organisation) is fine', null, ['P'], ['P'], 'ok'],
  ];
  for (const [title, tenantOrg, providerIds, partnered, expected] of c10) {
    it(title, () =>
      assert.equal(
        outcome(() => checkResellerNotProviderCustomer({ tenantOrg, providerIds, partneredProviderIds: partnered })),
        expected,
      ),
    );
  }

  const full =
    (tenantOrg: { id: string; isReseller: boolean } | null, partnered: string[], country = 'KR') =>
    () =>
      checkCustomerEligible({
        partners: [
          {
            id: 'R2',
            tenantId: 't-r2',
            legalName: 'Reseller Two',
            domains: ['r2.kr'],
            region: 'korea',
            isProvider: false,
          },
          { id: 'P', tenantId: 't-p', legalName: 'Provider', domains: ['p.kr'], region: 'korea', isProvider: true },
        ],
        customer: { tenantId: 't-x', domain: 'x.kr', name: 'X', country },
        tenantOrg,
        partneredProviderIds: partnered,
      });
  it('C10: checked before C9 when the tenant is a reseller partnered with the provider', () =>
    assert.equal(outcome(full({ id: 'R', isReseller: true }, ['P'])), 'RESELLER_IS_PROVIDER_CUSTOMER'));
  it('C9: any other CSP tenant is refused', () =>
    assert.equal(outcome(full({ id: 'R', isReseller: true }, [])), 'CSP_TENANT_AS_CUSTOMER'));
  it("C7: every partner of a C3 invitation must share the customer's region", () =>
    assert.equal(outcome(full(null, [], 'JP')), 'REGION_MISMATCH'));
  it('C11: a customer may be eligible for several partners at once', () => assert.equal(outcome(full(null, [])), 'ok'));
});
