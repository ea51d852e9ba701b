/**
 * The partnership cards' Action.Execute verbs (issue 5). Spread into the one verb table
 * (src/bot/verbs.ts), so templates write `${verbs.<key>}` and handlers are keyed by the same values.
 */
export const partnershipVerbs = {
  /** P1: create the request from the email / MPN ID typed on the invite card. */
  partnershipInviteCreate: 'partnership.invite.create',
  /** P1: save the edited draft (refused when the link was dropped). */
  partnershipInviteSave: 'partnership.invite.save',
  /** P2: the consent toggle + "Authorize indirect provider". */
  partnershipAuthorize: 'partnership.authorize',
  /** P2: what the authorisation card shows now (refresh). */
  partnershipAuthorizeRefresh: 'partnership.authorize.refresh',
  /** P10: search / next / previous page of the provider directory. */
  directorySearch: 'directory.search',
  /** P10: request a partnership with a provider found in the directory. */
  directoryRequest: 'directory.request',
  /** P10: the provider's approval card. */
  partnershipApprove: 'partnership.approve',
  partnershipDecline: 'partnership.decline',
  partnershipRequestRefresh: 'partnership.request.refresh',
  /** P4/M2: next / previous page of the providers / resellers list. */
  partnershipListPage: 'partnership.list.page',
  /** P7: ask the program administrator to end a partnership; the administrator's decision card. */
  partnershipEndRequest: 'partnership.end.request',
  partnershipEndApprove: 'partnership.end.approve',
  partnershipEndDecline: 'partnership.end.decline',
  partnershipEndRefresh: 'partnership.end.refresh',
  /** P3: from the reseller's providers list, withdraw (after confirming) or restore the provider's admin access. */
  partnershipAdminWithdraw: 'partnership.admin.withdraw',
  partnershipAdminRestore: 'partnership.admin.restore',
} as const;
