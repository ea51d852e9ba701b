import type { MessageKey } from '../i18n/index.js';
import { coreCommandSpecs } from './core/command-specs.js';
import { enrollmentCommandSpecs } from './enrollment/command-specs.js';
import { userCommandSpecs } from './users/command-specs.js';
import { agreementCommandSpecs } from './agreement/command-specs.js';
import { partnershipCommandSpecs } from './partnerships/command-specs.js';
import { customerCommandSpecs } from './customers/command-specs.js';
import { notificationCommandSpecs } from './notifications/command-specs.js';
import { offerCommandSpecs } from './offers/command-specs.js';
import { adminCommandSpecs } from './admin/command-specs.js';
import { directoryCommandSpecs } from './directory/command-specs.js';
import { partnerCenterCommandSpecs } from './partner-center/command-specs.js';
import { gdapCommandSpecs } from './gdap/command-specs.js';

/** Teams scopes a command can be used in (the manifest's commandLists scopes). */
export type Scope = 'personal' | 'team' | 'groupChat';

export const allScopes: readonly Scope[] = ['personal', 'team', 'groupChat'];

/**
 * One command table drives three things: text routing in the bot, the help
 * card, and the manifest's command lists (scripts/package-app.ts). Each feature lists its
 * commands in its command-specs.ts; the table spreads them, in the order help shows them.
 * Route by name, never by substring: `matchCommand` compares whole words.
 */
export interface CommandSpec {
  /** Stable id used by handlers (src/bot/command-handlers.ts has one per id). */
  readonly id: string;
  /**
   * The words a user types, matched case-insensitively as whole words. The first is
   * canonical (English; it becomes the manifest's command title, at most 32 characters);
   * every command also has a Korean alias.
   */
  readonly names: readonly string[];
  /** Catalogue key of the one-line description (help card and manifest, at most 128 characters). */
  readonly descriptionKey: MessageKey;
  readonly scopes: readonly Scope[];
  /**
   * The scopes whose Teams command menu (the manifest's commandLists) offers it, a subset of
   * `scopes`; absent = in no menu. Teams shows at most 10 commands per scope, so the places go to
   * what partners use most (their customers, providers, resellers and requests) and the rest stay
   * routable and in help. Within a menu, commands keep the table's (the help card's) order.
   */
  readonly menu?: readonly Scope[];
}

export const commands = [
  ...coreCommandSpecs,
  // issue 4: enrollment, users and the MPA
  ...enrollmentCommandSpecs,
  ...userCommandSpecs,
  ...agreementCommandSpecs,
  // issue 5: partnerships and notifications; issue 6: customers
  ...partnershipCommandSpecs,
  ...customerCommandSpecs,
  // issue 13: failed notices
  ...notificationCommandSpecs,
  // issue 14: the offer catalogue
  ...offerCommandSpecs,
  // issue 14: the program administrator's console
  ...adminCommandSpecs,
  // issue 14: the provider directory console and the business profile
  ...directoryCommandSpecs,
  // issue 17: linking the organisation's Partner Center account
  ...partnerCenterCommandSpecs,
  // issue 18: GDAP relationships
  ...gdapCommandSpecs,
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof commands)[number]['id'];
export type Command = (typeof commands)[number];

/** Commands usable in one scope, in table order (the help card's list). */
export function commandsInScope(scope: Scope): readonly Command[] {
  return commands.filter((c) => (c.scopes as readonly Scope[]).includes(scope));
}

export interface CommandMatch {
  readonly command: Command;
  /** The name the user typed, as written in the table. */
  readonly name: string;
  /** Whatever followed the command word(s), trimmed. */
  readonly args: string;
}

/** Collapses whitespace (including the non-breaking spaces Teams sends). */
export function normalizeText(text: string): string {
  return text
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/**
 * Finds the command whose name is the first whole word(s) of `text`, ignoring case.
 * `helpme` does not match `help`; `help me` does (args = "me"). The longest matching name wins.
 */
export function matchCommand(text: string): CommandMatch | undefined {
  const normalized = normalizeText(text);
  const lower = normalized.toLowerCase();
  let best: CommandMatch | undefined;
  for (const command of commands) {
    for (const name of command.names) {
      const n = name.toLowerCase();
      if ((lower === n || lower.startsWith(n + ' ')) && (!best || n.length > best.name.length)) {
        best = { command, name, args: normalized.slice(n.length).trim() };
      }
    }
  }
  return best;
}
