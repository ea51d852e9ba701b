import type { AdaptiveCardJson } from '../../cards/render.js';
import { roles } from '../../domain/shared/roles.js';
import type { UserList, UserListItem } from '../../domain/users/list-users.js';
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

/**
 * U2 (`add`) and U1/E7 (`roles`): the user form card. In `roles` mode each person gets their own "Change roles"
 * form with the roles they hold now already ticked.
 */
export function userFormCard(locale: Locale, mode: 'add' | 'roles', users: readonly UserListItem[]): AdaptiveCardJson {
  return renderCard('user-form', {
    mode,
    title: t(locale, mode === 'add' ? 'addUser.title' : 'roles.title'),
    nameLabel: t(locale, 'addUser.name'),
    emailLabel: t(locale, 'addUser.email'),
    userLabel: t(locale, 'roles.user'),
    rolesLabel: t(locale, mode === 'add' ? 'addUser.roles' : 'roles.roles'),
    submitLabel: t(locale, mode === 'add' ? 'addUser.submit' : 'roles.submit'),
    users: users.map((u) => ({ title: `${u.name} (${u.email})`, value: u.userId })),
    people: users.map((u) => ({
      userId: u.userId,
      title: `${u.name} (${u.email})`,
      current: t(locale, 'roles.current', { roles: roleLabels(locale, u.roles) }),
      ticked: roles.filter((r) => u.roles.includes(r)).join(','),
    })),
    changeLabel: t(locale, 'roles.changeFor'),
    roles: roleChoices(locale),
  });
}
