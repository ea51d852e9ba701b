import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { errorResponse } from './card-action-kit.js';
import { localeOf } from './turn.js';
import { currentTurn, newCorrelationId } from './turn-record.js';
import { EtagConflictError } from '../data/prisma-storage.js';

export { newCorrelationId } from './turn-record.js';

/**
 * Only what helps diagnose, never request headers or bodies (an HTTP error from the connector
 * carries the request, including its Authorization header).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: e.name,
    message: e.message,
    stack: e.stack,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
  };
}

/**
 * adapter.onTurnError: log the failure with a correlation id, then tell the user (in their
 * language) that it failed, quoting the id. For an invoke the apology is the invoke response, so
 * Teams shows it under the card instead of timing out.
 */
export function createTurnErrorHandler(config: Pick<Config, 'DEFAULT_LOCALE'>, logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    // the turn's own id (src/server.ts opened it), so the apology, the failure and the turn's log line agree
    const record = currentTurn();
    const correlationId = record?.correlationId ?? newCorrelationId();
    if (record) record.outcome = 'failed';
    const a = context.activity;
    logger.error(
      {
        correlationId,
        err: describeError(error),
        activity: { id: a.id, type: a.type, name: a.name, channelId: a.channelId, conversationId: a.conversation?.id },
      },
      'turn failed',
    );
    const locale = localeOf(a, config);
    // two answers to one conversation at once (two instances, a double send): the later one was not kept
    const crossed = error instanceof EtagConflictError;
    try {
      if (a.type === (ActivityTypes.Invoke as string)) {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: crossed
              ? errorResponse(locale, 'bot.stateConflict', { correlationId }, 409)
              : errorResponse(locale, 'action.failed', { correlationId }, 500),
          },
        });
      } else {
        const key = crossed ? 'bot.stateConflict' : 'bot.turnError';
        await context.sendActivity(MessageFactory.text(t(locale, key, { correlationId })));
      }
    } catch (sendError) {
      logger.error({ correlationId, err: describeError(sendError) }, 'could not send the turn-error apology');
    }
  };
}
