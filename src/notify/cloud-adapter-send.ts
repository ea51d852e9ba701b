import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { DeliveryTarget, SendPort, SendResult } from './send-port.js';

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase?: string; name?: string }): unknown } };
}

/**
 * botframework-connector's HTTP pipeline (Azure core-client) retries 429/5xx on its own, sleeping
 * through Retry-After inside one call. The worker must see every failure (its limiter, backoff and
 * attempt count depend on it), so the retry phase is taken out of each connector client it uses.
 */
function withoutBuiltInRetries(connector: ConnectorClient): ConnectorClient {
  (connector as unknown as PipelineHolder).client?.pipeline?.removePolicy({ phase: 'Retry' });
  return connector;
}

/**
 * The real SendPort: proactive messages through botbuilder's CloudAdapter (continueConversationAsync,
 * which brings the connector client with the bot's credentials for the target's service URL).
 * A channel gets sendToConversation; a person gets a 1:1 conversation created (Teams returns the
 * existing one) and then the message. Errors propagate unchanged (RestError with statusCode,
 * response headers and body) for ./classify.ts.
 */
export function cloudAdapterSendPort(adapter: CloudAdapter, botAppId: string): SendPort {
  return async (target: DeliveryTarget, activity: Partial<Activity>): Promise<SendResult> => {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation:
        target.kind === 'channel'
          ? { id: target.conversationId, isGroup: true, conversationType: 'channel', tenantId: target.tenantId, name: '' }
          : { id: `pending:${target.aadObjectId}`, isGroup: false, conversationType: 'personal', tenantId: target.tenantId, name: '' },
      bot: { id: botAppId ? `28:${botAppId}` : 'bot', name: '' },
    };
    let result: SendResult = {};
    await adapter.continueConversationAsync(botAppId, reference, async (context: TurnContext) => {
      const connector = context.turnState.get<ConnectorClient | undefined>(adapter.ConnectorClientKey);
      if (!connector) throw new Error('no connector client in the proactive turn');
      withoutBuiltInRetries(connector);
      let conversationId: string;
      if (target.kind === 'channel') {
        conversationId = target.conversationId;
      } else {
        const created = await connector.conversations.createConversation({
          isGroup: false,
          bot: { id: reference.bot?.id ?? 'bot', name: '' },
          members: [{ id: target.aadObjectId, name: '' }],
          tenantId: target.tenantId,
          channelData: { tenant: { id: target.tenantId } },
        });
        conversationId = created.id;
      }
      const outgoing: Partial<Activity> = {
        ...activity,
        type: activity.type ?? 'message',
        channelId: 'msteams',
        serviceUrl: target.serviceUrl,
        from: reference.bot,
        conversation: { ...reference.conversation, id: conversationId } as Activity['conversation'],
      };
      const res = await connector.conversations.sendToConversation(conversationId, outgoing);
      result = res.id ? { activityId: res.id } : {};
    });
    return result;
  };
}
