import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { actingMember, auditActor, retryOnUnique } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import {
  gdapManagerRoles,
  gdapStatusAt,
  isInForce,
  roleTemplateIdsSchema,
  rolesOf,
  securityGroupIdSchema,
  securityGroupNameSchema,
  wrongState,
} from './gdap-rules.js';
import { ownRelationship } from './gdap-records.js';
import { gdapFor } from './port.js';
import { roleTemplateName } from './role-templates.js';

export const addAccessAssignmentInput = z.object({
  relationshipId: z.string().min(1).max(100),
  securityGroupId: z.string().max(100),
  securityGroupName: z.string().max(400),
  roleTemplateIds: z.array(z.string().max(100)).max(40),
});

const checked = z.object({
  relationshipId: z.string(),
  securityGroupId: securityGroupIdSchema,
  securityGroupName: securityGroupNameSchema,
  roleTemplateIds: roleTemplateIdsSchema,
});

function assignmentKey(relationshipId: string, securityGroupId: string): string {
  return `${relationshipId}:${securityGroupId}`;
}

/**
 * G10: maps some of an active relationship's roles to one of the partner's security groups. Each role must be
 * among the relationship's (GDAP_ROLE_NOT_GRANTED names the first that is not); one live assignment per group
 * (GDAP_GROUP_ASSIGNED). Connected: Graph takes it first (POST .../accessAssignments). Roles (U3): G2.
 */
export async function addAccessAssignment(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof addAccessAssignmentInput>,
): Promise<{ assignmentId: string }> {
  const input = parseInput(checked, parseInput(addAccessAssignmentInput, raw));
  const check = async (tx: Parameters<typeof ownRelationship>[0]) => {
    const member = await actingMember(tx, actor, gdapManagerRoles);
    const row = await ownRelationship(tx, member, input.relationshipId);
    const status = gdapStatusAt(row, ctx.now());
    if (!isInForce(status)) throw wrongState(status);
    const granted = rolesOf(row.roleTemplateIds);
    const missing = input.roleTemplateIds.find((r) => !granted.includes(r));
    if (missing)
      throw new AppError('GDAP_ROLE_NOT_GRANTED', {
        roleEn: roleTemplateName(missing, 'en-US'),
        roleKo: roleTemplateName(missing, 'ko-KR'),
      });
    const live = await tx.gdapAccessAssignment.findUnique({
      where: { activeKey: assignmentKey(row.id, input.securityGroupId) },
      select: { id: true },
    });
    if (live) throw new AppError('GDAP_GROUP_ASSIGNED', { group: input.securityGroupName });
    return { member, row };
  };
  const pre = await check(ctx.store.read);
  const port = await gdapFor(ctx, pre.member.orgId, actor);
  const remote = pre.row.remoteId
    ? await port.assignAccess(pre.row.remoteId, input.securityGroupId, input.roleTemplateIds)
    : null;
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const { member, row } = await check(tx);
      const created = await tx.gdapAccessAssignment.create({
        data: {
          relationshipId: row.id,
          securityGroupId: input.securityGroupId,
          securityGroupName: input.securityGroupName,
          roleTemplateIds: input.roleTemplateIds.join(','),
          status: remote?.status ?? 'active',
          activeKey: assignmentKey(row.id, input.securityGroupId),
          remoteId: remote?.id ?? null,
          createdByUserId: member.userId,
          createdByName: member.name,
          createdAt: now,
        },
      });
      await audit(tx, auditActor(actor, member), now, {
        orgId: member.orgId,
        action: 'gdap.access_assigned',
        entity: 'GdapAccessAssignment',
        entityId: created.id,
        detail: {
          relationshipId: row.id,
          securityGroupId: input.securityGroupId,
          roleTemplateIds: input.roleTemplateIds,
        },
      });
      return { assignmentId: created.id };
    }),
  );
}

export const removeAccessAssignmentInput = z.object({ assignmentId: z.string().min(1).max(100) });

/** G10: ends a live access assignment (kept with removedAt for the record). Repeating it changes nothing. */
export async function removeAccessAssignment(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof removeAccessAssignmentInput>,
): Promise<{ assignmentId: string; relationshipId: string; changed: boolean }> {
  const input = parseInput(removeAccessAssignmentInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, gdapManagerRoles);
    const a = await tx.gdapAccessAssignment.findUnique({ where: { id: input.assignmentId } });
    if (!a) throw new AppError('NOT_FOUND', { entity: 'gdapAssignment' });
    await ownRelationship(tx, member, a.relationshipId);
    if (a.removedAt) return { assignmentId: a.id, relationshipId: a.relationshipId, changed: false };
    await tx.gdapAccessAssignment.updateMany({
      where: { id: a.id, removedAt: null },
      data: { removedAt: now, removedByName: member.name, status: 'deleted', activeKey: null },
    });
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: 'gdap.access_removed',
      entity: 'GdapAccessAssignment',
      entityId: a.id,
      detail: { relationshipId: a.relationshipId, securityGroupId: a.securityGroupId },
    });
    return { assignmentId: a.id, relationshipId: a.relationshipId, changed: true };
  });
}
