import { randomUUID } from 'node:crypto';
import { startHarness, type Chat, type Harness } from '../../../support/harness.js';
import { makeWorld, type EnrolledOrg, type World } from '../../../support/fixtures.js';
import type { Actor } from '../../../../src/domain/shared/context.js';

/**
 * A harness (real server, recording connector, a fresh SQLite file or, given 'postgres', a fresh schema
 * of TEST_DATABASE_URL) plus a domain World on the same database,
 * so fixtures enrol organisations through the use cases and the bot serves them. The world's clock is
 * set to now (the bot's own clock is the real one, and links expire relative to it).
 */
export interface PWorld {
  readonly h: Harness;
  readonly w: World;
  /** the harness's program administrator (config PROGRAM_ADMINS) */
  readonly programAdminId: string;
  close(): Promise<void>;
}

export async function startPWorld(storage: 'sqlite' | 'postgres' = 'sqlite'): Promise<PWorld> {
  const programAdminId = randomUUID();
  const h = await startHarness({
    storage,
    env: { PROGRAM_ADMINS: programAdminId, PUBLIC_BASE_URL: 'https://bot.example.test' },
  });
  if (!h.database) throw new Error('harness without a database');
  const w = makeWorld(h.database, { publicBaseUrl: 'https://bot.example.test' });
  w.clock.set(new Date());
  return { h, w, programAdminId, close: () => h.close() };
}

/** The personal chat of an organisation's user (their Teams identity is the actor's). */
export function chatOf(p: PWorld, actor: Actor, locale = 'en-US'): Chat {
  return p.h.user({ aadObjectId: actor.aadObjectId, tenantId: actor.tenantId, name: actor.name, locale });
}

export function adminChat(p: PWorld, org: EnrolledOrg, locale = 'en-US'): Chat {
  return chatOf(p, org.admin, locale);
}

/** Binds an added user's Teams identity (U2: they are known by email until they first talk to the bot). */
export async function bind(p: PWorld, actor: Actor): Promise<void> {
  await p.w.store.read.user.updateMany({
    where: { emailLower: actor.email!.toLowerCase() },
    data: { aadObjectId: actor.aadObjectId },
  });
}
