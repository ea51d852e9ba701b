import { z } from 'zod';
import { audit } from '../shared/audit.js';
import { requireRole, roleSchema, userManagerRoles, type Role } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { requireMember, requireOnboarded } from '../shared/members.js';
import { enqueue } from '../shared/outbox.js';
import { resolveLocale } from '../../i18n/index.js';

export const addUserInput = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  roles: z.array(roleSchema).max(7),
});

export interface AddUserResult {
  readonly userId: string;
  readonly roles: readonly Role[];
  /** false when the same user (same email, name and roles) already existed: a repeated request */
  readonly created: boolean;
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/**
 * U2/E7: adds a user to the actor's organisation by full name and a work email unique in the
 * organisation, with agent and/or admin roles. Allowed for admin agents, user admins and global
 * admins (E7); only a global admin may grant global admin. The user is bound to their Teams
 * identity the first time they talk to the bot (members.ts).
 */
export async function addUser(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof addUserInput>,
): Promise<AddUserResult> {
  const data = parseInput(addUserInput, input);
  const roles = [...new Set(data.roles)];
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    requireRole(member, userManagerRoles);
    await requireOnboarded(tx, member.orgId);
    if (roles.length === 0) throw new AppError('ROLE_MISSING');
    if (roles.includes('global_admin') && !member.roles.includes('global_admin'))
      throw new AppError('GLOBAL_ADMIN_GRANT_FORBIDDEN');
    const existing = await tx.user.findUnique({
      where: { orgId_emailLower: { orgId: member.orgId, emailLower: data.email } },
      include: { roles: true },
    });
    if (existing) {
      const repeated =
        !existing.removedAt &&
        existing.name.toLowerCase() === data.name.toLowerCase() &&
        sameRoles(
          existing.roles.map((r) => r.role),
          roles,
        );
      if (repeated) return { userId: existing.id, roles, created: false };
      throw new AppError('USER_EMAIL_TAKEN', { email: data.email });
    }
    const user = await tx.user.create({
      data: {
        orgId: member.orgId,
        name: data.name,
        email: data.email,
        emailLower: data.email,
        createdAt: now,
        roles: { create: roles.map((role) => ({ role, grantedBy: member.userId, grantedAt: now })) },
      },
    });
    const who = { userId: member.userId, ref: actor.aadObjectId };
    await audit(tx, who, now, {
      orgId: member.orgId,
      action: 'user.added',
      entity: 'User',
      entityId: user.id,
      detail: { email: data.email, roles },
    });
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      select: { legalName: true, locale: true },
    });
    await enqueue(
      tx,
      'user.added',
      user.id,
      {
        orgId: member.orgId,
        orgName: org.legalName,
        userId: user.id,
        userName: data.name,
        email: data.email,
        roles,
        addedByName: member.name,
        locale: resolveLocale(org.locale),
      },
      [{ orgId: member.orgId }, { email: data.email }],
      now,
    );
    return { userId: user.id, roles, created: true };
  });
}
