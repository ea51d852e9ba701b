import assert from 'node:assert/strict';
import { AppError, type ErrorCode } from '../../src/domain/shared/errors.js';
import type { Store } from '../../src/domain/shared/store.js';

/** Awaits `p`, asserts it fails with AppError `code` (and the given params), returns the error. */
export async function rejectsWith(
  p: Promise<unknown>,
  code: ErrorCode,
  params?: Readonly<Record<string, string | number>>,
): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected AppError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code} ${JSON.stringify(e.params)}`);
    if (params) for (const [k, v] of Object.entries(params)) assert.equal(e.params[k], v, `param ${k}`);
    return e;
  }
  assert.fail(`expected AppError ${code}, but it succeeded`);
}

/** Row counts of every domain table: equal before and after means nothing was written. */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const r = store.read;
  const [
    organization,
    contact,
    enrollmentApplication,
    enrollmentStateChange,
    emailVerification,
    user,
    roleGrant,
    mpaAcceptance,
    mpnProfile,
    partnership,
    invitation,
    customer,
    customerRelationship,
    subscription,
    auditEvent,
    outboxEvent,
  ] = await Promise.all([
    r.organization.count(),
    r.contact.count(),
    r.enrollmentApplication.count(),
    r.enrollmentStateChange.count(),
    r.emailVerification.count(),
    r.user.count(),
    r.roleGrant.count(),
    r.mpaAcceptance.count(),
    r.mpnProfile.count(),
    r.partnership.count(),
    r.invitation.count(),
    r.customer.count(),
    r.customerRelationship.count(),
    r.subscription.count(),
    r.auditEvent.count(),
    r.outboxEvent.count(),
  ]);
  return {
    organization,
    contact,
    enrollmentApplication,
    enrollmentStateChange,
    emailVerification,
    user,
    roleGrant,
    mpaAcceptance,
    mpnProfile,
    partnership,
    invitation,
    customer,
    customerRelationship,
    subscription,
    auditEvent,
    outboxEvent,
  };
}

/** Asserts `action` fails with `code` and leaves every domain table as it was. */
export async function refusesWithoutChange(
  store: Store,
  action: () => Promise<unknown>,
  code: ErrorCode,
  params?: Readonly<Record<string, string | number>>,
): Promise<AppError> {
  const before = await rowCounts(store);
  const e = await rejectsWith(action(), code, params);
  assert.deepEqual(await rowCounts(store), before, 'the database changed');
  return e;
}
