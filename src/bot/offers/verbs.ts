/** The offer catalogue card's Action.Execute verbs (issue 14), spread into the verb table (src/bot/verbs.ts). */
export const offerVerbs = {
  /** next / previous page of the catalogue */
  offersPage: 'offers.page',
  /** retire one offer (it can no longer be ordered; subscriptions keep it) */
  offerRetire: 'offers.retire',
  /** make a retired offer orderable again */
  offerRestore: 'offers.restore',
  /** show the Add offer form */
  offerAddForm: 'offers.addForm',
  /** submit the Add offer form */
  offerAdd: 'offers.add',
} as const;
