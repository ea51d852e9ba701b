import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { z } from 'zod';
import { describeError } from '../domain/shared/describe-error.js';
import { isAppError, type AppError } from '../domain/shared/errors.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import type { TurnInfo } from './turn.js';
import { turnRefused } from './turn-record.js';

/*
 * The pieces every card-action handler uses, apart from the verb table (card-actions.ts), so that
 * handler modules can import them without importing the table that imports them (as command-kit.ts
 * does for commands).
 */

/** A card action: parses its data with its own zod schema, then runs. */
export interface CardAction {
  readonly run: (turn: TurnInfo, data: unknown) => Promise<AdaptiveCardInvokeResponse>;
}

/**
 * Declares a verb's data schema and handler; the handler only ever sees parsed data. This is the one
 * place a card action's refusal is answered: an AppError thrown by the handler (or the use case it
 * calls) becomes its localized message as a 400 under the card ({@link refusal}); a handler catches
 * one only to show something else (the card as it now is, a notice on the card). Anything else
 * propagates to the adapter's onTurnError (src/bot/turn-error.ts).
 */
export function defineAction<S extends z.ZodType>(
  schema: S,
  handle: (turn: TurnInfo, data: z.output<S>) => Promise<AdaptiveCardInvokeResponse>,
): CardAction {
  return {
    run: async (turn, raw) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return invalidData(turn.locale, parsed.error);
      try {
        return await handle(turn, parsed.data);
      } catch (e) {
        if (isAppError(e)) {
          turnRefused(e.code);
          return refusal(turn.locale, e);
        }
        throw e;
      }
    },
  };
}

/** The invoke answer for a refused use case: its localized message (roles named, U3) as a 400. */
export function refusal(locale: Locale, e: AppError): AdaptiveCardInvokeResponse {
  return {
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: { code: 'BadRequest', message: describeError(locale, e) },
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
