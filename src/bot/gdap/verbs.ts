/** The GDAP cards' Action.Execute verbs (issue 18), spread into the verb table (src/bot/verbs.ts). */
export const gdapVerbs = {
  /** the list: a page, or the filter form applied */
  gdapList: 'gdap.list',
  /** a relationship's card */
  gdapOpen: 'gdap.open',
  /** the request form */
  gdapRequestStart: 'gdap.requestStart',
  /** G1–G7: send the request */
  gdapRequest: 'gdap.request',
  /** G10: add / remove an access assignment */
  gdapAssign: 'gdap.assign',
  gdapUnassign: 'gdap.unassign',
  /** G11: terminate (after the card's confirmation), renew */
  gdapTerminate: 'gdap.terminate',
  gdapRenew: 'gdap.renew',
  /** G7: the indirect reseller consents or declines */
  gdapConsent: 'gdap.consent',
} as const;
