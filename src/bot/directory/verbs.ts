/** The provider directory console (P10) and business profile (U4) verbs (issue 14), spread into src/bot/verbs.ts. */
export const directoryVerbs = {
  /** P10, program administrator: the listings card's pager, the edit form, save, withdraw, restore. */
  listingsPage: 'listings.page',
  listingNew: 'listing.new',
  listingEdit: 'listing.edit',
  listingSave: 'listing.save',
  listingWithdraw: 'listing.withdraw',
  listingRestore: 'listing.restore',
  /** P10: a provider's change request: its card, approve, decline, and the refresh that shows the decision. */
  listingChangeShow: 'listing.change.show',
  listingChangeApprove: 'listing.change.approve',
  listingChangeDecline: 'listing.change.decline',
  listingChangeRefresh: 'listing.change.refresh',
  /** P10, provider: ask for a change to its own listing. */
  listingRequest: 'listing.request',
  /** U4: save the business profile. */
  profileSave: 'profile.save',
} as const;
