import type { PartnerCenterLinkView } from '../../domain/partner-center/link-status.js';
import { viewPartnerCenterLink } from '../../domain/partner-center/link-status.js';
import { startPartnerCenterLink, type StartedLink } from '../../domain/partner-center/start-link.js';
import { viewPartnerCenterWebhook } from '../../domain/partner-center/webhook-registration.js';
import {
  canReadPartnerCenterProfiles,
  viewPartnerCenterComparison,
  type PartnerCenterProfileCheck,
} from '../../domain/enrollment/confirm-with-partner-center.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { partnerCenterCard } from './cards.js';
import { checkLines, comparisonLines } from './profile-comparison.js';
import type { partnerCenterCommandSpecs } from './command-specs.js';

/**
 * The card as it now is for this admin (L1: anyone else is refused by the use case, ROLE_REQUIRED, localized).
 * A start link is minted only where one is offered: not linked, or the sign-in needs renewing, and the deployment
 * has a Partner Center app registration.
 */
export async function currentCard(
  turn: TurnInfo,
  notice = '',
  known?: PartnerCenterLinkView,
  /** E-PC1: what reading Partner Center's profile just now came to (the button); otherwise the stored comparison */
  check?: PartnerCenterProfileCheck | null,
) {
  const services = servicesOf(turn);
  const actor = actorOf(turn);
  const view = known ?? (await viewPartnerCenterLink(services.domain, actor));
  const configured = services.partnerCenter !== undefined;
  const wantsLink = !view.linked || view.status === 'needs_sign_in';
  const start: StartedLink | null =
    configured && wantsLink ? await startPartnerCenterLink(services.domain, actor) : null;
  // W6: the webhook's state, and whether this deployment can register one (it needs the sign-in's tokens)
  const events = {
    view: view.linked ? await viewPartnerCenterWebhook(services.domain, actor) : { registered: false as const },
    canRegister: services.partnerCenterWebhooks?.partnerCenter !== undefined,
  };
  // E-PC1: offered to a linked organisation whose sign-in works, on a deployment that can read profiles
  const offerProfileCheck = view.linked && view.status === 'active' && canReadPartnerCenterProfiles(services.domain);
  return partnerCenterCard(turn, view, start, configured, notice, events, {
    lines: await profileLinesFor(turn, view, check),
    offerCheck: offerProfileCheck,
  });
}

/**
 * E-PC5, E-PC6: the profile's lines for a linked organisation whose sign-in works: what reading Partner Center just
 * now came to, or else the stored comparison.
 */
async function profileLinesFor(
  turn: TurnInfo,
  view: PartnerCenterLinkView,
  check: PartnerCenterProfileCheck | null | undefined,
): Promise<string[]> {
  if (!view.linked || view.status !== 'active') return [];
  if (check) return checkLines(turn, view.orgName, check);
  const stored = await viewPartnerCenterComparison(servicesOf(turn).domain, actorOf(turn));
  return stored ? comparisonLines(turn, stored) : [];
}

export const partnerCenterCommands = {
  partnerCenter: async (turn) => {
    await sendCard(turn, await currentCard(turn));
  },
} satisfies Record<(typeof partnerCenterCommandSpecs)[number]['id'], CommandHandler>;
