import type { z } from 'zod';
import type { MessageKey } from '../i18n/index.js';
import { servicesOf } from './services.js';
import type { TurnInfo } from './turn.js';

/*
 * What a multi-turn conversation (a dialog) is to the bot: its state is one property of
 * ConversationState (PrismaStorage, saved at the end of every turn, so a dialog survives a restart
 * and is shared by the bot's instances), validated by its zod schema whenever it is read or written.
 * src/bot/dialogs.ts lists the dialogs; bot.ts gives them text while they run and `cancel` leaves them.
 */

/** One dialog in the registry (src/bot/dialogs.ts). */
export interface Dialog {
  readonly id: string;
  /**
   * A text message while this dialog runs in the conversation: true when it took it as an answer.
   * Absent for a dialog that takes its answers on cards only.
   */
  readonly answer?: (turn: TurnInfo, text: string) => Promise<boolean>;
  /** Leaves the dialog if it runs here: what to say, or undefined when it did not run. */
  readonly cancel: (turn: TurnInfo) => Promise<MessageKey | undefined>;
}

/** A dialog's state: read (undefined when absent or not of this schema), written, cleared. */
export interface DialogState<T> {
  load(turn: TurnInfo): Promise<T | undefined>;
  save(turn: TurnInfo, state: T): Promise<void>;
  clear(turn: TurnInfo): Promise<void>;
}

/** The state of a dialog kept under `property` in ConversationState, checked with `schema` both ways. */
export function dialogState<S extends z.ZodType>(property: string, schema: S): DialogState<z.output<S>> {
  const accessor = (turn: TurnInfo) => servicesOf(turn).conversationState.createProperty<unknown>(property);
  return {
    async load(turn) {
      const parsed = schema.safeParse(await accessor(turn).get(turn.context));
      return parsed.success ? parsed.data : undefined;
    },
    async save(turn, state) {
      await accessor(turn).set(turn.context, schema.parse(state));
    },
    async clear(turn) {
      await accessor(turn).delete(turn.context);
    },
  };
}
