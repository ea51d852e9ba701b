import type { Logger } from '../../log.js';
import type { ActorFacts } from './actor-facts.js';
import type { Locale } from '../../i18n/index.js';
import { AppError } from './errors.js';
import type { FieldCipher } from './field-cipher.js';
import type { MpnProfileSource } from '../enrollment/mpn.js';
import type { Store, Tx } from './store.js';
import type { Role } from './roles.js';
import type { ConnectedPartnerCenter } from '../partner-center/port.js';
import type { ConnectedGdap } from '../gdap/port.js';

/** The person acting: known from the Teams/Entra identity of the turn (or the web page's sign-in). */
export interface Actor {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly name: string;
  /**
   * The person's own work e-mail, from Teams' member information (email or userPrincipalName) when the bot
   * asked for it this turn; absent when it did not ask or Teams could not answer. Never somebody else's.
   */
  readonly email?: string;
  readonly locale: Locale;
  /**
   * What the turn read about this person at its start (issue 15: one statement a turn), while it still holds:
   * the bot drops it once the turn wrote anything. Absent outside a turn: use cases then read the database.
   */
  readonly facts?: ActorFacts;
}

/** An actor resolved to a user of a partner organisation (src/domain/shared/members.ts). */
export interface Member {
  readonly userId: string;
  readonly orgId: string;
  readonly name: string;
  /** null for a user whose e-mail Teams could not tell when they enrolled (filled in once it can) */
  readonly email: string | null;
  readonly roles: readonly Role[];
}

/** Everything a use case needs besides its input; built once in the composition root. */
export interface DomainContext {
  readonly store: Store;
  readonly now: () => Date;
  /** AAD object ids of the program administrators (config PROGRAM_ADMINS). */
  readonly programAdmins: readonly string[];
  readonly invitationTtlDays: number;
  /** Base of the links the domain mints (verification, invitations), no trailing slash. */
  readonly publicBaseUrl: string;
  readonly mpn: MpnProfileSource;
  /** Encrypts sensitive columns at rest (the direct-bill bank details); key from DATA_ENCRYPTION_KEY. */
  readonly cipher: FieldCipher;
  readonly log?: Logger;
  /** M1: the agreement text the MPA card links to (config MPA_TEXT_URL); DEFAULT_MPA_TEXT_URL when unset. */
  readonly mpaTextUrl?: string;
  /**
   * Issue 17: Partner Center for organisations that chose connected mode (src/domain/partner-center/port.ts);
   * absent when the deployment has no Partner Center app registration: every organisation is then embedded.
   */
  readonly partnerCenter?: ConnectedPartnerCenter;
  /**
   * Issue 18: Microsoft Graph's GDAP relationships for organisations in connected mode (src/domain/gdap/port.ts);
   * absent: every organisation's GDAP is embedded (the bot's own records and approval page).
   */
  readonly gdap?: ConnectedGdap;
}

/**
 * E5, P7, P10: the deployment's program administrators play Microsoft's part. PROGRAM_ADMINS (config) is
 * the bootstrap and always holds; others hold the role through a ProgramAdmin row granted by an
 * administrator (src/domain/shared/program-admins.ts). Read from the database on every check, so a
 * revocation takes effect at once on every instance.
 */
export async function isProgramAdmin(
  ctx: Pick<DomainContext, 'programAdmins' | 'store'>,
  actor: Pick<Actor, 'aadObjectId' | 'facts'>,
): Promise<boolean> {
  if (ctx.programAdmins.includes(actor.aadObjectId)) return true;
  if (actor.facts) {
    const row = actor.facts.programAdmin;
    return row !== null && row.active && !row.bootstrap;
  }
  const row = await ctx.store.read.programAdmin.findFirst({
    where: { aadObjectId: actor.aadObjectId, revokedAt: null, bootstrap: false },
    select: { aadObjectId: true },
  });
  return row !== null;
}

export async function requireProgramAdmin(
  ctx: Pick<DomainContext, 'programAdmins' | 'store'>,
  actor: Pick<Actor, 'aadObjectId' | 'facts'>,
): Promise<void> {
  if (!(await isProgramAdmin(ctx, actor))) throw new AppError('PROGRAM_ADMIN_REQUIRED');
}

/**
 * Everyone who holds the program administrator role now: the bootstrap list, then the granted rows
 * (with their Teams user id where known, for card refresh lists). `tx` lets a use case read it inside
 * its transaction.
 */
export async function programAdminsOf(
  ctx: Pick<DomainContext, 'programAdmins'>,
  tx: Pick<Tx, 'programAdmin'>,
): Promise<{ aadObjectId: string; teamsUserId: string | null }[]> {
  const rows = await tx.programAdmin.findMany({
    where: { revokedAt: null },
    select: { aadObjectId: true, teamsUserId: true, bootstrap: true },
    orderBy: { grantedAt: 'asc' },
  });
  // a bootstrap row only remembers a Teams user id: it counts while its person is in PROGRAM_ADMINS
  const held = rows.filter((r) => !r.bootstrap || ctx.programAdmins.includes(r.aadObjectId));
  const teamsIds = new Map(held.map((r) => [r.aadObjectId, r.teamsUserId]));
  const ids = [...new Set([...ctx.programAdmins, ...held.map((r) => r.aadObjectId)])];
  return ids.map((aadObjectId) => ({ aadObjectId, teamsUserId: teamsIds.get(aadObjectId) ?? null }));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
