/** The verbs every conversation has (spread into src/bot/verbs.ts). */
export const coreVerbs = {
  /** Replace the card with the help card of the current scope. */
  helpShow: 'help.show',
} as const;
