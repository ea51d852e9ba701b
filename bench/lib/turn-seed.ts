/**
 * The world of `npm run bench:turns`, put in through the product's own use cases (the integration tests'
 * builders in test/support/, which run them): one indirect provider (enrolled, approved, MPA signed,
 * onboarded) whose global admin is the Teams user the load generator acts as, and `resellers` active
 * partnerships with resellers of the same region, so that the provider's resellers list has pages.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../src/data/db.js';
import type { Actor } from '../../src/domain/shared/context.js';
import { makeWorld, TEST_DATA_ENCRYPTION_KEY } from '../../test/support/fixtures.js';
import { partner, provider, reseller } from '../../test/support/partners.js';

/** Every seeded reseller's legal name starts with this (the list check looks for it on the card). */
export const RESELLER_NAME_PREFIX = 'Bench Reseller';

/** The key the product child is given (DATA_ENCRYPTION_KEY), the same one the seeding cipher used. */
export const BENCH_DATA_KEY = TEST_DATA_ENCRYPTION_KEY;

export interface TurnWorld {
  /** the provider's global admin: who `help` and the list invoke act as */
  readonly providerAdmin: Actor;
  /** the program administrator (PROGRAM_ADMINS of the product) */
  readonly programAdminAad: string;
  readonly resellers: number;
}

export async function seedTurnWorld(url: string, kind: 'sqlite' | 'postgres', resellers: number): Promise<TurnWorld> {
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
    return { providerAdmin: p.admin, programAdminAad: w.programAdmin.aadObjectId, resellers };
  } finally {
    await db.close();
  }
}
