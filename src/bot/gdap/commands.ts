import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import type { gdapCommandSpecs } from './command-specs.js';
import { gdapListPage, gdapRequestForm } from './actions.js';
import { noFilter } from './cards.js';

/** Issue 18 commands: each calls one use case (through actions.ts) and sends one card. */
export const gdapCommands = {
  /** the relationships, newest first; the card filters by customer, state or "ending within N days" */
  gdap: async (turn) => sendCard(turn, await gdapListPage(turn, noFilter, 0)),
  /** G1–G6: the request form (G2: a sales agent is refused at once, naming the roles that would do) */
  requestGdap: async (turn) => sendCard(turn, await gdapRequestForm(turn)),
} satisfies Record<(typeof gdapCommandSpecs)[number]['id'], CommandHandler>;
