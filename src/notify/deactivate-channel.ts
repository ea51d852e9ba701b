import {
  CHANNEL_ADMIN_ROLES,
  CHANNEL_BLOCKED,
  channelBlockedKey,
  type ChannelBlockedPayload,
} from './channel-blocked.js';
import type { NotifyDb } from './store-sql.js';

/**
 * 403 MessageWritesBlocked: marks the channel inactive and, in the same transaction, queues one
 * notice per admin of the organisation (userRef "aad:<id>"). Only the caller that flips the channel
 * queues notices; the idempotency key makes a repeat harmless anyway. Returns how many were queued.
 */
export async function deactivateChannel(db: NotifyDb, channelId: string, reason: string, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const flipped = await tx.notificationChannel.updateMany({
      where: { id: channelId, active: true },
      data: { active: false, inactiveReason: reason },
    });
    if (flipped.count !== 1) return 0;
    const channel = await tx.notificationChannel.findUniqueOrThrow({
      where: { id: channelId },
      select: {
        id: true,
        orgId: true,
        channelName: true,
        conversationId: true,
        org: { select: { legalName: true, locale: true } },
      },
    });
    const admins = await tx.user.findMany({
      where: {
        orgId: channel.orgId,
        removedAt: null,
        aadObjectId: { not: null },
        roles: { some: { role: { in: [...CHANNEL_ADMIN_ROLES] } } },
      },
      select: { aadObjectId: true },
    });
    let queued = 0;
    for (const admin of admins) {
      if (!admin.aadObjectId) continue;
      const payload: ChannelBlockedPayload = {
        orgId: channel.orgId,
        orgName: channel.org.legalName,
        channelId: channel.id,
        channelName: channel.channelName,
        conversationId: channel.conversationId,
        reason,
        at: now.toISOString(),
        locale: channel.org.locale === 'ko-KR' ? 'ko-KR' : 'en-US',
      };
      const idempotencyKey = channelBlockedKey(channel.id, admin.aadObjectId);
      const existing = await tx.outboxEvent.findUnique({ where: { idempotencyKey }, select: { id: true } });
      if (existing) continue;
      await tx.outboxEvent.create({
        data: {
          type: CHANNEL_BLOCKED,
          targetOrgId: null,
          userRef: `aad:${admin.aadObjectId}`,
          payload: JSON.stringify(payload),
          idempotencyKey,
          nextAttemptAt: now,
        },
      });
      queued++;
    }
    return queued;
  });
}
