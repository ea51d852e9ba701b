import { z } from 'zod';
import { resolveLocale } from '../../i18n/index.js';
import { audit } from '../shared/audit.js';
import { requireRole, roleSchema, userManagerRoles, type Role } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { requireMember } from '../shared/members.js';
import { enqueue } from '../shared/outbox.js';

export const changeRolesInput = z.object({
  userId: z.string().min(1),
  roles: z.array(roleSchema).max(7),
});

export interface ChangeRolesResult {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly changed: boolean;
}

/**
 * U1/U2/E7: replaces a user's roles. Same rights as adding users; only a global admin grants or
 * removes global admin; the organisation keeps at least one global admin; a user keeps at least
 * one role (U2). Setting the roles a user already has changes nothing.
 */
export async function changeRoles(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof changeRolesInput>,
): Promise<ChangeRolesResult> {
  const data = parseInput(changeRolesInput, input);
  const roles = [...new Set(data.roles)];
  if (roles.length === 0) throw new AppError('ROLE_MISSING');
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    requireRole(member, userManagerRoles);
    const user = await tx.user.findUnique({ where: { id: data.userId }, include: { roles: true } });
    if (!user || user.orgId !== member.orgId || user.removedAt) throw new AppError('NOT_FOUND', { entity: 'user' });
    const before = user.roles.map((r) => r.role);
    const added = roles.filter((r) => !before.includes(r));
    const removed = before.filter((r) => !(roles as string[]).includes(r));
    if (added.length === 0 && removed.length === 0) return { userId: user.id, roles, changed: false };
    const touchesGlobal = added.includes('global_admin') || removed.includes('global_admin');
    if (touchesGlobal && !member.roles.includes('global_admin')) throw new AppError('GLOBAL_ADMIN_GRANT_FORBIDDEN');
    if (removed.includes('global_admin')) {
      const others = await tx.roleGrant.count({
        where: { role: 'global_admin', userId: { not: user.id }, user: { orgId: member.orgId, removedAt: null } },
      });
      if (others === 0) throw new AppError('LAST_GLOBAL_ADMIN');
    }
    if (removed.length) await tx.roleGrant.deleteMany({ where: { userId: user.id, role: { in: removed } } });
    for (const role of added) {
      await tx.roleGrant.create({ data: { userId: user.id, role, grantedBy: member.userId, grantedAt: now } });
    }
    const who = { userId: member.userId, ref: actor.aadObjectId };
    await audit(tx, who, now, {
      orgId: member.orgId,
      action: 'user.roles_changed',
      entity: 'User',
      entityId: user.id,
      detail: { added, removed },
    });
    const org = await tx.organization.findUniqueOrThrow({ where: { id: member.orgId }, select: { locale: true } });
    await enqueue(
      tx,
      'user.roles_changed',
      `${user.id}:${now.getTime()}`,
      {
        orgId: member.orgId,
        userId: user.id,
        userName: user.name,
        roles,
        changedByName: member.name,
        locale: resolveLocale(org.locale),
      },
      [{ orgId: member.orgId }],
      now,
    );
    return { userId: user.id, roles, changed: true };
  });
}
