import type { MessageKey } from '../i18n/index.js';
import { partnershipCommandSpecs } from './partnerships/command-specs.js';
import { customerCommandSpecs } from './customers/command-specs.js';

/** Teams scopes a command can be used in (the manifest's commandLists scopes). */
export type Scope = 'personal' | 'team' | 'groupChat';

export const allScopes: readonly Scope[] = ['personal', 'team', 'groupChat'];

/**
 * One command table drives three things: text routing in the bot, the help
 * card, and the manifest's command lists (scripts/package-app.ts).
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
   * Whether Teams' command menu (the manifest's commandLists) offers it. Teams shows at most 10
   * commands per scope, so less-used commands set `menu: false`; they stay routable and in help.
   */
  readonly menu?: boolean;
}

export const commands = [
  {
    id: 'help',
    names: ['help', '도움말'],
    descriptionKey: 'command.help.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'cancel',
    names: ['cancel', '취소'],
    descriptionKey: 'command.cancel.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
  // ---- issue 4: enrollment, users and the MPA ----
  {
    id: 'enroll',
    names: ['enroll', '등록'],
    descriptionKey: 'command.enroll.description',
    scopes: ['personal'],
  },
  {
    id: 'status',
    names: ['status', '상태'],
    descriptionKey: 'command.status.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'users',
    names: ['users', '사용자'],
    descriptionKey: 'command.users.description',
    scopes: ['personal'],
  },
  {
    id: 'addUser',
    names: ['add user', '사용자 추가'],
    descriptionKey: 'command.addUser.description',
    scopes: ['personal'],
  },
  {
    id: 'roles',
    names: ['roles', 'change roles', '역할'],
    descriptionKey: 'command.roles.description',
    scopes: ['personal'],
  },
  {
    id: 'signAgreement',
    names: ['sign agreement', '계약 서명'],
    descriptionKey: 'command.signAgreement.description',
    scopes: ['personal'],
  },
  {
    id: 'agreementStatus',
    names: ['agreement status', '계약 상태'],
    descriptionKey: 'command.agreementStatus.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
  // ---- issue 5: partnerships and notifications (src/bot/partnerships/command-specs.ts) ----
  ...partnershipCommandSpecs,
  ...customerCommandSpecs,
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
