import { guideFor, type Guide } from '../../domain/guide/next-steps.js';
import { actorOf, trustedIdentityOf } from '../actor.js';
import { hasServices, servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';

/**
 * What this person can do now (src/domain/guide), or undefined where it cannot be known: a bot started
 * without the domain, or an activity without a trusted Entra identity. A failure to read it is logged and
 * the card goes out without the guide, never without the card.
 */
export async function guideOfTurn(turn: TurnInfo): Promise<Guide | undefined> {
  if (!hasServices(turn) || !trustedIdentityOf(turn.context.activity)) return undefined;
  const { domain } = servicesOf(turn);
  try {
    return await guideFor(domain, actorOf(turn));
  } catch (err) {
    domain.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not read the guide');
    return undefined;
  }
}
