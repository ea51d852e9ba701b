import { enrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { statusCard } from './cards.js';
import type { enrollmentCommandSpecs } from './command-specs.js';
import { beginEnrollment } from './dialog.js';

/** Issue 4: enrolling (E1/E6) and where the organisation stands (E5/E8). */
export const enrollmentCommands = {
  enroll: beginEnrollment,
  status: async (turn) => {
    const s = await enrollmentStatus(servicesOf(turn).domain, actorOf(turn));
    await sendCard(turn, statusCard(turn.locale, s));
  },
} satisfies Record<(typeof enrollmentCommandSpecs)[number]['id'], CommandHandler>;
