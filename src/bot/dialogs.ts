import type { MessageKey } from '../i18n/index.js';
import { addCustomerWizard } from './customers/wizard.js';
import type { Dialog } from './dialog-kit.js';
import { enrollmentDialog } from './enrollment/dialog.js';
import type { TurnInfo } from './turn.js';

/**
 * The registry of dialogs (multi-turn conversations whose state is in ConversationState, see
 * dialog-kit.ts). bot.ts offers a text message to the running dialogs before routing it as a command,
 * and `cancel` leaves whichever runs, so a new dialog is one entry here and nothing in bot.ts.
 */
export const dialogs: readonly Dialog[] = [enrollmentDialog, addCustomerWizard];

/** Offers a text message to the dialogs that take text: true when one took it as its answer. */
export async function answerDialog(turn: TurnInfo, text: string): Promise<boolean> {
  for (const dialog of dialogs) if (dialog.answer && (await dialog.answer(turn, text))) return true;
  return false;
}

/** Leaves every dialog that runs in this conversation: what the first one left says, or undefined. */
export async function cancelDialogs(turn: TurnInfo): Promise<MessageKey | undefined> {
  let said: MessageKey | undefined;
  for (const dialog of dialogs) {
    const left = await dialog.cancel(turn);
    said ??= left;
  }
  return said;
}
