import { userManagerRoles } from '../../domain/shared/roles.js';
import { listUsers, requireAccess } from '../../domain/users/list-users.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { userFormCard, usersCard } from './cards.js';
import type { userCommandSpecs } from './command-specs.js';

/** Issue 4 (U1–U3): each refusal names the roles that would do (U3). */
export const userCommands = {
  users: async (turn) => {
    const list = await listUsers(servicesOf(turn).domain, actorOf(turn));
    await sendCard(turn, usersCard(turn.locale, list));
  },
  addUser: async (turn) => {
    await requireAccess(servicesOf(turn).domain, actorOf(turn), userManagerRoles);
    await sendCard(turn, userFormCard(turn.locale, 'add', []));
  },
  roles: async (turn) => {
    const list = await listUsers(servicesOf(turn).domain, actorOf(turn));
    const users = list.users.map((u) => ({
      title: `${u.name} (${u.email ?? turn.t('identity.emailUnknown')})`,
      value: u.userId,
    }));
    await sendCard(turn, userFormCard(turn.locale, 'roles', users));
  },
} satisfies Record<(typeof userCommandSpecs)[number]['id'], CommandHandler>;
