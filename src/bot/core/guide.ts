import type { GuideStep } from '../../domain/guide/next-steps.js';
import { t, type Locale } from '../../i18n/index.js';
import { commands, type Command, type Scope } from '../commands.js';

/** One button that runs a command: Teams posts `text` as the person's message (messageBack), as if typed. */
export interface CommandButton {
  readonly label: string;
  readonly description: string;
  readonly text: string;
}

const hangul = /[\uac00-\ud7a3]/;

/** The command's name in the reader's language: a Korean reader's is the Korean name (every command has one). */
export function commandName(locale: Locale, command: Pick<Command, 'names'>): string {
  const names = command.names as readonly string[];
  if (locale === 'ko-KR') return names.find((n) => hangul.test(n)) ?? names[0] ?? '';
  return names[0] ?? '';
}

/** The other names of the command, in the order the reader reads them (Korean first for a Korean reader). */
export function otherNames(locale: Locale, command: Pick<Command, 'names'>): string[] {
  const first = commandName(locale, command);
  return (command.names as readonly string[]).filter((n) => n !== first);
}

/** The buttons for `steps`, leaving out a step this table has no command for or that does not work in `scope`. */
export function stepButtons(locale: Locale, scope: Scope, steps: readonly GuideStep[]): CommandButton[] {
  const out: CommandButton[] = [];
  for (const step of steps) {
    const command = (commands as readonly Command[]).find((c) => (c.id as string) === step);
    if (!command || !(command.scopes as readonly Scope[]).includes(scope)) continue;
    const name = commandName(locale, command);
    out.push({ label: name, description: t(locale, command.descriptionKey), text: name });
  }
  return out;
}
