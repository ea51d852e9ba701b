import { CardFactory, MessageFactory, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { describeError } from '../../domain/describe-error.js';
import { isAppError, type AppError } from '../../domain/errors.js';
import type { Locale } from '../../i18n/index.js';
import type { CommandHandler, CommandTurn } from '../command-handlers.js';

/** The invoke answer for a refused use case: its localized message (roles named, U3) as a 400. */
export function appErrorResponse(locale: Locale, e: AppError): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: describeError(locale, e) } };
}

/** Runs a card action; a refusal from the domain becomes its localized message, anything else propagates. */
export async function refusalsAsErrors(locale: Locale, run: () => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
  try {
    return await run();
  } catch (e) {
    if (isAppError(e)) return appErrorResponse(locale, e);
    throw e;
  }
}

/** A command whose domain refusals are answered with their localized message, not an apology. */
export function command(handler: CommandHandler): CommandHandler {
  return async (turn: CommandTurn) => {
    try {
      await handler(turn);
    } catch (e) {
      if (!isAppError(e)) throw e;
      await turn.context.sendActivity(MessageFactory.text(describeError(turn.locale, e)));
    }
  };
}

export async function sendCard(turn: CommandTurn, card: AdaptiveCardJson): Promise<void> {
  await turn.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
