import type { AdaptiveCardJson } from '../../cards/render.js';
import { roles } from '../../domain/shared/roles.js';
import type { UserList } from '../../domain/users/list-users.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard } from '../card-render.js';
import { infoCard } from '../core/cards.js';
import { roleLabel, roleLabels } from '../../i18n/format/index.js';

export function roleChoices(locale: Locale): { title: string; value: string }[] {
  return roles.map((r) => ({ title: roleLabel(locale, r), value: r }));
}

/** U1: the organisation's users with their roles, and who has not talked to the bot yet. */
export function usersCard(locale: Locale, list: UserList): AdaptiveCardJson {
  return infoCard({
    title: t(locale, 'users.title', { org: list.orgName }),
    facts: list.users.map((u) => ({
      title: u.name,
      value: `${u.email ?? t(locale, 'identity.emailUnknown')}: ${roleLabels(locale, u.roles)}${u.signedIn ? '' : ' ' + t(locale, 'users.notSignedIn')}`,
    })),
  });
}

/** U2 (`add`) and U1/E7 (`roles`): the user form card. */
export function userFormCard(
  locale: Locale,
  mode: 'add' | 'roles',
  users: { title: string; value: string }[],
): AdaptiveCardJson {
  return renderCard('user-form', {
    mode,
    title: t(locale, mode === 'add' ? 'addUser.title' : 'roles.title'),
    nameLabel: t(locale, 'addUser.name'),
    emailLabel: t(locale, 'addUser.email'),
    userLabel: t(locale, 'roles.user'),
    rolesLabel: t(locale, mode === 'add' ? 'addUser.roles' : 'roles.roles'),
    submitLabel: t(locale, mode === 'add' ? 'addUser.submit' : 'roles.submit'),
    users,
    roles: roleChoices(locale),
  });
}
