import { agreementStatus } from '../../domain/agreement/agreement-status.js';
import { mpaSignerRoles } from '../../domain/shared/roles.js';
import { requireAccess } from '../../domain/users/list-users.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { agreementStatusCard, mpaCard } from './cards.js';
import type { agreementCommandSpecs } from './command-specs.js';

/** Issue 4 (M1): signing the Microsoft Partner Agreement and its state. */
export const agreementCommands = {
  signAgreement: async (turn) => {
    await requireAccess(servicesOf(turn).domain, actorOf(turn), mpaSignerRoles);
    await sendCard(turn, mpaCard(turn.locale, servicesOf(turn).domain.mpaTextUrl));
  },
  agreementStatus: async (turn) => {
    const s = await agreementStatus(servicesOf(turn).domain, actorOf(turn));
    await sendCard(turn, agreementStatusCard(turn, s));
  },
} satisfies Record<(typeof agreementCommandSpecs)[number]['id'], CommandHandler>;
