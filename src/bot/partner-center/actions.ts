import { z } from 'zod';
import { choosePartnerCenterMode } from '../../domain/partner-center/choose-mode.js';
import { linkModes } from '../../domain/partner-center/link-rules.js';
import { unlinkPartnerCenter } from '../../domain/partner-center/unlink.js';
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
} satisfies Record<string, CardAction>;
