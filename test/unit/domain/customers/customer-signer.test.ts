import assert from 'node:assert/strict';
import { outcome } from '../../../support/domain-assert.js';
import { AppError } from '../../../../src/domain/shared/errors.js';
import {
  checkCustomerSigner,
  entraRoleTemplates,
  mayAnswerForCustomer,
} from '../../../../src/domain/customers/customer-rules.js';
import { identityClaims } from '../../../../src/web/oidc-client.js';

const { globalAdministrator: GA, user: USER } = entraRoleTemplates;
const userAdministrator = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

describe("customer invitation signer (the customer tenant's Global Administrator)", () => {
  it('C2/C3: the Global Administrator role template id (any case, among others) may answer; nothing else may', () => {
    assert.equal(GA, '62e90394-69f5-4237-9190-012177145e10');
    assert.equal(
      outcome(() => checkCustomerSigner([USER, GA])),
      'ok',
    );
    assert.equal(
      outcome(() => checkCustomerSigner([` ${GA.toUpperCase()} `])),
      'ok',
    );
    for (const roles of [[USER], [USER, userAdministrator], [], undefined, ['62e90394']]) {
      assert.equal(
        outcome(() => checkCustomerSigner(roles)),
        'CUSTOMER_ADMIN_REQUIRED',
        JSON.stringify(roles),
      );
      assert.equal(mayAnswerForCustomer(roles), false);
    }
    assert.equal(new AppError('CUSTOMER_ADMIN_REQUIRED').category, 'forbidden');
  });

  it("reads the id_token's wids as a list of ids; a missing or malformed claim counts as none (not a failed sign-in)", () => {
    const base = { sub: 's', tid: 't', nonce: 'n' };
    assert.deepEqual(identityClaims.parse({ ...base, wids: [GA, USER] }).wids, [GA, USER]);
    assert.equal(identityClaims.parse(base).wids, undefined);
    assert.equal(identityClaims.parse({ ...base, wids: `${GA},${USER}` }).wids, undefined);
    assert.equal(identityClaims.parse({ ...base, wids: [GA, 42] }).wids, undefined);
    assert.equal(identityClaims.parse({ ...base, wids: Array.from({ length: 501 }, () => USER) }).wids, undefined);
  });
});
