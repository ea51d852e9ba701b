import assert from 'node:assert/strict';
import {
  billsMicrosoftDirectly,
  needsBillingDetails,
  orgPartnerTypes,
  partnerTypes,
  transactsThroughProvider,
} from '../../../../src/domain/shared/partner-types.js';
import {
  canTransition,
  enrollInputSchema,
  enrollmentStates,
  isFinal,
  isWebmailAddress,
} from '../../../../src/domain/enrollment/enrollment-rules.js';
import { checklist, readinessByType } from '../../../../src/domain/enrollment/readiness.js';
import { enrollmentInput } from '../../../support/fixtures.js';

describe('enrollment rules (pure)', () => {
  it('PT1: there are three partner types and an organisation may hold several', () => {
    assert.deepEqual([...partnerTypes], ['indirect_reseller', 'indirect_provider', 'direct_bill']);
    assert.deepEqual(orgPartnerTypes({ isReseller: true, isProvider: true, isDirectBill: false }), [
      'indirect_reseller',
      'indirect_provider',
    ]);
    assert.deepEqual(orgPartnerTypes({ isReseller: true, isProvider: false, isDirectBill: true }), [
      'indirect_reseller',
      'direct_bill',
    ]);
  });

  it('PT2: an indirect reseller has no billing relationship with Microsoft and transacts through providers', () => {
    assert.equal(billsMicrosoftDirectly('indirect_reseller'), false);
    assert.equal(transactsThroughProvider('indirect_reseller'), true);
    assert.equal(needsBillingDetails('indirect_reseller'), false);
  });

  it('PT3: a direct-bill partner buys directly, owns billing, and must give billing details', () => {
    assert.equal(billsMicrosoftDirectly('direct_bill'), true);
    assert.equal(transactsThroughProvider('direct_bill'), false);
    assert.equal(needsBillingDetails('direct_bill'), true);
    assert.equal(transactsThroughProvider('indirect_provider'), false);
  });

  const webmail = [
    'a@gmail.com',
    'a@googlemail.com',
    'a@GMAIL.COM',
    'a@yahoo.com',
    'a@yahoo.co.kr',
    'a@yahoo.co.uk',
    'a@ymail.com',
    'a@icloud.com',
    'a@me.com',
    'a@mac.com',
    'a@aol.com',
    'a@aol.de',
    'a@outlook.com',
    'a@outlook.kr',
    'a@outlook.co.uk',
    'a@hotmail.com',
    'a@hotmail.co.uk',
    'a@hotmail.fr',
    'a@live.com',
    'a@live.co.kr',
    'a@live.co.uk',
    'a@msn.com',
  ];
  for (const email of webmail) {
    it(`E3: refuses the web-mail address ${email}`, () => assert.equal(isWebmailAddress(email), true));
  }
  const work = [
    'a@contoso.com',
    'a@contoso.co.kr',
    'a@outlook.contoso.com',
    'a@livestream.com',
    'a@me.co.kr',
    'a@hotmailer.net',
    'a@mac.contoso.com',
  ];
  for (const email of work) {
    it(`E3: accepts the work address ${email}`, () => assert.equal(isWebmailAddress(email), false));
  }

  it('E1: the enrollment schema accepts a complete application', () => {
    assert.equal(enrollInputSchema.safeParse(enrollmentInput('1234567', 'KR')).success, true);
  });

  const missing: [string, (i: Record<string, unknown>) => void][] = [
    ['MPN ID', (i) => delete i.mpnId],
    ['legal name', (i) => (i.legalName = ' ')],
    ['address', (i) => delete i.address],
    ['country', (i) => (i.country = 'XX')],
    ['primary contact phone', (i) => (i.primaryContact = { name: 'A', email: 'a@contoso.com' })],
    [
      'primary contact email',
      (i) => (i.primaryContact = { name: 'A', email: 'not-an-email', phone: '+82 2 555 0100' }),
    ],
    ['support website', (i) => (i.supportContact = { email: 'a@contoso.com', phone: '+82 2 555 0100' })],
    [
      'support website scheme',
      (i) => (i.supportContact = { email: 'a@contoso.com', phone: '+82 2 555 0100', website: 'ftp://x.example' }),
    ],
  ];
  for (const [what, mutate] of missing) {
    it(`E1: refuses an application without a valid ${what}`, () => {
      const input = structuredClone(enrollmentInput('1234567', 'KR')) as unknown as Record<string, unknown>;
      mutate(input);
      assert.equal(enrollInputSchema.safeParse(input).success, false);
    });
  }

  it('E5: states advance submitted → awaiting verification → in review → approved | rejected, and no other way', () => {
    const allowed = new Set([
      'submitted>awaiting_verification',
      'submitted>in_review',
      'awaiting_verification>in_review',
      'in_review>approved',
      'in_review>rejected',
    ]);
    for (const from of enrollmentStates) {
      for (const to of enrollmentStates) {
        assert.equal(canTransition(from, to), allowed.has(`${from}>${to}`), `${from} → ${to}`);
      }
    }
    assert.equal(isFinal('approved'), true);
    assert.equal(isFinal('rejected'), true);
    assert.equal(isFinal('in_review'), false);
  });

  const rows: [string, Parameters<typeof checklist>[0], boolean][] = [
    ['not onboarded', { onboardedAt: null, isReseller: true, mpaCount: 1 }, false],
    ['not a reseller', { onboardedAt: new Date(), isReseller: false, mpaCount: 1 }, false],
    ['MPA unsigned', { onboardedAt: new Date(), isReseller: true, mpaCount: 0 }, false],
    ['all three', { onboardedAt: new Date(), isReseller: true, mpaCount: 2 }, true],
  ];
  for (const [name, facts, ready] of rows) {
    it(`E8: a reseller that is ${name} is ${ready ? '' : 'not '}ready to transact`, () => {
      assert.equal(checklist(facts).readyToTransact, ready);
    });
  }

  const summary = (facts: Parameters<typeof readinessByType>[0]) =>
    readinessByType(facts).map(
      (r) =>
        `${r.partnerType}:${r.steps.map((x) => (x.done ? 'x' : '-')).join('')}:${r.readyToTransact ? 'ready' : 'open'}`,
    );
  const onboardedAt = new Date('2026-03-01T00:00:00Z');

  it('E8: an organisation with no type and no application yet is shown the reseller checklist', () => {
    assert.deepEqual(summary({ onboardedAt: null, mpaCount: 0, held: [], appliedFor: [] }), [
      'indirect_reseller:---:open',
    ]);
  });

  it('PT1/M1: an indirect provider gets its own checklist (onboarded, enrolled as provider, MPA), not the reseller one', () => {
    assert.deepEqual(
      summary({ onboardedAt, mpaCount: 1, held: ['indirect_provider'], appliedFor: ['indirect_provider'] }),
      ['indirect_provider:xxx:ready'],
    );
    assert.deepEqual(summary({ onboardedAt, mpaCount: 0, held: ['indirect_provider'], appliedFor: [] }), [
      'indirect_provider:xx-:open',
    ]);
  });

  it('E6/E8: a provider that applied for the reseller type also sees the reseller checklist, with the type still open', () => {
    assert.deepEqual(
      summary({ onboardedAt, mpaCount: 1, held: ['indirect_provider'], appliedFor: ['indirect_reseller'] }),
      ['indirect_reseller:x-x:open', 'indirect_provider:xxx:ready'],
    );
  });

  it('E5/PT3: an applicant whose only (direct-bill) application was rejected still sees the checklist of what it applied for', () => {
    assert.deepEqual(
      summary({ onboardedAt: null, mpaCount: 0, held: [], appliedFor: [], lastRejected: 'direct_bill' }),
      ['direct_bill:---:open'],
    );
    // a rejected type is not owed once the organisation holds or asks for another
    assert.deepEqual(
      summary({ onboardedAt, mpaCount: 1, held: ['indirect_reseller'], appliedFor: [], lastRejected: 'direct_bill' }),
      ['indirect_reseller:xxx:ready'],
    );
  });

  it('PT3/M1: a direct-bill applicant sees the direct-bill checklist with enrollment open', () => {
    assert.deepEqual(summary({ onboardedAt: null, mpaCount: 0, held: [], appliedFor: ['direct_bill'] }), [
      'direct_bill:---:open',
    ]);
  });
});
