import { commandsInScope, type Scope } from '../commands.js';
import { t, type Locale } from '../../i18n/index.js';
import type { InfoCardData } from '../../cards/enrollment-types.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { renderCard } from '../card-render.js';
import { programAdminCommandIds } from '../admin/command-specs.js';

/** The card sent when the bot is installed or added (welcome.json). */
export function welcomeCard(locale: Locale, scope: Scope): AdaptiveCardJson {
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
    helpButton: t(locale, 'welcome.helpButton'),
  });
}

/**
 * The help card (help.json): only the commands valid in `scope`, from the command table. `programAdmin: false`
 * leaves out the program administrator's commands (issue 14 item 1); unknown (undefined) lists everything.
 */
export function helpCard(
  locale: Locale,
  scope: Scope,
  botName: string,
  opts: { readonly programAdmin?: boolean } = {},
): AdaptiveCardJson {
  const shown = commandsInScope(scope).filter(
    (c) => opts.programAdmin !== false || !programAdminCommandIds.includes(c.id),
  );
  return renderCard('help', {
    title: t(locale, 'help.title'),
    intro: t(locale, 'help.intro'),
    commands: shown.map((c) => ({
      name: c.names[0],
      description: t(locale, c.descriptionKey),
      aliases: c.names.length > 1 ? t(locale, 'help.aliases', { aliases: c.names.slice(1).join(', ') }) : '',
    })),
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
  return renderCard('info', { text: '', facts: [], sections: [], ...data });
}
