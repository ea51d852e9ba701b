import { listFailedNotifications } from '../../domain/notifications/failed-notifications.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import { failedNoticesCard } from './cards.js';
import type { notificationCommandSpecs } from './command-specs.js';

export const FAILED_PAGE_SIZE = 10;

/** Issue 13 item 2: refusals (not a member, U3 roles) are answered by the command path as AppErrors. */
export const notificationCommands = {
  failedNotices: async (turn) => {
    const page = await listFailedNotifications(servicesOf(turn).domain, actorOf(turn), { limit: FAILED_PAGE_SIZE });
    await sendCard(turn, failedNoticesCard(turn, page, { cursor: '', back: [] }));
  },
} satisfies Record<(typeof notificationCommandSpecs)[number]['id'], CommandHandler>;
