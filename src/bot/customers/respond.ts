import { CardFactory, MessageFactory, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { describeError } from '../../domain/describe-error.js';
import { isAppError } from '../../domain/errors.js';
import type { CommandHandler, CommandTurn } from '../command-handlers.js';
import type { TurnInfo } from '../turn.js';

/** Runs a card action; a domain refusal (roles named, U3) becomes its localized message as a 400. */
export async function guardedAction(turn: TurnInfo, run: () => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
  try {
    return await run();
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: describeError(turn.locale, e) } };
  }
}

/** A command whose domain refusals are answered with their localized message. */
export function guardedCommand(handler: CommandHandler): CommandHandler {
  return async (turn: CommandTurn) => {
    try {
      await handler(turn);
    } catch (e) {
      if (!isAppError(e)) throw e;
      await turn.context.sendActivity(MessageFactory.text(describeError(turn.locale, e)));
    }
  };
}

export async function sendCard(turn: TurnInfo, card: AdaptiveCardJson): Promise<void> {
  await turn.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
