import type { CommandHandler } from '../command-kit.js';
import { customersPage } from './actions.js';
import { invitationsPage, inviteAsk } from './invitation-actions.js';
import { startWizard } from './wizard.js';
import { sendCard } from '../respond.js';
import { requireActionApplies } from '../../domain/guide/next-steps.js';
import { actorOf } from '../actor.js';
import { servicesOf } from '../services.js';
import type { CommandTurn } from '../command-kit.js';

/** Refuses at once, with the reason, a command that does not apply to the organisation's partner type. */
const applies = (turn: CommandTurn, action: 'inviteCustomer' | 'addCustomer') =>
  requireActionApplies(servicesOf(turn).domain, actorOf(turn), action);

/** Issue 6 commands: each parses its words, calls one use case (through actions.ts), sends one card. */
export const customerCommands: Readonly<
  Record<'inviteCustomer' | 'invitations' | 'addCustomer' | 'customers', CommandHandler>
> = {
  /** C2/C3: `invite customer` → email and provider → the editable draft with its link. */
  inviteCustomer: async (turn) => {
    await applies(turn, 'inviteCustomer');
    await sendCard(turn, await inviteAsk(turn));
  },
  /** pending invitations with revoke */
  invitations: async (turn) => sendCard(turn, await invitationsPage(turn)),
  /** S1: the add-customer wizard (provider). */
  addCustomer: async (turn) => {
    await applies(turn, 'addCustomer');
    await sendCard(turn, await startWizard(turn));
  },
  /** S4: the Customers list, paged, with the reseller filter. */
  customers: async (turn) => sendCard(turn, await customersPage(turn, '')),
};
