import { z } from 'zod';

/**
 * The notice the worker itself raises (issue 5, item 6): a channel answered 403 MessageWritesBlocked,
 * so it is marked inactive and each of the organisation's admins is told in a 1:1 chat
 * (OutboxEvent.userRef = "aad:<object id>"). Not part of src/domain/shared/events.ts because no use case
 * writes it: only the delivery worker does.
 */
export const CHANNEL_BLOCKED = 'notify.channel_blocked';

export const channelBlockedPayload = z.object({
  orgId: z.string().min(1),
  orgName: z.string(),
  channelId: z.string().min(1),
  channelName: z.string().nullable(),
  conversationId: z.string().min(1),
  reason: z.string(),
  at: z.iso.datetime(),
  locale: z.enum(['en-US', 'ko-KR']),
});
export type ChannelBlockedPayload = z.infer<typeof channelBlockedPayload>;

/** Roles told about a blocked channel: the organisation's administrators (U1, E7). */
export const CHANNEL_ADMIN_ROLES: readonly string[] = ['global_admin', 'user_admin', 'admin_agent'];

/** One notice per admin per blocked channel: repeating the discovery never queues it twice. */
export function channelBlockedKey(channelId: string, aadObjectId: string): string {
  return `${CHANNEL_BLOCKED}:${channelId}:aad:${aadObjectId}`;
}
