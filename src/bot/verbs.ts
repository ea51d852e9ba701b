import { partnershipVerbs } from './partnerships/verbs.js';
import { customerVerbs } from './customers/verbs.js';

/**
 * Every Action.Execute verb the bot understands. Templates get this table as `${verbs.<key>}`
 * (src/cards/render.ts binds it into every card), handlers are keyed by the same values
 * (src/bot/card-actions.ts), so a verb is spelled exactly once.
 */
export const verbs = {
  /** Replace the card with the help card of the current scope. */
  helpShow: 'help.show',
  /** Enrollment form (E1): the inputs are the card's data. */
  enrollForm: 'enroll.form',
  /** Submit the reviewed enrollment. */
  enrollSubmit: 'enroll.submit',
  /** Leave the enrollment dialog. */
  enrollCancel: 'enroll.cancel',
  /** E5 review card: approve, reject (reason input), and the refresh that shows the current decision. */
  reviewApprove: 'review.approve',
  reviewReject: 'review.reject',
  reviewRefresh: 'review.refresh',
  /** M1: sign the MPA (accept toggle). */
  mpaSign: 'mpa.sign',
  /** U2: add a user; U1/E7: change a user's roles. */
  userAdd: 'user.add',
  rolesChange: 'roles.change',
  /** Issue 5: partnerships (src/bot/partnerships/verbs.ts). */
  ...partnershipVerbs,
  /** Issue 6: customers and subscriptions (src/bot/customers/verbs.ts). */
  ...customerVerbs,
} as const;

export type VerbKey = keyof typeof verbs;
export type Verb = (typeof verbs)[VerbKey];

export const allVerbs: readonly Verb[] = Object.values(verbs);

export function isVerb(v: unknown): v is Verb {
  return typeof v === 'string' && (allVerbs as readonly string[]).includes(v);
}
