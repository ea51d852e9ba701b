import { z } from 'zod';
import { retryOnUnique } from './acting.js';
import type { ActorFacts } from './actor-facts.js';
import { audit } from './audit.js';
import { programAdminsOf, requireProgramAdmin, type Actor, type DomainContext } from './context.js';
import { AppError, parseInput } from './errors.js';
import { enqueue } from './outbox.js';
import { claimed, type Tx } from './store.js';

/**
 * E5, P7, P10: the program administrator role, granted and revoked by an administrator from a card.
 * PROGRAM_ADMINS (config) is the bootstrap: it always holds and cannot be revoked here; everyone else
 * holds the role through a ProgramAdmin row (src/domain/shared/context.ts reads it on every check).
 * Every change is audited (orgId null: the program's own, not an organisation's) and idempotent.
 */

/** An Entra object id: what Teams' people picker (Data.Query graph.microsoft.com/users) and a known user give. */
export const entraObjectId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'an Entra object id')
  .transform((s) => s.toLowerCase());

export const grantProgramAdminInput = z.object({ aadObjectId: entraObjectId });
export const revokeProgramAdminInput = z.object({ aadObjectId: entraObjectId });

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isBootstrap = (ctx: Pick<DomainContext, 'programAdmins'>, aad: string) =>
  ctx.programAdmins.some((p) => same(p, aad));

/** The name and e-mail the program knows for a person: a partner user's row, else an earlier ProgramAdmin row. */
async function knownPerson(
  tx: Pick<Tx, 'user' | 'programAdmin'>,
  aadObjectId: string,
): Promise<{ name: string; email: string | null }> {
  const user = await tx.user.findFirst({
    where: { aadObjectId: { in: [aadObjectId, aadObjectId.toUpperCase()] }, removedAt: null },
    select: { name: true, email: true },
  });
  if (user) return { name: user.name, email: user.email };
  const row = await tx.programAdmin.findUnique({ where: { aadObjectId }, select: { name: true, email: true } });
  return { name: row?.name ?? '', email: row?.email ?? null };
}

export type GrantResult =
  | { readonly outcome: 'granted'; readonly name: string }
  | { readonly outcome: 'already'; readonly name: string; readonly bootstrap: boolean };

/**
 * Grants the role to a person by Entra object id (picked in Teams' people picker, or a known user).
 * The name comes from the program's users when it knows the person (the picker sends only the id);
 * otherwise it is filled in when the person first talks to the bot ({@link rememberProgramAdmin}).
 * Granting a current administrator changes nothing; granting a revoked one restores it. The person is
 * told in its personal chat (outbox, delivered when the bot has that chat).
 */
export async function grantProgramAdmin(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof grantProgramAdminInput>,
): Promise<GrantResult> {
  const input = parseInput(grantProgramAdminInput, raw);
  await requireProgramAdmin(ctx, actor);
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx): Promise<GrantResult> => {
      const now = ctx.now();
      const person = await knownPerson(tx, input.aadObjectId);
      if (isBootstrap(ctx, input.aadObjectId)) return { outcome: 'already', name: person.name, bootstrap: true };
      const row = await tx.programAdmin.findUnique({ where: { aadObjectId: input.aadObjectId } });
      if (row && !row.bootstrap && row.revokedAt === null) {
        return { outcome: 'already', name: row.name || person.name, bootstrap: false };
      }
      const data = {
        name: person.name || row?.name || '',
        email: person.email ?? row?.email ?? null,
        grantedByAad: actor.aadObjectId,
        grantedByName: actor.name,
        grantedAt: now,
        revokedAt: null,
        revokedByAad: null,
        bootstrap: false,
      };
      if (row) {
        // a revoked row (or one left by a former bootstrap administrator): restored only if nobody else did it first
        const won = claimed(
          await tx.programAdmin.updateMany({
            where: { aadObjectId: row.aadObjectId, updatedAt: row.updatedAt },
            data,
          }),
        );
        if (!won) return { outcome: 'already', name: data.name, bootstrap: false };
      } else {
        await tx.programAdmin.create({ data: { aadObjectId: input.aadObjectId, ...data } });
      }
      await audit(tx, { userId: null, ref: actor.aadObjectId }, now, {
        orgId: null,
        action: 'program_admin.granted',
        entity: 'ProgramAdmin',
        entityId: input.aadObjectId,
        detail: { name: data.name },
      });
      await enqueue(
        tx,
        'program_admin.granted',
        `${input.aadObjectId}:${now.getTime()}`,
        { name: data.name, grantedByName: actor.name },
        [{ aadObjectId: input.aadObjectId }],
        now,
      );
      return { outcome: 'granted', name: data.name };
    }),
  );
}

export type RevokeResult = { readonly outcome: 'revoked' | 'already'; readonly name: string };

/**
 * Takes the role back. A PROGRAM_ADMINS person cannot be revoked from a card (PROGRAM_ADMIN_BOOTSTRAP: the
 * configuration holds it). An administrator may revoke itself only while another administrator remains
 * (LAST_PROGRAM_ADMIN). Revoking someone who no longer holds the role changes nothing.
 */
export async function revokeProgramAdmin(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof revokeProgramAdminInput>,
): Promise<RevokeResult> {
  const input = parseInput(revokeProgramAdminInput, raw);
  await requireProgramAdmin(ctx, actor);
  if (isBootstrap(ctx, input.aadObjectId)) throw new AppError('PROGRAM_ADMIN_BOOTSTRAP');
  return ctx.store.transaction(async (tx): Promise<RevokeResult> => {
    const now = ctx.now();
    if (ctx.programAdmins.length === 0) {
      // Nobody holds the role by configuration: two administrators revoking each other at once must not both
      // win. Touching every held row first takes their row locks, so the second revocation waits for the first
      // and then counts what the first left (SQLite runs one write transaction at a time anyway).
      await tx.programAdmin.updateMany({ where: { revokedAt: null, bootstrap: false }, data: { updatedAt: now } });
    }
    const row = await tx.programAdmin.findUnique({ where: { aadObjectId: input.aadObjectId } });
    if (!row || row.bootstrap || row.revokedAt !== null) return { outcome: 'already', name: row?.name ?? '' };
    const won = claimed(
      await tx.programAdmin.updateMany({
        where: { aadObjectId: row.aadObjectId, revokedAt: null, bootstrap: false },
        data: { revokedAt: now, revokedByAad: actor.aadObjectId },
      }),
    );
    if (!won) return { outcome: 'already', name: row.name };
    // counted after the write, inside the transaction: the change is rolled back if nobody would be left
    if ((await programAdminsOf(ctx, tx)).length === 0) throw new AppError('LAST_PROGRAM_ADMIN');
    await audit(tx, { userId: null, ref: actor.aadObjectId }, now, {
      orgId: null,
      action: 'program_admin.revoked',
      entity: 'ProgramAdmin',
      entityId: row.aadObjectId,
      detail: { name: row.name },
    });
    return { outcome: 'revoked', name: row.name };
  });
}

export interface ProgramAdminEntry {
  readonly aadObjectId: string;
  /** empty when the program does not know the person's name yet (picked in Teams, not talked to the bot) */
  readonly name: string;
  readonly email: string | null;
  /** a PROGRAM_ADMINS person (cannot be revoked from a card) */
  readonly bootstrap: boolean;
  readonly grantedByName: string | null;
  readonly grantedAt: Date | null;
  /** the one reading the list */
  readonly isYou: boolean;
}

/** Everyone who holds the role now: the PROGRAM_ADMINS people first, then the granted ones, oldest grant first. */
export async function listProgramAdmins(ctx: DomainContext, actor: Actor): Promise<ProgramAdminEntry[]> {
  await requireProgramAdmin(ctx, actor);
  const read = ctx.store.read;
  const rows = await read.programAdmin.findMany({ where: { revokedAt: null }, orderBy: { grantedAt: 'asc' } });
  const byId = new Map(rows.map((r) => [r.aadObjectId.toLowerCase(), r]));
  const out: ProgramAdminEntry[] = [];
  for (const aad of ctx.programAdmins) {
    const row = byId.get(aad.toLowerCase());
    const person = await knownPerson(read, aad);
    out.push({
      aadObjectId: aad,
      name: person.name || row?.name || '',
      email: person.email ?? row?.email ?? null,
      bootstrap: true,
      grantedByName: null,
      grantedAt: null,
      isYou: same(aad, actor.aadObjectId),
    });
  }
  for (const r of rows) {
    if (r.bootstrap || isBootstrap(ctx, r.aadObjectId)) continue;
    out.push({
      aadObjectId: r.aadObjectId,
      name: r.name,
      email: r.email,
      bootstrap: false,
      grantedByName: r.grantedByName,
      grantedAt: r.grantedAt,
      isYou: same(r.aadObjectId, actor.aadObjectId),
    });
  }
  return out;
}

/** A person the program knows (a partner user who talked to the bot): offered on the grant form. */
export interface KnownPerson {
  readonly aadObjectId: string;
  readonly name: string;
  readonly email: string | null;
}

/** The grant form's choice of known people (not already administrators), by name; at most `limit`. */
export async function grantCandidates(ctx: DomainContext, actor: Actor, limit = 50): Promise<KnownPerson[]> {
  await requireProgramAdmin(ctx, actor);
  const admins = new Set((await programAdminsOf(ctx, ctx.store.read)).map((a) => a.aadObjectId.toLowerCase()));
  const users = await ctx.store.read.user.findMany({
    where: { aadObjectId: { not: null }, removedAt: null },
    select: { aadObjectId: true, name: true, email: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: limit + admins.size,
  });
  const seen = new Set<string>();
  const out: KnownPerson[] = [];
  for (const u of users) {
    const aad = (u.aadObjectId ?? '').toLowerCase();
    if (!aad || admins.has(aad) || seen.has(aad)) continue;
    seen.add(aad);
    out.push({ aadObjectId: u.aadObjectId ?? aad, name: u.name, email: u.email });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Remembers an administrator's Teams user id (29:...) and name when it talks to the bot, so the review
 * and decision cards can list it in refresh.userIds (Teams wants Teams ids there, not Entra ids).
 * A PROGRAM_ADMINS person gets a bootstrap row (it grants nothing). Writes only when something changed;
 * anyone else: nothing. Not audited: it records an identity, not a change of role.
 */
export async function rememberProgramAdmin(
  ctx: Pick<DomainContext, 'programAdmins' | 'store'>,
  who: { aadObjectId: string; teamsUserId: string; name: string; facts?: ActorFacts | undefined },
): Promise<void> {
  // a PROGRAM_ADMINS person's row is keyed as the configuration spells the id (programAdminsOf matches it so)
  const aad = ctx.programAdmins.find((p) => same(p, who.aadObjectId)) ?? who.aadObjectId.toLowerCase();
  const bootstrap = isBootstrap(ctx, aad);
  // the turn's facts read the row under the id as Teams spells it: they answer when that is the row's key
  const fromFacts = who.facts && aad === who.aadObjectId ? who.facts.programAdmin : undefined;
  const row =
    fromFacts !== undefined
      ? fromFacts && { teamsUserId: fromFacts.teamsUserId, name: fromFacts.name, revoked: !fromFacts.active }
      : await ctx.store.read.programAdmin
          .findUnique({ where: { aadObjectId: aad }, select: { teamsUserId: true, name: true, revokedAt: true } })
          .then((r) => r && { teamsUserId: r.teamsUserId, name: r.name, revoked: r.revokedAt !== null });
  if (!row && !bootstrap) return;
  if (row && row.teamsUserId === who.teamsUserId && (row.name !== '' || who.name === '')) return;
  if (row && row.revoked && !bootstrap) return;
  await retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = await tx.programAdmin.findUnique({ where: { aadObjectId: aad } });
      if (now) {
        await tx.programAdmin.update({
          where: { aadObjectId: aad },
          data: { teamsUserId: who.teamsUserId, ...(now.name === '' && who.name ? { name: who.name } : {}) },
        });
      } else {
        await tx.programAdmin.create({
          data: { aadObjectId: aad, teamsUserId: who.teamsUserId, name: who.name, bootstrap: true },
        });
      }
    }),
  );
}

/** The Teams user ids (29:...) of every current administrator whose id is known: for cards' refresh.userIds. */
export async function programAdminTeamsIds(
  ctx: Pick<DomainContext, 'programAdmins' | 'store'>,
  tx?: Pick<Tx, 'programAdmin'>,
): Promise<string[]> {
  const admins = await programAdminsOf(ctx, tx ?? ctx.store.read);
  return admins.flatMap((a) => (a.teamsUserId ? [a.teamsUserId] : []));
}
