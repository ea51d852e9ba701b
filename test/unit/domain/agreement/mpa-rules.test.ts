import assert from 'node:assert/strict';
import { outcome } from '../../../support/domain-assert.js';
import { type ErrorCode } from '../../../../src/domain/shared/errors.js';
import { checkResellerMpa } from '../../../../src/domain/agreement/mpa-rules.js';

/** M2: a reseller credited with a sale must have signed the Microsoft Partner Agreement. */
describe('rules', () => {
  const mpa: [string, string[], ErrorCode | 'ok'][] = [
    ['M2: refuses a reseller that has not signed the MPA', [], 'MPA_NOT_SIGNED'],
    ['M2: allows a reseller that signed the MPA', ['2020-02'], 'ok'],
  ];
  for (const [title, versions, expected] of mpa) {
    it(title, () =>
      assert.equal(
        outcome(() => checkResellerMpa({ legalName: 'R', signedVersions: versions })),
        expected,
      ),
    );
  }
});
