import { setTimeout as sleep } from 'node:timers/promises';
import { CloudAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication, ConnectorClient } from 'botframework-connector';
import { postActivity, SendHttpError } from '../notify/connector-post.js';

export interface TurnAdapterOptions {
  /** one post, connect to answer (default 10 s) */
  readonly timeoutMs?: number;
  /** attempts per activity, the first included (default 4, as the connector pipeline's 3 retries) */
  readonly attempts?: number;
  /** the longest wait between attempts, Retry-After included (default 10 s: a person is waiting) */
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/** Network failures worth another attempt (a reset keep-alive socket, a connect that timed out). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** How long to wait before attempt `attempt + 1`, or null when the failure is not worth another. */
export function retryDelay(e: unknown, attempt: number, maxDelayMs: number): number | null {
  if (e instanceof SendHttpError) {
    if (e.statusCode !== 429 && e.statusCode < 500) return null;
    const after = Number(e.response.headers.get('retry-after'));
    if (Number.isFinite(after) && after >= 0) return Math.min(after * 1000, maxDelayMs);
  } else {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !TRANSIENT_CODES.has(code)) return null;
  }
  // exponential from 0.5 s, with jitter so that many turns failing together do not come back together
  return Math.min(500 * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4), maxDelayMs);
}

/**
 * botbuilder's CloudAdapter, with the turn's replies posted directly (issue 15): the activity goes to the same
 * connector route the SDK would call (sendToConversation, or replyToActivity when it answers an activity), signed
 * by the turn's own connector client's credentials, but without botframework-connector's request pipeline, whose
 * serializer and policies cost ~0.3 ms of CPU per activity, about a third of a whole `help` turn. The pipeline's
 * retries are kept in kind: 429 (after Retry-After), 5xx and network resets are tried again, a bounded number of
 * times. Anything that is not a message-like post (delay, invoke response, trace) goes through the SDK as before,
 * and so does everything when an outgoing HTTP proxy is configured (the composition root uses the plain
 * CloudAdapter then: only the pipeline honours HTTP(S)_PROXY).
 */
export class TurnAdapter extends CloudAdapter {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly maxDelayMs: number;
  private readonly wait: (ms: number) => Promise<unknown>;

  constructor(auth: BotFrameworkAuthentication, options: TurnAdapterOptions = {}) {
    super(auth);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.wait = options.sleep ?? ((ms) => sleep(ms));
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const connector = context.turnState.get<ConnectorClient | undefined>(this.ConnectorClientKey);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const direct = connector && activity.type !== 'delay' && activity.type !== 'invokeResponse';
      const serviceUrl = activity.serviceUrl ?? context.activity.serviceUrl;
      const conversationId = activity.conversation?.id;
      if (!direct || activity.type === 'trace' || !serviceUrl || !conversationId) {
        responses.push(...(await super.sendActivities(context, [activity])));
        continue;
      }
      delete activity.id;
      const sent = await this.post(connector, serviceUrl, conversationId, activity);
      responses.push({ id: sent.activityId ?? '' });
    }
    return responses;
  }

  private async post(connector: ConnectorClient, serviceUrl: string, conversationId: string, a: Partial<Activity>) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await postActivity(connector, serviceUrl, conversationId, a, this.timeoutMs, a.replyToId);
      } catch (e) {
        const delay = attempt < this.attempts ? retryDelay(e, attempt, this.maxDelayMs) : null;
        if (delay === null) throw e;
        await this.wait(delay);
      }
    }
  }
}
