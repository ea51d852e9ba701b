import { CardFactory, MessageFactory } from 'botbuilder';
import { helpCard } from './core/cards.js';
import type { CommandId } from './commands.js';
import type { CommandHandler } from './command-kit.js';
import { cancelDialogs, enrollmentCommands } from './enrollment/commands.js';
import { hasServices } from './services.js';
import { partnershipCommands } from './partnerships/commands.js';
import { customerCommands } from './customers/commands.js';

export type { CommandHandler, CommandTurn } from './command-kit.js';

/** One handler per command id: adding a command to the table without a handler does not compile. */
export const commandHandlers: Readonly<Record<CommandId, CommandHandler>> = {
  help: async (turn) => {
    await turn.context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(helpCard(turn.locale, turn.scope, turn.botName))),
    );
  },
  cancel: async (turn) => {
    if (hasServices(turn) && (await cancelDialogs(turn))) {
      await turn.context.sendActivity(MessageFactory.text(turn.t('enroll.cancelled')));
      return;
    }
    await turn.context.sendActivity(MessageFactory.text(turn.t('bot.nothingToCancel')));
  },
  ...enrollmentCommands,
  ...partnershipCommands,
  ...customerCommands,
};
