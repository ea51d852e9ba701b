import type { MessageKey } from '../i18n/index.js';

/** Teams scopes a command can be used in (the manifest's commandLists scopes). */
export type Scope = 'personal' | 'team' | 'groupChat';

/**
 * One command table drives three things: text routing in the bot, the help
 * card, and the manifest's command lists (scripts/package-app.ts).
 * Route by name, never by substring: `match` compares whole words.
 */
export interface CommandSpec {
  /** Stable id used by handlers. */
  readonly id: string;
  /** The words a user types (English; Korean aliases below). First is canonical. */
  readonly names: readonly string[];
  /** Catalogue key of the one-line description (help card and manifest). */
  readonly descriptionKey: MessageKey;
  readonly scopes: readonly Scope[];
}

export const commands = [
  {
    id: 'help',
    names: ['help', '도움말'],
    descriptionKey: 'bot.unknownCommand',
    scopes: ['personal', 'team', 'groupChat'],
  },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof commands)[number]['id'];
