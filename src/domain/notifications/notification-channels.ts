import { z } from 'zod';
import { userManagerRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { actingMember, auditActor } from '../shared/acting.js';

export const registerChannelInput = z.object({
  /** the Teams channel's conversation id (19:...@thread.tacv2) */
  conversationId: z.string().trim().min(1).max(400),
  serviceUrl: z.url().max(500),
  /** the tenant the channel's team lives in; must be the caller's organisation's tenant */
  tenantId: z.string().trim().min(1).max(100),
  teamId: z.string().trim().max(400).optional(),
  channelName: z.string().trim().max(200).optional(),
});

export interface RegisteredChannel {
  readonly channelId: string;
  readonly orgId: string;
  readonly orgName: string;
  /** false when this channel already was the organisation's active channel (a repeat) */
  readonly changed: boolean;
}

/**
 * Issue 5 item 6 (`notify here`): makes a team channel the organisation's notification channel, where
 * the outbox worker (src/notify) posts the organisation's events (partnership requested, authorised,
 * declined, ended; enrollment changes). One active channel per organisation: the organisation's other
 * channels are deactivated ("replaced"), so each event reaches the place the admins chose, once.
 * A channel that was blocked (403 MessageWritesBlocked) becomes active again when someone asks here.
 *
 * Refuses a channel of another tenant (VALIDATION): a team of one organisation cannot receive
 * another's notices. Idempotent. Roles (E7/U3): global admin, user admin, admin agent.
 */
export async function registerNotificationChannel(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof registerChannelInput>,
): Promise<RegisteredChannel> {
  const input = parseInput(registerChannelInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, userManagerRoles);
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      select: { id: true, legalName: true, tenantId: true },
    });
    if (input.tenantId !== org.tenantId)
      throw new AppError('VALIDATION', { details: 'tenantId: the channel belongs to another tenant' });
    const existing = await tx.notificationChannel.findUnique({ where: { conversationId: input.conversationId } });
    if (existing && existing.orgId !== org.id) throw new AppError('NOT_FOUND', { entity: 'channel' });
    const others = await tx.notificationChannel.updateMany({
      where: { orgId: org.id, active: true, conversationId: { not: input.conversationId } },
      data: { active: false, inactiveReason: 'replaced' },
    });
    const data = {
      serviceUrl: input.serviceUrl,
      tenantId: input.tenantId,
      teamId: input.teamId ?? null,
      channelName: input.channelName ?? null,
      active: true,
      inactiveReason: null,
    };
    const unchanged =
      existing !== null &&
      existing.active &&
      existing.serviceUrl === data.serviceUrl &&
      (existing.channelName ?? null) === data.channelName &&
      others.count === 0;
    if (unchanged) return { channelId: existing.id, orgId: org.id, orgName: org.legalName, changed: false };
    const row = existing
      ? await tx.notificationChannel.update({ where: { id: existing.id }, data })
      : await tx.notificationChannel.create({
          data: { ...data, orgId: org.id, conversationId: input.conversationId, createdByUserId: member.userId },
        });
    await audit(tx, auditActor(actor, member), now, {
      orgId: org.id,
      action: 'notification_channel.registered',
      entity: 'NotificationChannel',
      entityId: row.id,
      detail: { conversationId: input.conversationId, channelName: data.channelName, replaced: others.count },
    });
    return { channelId: row.id, orgId: org.id, orgName: org.legalName, changed: true };
  });
}
