import { coreVerbs } from './core/verbs.js';
import { enrollmentVerbs } from './enrollment/verbs.js';
import { agreementVerbs } from './agreement/verbs.js';
import { userVerbs } from './users/verbs.js';
import { partnershipVerbs } from './partnerships/verbs.js';
import { customerVerbs } from './customers/verbs.js';
import { notificationVerbs } from './notifications/verbs.js';
import { offerVerbs } from './offers/verbs.js';
import { adminVerbs } from './admin/verbs.js';
import { directoryVerbs } from './directory/verbs.js';
import { partnerCenterVerbs } from './partner-center/verbs.js';
import { gdapVerbs } from './gdap/verbs.js';

/**
 * Every Action.Execute verb the bot understands, one table spread from the features' verbs.ts.
 * Templates get it as `${verbs.<key>}` (src/bot/card-render.ts binds it into every card), handlers
 * are keyed by the same values (src/bot/card-actions.ts), so a verb is spelled exactly once.
 */
export const verbs = {
  ...coreVerbs,
  /** Issue 4: enrollment, the MPA, users. */
  ...enrollmentVerbs,
  ...agreementVerbs,
  ...userVerbs,
  /** Issue 5: partnerships. */
  ...partnershipVerbs,
  /** Issue 6: customers and subscriptions. */
  ...customerVerbs,
  /** Issue 13: failed notices. */
  ...notificationVerbs,
  /** Issue 14: the offer catalogue. */
  ...offerVerbs,
  /** Issue 14: the program administrator's console. */
  ...adminVerbs,
  /** Issue 14: the provider directory console and the business profile. */
  ...directoryVerbs,
  /** Issue 17: the Partner Center link card. */
  ...partnerCenterVerbs,
  /** Issue 18: GDAP relationships. */
  ...gdapVerbs,
} as const;

export type VerbKey = keyof typeof verbs;
export type Verb = (typeof verbs)[VerbKey];

export const allVerbs: readonly Verb[] = Object.values(verbs);

export function isVerb(v: unknown): v is Verb {
  return typeof v === 'string' && (allVerbs as readonly string[]).includes(v);
}
