import { listListings } from '../../domain/directory/listings.js';
import { viewOwnListing } from '../../domain/directory/own-listing.js';
import { viewBusinessProfile } from '../../domain/users/update-business-profile.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { LISTINGS_PAGE } from './actions.js';
import { businessProfileCard, listingsCard, ownListingCard } from './cards.js';
import type { directoryCommandSpecs } from './command-specs.js';
import { comparisonCard, storedComparison } from '../partner-center/profile-comparison.js';

/**
 * Issue 14. `listings` (P10): the program administrator's directory console, in personal chat or the
 * program channel; everyone else is refused (U3). `listing` (P10): a provider's own listing and its
 * change request form. `profile` (U4): the business profile form. Refusals name the roles that would do.
 */
export const directoryCommands = {
  listings: async (turn) => {
    const page = await listListings(servicesOf(turn).domain, actorOf(turn), { limit: LISTINGS_PAGE });
    await sendCard(turn, listingsCard(turn, page, LISTINGS_PAGE));
  },
  listing: async (turn) => {
    const own = await viewOwnListing(servicesOf(turn).domain, actorOf(turn));
    await sendCard(turn, ownListingCard(turn, own));
  },
  profile: async (turn) => {
    const view = await viewBusinessProfile(servicesOf(turn).domain, actorOf(turn));
    await sendCard(turn, businessProfileCard(turn.locale, view));
    // E-PC5: how the profile compares with the Partner Center profile, when it was read
    const pc = await storedComparison(turn);
    if (pc) await sendCard(turn, comparisonCard(turn, pc));
  },
} satisfies Record<(typeof directoryCommandSpecs)[number]['id'], CommandHandler>;
