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
 * A channel gets sendToConversation; so does a person whose personal chat is known; anyone else gets a
 * 1:1 conversation created (Teams returns the existing one) and then the message. Errors propagate
 * unchanged (RestError with statusCode, response headers and body) for ./classify.ts.
 *
 * The connector client of each service URL is kept after its first proactive turn and used directly
 * afterwards: a proactive turn builds two new HTTP clients (connector and user-token) and runs the
 * middleware pipeline, ~1 ms of CPU per notification, and these sends never go through the turn's
 * sendActivity anyway. The client signs every request with the bot's credentials itself (tokens are
 * cached and renewed by its credentials object), as BotFrameworkAdapter's per-service-URL cache did.
 */
export function cloudAdapterSendPort(adapter: CloudAdapter, botAppId: string): SendPort {
  const bot = { id: botAppId ? `28:${botAppId}` : 'bot', name: '' };
  const connectors = new Map<string, ConnectorClient>();

  const deliver = async (connector: ConnectorClient, target: DeliveryTarget, activity: Partial<Activity>): Promise<SendResult> => {
    const conversation = conversationOf(target);
    let conversationId: string;
    if (target.kind === 'channel') {
      conversationId = target.conversationId;
    } else if (target.conversationId) {
      conversationId = target.conversationId;
    } else {
      const created = await connector.conversations.createConversation({
        isGroup: false,
        bot,
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
      from: bot,
      conversation: { ...conversation, id: conversationId },
    };
    const res = await connector.conversations.sendToConversation(conversationId, outgoing);
    return res.id ? { activityId: res.id } : {};
  };

  return async (target: DeliveryTarget, activity: Partial<Activity>): Promise<SendResult> => {
    const known = connectors.get(target.serviceUrl);
    if (known) return deliver(known, target, activity);
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: conversationOf(target),
      bot,
    };
    let result: SendResult = {};
    await adapter.continueConversationAsync(botAppId, reference, async (context: TurnContext) => {
      const connector = context.turnState.get<ConnectorClient | undefined>(adapter.ConnectorClientKey);
      if (!connector) throw new Error('no connector client in the proactive turn');
      withoutBuiltInRetries(connector);
      if (!connectors.has(target.serviceUrl)) connectors.set(target.serviceUrl, connector);
      result = await deliver(connector, target, activity);
    });
    return result;
  };
}

function conversationOf(target: DeliveryTarget): ConversationReference['conversation'] {
  return target.kind === 'channel'
    ? { id: target.conversationId, isGroup: true, conversationType: 'channel', tenantId: target.tenantId, name: '' }
    : { id: `pending:${target.aadObjectId}`, isGroup: false, conversationType: 'personal', tenantId: target.tenantId, name: '' };
}
