import { z } from 'zod';
import { choosePartnerCenterMode } from '../../domain/partner-center/choose-mode.js';
import { checkOwnEnrollmentWithPartnerCenter } from '../../domain/enrollment/confirm-with-partner-center.js';
import { linkModes } from '../../domain/partner-center/link-rules.js';
import { viewPartnerCenterLink } from '../../domain/partner-center/link-status.js';
import { unlinkPartnerCenter } from '../../domain/partner-center/unlink.js';
import { registerPartnerCenterWebhook } from '../../domain/partner-center/webhook-registration.js';
import { isAppError } from '../../domain/shared/errors.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import { modeName } from './cards.js';
import { currentCard } from './commands.js';
import { partnerCenterVerbs as pv } from './verbs.js';

const v1 = { v: z.literal(1) };

/**
 * Issue 17 item 2 (L5, L6). Each answer is the card as it now is, with what the click did above it; refusals
 * (L1 roles, PC_NOT_LINKED, PC_SIGN_IN_AGAIN) go through defineAction as localized messages under the card.
 */
export const partnerCenterActions = {
  [pv.partnerCenterMode]: defineAction(z.object({ ...v1, mode: z.enum(linkModes) }).loose(), async (turn, data) => {
    const view = await choosePartnerCenterMode(servicesOf(turn).domain, actorOf(turn), { mode: data.mode });
    const notice = turn.t('pc.modeSaved', { mode: modeName(turn.locale, data.mode) });
    return cardResponse(await currentCard(turn, notice, view));
  }),

  [pv.partnerCenterUnlink]: defineAction(z.object({ ...v1, confirm: z.literal(true) }).loose(), async (turn) => {
    const r = await unlinkPartnerCenter(servicesOf(turn).domain, actorOf(turn));
    return cardResponse(await currentCard(turn, turn.t(r.unlinked ? 'pc.unlinked' : 'pc.alreadyUnlinked')));
  }),

  /**
   * W6: register the bot's webhook with Partner Center. Partner Center unreachable or refusing: the card says so
   * and nothing is stored; the domain's own refusals (L1, PC_NOT_LINKED, PC_SIGN_IN_AGAIN) go through defineAction.
   */
  [pv.partnerCenterRegisterEvents]: defineAction(z.object(v1).loose(), async (turn) => {
    const services = servicesOf(turn);
    const hooks = services.partnerCenterWebhooks;
    const partnerCenter = hooks?.partnerCenter;
    if (hooks === undefined || partnerCenter === undefined) {
      return cardResponse(await currentCard(turn, turn.t('pc.events.notSetUp')));
    }
    try {
      await registerPartnerCenterWebhook(services.domain, actorOf(turn), {
        publicBaseUrl: hooks.publicBaseUrl,
        register: (orgId, url, events) => partnerCenter.register(orgId, url, events),
      });
    } catch (error) {
      if (isAppError(error)) throw error;
      return cardResponse(await currentCard(turn, turn.t('pc.events.failed')));
    }
    const view = await viewPartnerCenterLink(services.domain, actorOf(turn));
    return cardResponse(await currentCard(turn, turn.t('pc.events.registeredNotice', { orgName: view.orgName }), view));
  }),

  /**
   * E-PC1, E-PC3–E-PC6: read the organisation's profile from Partner Center now. The card then shows what it came
   * to (approved on its evidence, kept for review and why, or Partner Center not answering: nothing changed);
   * L1's refusal goes through defineAction.
   */
  [pv.partnerCenterCheckProfile]: defineAction(z.object(v1).loose(), async (turn) => {
    const check = await checkOwnEnrollmentWithPartnerCenter(servicesOf(turn).domain, actorOf(turn));
    return cardResponse(await currentCard(turn, '', undefined, check));
  }),
} satisfies Record<string, CardAction>;
