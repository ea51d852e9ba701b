/**
 * The world of `npm run bench:turns`, put in through the product's own use cases (the integration tests'
 * builders in test/support/, which run them): one indirect provider (enrolled, approved, MPA signed,
 * onboarded) with `staff` global admins, its enrolling admin and the others added as users (U2), one per
 * client of the load generator: Teams keeps one personal chat per person and bot, so each client is its own
 * person in its own chat; and `resellers` active partnerships with resellers of the same region, so that the
 * provider's resellers list has pages.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../src/data/db.js';
import type { Actor } from '../../src/domain/shared/context.js';
import { addUser } from '../../src/domain/users/add-user.js';
import { makeActor, makeWorld, TEST_DATA_ENCRYPTION_KEY } from '../../test/support/fixtures.js';
import { partner, provider, reseller } from '../../test/support/partners.js';

/** Every seeded reseller's legal name starts with this (the list check looks for it on the card). */
export const RESELLER_NAME_PREFIX = 'Bench Reseller';

/** The key the product child is given (DATA_ENCRYPTION_KEY), the same one the seeding cipher used. */
export const BENCH_DATA_KEY = TEST_DATA_ENCRYPTION_KEY;

export interface TurnWorld {
  /** the provider's global admin (who enrolled it) */
  readonly providerAdmin: Actor;
  /** the provider's global admins, `providerAdmin` first: client i of `help` and the list invoke acts as the i-th */
  readonly providerStaff: readonly Actor[];
  /** the program administrator (PROGRAM_ADMINS of the product) */
  readonly programAdminAad: string;
  readonly resellers: number;
}

export async function seedTurnWorld(
  url: string,
  kind: 'sqlite' | 'postgres',
  resellers: number,
  staff: number,
): Promise<TurnWorld> {
  const db = await openDatabase({ DATABASE_URL: url, databaseKind: kind });
  try {
    const w = makeWorld(
      { kind, url, db, cleanup: () => db.close() },
      // the product runs on the wall clock: rows dated by it stay valid for the run
      { now: () => new Date() },
    );
    const p = await provider(w, { legalName: 'Bench Provider Ltd', country: 'KR', tenantId: randomUUID() });
    for (let i = 1; i <= resellers; i++) {
      const r = await reseller(w, {
        legalName: `${RESELLER_NAME_PREFIX} ${String(i).padStart(3, '0')} Ltd`,
        country: 'KR',
      });
      await partner(w, p, r);
    }
    const providerStaff: Actor[] = [p.admin];
    for (let i = 2; i <= staff; i++) {
      // The bench connector answers a member lookup with this address (bench/lib/turn-load.ts): the bot links
      // the Teams identity to the user by it on their first turn, as it would with Teams' real answer.
      const aadObjectId = randomUUID();
      const person = makeActor({
        tenantId: p.tenantId,
        aadObjectId,
        name: `Bench Staff ${i}`,
        email: `user-${aadObjectId.slice(0, 8)}@bench.example`,
      });
      await addUser(w.ctx, p.admin, { name: person.name, email: person.email ?? '', roles: ['global_admin'] });
      providerStaff.push(person);
    }
    return { providerAdmin: p.admin, providerStaff, programAdminAad: w.programAdmin.aadObjectId, resellers };
  } finally {
    await db.close();
  }
}

/** Client i of `help` and the list invoke: the provider's i-th global admin (in their own personal chat). */
export function staffMember(world: TurnWorld, i: number): { aadObjectId: string; tenantId: string; name: string } {
  const { aadObjectId, tenantId, name } = world.providerStaff[i % world.providerStaff.length] ?? world.providerAdmin;
  return { aadObjectId, tenantId, name };
}
