import { userManagerRoles, roleSchema, type Role } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';

export interface UserListItem {
  readonly userId: string;
  readonly name: string;
  /** null when Teams could not tell the enrolling user's address (shown as not known) */
  readonly email: string | null;
  readonly roles: readonly Role[];
  /** false until the person first talks to the bot (U2: added by email) */
  readonly signedIn: boolean;
}

export interface UserList {
  readonly orgId: string;
  readonly orgName: string;
  readonly users: readonly UserListItem[];
}

/** U1/U3/E7: who may see the organisation's users (the same people who manage them). */
export const listUsersRoles: readonly Role[] = userManagerRoles;

/** U1/U2: the organisation's current users and their roles, by name. */
export async function listUsers(ctx: DomainContext, actor: Actor): Promise<UserList> {
  return ctx.store.transaction(async (tx) => {
    const member = await actingMember(tx, actor, listUsersRoles);
    const org = await tx.organization.findUniqueOrThrow({ where: { id: member.orgId }, select: { legalName: true } });
    const rows = await tx.user.findMany({
      where: { orgId: member.orgId, removedAt: null },
      include: { roles: true },
      orderBy: { name: 'asc' },
      take: 500,
    });
    return {
      orgId: member.orgId,
      orgName: org.legalName,
      users: rows.map((u) => ({
        userId: u.id,
        name: u.name,
        email: u.email,
        roles: u.roles.flatMap((g) => {
          const r = roleSchema.safeParse(g.role);
          return r.success ? [r.data] : [];
        }),
        signedIn: u.aadObjectId !== null,
      })),
    };
  });
}

/**
 * U3: resolves the actor as a member holding one of `roles` (NOT_A_PARTNER_USER or ROLE_REQUIRED
 * naming the roles otherwise). Commands call it before showing a form, so a user without the role
 * is refused at once rather than after filling the form in (the use case checks again on submit).
 */
export async function requireAccess(ctx: DomainContext, actor: Actor, roles: readonly Role[]): Promise<void> {
  await ctx.store.transaction((tx) => actingMember(tx, actor, roles));
}
