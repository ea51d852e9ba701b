/**
 * Every Action.Execute verb the bot understands. Templates get this table as `${verbs.<key>}`
 * (src/cards/render.ts binds it into every card), handlers are keyed by the same values
 * (src/bot/card-actions.ts), so a verb is spelled exactly once.
 */
export const verbs = {
  /** Replace the card with the help card of the current scope. */
  helpShow: 'help.show',
} as const;

export type VerbKey = keyof typeof verbs;
export type Verb = (typeof verbs)[VerbKey];

export const allVerbs: readonly Verb[] = Object.values(verbs);

export function isVerb(v: unknown): v is Verb {
  return typeof v === 'string' && (allVerbs as readonly string[]).includes(v);
}
