/** The verbs every conversation has (spread into src/bot/verbs.ts). */
export const coreVerbs = {
  /** Replace the card with the help card of the current scope. */
  helpShow: 'help.show',
  /** Replace the card with every command of the current scope ("All commands"). */
  helpAll: 'help.all',
} as const;
