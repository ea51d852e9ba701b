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

/**
 * How long an untouched dialog lives: its state carries `expiresAt` (renewed on every save); a state read after
 * it is dropped, so an abandoned dialog (with whatever was typed into it) does not stay in the BotState table.
 * The rows themselves are purged by the bot-state TTL (BOT_STATE_TTL_DAYS, src/data/prisma-storage.ts).
 */
export const DIALOG_TTL_MS = 24 * 60 * 60 * 1000;

/** What is stored: the dialog's own state and when it expires (epoch ms). */
interface Stored {
  readonly expiresAt: number;
  readonly state: unknown;
}

function isStored(v: unknown): v is Stored {
  return typeof v === 'object' && v !== null && typeof (v as { expiresAt?: unknown }).expiresAt === 'number';
}

/**
 * The state of a dialog kept under `property` in ConversationState, checked with `schema` both ways. It expires
 * `ttlMs` after its last save (default {@link DIALOG_TTL_MS}); an expired or unreadable state is cleared on read.
 * `now` is for tests.
 */
export function dialogState<S extends z.ZodType>(
  property: string,
  schema: S,
  options: { readonly ttlMs?: number; readonly now?: () => number } = {},
): DialogState<z.output<S>> {
  const ttlMs = options.ttlMs ?? DIALOG_TTL_MS;
  const now = options.now ?? Date.now;
  const accessor = (turn: TurnInfo) => servicesOf(turn).conversationState.createProperty<unknown>(property);
  return {
    async load(turn) {
      const stored = await accessor(turn).get(turn.context);
      if (stored === undefined) return undefined;
      const parsed = isStored(stored) && stored.expiresAt > now() ? schema.safeParse(stored.state) : undefined;
      if (parsed?.success) return parsed.data;
      // expired, from before expiry was kept, or no longer of this schema: dropped
      await accessor(turn).delete(turn.context);
      return undefined;
    },
    async save(turn, state) {
      const stored: Stored = { expiresAt: now() + ttlMs, state: schema.parse(state) };
      await accessor(turn).set(turn.context, stored);
    },
    async clear(turn) {
      await accessor(turn).delete(turn.context);
    },
  };
}
