import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { z } from 'zod';
import { t, type Locale, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import type { TurnInfo } from './turn.js';

/*
 * The pieces every card-action handler uses, apart from the verb table (card-actions.ts), so that
 * handler modules can import them without importing the table that imports them.
 */

/** A card action: parses its data with its own zod schema, then runs. */
export interface CardAction {
  readonly run: (turn: TurnInfo, data: unknown) => Promise<AdaptiveCardInvokeResponse>;
}

/** Declares a verb's data schema and handler; the handler only ever sees parsed data. */
export function defineAction<S extends z.ZodType>(
  schema: S,
  handle: (turn: TurnInfo, data: z.output<S>) => Promise<AdaptiveCardInvokeResponse>,
): CardAction {
  return {
    run: async (turn, raw) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return invalidData(turn.locale, parsed.error);
      return handle(turn, parsed.data);
    },
  };
}

/** Replaces the card that was clicked with `card`. */
export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** Shows a short message in place of the card's response (the card itself is unchanged). */
export function messageResponse(message: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: message as unknown as Record<string, unknown>,
  };
}

/** A 400 the Teams client shows as an error under the card. */
export function errorResponse(
  locale: Locale,
  key: MessageKey,
  params: MessageParams = {},
  statusCode = 400,
): AdaptiveCardInvokeResponse {
  return {
    statusCode,
    type: 'application/vnd.microsoft.error',
    value: { code: statusCode === 400 ? 'BadRequest' : 'InternalServerError', message: t(locale, key, params) },
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'data'}: ${i.message}`).join('; ');
}

export function invalidData(locale: Locale, error: z.ZodError): AdaptiveCardInvokeResponse {
  return errorResponse(locale, 'action.invalidData', { details: describeIssues(error) });
}
