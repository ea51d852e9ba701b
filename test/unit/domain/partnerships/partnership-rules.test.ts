import assert from 'node:assert/strict';
import { outcome } from '../../../support/domain-assert.js';
import { type ErrorCode } from '../../../../src/domain/shared/errors.js';
import { checkCanPartner, type OrgFacts } from '../../../../src/domain/partnerships/partnership-rules.js';

const org = (o: Partial<OrgFacts> & { id: string }): OrgFacts => ({
  legalName: o.id,
  region: 'korea',
  isProvider: false,
  isReseller: false,
  ...o,
});
const provider = org({ id: 'P', isProvider: true });
const reseller = org({ id: 'R', isReseller: true });

/** P5/P6: who may partner with whom (the rules' table; DOMAIN.md ids in the titles). */
describe('rules', () => {
  const partnerCases: [string, OrgFacts, OrgFacts, ErrorCode | 'ok'][] = [
    ['P5: a provider partners with an enrolled indirect reseller', provider, reseller, 'ok'],
    [
      'P5: refuses an organisation not enrolled as an indirect reseller',
      provider,
      org({ id: 'X', isProvider: true }),
      'NOT_INDIRECT_RESELLER',
    ],
    ['P5: refuses a direct-bill-only organisation', provider, org({ id: 'D' }), 'NOT_INDIRECT_RESELLER'],
    [
      'P5: refuses partnering with itself',
      org({ id: 'PR', isProvider: true, isReseller: true }),
      org({ id: 'PR', isProvider: true, isReseller: true }),
      'SELF_PARTNERSHIP',
    ],
    [
      'P5: the requesting side must be an indirect provider',
      org({ id: 'R2', isReseller: true }),
      reseller,
      'NOT_INDIRECT_PROVIDER',
    ],
    [
      'P6: refuses a reseller in another region',
      provider,
      org({ id: 'R', isReseller: true, region: 'japan' }),
      'REGION_MISMATCH',
    ],
    [
      'P6: allows two countries of one multi-country region',
      org({ id: 'P', isProvider: true, region: 'europe' }),
      org({ id: 'R', isReseller: true, region: 'europe' }),
      'ok',
    ],
    [
      'P6: refuses unsupported markets even when both are unsupported',
      org({ id: 'P', isProvider: true, region: 'unsupported' }),
      org({ id: 'R', isReseller: true, region: 'unsupported' }),
      'REGION_MISMATCH',
    ],
  ];
  for (const [title, p, r, expected] of partnerCases) {
    it(title, () =>
      assert.equal(
        outcome(() => checkCanPartner(p, r)),
        expected,
      ),
    );
  }
});
