/** E-PC2–E-PC4 (docs/partner-center.md): comparing what was entered with Partner Center's profile, as rows. */
import assert from 'node:assert/strict';
import {
  evidenceVerdict,
  profileDifferences,
  type EnteredProfile,
  type PartnerCenterProfile,
} from '../../../../src/domain/enrollment/partner-center-evidence.js';

const entered: EnteredProfile = {
  legalName: 'Contoso, Ltd.',
  address: { line1: '1 Jong-ro', line2: null, city: 'Seoul', state: null, postalCode: '03154' },
  country: 'KR',
  primaryContact: { name: 'Min Kim', email: 'min.kim@contoso.example' },
  mpnId: '4800001',
  partnerTypes: ['indirect_reseller'],
};

const pc: PartnerCenterProfile = {
  legalName: 'CONTOSO LTD',
  address: { line1: '1 jong-ro', line2: '', city: 'SEOUL', state: null, postalCode: '031 54' },
  country: 'kr',
  primaryContact: { name: 'Kim Min', email: 'Min.Kim@Contoso.example', phone: null },
  mpnId: '4800001',
  partnerTypes: [],
  verified: true,
};

describe('Enrollment from Partner Center: the comparison (E-PC2–E-PC4)', () => {
  it('E-PC2: case, spacing, punctuation and name order are no difference; an empty type list proves nothing', () => {
    assert.deepEqual(profileDifferences(entered, pc), []);
    assert.deepEqual(evidenceVerdict([], pc), { approves: true });
  });

  const rows: readonly [string, Partial<PartnerCenterProfile>, string, boolean][] = [
    ['legal name', { legalName: 'Contoso Holdings' }, 'legalName', false],
    ['address', { address: { ...pc.address, city: 'Busan' } }, 'address', false],
    [
      'contact e-mail',
      { primaryContact: { ...pc.primaryContact, email: 'ops@contoso.example' } },
      'primaryContact',
      false,
    ],
    ['contact name', { primaryContact: { ...pc.primaryContact, name: 'Ji-woo Park' } }, 'primaryContact', false],
    ['partner types', { partnerTypes: ['indirect_provider'] }, 'partnerTypes', false],
    ['MPN ID', { mpnId: '4800002' }, 'mpnId', true],
    ['country', { country: 'JP' }, 'country', true],
  ];
  for (const [what, change, field, blocking] of rows) {
    it(`E-PC2/E-PC4: a different ${what} is the ${field} difference${blocking ? ', which blocks' : ', shown only'}`, () => {
      const diffs = profileDifferences(entered, { ...pc, ...change });
      assert.deepEqual(
        diffs.map((d) => [d.field, d.blocking]),
        [[field, blocking]],
      );
      assert.equal(evidenceVerdict(diffs, pc).approves, !blocking);
    });
  }

  it('E-PC4: not verified by Microsoft keeps the review even when everything agrees; reasons add up', () => {
    assert.deepEqual(evidenceVerdict([], { verified: false }), { approves: false, reasons: ['not_verified'] });
    const diffs = profileDifferences(entered, { ...pc, mpnId: '1', country: 'US', verified: false });
    assert.deepEqual(evidenceVerdict(diffs, { verified: false }), {
      approves: false,
      reasons: ['mpn_id_differs', 'country_differs', 'not_verified'],
    });
  });

  it('E-PC2: the same partner types in another order are no difference', () => {
    const both: EnteredProfile = { ...entered, partnerTypes: ['indirect_provider', 'indirect_reseller'] };
    assert.deepEqual(profileDifferences(both, { ...pc, partnerTypes: ['indirect_reseller', 'indirect_provider'] }), []);
  });
});
