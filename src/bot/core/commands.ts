import { MessageFactory } from 'botbuilder';
import type { CommandHandler } from '../command-kit.js';
import { cancelDialogs } from '../dialogs.js';
import { hasServices } from '../services.js';
import { sendCard } from '../respond.js';
import { helpCard } from './cards.js';
// issue 14 item 1: help lists the program administrator's commands to administrators only
import { programAdminHere } from '../admin/here.js';
import type { coreCommandSpecs } from './command-specs.js';

export const coreCommands = {
  help: async (turn) =>
    sendCard(turn, helpCard(turn.locale, turn.scope, turn.botName, { programAdmin: await programAdminHere(turn) })),
  /** Leaves the dialog that runs in this conversation, in its own words. */
  cancel: async (turn) => {
    const said = hasServices(turn) ? await cancelDialogs(turn) : undefined;
    await turn.context.sendActivity(MessageFactory.text(turn.t(said ?? 'bot.nothingToCancel')));
  },
} satisfies Record<(typeof coreCommandSpecs)[number]['id'], CommandHandler>;
