import { enrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { statusCard } from './cards.js';
import type { enrollmentCommandSpecs } from './command-specs.js';
import { beginEnrollment } from './dialog.js';
import { stepButtons } from '../core/guide.js';
import { guideOfTurn } from '../core/guide-turn.js';

/** Issue 4: enrolling (E1/E6) and where the organisation stands (E5/E8). */
export const enrollmentCommands = {
  enroll: beginEnrollment,
  status: async (turn) => {
    const s = await enrollmentStatus(servicesOf(turn).domain, actorOf(turn));
    // its next steps as buttons (sign agreement, invite reseller, find provider, ...), judged by the guide
    const guide = await guideOfTurn(turn);
    const steps = (guide?.steps ?? []).filter((step) => step !== 'status' && step !== 'admin');
    await sendCard(turn, statusCard(turn.locale, s, stepButtons(turn.locale, turn.scope, steps)));
  },
} satisfies Record<(typeof enrollmentCommandSpecs)[number]['id'], CommandHandler>;
