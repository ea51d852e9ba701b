import { z } from 'zod';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { helpCard } from './cards.js';
import { coreVerbs } from './verbs.js';
import { guideOfTurn } from './guide-turn.js';

/** Every card's data carries `v`, the version of its data contract, so stale cards are told apart. */
const v1 = z.object({ v: z.literal(1) });

export const coreActions = {
  [coreVerbs.helpShow]: defineAction(v1, async (turn) =>
    cardResponse(helpCard(turn.locale, turn.scope, turn.botName, { guide: await guideOfTurn(turn) })),
  ),
  [coreVerbs.helpAll]: defineAction(v1, (turn) =>
    Promise.resolve(cardResponse(helpCard(turn.locale, turn.scope, turn.botName, { all: true }))),
  ),
} satisfies Record<string, CardAction>;
