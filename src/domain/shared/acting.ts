import { requireRole, type Role } from './roles.js';
import { type Actor, type Member } from './context.js';
import { requireMember } from './members.js';
import type { AuditActor } from './audit.js';
import { isUniqueViolation, type Tx } from './store.js';

/** U3: the actor as a member of an enrolled organisation holding one of `roles`. */
export async function actingMember(tx: Tx, actor: Actor, roles: readonly Role[]): Promise<Member> {
  const member = await requireMember(tx, actor);
  requireRole(member, roles);
  return member;
}

/** Who acted, for the audit row: their user row (if any), Entra object id, and their own e-mail when known. */
export function auditActor(actor: Actor, member?: Member | null): AuditActor {
  const email = member?.email ?? actor.email;
  return { userId: member?.userId ?? null, ref: actor.aadObjectId, ...(email ? { email } : {}) };
}

/**
 * Runs a whole transactional attempt again when it lost an insert race on a unique key (two
 * people creating the same live partnership or relationship at once). The retry re-reads, finds
 * the winner's row and takes the idempotent path, so the loser gets the same answer, not an error.
 */
export async function retryOnUnique<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (i >= tries || !isUniqueViolation(e)) throw e;
    }
  }
}
