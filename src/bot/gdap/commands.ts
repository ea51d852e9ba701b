import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import type { gdapCommandSpecs } from './command-specs.js';
import { gdapListPage, gdapRequestForm } from './actions.js';
import { noFilter, type GdapFilter } from './cards.js';
import { gdapFilterStates, gdapStateName } from '../../domain/gdap/gdap-rules.js';
import { locales } from '../../i18n/index.js';

/**
 * `gdap 30` (or `gdap expiring 30`, `gdap 만료 30`): ending within 30 days; `gdap active` (any state id, or its name
 * in the reader's language): that state. Anything else lists everything (the card's filter does the rest).
 */
function filterOf(args: string): GdapFilter {
  const words = args.toLowerCase().split(/\s+/).filter(Boolean);
  const days = words.find((w) => /^\d{1,3}$/.test(w));
  if (days) return { ...noFilter, days };
  const text = words.join(' ');
  const state = gdapFilterStates.find(
    (s) => s.toLowerCase() === text || locales.some((l) => gdapStateName(s, l).toLowerCase() === text),
  );
  return state ? { ...noFilter, state } : noFilter;
}

/** Issue 18 commands: each calls one use case (through actions.ts) and sends one card. */
export const gdapCommands = {
  /** the relationships, newest first; the card filters by customer, state or "ending within N days" */
  gdap: async (turn) => sendCard(turn, await gdapListPage(turn, filterOf(turn.args), 0)),
  /** G1–G6: the request form (G2: a sales agent is refused at once, naming the roles that would do) */
  requestGdap: async (turn) => sendCard(turn, await gdapRequestForm(turn)),
} satisfies Record<(typeof gdapCommandSpecs)[number]['id'], CommandHandler>;
