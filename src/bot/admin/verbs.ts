/** The program administrator's console cards' Action.Execute verbs (issue 14 item 1), spread into src/bot/verbs.ts. */
export const adminVerbs = {
  /** look an MPN ID up in the registry (the console's MPN box) */
  adminMpnLookup: 'admin.mpn.lookup',
  /** next / previous page of the applications that wait */
  adminReviewsPage: 'admin.reviews.page',
  /** send one application's review card (Approve / Reject) into the conversation */
  adminReviewOpen: 'admin.reviews.open',
  /** next / previous page of the end-partnership requests that wait (P7) */
  adminEndRequestsPage: 'admin.endRequests.page',
  /** send one end-partnership request's decision card (Approve / Decline) into the conversation */
  adminEndRequestOpen: 'admin.endRequests.open',
  /** grant the program administrator role (people picker or a known user) */
  adminGrant: 'admin.people.grant',
  /** revoke the program administrator role (after the card's confirmation) */
  adminRevoke: 'admin.people.revoke',
} as const;
