import { randomBytes, randomUUID } from 'node:crypto';
import { createDomainStore } from '../../src/data/domain-store.js';
import { addPartnerType } from '../../src/domain/enrollment/add-partner-type.js';
import { addUser } from '../../src/domain/users/add-user.js';
import type { Actor, DomainContext } from '../../src/domain/shared/context.js';
import type { Role } from '../../src/domain/shared/roles.js';
import { createFieldCipher } from '../../src/data/field-cipher.js';
import { enroll } from '../../src/domain/enrollment/enroll.js';
import type { EnrollInput } from '../../src/domain/enrollment/enrollment-rules.js';
import type { PartnerType } from '../../src/domain/shared/partner-types.js';
import { importMpnProfiles } from '../../src/domain/enrollment/import-mpn-profiles.js';
import { createMpnRegistry } from '../../src/domain/enrollment/mpn-registry.js';
import { reviewEnrollment } from '../../src/domain/enrollment/review-enrollment.js';
import { signMpa } from '../../src/domain/agreement/sign-mpa.js';
import type { Store } from '../../src/domain/shared/store.js';
import { verifyContact } from '../../src/domain/enrollment/verify-contact.js';
import type { TestDatabase } from './db.js';

/**
 * Builders for domain tests. Everything goes through the use cases, so a fixture is only as
 * valid as the rules let it be.
 *
 *   const w = makeWorld(await ctx.fresh());            // store, clock, program admin
 *   const p = await enrolledOrg(w, { types: ['indirect_provider'], country: 'KR' });
 *   const r = await enrolledOrg(w, { types: ['indirect_reseller'], country: 'JP', mpa: true });
 *   await somethingB(w.ctx, p.admin, { resellerId: r.orgId, ... });
 */
/**
 * The tests' DATA_ENCRYPTION_KEY (base64 of 32 bytes): the harness configures it and makeWorld's
 * cipher uses it, so a test can decrypt what the bot stored.
 */
export const TEST_DATA_ENCRYPTION_KEY = Buffer.alloc(32, 0x5a).toString('base64');
export const testDataKey = (): Buffer => Buffer.from(TEST_DATA_ENCRYPTION_KEY, 'base64');

export interface Clock {
  now(): Date;
  set(d: Date): void;
  advanceDays(days: number): void;
}

export function fixedClock(start = new Date('2026-03-02T09:00:00.000Z')): Clock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime();
    },
    advanceDays: (days) => {
      t += days * 86_400_000;
    },
  };
}

export interface World {
  readonly ctx: DomainContext;
  readonly store: Store;
  readonly clock: Clock;
  /** a program administrator (its aadObjectId is in ctx.programAdmins) */
  readonly programAdmin: Actor;
  readonly test: TestDatabase;
}

let seq = 0;
/** A fresh Teams identity in a fresh (or given) tenant. */
export function makeActor(overrides: Partial<Actor> = {}): Actor {
  seq++;
  const tenantId = overrides.tenantId ?? randomUUID();
  return {
    aadObjectId: randomUUID(),
    tenantId,
    name: `Person ${seq}`,
    email: `person${seq}@contoso${seq}.example`,
    locale: 'en-US',
    ...overrides,
  };
}

export function makeWorld(test: TestDatabase, overrides: Partial<DomainContext> = {}): World {
  const store = createDomainStore(test.db);
  const clock = fixedClock();
  const programAdmin = makeActor({ name: 'Program Admin', email: 'pa@program.example' });
  const ctx: DomainContext = {
    store,
    now: () => clock.now(),
    programAdmins: [programAdmin.aadObjectId],
    invitationTtlDays: 30,
    publicBaseUrl: 'https://bot.example.test',
    mpn: createMpnRegistry(store),
    cipher: createFieldCipher(testDataKey()),
    ...overrides,
  };
  // the world's own program administrator stays one, whatever else the test adds
  if (!ctx.programAdmins.includes(programAdmin.aadObjectId)) {
    Object.assign(ctx, { programAdmins: [programAdmin.aadObjectId, ...ctx.programAdmins] });
  }
  return { ctx, store, clock, programAdmin, test };
}

/** A random MPN ID (7 digits, like Partner Center's). */
export function newMpnId(): string {
  return String(1_000_000 + (randomBytes(4).readUInt32BE(0) % 9_000_000));
}

/** Where MPN profiles go: a domain World, or a test database (a harness's) for which one is made. */
export type MpnTarget = World | TestDatabase;

export interface MpnProfileInit {
  readonly mpnId: string;
  /** default `Profile <mpnId>` */
  readonly orgName?: string;
  readonly country: string;
  readonly active?: boolean;
}

/** Puts MPN profiles in the registry through the program administrator's CSV import (E2's source). */
export async function registerMpn(target: MpnTarget, profiles: readonly MpnProfileInit[]): Promise<void> {
  const w = 'ctx' in target ? target : makeWorld(target);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = [
    'mpnId,orgName,country,active',
    ...profiles.map((p) => `${p.mpnId},${q(p.orgName ?? `Profile ${p.mpnId}`)},${p.country},${p.active ?? true}`),
  ].join('\n');
  await importMpnProfiles(w.ctx, w.programAdmin, csv);
}

/** A new MPN ID with a profile in `country` in the registry (active unless told otherwise). */
export async function registeredMpnId(
  target: MpnTarget,
  country = 'KR',
  profile: Omit<MpnProfileInit, 'mpnId' | 'country'> = {},
): Promise<string> {
  const mpnId = newMpnId();
  await registerMpn(target, [{ ...profile, mpnId, country }]);
  return mpnId;
}

/** A valid E1 enrollment for `country`; override any part. */
export function enrollmentInput(mpnId: string, country: string, overrides: Partial<EnrollInput> = {}): EnrollInput {
  const n = ++seq;
  const partnerType = overrides.partnerType ?? 'indirect_reseller';
  return {
    partnerType,
    mpnId,
    legalName: `Contoso ${n} Ltd`,
    address: { line1: `${n} Main Street`, city: 'Seoul', postalCode: '04524' },
    country,
    primaryContact: { name: `Primary ${n}`, email: `primary${n}@contoso${n}.example`, phone: '+82 2 555 0100' },
    supportContact: {
      email: `support${n}@contoso${n}.example`,
      phone: '+82 2 555 0199',
      website: `https://contoso${n}.example`,
    },
    ...(partnerType === 'direct_bill'
      ? {
          billing: {
            accountHolder: `Contoso ${n} Ltd`,
            bankName: 'Bank of Example',
            accountNumber: 'KR12 3456 7890 1234',
            taxId: `TAX-${n}`,
            billingEmail: `billing${n}@contoso${n}.example`,
            acceptsCriteria: true as const,
          },
        }
      : {}),
    ...overrides,
  };
}

export interface EnrolledOrg {
  readonly orgId: string;
  readonly tenantId: string;
  readonly mpnId: string;
  readonly legalName: string;
  readonly country: string;
  /** the enrolling user: global admin and admin agent (E7) */
  readonly admin: Actor;
  readonly applicationIds: readonly string[];
}

export interface EnrolledOrgOptions {
  /** partner types, approved in this order; indirect_reseller after another type goes through E6 */
  readonly types?: readonly PartnerType[];
  readonly country?: string;
  /** sign the MPA (M1); default true */
  readonly mpa?: boolean;
  readonly legalName?: string;
  readonly tenantId?: string;
}

/**
 * An enrolled, approved organisation: enroll (E1–E3) → verify the primary contact (E4) →
 * approve (E5), then each further type (E6: indirect reseller by support contact only), then the
 * MPA (M1) unless `mpa: false`.
 */
export async function enrolledOrg(w: World, opts: EnrolledOrgOptions = {}): Promise<EnrolledOrg> {
  const types = opts.types ?? ['indirect_reseller'];
  const country = opts.country ?? 'KR';
  const [first, ...rest] = types;
  if (!first) throw new Error('enrolledOrg needs at least one type');
  if (rest.some((t) => t !== 'indirect_reseller'))
    throw new Error('only indirect_reseller can be added after the first type (E6)');
  const mpnId = newMpnId();
  const input = enrollmentInput(mpnId, country, {
    partnerType: first,
    ...(opts.legalName ? { legalName: opts.legalName } : {}),
  });
  await registerMpn(w, [{ mpnId, orgName: input.legalName, country }]);
  const admin = makeActor({
    ...(opts.tenantId ? { tenantId: opts.tenantId } : {}),
    name: `Admin of ${input.legalName}`,
  });
  const enrolled = await enroll(w.ctx, admin, input);
  if (!enrolled.verification) throw new Error('no verification token');
  await verifyContact(w.ctx, { token: enrolled.verification.token });
  await reviewEnrollment(w.ctx, w.programAdmin, { applicationId: enrolled.applicationId, decision: 'approve' });
  const applicationIds = [enrolled.applicationId];
  for (const _type of rest) {
    const added = await addPartnerType(w.ctx, admin, {
      partnerType: 'indirect_reseller',
      supportContact: input.supportContact,
    });
    await reviewEnrollment(w.ctx, w.programAdmin, { applicationId: added.applicationId, decision: 'approve' });
    applicationIds.push(added.applicationId);
  }
  if (opts.mpa ?? true) await signMpa(w.ctx, admin, { accept: true });
  return {
    orgId: enrolled.orgId,
    tenantId: admin.tenantId,
    mpnId,
    legalName: input.legalName,
    country,
    admin,
    applicationIds,
  };
}

/** Adds a user with `roles` to the organisation (U2) and returns them as an actor of its tenant. */
export async function userWithRoles(w: World, org: EnrolledOrg, roles: readonly Role[], name?: string): Promise<Actor> {
  const person = makeActor({ tenantId: org.tenantId, ...(name ? { name } : {}) });
  await addUser(w.ctx, org.admin, { name: person.name, email: person.email!, roles: [...roles] });
  return person;
}
