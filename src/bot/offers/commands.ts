import { listOfferCatalogue } from '../../domain/subscriptions/offer-catalogue.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { requireConsole } from '../admin/here.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { offersCard } from './cards.js';
import type { offerCommandSpecs } from './command-specs.js';

export const OFFERS_PAGE_SIZE = 10;

/** Issue 14: `offers` shows the catalogue; anyone but a program administrator is refused (PROGRAM_ADMIN_REQUIRED). */
export const offerCommands = {
  offers: async (turn) => {
    // the console's gate: personal chat or the program channel, then the role (PROGRAM_ADMIN_REQUIRED)
    if (!(await requireConsole(turn))) return;
    const page = await listOfferCatalogue(servicesOf(turn).domain, actorOf(turn), { limit: OFFERS_PAGE_SIZE });
    await sendCard(turn, offersCard(turn.locale, page, { cursor: '', back: [] }));
  },
} satisfies Record<(typeof offerCommandSpecs)[number]['id'], CommandHandler>;
