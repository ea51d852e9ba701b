import { z } from 'zod';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { helpCard } from './cards.js';
// issue 14 item 1: help lists the program administrator's commands to administrators only
import { programAdminHere } from '../admin/here.js';
import { coreVerbs } from './verbs.js';

/** Every card's data carries `v`, the version of its data contract, so stale cards are told apart. */
const v1 = z.object({ v: z.literal(1) });

export const coreActions = {
  [coreVerbs.helpShow]: defineAction(v1, async (turn) =>
    cardResponse(helpCard(turn.locale, turn.scope, turn.botName, { programAdmin: await programAdminHere(turn) })),
  ),
} satisfies Record<string, CardAction>;
