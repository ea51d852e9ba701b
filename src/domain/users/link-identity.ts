import type { Actor, DomainContext } from '../shared/context.js';
import { findMember } from '../shared/members.js';

/**
 * U2: a user added by name and work email is known only by that email until they first talk to the
 * bot. Teams activities carry the person's Entra object id but not their email, so on a turn from an
 * identity that is not yet anybody's, and only when the tenant's organisation still has people
 * waiting to be linked, the caller's `lookupEmail` (a Teams roster lookup) supplies the email and
 * findMember binds the identity to that row. Returns whether the actor is now a member.
 */
export async function linkTeamsIdentity(
  ctx: DomainContext,
  actor: Actor,
  lookupEmail: () => Promise<string | undefined>,
): Promise<boolean> {
  if (!actor.aadObjectId || !actor.tenantId) return false;
  if (actor.facts) {
    if (actor.facts.user) return true;
    if (!actor.facts.waitingInTenant) return false;
    return bindByEmail(ctx, actor, lookupEmail);
  }
  const known = await ctx.store.read.user.findUnique({
    where: { aadObjectId: actor.aadObjectId },
    select: { id: true },
  });
  if (known) return true;
  const waiting = await ctx.store.read.user.count({
    where: { aadObjectId: null, removedAt: null, org: { tenantId: actor.tenantId } },
  });
  if (waiting === 0) return false;
  return bindByEmail(ctx, actor, lookupEmail);
}

async function bindByEmail(
  ctx: DomainContext,
  actor: Actor,
  lookupEmail: () => Promise<string | undefined>,
): Promise<boolean> {
  const email = (await lookupEmail())?.trim();
  if (!email) return false;
  const member = await ctx.store.transaction((tx) => findMember(tx, { ...actor, email }));
  return member !== null;
}
