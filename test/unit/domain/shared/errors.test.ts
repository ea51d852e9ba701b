import assert from 'node:assert/strict';
import { z } from 'zod';
import { catalogue } from '../../../../src/i18n/index.js';
import { AppError, errorCatalog, errorCodes, httpStatus, parseInput } from '../../../../src/domain/shared/errors.js';
import { describeError } from '../../../../src/domain/shared/describe-error.js';
import { requireRole, roles } from '../../../../src/domain/shared/roles.js';

describe('domain errors', () => {
  it('every code has a message in en-US and ko-KR, and names its rule ids', () => {
    for (const code of errorCodes) {
      for (const locale of ['en-US', 'ko-KR'] as const) {
        const msg = catalogue(locale)[`error.${code}`];
        assert.ok(msg && msg.length > 5, `${locale} error.${code}`);
      }
      for (const rule of errorCatalog[code].rules) assert.match(rule, /^(PT|E|U|M|P|C|S|L|G)\d+$/);
    }
  });

  it('maps categories to HTTP statuses in one place', () => {
    assert.equal(httpStatus('VALIDATION'), 400);
    assert.equal(httpStatus('ROLE_REQUIRED'), 403);
    assert.equal(httpStatus('NOT_FOUND'), 404);
    assert.equal(httpStatus('ALREADY_DECIDED'), 409);
    assert.equal(httpStatus('TOKEN_EXPIRED'), 410);
    assert.equal(httpStatus('REGION_MISMATCH'), 422);
    assert.equal(httpStatus('NOT_A_PARTNER_USER'), 401);
  });

  it('turns a schema failure into VALIDATION naming the field', () => {
    assert.throws(
      () => parseInput(z.object({ name: z.string().min(1) }), { name: '' }),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && String(e.params.details).startsWith('name:'),
    );
  });

  it('U3: a refusal names the roles that would do, localized', () => {
    let err: unknown;
    try {
      requireRole({ roles: ['helpdesk_agent'] }, ['global_admin', 'admin_agent']);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof AppError && err.code === 'ROLE_REQUIRED');
    assert.equal(describeError('en-US', err), 'You need one of these roles to do this: global admin, admin agent.');
    assert.equal(
      describeError('ko-KR', err),
      '이 작업을 하려면 다음 역할 중 하나가 필요합니다: 전역 관리자, 관리 에이전트.',
    );
  });

  it('U1: the seven roles each have a display name in both locales', () => {
    assert.deepEqual(
      [...roles],
      [
        'global_admin',
        'user_admin',
        'admin_agent',
        'sales_agent',
        'helpdesk_agent',
        'billing_admin',
        'business_profile_admin',
      ],
    );
    for (const r of roles) {
      assert.notEqual(catalogue('en-US')[`role.${r}`], catalogue('ko-KR')[`role.${r}`]);
    }
  });

  it('U3: holding any one allowed role is enough', () => {
    assert.doesNotThrow(() => requireRole({ roles: ['sales_agent'] }, ['global_admin', 'sales_agent']));
  });
});
