import { commandsInScope, type Scope } from '../commands.js';
import { t, type Locale } from '../../i18n/index.js';
import type { InfoCardData } from '../../cards/enrollment-types.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { renderCard } from '../card-render.js';
import { programAdminCommandIds } from '../admin/command-specs.js';
import { commandName, otherNames, stepButtons } from './guide.js';
import type { Guide } from '../../domain/guide/next-steps.js';

/** The card sent when the bot is installed or added (welcome.json), with what this person can do now when known. */
export function welcomeCard(locale: Locale, scope: Scope, guide?: Guide): AdaptiveCardJson {
  const suggestions = guide ? stepButtons(locale, scope, guide.steps) : [];
  return renderCard('welcome', {
    title: t(locale, 'welcome.title'),
    body: t(
      locale,
      scope === 'personal'
        ? 'welcome.body.personal'
        : scope === 'team'
          ? 'welcome.body.team'
          : 'welcome.body.groupChat',
    ),
    nowLabel: t(locale, 'guide.now'),
    suggestions,
    helpButton: t(locale, 'welcome.helpButton'),
    allLabel: t(locale, 'guide.all'),
  });
}

/**
 * The help card (help.json). With a guide: what this person can do now, each a button that runs its command, and
 * "All commands"; without one (or with `all`): every command valid in `scope`, from the command table, each under
 * the name the reader reads first (Korean first for a Korean reader). `programAdmin: false` leaves out the program
 * administrator's commands (issue 14 item 1); unknown (undefined) lists everything.
 */
export function helpCard(
  locale: Locale,
  scope: Scope,
  botName: string,
  opts: { guide?: Guide | undefined; all?: boolean; readonly programAdmin?: boolean } = {},
): AdaptiveCardJson {
  const guided = opts.guide !== undefined && !opts.all;
  const suggestions = guided && opts.guide ? stepButtons(locale, scope, opts.guide.steps) : [];
  const shown = commandsInScope(scope).filter(
    (c) => opts.programAdmin !== false || !programAdminCommandIds.includes(c.id),
  );
  return renderCard('help', {
    title: t(locale, guided ? 'guide.title' : 'help.title'),
    intro: t(locale, guided ? (suggestions.length ? 'guide.intro' : 'guide.nothing') : 'help.intro'),
    suggestions,
    commands: guided
      ? []
      : shown.map((c) => {
          const others = otherNames(locale, c);
          return {
            name: commandName(locale, c),
            description: t(locale, c.descriptionKey),
            aliases: others.length ? t(locale, 'help.aliases', { aliases: others.join(', ') }) : '',
          };
        }),
    allLabel: guided ? t(locale, 'guide.all') : '',
    mentionHint: scope === 'personal' ? '' : t(locale, 'help.mentionHint', { botName }),
  });
}

/** A card that says something failed (error.json); `correlationId` is shown when given. */
export function errorCard(locale: Locale, message: string, correlationId?: string): AdaptiveCardJson {
  return renderCard('error', {
    title: t(locale, 'errorCard.title'),
    message,
    reference: correlationId ? t(locale, 'errorCard.reference', { correlationId }) : '',
  });
}

/** A title, an optional paragraph, facts and sections of lines (status, users, agreement, results). */
export function infoCard(data: Partial<InfoCardData> & { title: string }): AdaptiveCardJson {
  return renderCard('info', { text: '', facts: [], sections: [], buttons: [], ...data });
}
