import { z } from 'zod';
import { roleSchema } from '../../domain/shared/roles.js';
import { addUser } from '../../domain/users/add-user.js';
import { changeRoles } from '../../domain/users/change-roles.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, invalidData, type CardAction } from '../card-action-kit.js';
import { infoCard } from '../core/cards.js';
import { servicesOf } from '../services.js';
import { userVerbs } from './verbs.js';
import { roleLabels } from '../../i18n/format/index.js';

const v1 = z.object({ v: z.literal(1) });
/** A multi-select ChoiceSet arrives as one comma-separated string (empty when nothing is ticked). */
const roleList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== ''),
  )
  .pipe(z.array(roleSchema));

export const userActions = {
  [userVerbs.userAdd]: defineAction(
    v1.extend({ name: z.string().optional(), email: z.string().optional(), roles: roleList }),
    async (turn, data) => {
      const { domain, wakeMail } = servicesOf(turn);
      const name = data.name ?? '';
      const email = data.email ?? '';
      const r = await addUser(domain, actorOf(turn), { name, email, roles: data.roles });
      wakeMail?.();
      const params = { name: name.trim(), email: email.trim().toLowerCase(), roles: roleLabels(turn.locale, r.roles) };
      return cardResponse(
        infoCard({
          title: turn.t('addUser.title'),
          text: turn.t(r.created ? 'addUser.done' : 'addUser.repeated', params),
        }),
      );
    },
  ),
  [userVerbs.rolesChange]: defineAction(
    v1.extend({ userId: z.string().min(1).max(100), roles: z.string().optional() }).loose(),
    async (turn, data) => {
      const { domain } = servicesOf(turn);
      // each person's form names its box roles_<userId> (older cards sent one box, `roles`)
      const raw = (data as Record<string, unknown>)[`roles_${data.userId}`] ?? data.roles;
      const roles = roleList.safeParse(raw);
      if (!roles.success) return invalidData(turn.locale, roles.error);
      const r = await changeRoles(domain, actorOf(turn), { userId: data.userId, roles: roles.data });
      const user = await domain.store.read.user.findUnique({ where: { id: r.userId }, select: { name: true } });
      const params = { name: user?.name ?? '', roles: roleLabels(turn.locale, r.roles) };
      return cardResponse(
        infoCard({ title: turn.t('roles.title'), text: turn.t(r.changed ? 'roles.done' : 'roles.unchanged', params) }),
      );
    },
  ),
} satisfies Record<string, CardAction>;
