import { z } from 'zod';
import { signMpa } from '../../domain/agreement/sign-mpa.js';
import { actorWithEmail } from '../member-email.js';
import { cardResponse, defineAction, errorResponse, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import { mpaSignedCard } from './cards.js';
import { agreementVerbs } from './verbs.js';

export const agreementActions = {
  [agreementVerbs.mpaSign]: defineAction(
    z.object({ v: z.literal(1), version: z.string().max(40).optional(), accept: z.string().optional() }),
    async (turn, data) => {
      // M1: nothing is recorded without the explicit acceptance tick.
      if (data.accept !== 'true') return errorResponse(turn.locale, 'mpa.acceptRequired');
      // M1: the signer's own e-mail (Teams' member information) for a user recorded without one
      const r = await signMpa(servicesOf(turn).domain, await actorWithEmail(turn), {
        accept: true,
        ...(data.version ? { version: data.version } : {}),
      });
      return cardResponse(mpaSignedCard(turn, r));
    },
  ),
} satisfies Record<string, CardAction>;
