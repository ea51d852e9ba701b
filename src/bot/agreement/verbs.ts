/** The agreement card's Action.Execute verb (issue 4), spread into the verb table (src/bot/verbs.ts). */
export const agreementVerbs = {
  /** M1: sign the MPA (accept toggle). */
  mpaSign: 'mpa.sign',
} as const;
