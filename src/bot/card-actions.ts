import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { helpCard } from '../cards/builders.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import { isAppError } from '../domain/errors.js';
import { t, type Locale, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { TurnInfo } from './turn.js';
import { isVerb, verbs, type Verb } from './verbs.js';

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
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message as unknown as Record<string, unknown> };
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

function invalidData(locale: Locale, error: z.ZodError): AdaptiveCardInvokeResponse {
  return errorResponse(locale, 'action.invalidData', { details: describeIssues(error) });
}

/** Every card's data carries `v`, the version of its data contract, so stale cards are told apart. */
const v1 = z.object({ v: z.literal(1) });

/** The handlers, keyed by the verb table: a verb without a handler does not compile. */
export const cardActions: Readonly<Record<Verb, CardAction>> = {
  [verbs.helpShow]: defineAction(v1, (turn) => Promise.resolve(cardResponse(helpCard(turn.locale, turn.scope, turn.botName)))),
};

/** What Teams sends as the value of an `adaptiveCard/action` invoke. */
const invokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1),
    data: z.unknown().optional(),
  }),
});

/**
 * Routes one `adaptiveCard/action` invoke by verb. Unknown verbs and invalid data become a 400
 * `application/vnd.microsoft.error` body; an AppError from a handler becomes its localized
 * message; anything else propagates to the adapter's onTurnError.
 */
export async function routeCardAction(turn: TurnInfo, value: unknown): Promise<AdaptiveCardInvokeResponse> {
  const parsed = invokeValueSchema.safeParse(value);
  if (!parsed.success) return invalidData(turn.locale, parsed.error);
  const { verb, data } = parsed.data.action;
  if (!isVerb(verb)) return errorResponse(turn.locale, 'action.unknownVerb');
  try {
    return await cardActions[verb].run(turn, data ?? {});
  } catch (e) {
    if (isAppError(e)) {
      const key: MessageKey = `error.${e.code}`;
      return errorResponse(turn.locale, key, e.params);
    }
    throw e;
  }
}
