import { roleSchema, type Role } from './roles.js';
import { type Actor, type Member } from './context.js';
import { AppError } from './errors.js';
import type { Tx } from './store.js';

function toRoles(grants: readonly { role: string }[]): Role[] {
  return grants.flatMap((g) => {
    const r = roleSchema.safeParse(g.role);
    return r.success ? [r.data] : [];
  });
}

/**
 * Resolves the acting Teams user to a user of a partner organisation, or null.
 * A user added by email (U2) is known by email until they first talk to the bot: the first
 * time an actor from the organisation's tenant with that email appears, their Entra object id
 * is bound to the row (a conditional update, so two first turns bind once).
 */
export async function findMember(tx: Tx, actor: Actor): Promise<Member | null> {
  const known = memberFromFacts(actor);
  if (known !== undefined) return known;
  let user = await tx.user.findUnique({
    where: { aadObjectId: actor.aadObjectId },
    include: { roles: true, org: { select: { tenantId: true } } },
  });
  if (!user && actor.email) {
    const candidate = await tx.user.findFirst({
      where: {
        emailLower: actor.email.toLowerCase(),
        aadObjectId: null,
        removedAt: null,
        org: { tenantId: actor.tenantId },
      },
      select: { id: true },
    });
    if (candidate) {
      await tx.user.updateMany({
        where: { id: candidate.id, aadObjectId: null },
        data: { aadObjectId: actor.aadObjectId },
      });
      user = await tx.user.findUnique({
        where: { aadObjectId: actor.aadObjectId },
        include: { roles: true, org: { select: { tenantId: true } } },
      });
    }
  }
  if (!user || user.removedAt) return null;
  // A user row belongs to one tenant: an identity from another tenant is not this member.
  if (user.org.tenantId !== actor.tenantId) return null;
  const email = user.email ?? (await fillOwnEmail(tx, user, actor.email));
  return { userId: user.id, orgId: user.orgId, name: user.name, email, roles: toRoles(user.roles) };
}

/**
 * True when the turn's facts already tell that the actor is no member of any organisation (no user bound to
 * them, and nobody of their tenant waits to be linked by e-mail): a use case can refuse without a transaction.
 */
export function knownNotAMember(actor: Actor): boolean {
  return memberFromFacts(actor) === null;
}

/**
 * The member as the turn's facts tell it, or undefined when they cannot answer alone: no facts, or an
 * e-mail to bind (a person not yet linked) or to fill in (a user recorded without one).
 */
function memberFromFacts(actor: Actor): Member | null | undefined {
  const facts = actor.facts;
  if (!facts) return undefined;
  const user = facts.user;
  // nobody bound to this identity: only a row added by e-mail in this tenant (U2) could still become them
  if (!user) return actor.email && facts.waitingInTenant ? undefined : null;
  if (user.removed || user.tenantId !== actor.tenantId) return null;
  if (user.email === null && actor.email) return undefined;
  return { userId: user.id, orgId: user.orgId, name: user.name, email: user.email, roles: [...user.roles] };
}

/**
 * A user recorded without an e-mail (Teams could not tell it when they enrolled) gets their own once the
 * bot has it from Teams' member information: a conditional update (only while still empty), and only when
 * no other user of the organisation holds that address (U2: unique in the organisation). Null otherwise.
 */
async function fillOwnEmail(
  tx: Tx,
  user: { id: string; orgId: string },
  email: string | undefined,
): Promise<string | null> {
  const own = email?.trim();
  if (!own) return null;
  const taken = await tx.user.findFirst({
    where: { orgId: user.orgId, emailLower: own.toLowerCase(), id: { not: user.id } },
    select: { id: true },
  });
  if (taken) return null;
  const set = await tx.user.updateMany({
    where: { id: user.id, email: null },
    data: { email: own, emailLower: own.toLowerCase() },
  });
  return set.count === 1 ? own : null;
}

/** U3: the actor as a member, or NOT_A_PARTNER_USER. */
export async function requireMember(tx: Tx, actor: Actor): Promise<Member> {
  const m = await findMember(tx, actor);
  if (!m) throw new AppError('NOT_A_PARTNER_USER');
  return m;
}

/** E8(a)/E7: the member's organisation must be onboarded (an approved enrollment). */
export async function requireOnboarded(tx: Tx, orgId: string): Promise<void> {
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: { onboardedAt: true } });
  if (!org) throw new AppError('NOT_FOUND', { entity: 'organization' });
  if (!org.onboardedAt) throw new AppError('NOT_ONBOARDED');
}
