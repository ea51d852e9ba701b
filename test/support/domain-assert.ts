import assert from 'node:assert/strict';
import { AppError, type ErrorCode } from '../../src/domain/shared/errors.js';
import type { Store } from '../../src/domain/shared/store.js';
import type { World } from './fixtures.js';

/** The code a rule refuses with, or 'ok': for table-driven rule tests. */
export function outcome(fn: () => void): ErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** Awaits `p` and returns the AppError it fails with (any other error is rethrown). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  assert.fail('expected a refusal, but it succeeded');
}

/** Awaits `p`, asserts it fails with AppError `code` (and the given params), returns the error. */
export async function rejectsWith(
  p: Promise<unknown>,
  code: ErrorCode,
  params?: Readonly<Record<string, string | number>>,
): Promise<AppError> {
  const e = await refusal(p);
  assert.equal(e.code, code, `expected ${code}, got ${e.code} ${JSON.stringify(e.params)}`);
  if (params) for (const [k, v] of Object.entries(params)) assert.equal(e.params[k], v, `param ${k}`);
  return e;
}

/** Row counts of every domain table: equal before and after means nothing was written. */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const r = store.read;
  const counters: Record<string, () => Promise<number>> = {
    organization: () => r.organization.count(),
    contact: () => r.contact.count(),
    enrollmentApplication: () => r.enrollmentApplication.count(),
    enrollmentStateChange: () => r.enrollmentStateChange.count(),
    emailVerification: () => r.emailVerification.count(),
    user: () => r.user.count(),
    roleGrant: () => r.roleGrant.count(),
    mpaAcceptance: () => r.mpaAcceptance.count(),
    mpnProfile: () => r.mpnProfile.count(),
    partnership: () => r.partnership.count(),
    invitation: () => r.invitation.count(),
    customer: () => r.customer.count(),
    customerRelationship: () => r.customerRelationship.count(),
    subscription: () => r.subscription.count(),
    auditEvent: () => r.auditEvent.count(),
    outboxEvent: () => r.outboxEvent.count(),
    programAdmin: () => r.programAdmin.count(),
    directoryChangeRequest: () => r.directoryChangeRequest.count(),
  };
  const counts = await Promise.all(Object.values(counters).map((count) => count()));
  return Object.fromEntries(Object.keys(counters).map((table, i) => [table, counts[i] ?? 0]));
}

/**
 * What "nothing changed" compares: the row count of every domain table, and every row of the
 * tables the partnership, directory and customer use cases update in place.
 */
export async function snapshot(store: Store): Promise<unknown> {
  const p = store.read;
  const byId = { orderBy: { id: 'asc' as const } };
  return {
    counts: await rowCounts(store),
    organizations: await p.organization.findMany(byId),
    partnerships: await p.partnership.findMany(byId),
    invitations: await p.invitation.findMany(byId),
    customers: await p.customer.findMany(byId),
    relationships: await p.customerRelationship.findMany(byId),
    subscriptions: await p.subscription.findMany(byId),
    directory: await p.directoryProfile.findMany({ orderBy: { orgId: 'asc' } }),
    programAdmins: await p.programAdmin.findMany({ orderBy: { aadObjectId: 'asc' } }),
    directoryChanges: await p.directoryChangeRequest.findMany(byId),
  };
}

/** Asserts `action` fails with `code` (and params) and leaves the database as it was (see snapshot). */
export async function refusesWithoutChange(
  store: Store,
  action: () => Promise<unknown>,
  code: ErrorCode,
  params?: Readonly<Record<string, string | number>>,
): Promise<AppError> {
  const before = await snapshot(store);
  const e = await rejectsWith(action(), code, params);
  assert.deepEqual(await snapshot(store), before, 'the database changed');
  return e;
}

/** refusesWithoutChange for a World, with the code first (the partnership and customer tests' order). */
export function refusedUnchanged(w: World, code: ErrorCode, act: () => Promise<unknown>): Promise<AppError> {
  return refusesWithoutChange(w.store, act, code);
}
