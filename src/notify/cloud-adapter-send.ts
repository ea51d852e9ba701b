import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { postActivity } from './connector-post.js';
import type { DeliveryTarget, SendPort, SendResult } from './send-port.js';

export { SendHttpError } from './connector-post.js';

export interface CloudAdapterSendOptions {
  /**
   * A delivery (creating the 1:1 conversation when needed, and the post) not answered in this time
   * fails as a network error (ETIMEDOUT on the direct post, AbortError on the connector's pipeline)
   * and is retried (default 10 s: the worker starts a send only with sendBudgetMs, 12 s by default,
   * of lease left, so an answer comes, or the call is given up, while the lease holds). This is also
   * the one window for duplicates: a post Teams accepted but did not answer in time is sent again.
   */
  readonly timeoutMs?: number;
  /**
   * Post activities through botframework-connector's own HTTP pipeline instead of the direct call
   * (default false; the composition root sets it when config has an HTTP(S)_PROXY, which that
   * pipeline honours and the direct call does not).
   */
  readonly viaConnectorPipeline?: boolean;
}

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
 * A channel gets the activity posted to its conversation; so does a person whose personal chat is
 * known; anyone else gets a 1:1 conversation created (Teams returns the existing one) and then the
 * message. Failures reach ./classify.ts with their status, headers and body (SendHttpError, or the
 * connector's RestError on the pipeline path), network errors with their code.
 *
 * The post itself is a direct HTTPS call signed by the connector client's credentials (postActivity);
 * with `viaConnectorPipeline` (by default when an HTTP proxy is configured) it is the connector's
 * sendToConversation instead. Creating a conversation always goes through the connector.
 *
 * The connector client of each service URL is kept after its first proactive turn and used directly
 * afterwards: a proactive turn builds two new HTTP clients (connector and user-token) and runs the
 * middleware pipeline, ~1 ms of CPU per notification, and these sends never go through the turn's
 * sendActivity anyway. The client signs every request with the bot's credentials itself (tokens are
 * cached and renewed by its credentials object), as BotFrameworkAdapter's per-service-URL cache did.
 */
export function cloudAdapterSendPort(
  adapter: CloudAdapter,
  botAppId: string,
  options: CloudAdapterSendOptions = {},
): SendPort {
  const bot = { id: botAppId ? `28:${botAppId}` : 'bot', name: '' };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const viaPipeline = options.viaConnectorPipeline ?? false;
  const connectors = new Map<string, ConnectorClient>();

  const deliver = async (
    connector: ConnectorClient,
    target: DeliveryTarget,
    activity: Partial<Activity>,
  ): Promise<SendResult> => {
    // One budget for the whole delivery: creating a 1:1 conversation and posting to it.
    const deadline = Date.now() + timeoutMs;
    const left = (): number => Math.max(1, deadline - Date.now());
    const conversation = conversationOf(target);
    let conversationId: string;
    if (target.kind === 'channel') {
      conversationId = target.conversationId;
    } else if (target.conversationId) {
      conversationId = target.conversationId;
    } else {
      const created = await connector.conversations.createConversation(
        {
          isGroup: false,
          bot,
          members: [{ id: target.aadObjectId, name: '' }],
          tenantId: target.tenantId,
          channelData: { tenant: { id: target.tenantId } },
        },
        { timeout: left() },
      );
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
    if (!viaPipeline) return postActivity(connector, target.serviceUrl, conversationId, outgoing, left());
    const res = await connector.conversations.sendToConversation(conversationId, outgoing, { timeout: left() });
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
    // The proactive turn only hands over its connector client: nothing in it can throw, so a failed
    // send never reaches the adapter's onTurnError (which would log it as handled and post an apology
    // into the channel, and the notice would be recorded as sent). The delivery runs after the turn
    // and its failure goes to the worker like any other.
    let found: ConnectorClient | undefined;
    await adapter.continueConversationAsync(botAppId, reference, (context: TurnContext) => {
      found = context.turnState.get<ConnectorClient | undefined>(adapter.ConnectorClientKey);
      return Promise.resolve();
    });
    const connector = found ? (connectors.get(target.serviceUrl) ?? withoutBuiltInRetries(found)) : undefined;
    if (!connector) throw new Error('no connector client in the proactive turn');
    if (!connectors.has(target.serviceUrl)) connectors.set(target.serviceUrl, connector);
    return deliver(connector, target, activity);
  };
}

function conversationOf(target: DeliveryTarget): ConversationReference['conversation'] {
  return target.kind === 'channel'
    ? { id: target.conversationId, isGroup: true, conversationType: 'channel', tenantId: target.tenantId, name: '' }
    : {
        id: `pending:${target.aadObjectId}`,
        isGroup: false,
        conversationType: 'personal',
        tenantId: target.tenantId,
        name: '',
      };
}
