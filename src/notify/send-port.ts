import type { Activity } from 'botbuilder';

/**
 * Where one notification goes. A channel is an existing conversation; a person is reached in a
 * 1:1 conversation that the send port creates (Teams returns the existing one when there is one).
 */
export type DeliveryTarget =
  | {
      readonly kind: 'channel';
      readonly channelId: string;
      readonly conversationId: string;
      readonly serviceUrl: string;
      readonly tenantId: string;
    }
  | {
      readonly kind: 'user';
      readonly aadObjectId: string;
      readonly serviceUrl: string;
      readonly tenantId: string;
      /** Their personal chat with the bot, when known: sent there, no conversation is created. */
      readonly conversationId?: string;
    };

export interface SendResult {
  /** The activity id the service assigned, when it said. */
  readonly activityId?: string;
}

/**
 * The one way the worker reaches Teams. Implementations throw on failure; the worker classifies the
 * error (./classify.ts) and must see every HTTP failure: implementations must not retry on their own.
 */
export type SendPort = (target: DeliveryTarget, activity: Partial<Activity>) => Promise<SendResult>;

/** The key the limiter counts a target's sends under (Teams counts per conversation). */
export function conversationKey(target: DeliveryTarget): string {
  return target.kind === 'channel' ? `conv:${target.conversationId}` : `user:${target.aadObjectId}`;
}

/** The key of a target in OutboxDelivery.targetKey. */
export function targetKey(target: DeliveryTarget): string {
  return target.kind === 'channel' ? target.channelId : `user:${target.aadObjectId}`;
}
