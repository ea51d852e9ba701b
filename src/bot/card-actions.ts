import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import type { TurnInfo } from './turn.js';
import { isVerb, type Verb } from './verbs.js';
import { nameTurn } from './turn-record.js';
import { inUseCaseSpan } from '../telemetry/spans.js';
import { errorResponse, invalidData, type CardAction } from './card-action-kit.js';
import { coreActions } from './core/actions.js';
import { enrollmentActions } from './enrollment/actions.js';
import { agreementActions } from './agreement/actions.js';
import { userActions } from './users/actions.js';
import { partnershipActions } from './partnerships/actions.js';
import { customerActions } from './customers/actions.js';
import { notificationActions } from './notifications/actions.js';
import { offerActions } from './offers/actions.js';
import { adminActions } from './admin/actions.js';
import { directoryActions } from './directory/actions.js';
import { partnerCenterActions } from './partner-center/actions.js';
import { gdapActions } from './gdap/actions.js';

/** The handlers, keyed by the verb table and spread from the features: a verb without a handler does not compile. */
export const cardActions: Readonly<Record<Verb, CardAction>> = {
  ...coreActions,
  ...enrollmentActions,
  ...agreementActions,
  ...userActions,
  ...partnershipActions,
  ...customerActions,
  ...notificationActions,
  ...offerActions,
  ...adminActions,
  ...directoryActions,
  ...partnerCenterActions,
  ...gdapActions,
};

/** What Teams sends as the value of an `adaptiveCard/action` invoke. */
const invokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1),
    data: z.unknown().optional(),
  }),
});

/**
 * Routes one `adaptiveCard/action` invoke by verb. Unknown verbs and invalid data become a 400
 * `application/vnd.microsoft.error` body; each action answers its own AppErrors (defineAction);
 * anything else propagates to the adapter's onTurnError.
 */
export async function routeCardAction(turn: TurnInfo, value: unknown): Promise<AdaptiveCardInvokeResponse> {
  const parsed = invokeValueSchema.safeParse(value);
  if (!parsed.success) return invalidData(turn.locale, parsed.error);
  const { verb, data } = parsed.data.action;
  if (!isVerb(verb)) return errorResponse(turn.locale, 'action.unknownVerb');
  nameTurn(verb);
  return inUseCaseSpan(verb, () => cardActions[verb].run(turn, data ?? {}));
}
