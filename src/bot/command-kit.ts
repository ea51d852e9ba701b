import { MessageFactory } from 'botbuilder';
import { describeError } from '../domain/shared/describe-error.js';
import { isAppError } from '../domain/shared/errors.js';
import type { TurnInfo } from './turn.js';
import { turnRefused } from './turn-record.js';

/*
 * The pieces every text command uses, apart from the command table (commands.ts) and the handler
 * table (command-handlers.ts), so that feature command modules import them without importing the
 * table that imports them (as card-action-kit.ts does for card actions).
 */

export interface CommandTurn extends TurnInfo {
  /** Text after the command word(s). */
  readonly args: string;
}

export type CommandHandler = (turn: CommandTurn) => Promise<void>;

/**
 * The one place a text turn's refusal is answered (a command, or an answer to a running dialog):
 * an AppError becomes its localized message (roles named, U3) as the reply, not an apology.
 * Anything else propagates to the adapter's onTurnError (src/bot/turn-error.ts).
 */
export async function answeringRefusals(turn: TurnInfo, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!isAppError(e)) throw e;
    turnRefused(e.code);
    await turn.context.sendActivity(MessageFactory.text(describeError(turn.locale, e)));
  }
}
