import { z } from 'zod';
import { listFailedNotifications } from '../../domain/notifications/failed-notifications.js';
import {
  retryAllFailedNotifications,
  retryFailedNotification,
} from '../../domain/notifications/retry-failed-notification.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { pageFields, parseBack } from '../partnerships/format.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { failedNoticesCard } from './cards.js';
import { FAILED_PAGE_SIZE } from './commands.js';
import { notificationVerbs as nv } from './verbs.js';

const v1 = { v: z.literal(1) };

/** The page the card showed (or asked for), read again, with what the click did above it. */
async function page(turn: TurnInfo, cursor: string, back: string, notice = '') {
  const list = await listFailedNotifications(servicesOf(turn).domain, actorOf(turn), {
    limit: FAILED_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  });
  return cardResponse(failedNoticesCard(turn, list, { cursor, back: parseBack(back) }, notice));
}

/**
 * Issue 13 item 2. Each answer is the list as it now is: a retried notice leaves it (it is pending
 * again; the server wakes the notification worker after every turn). Refusals (U3 roles, another organisation's notice: NOT_FOUND) go through defineAction.
 */
export const notificationActions = {
  [nv.failedNoticesPage]: defineAction(z.object({ ...v1, ...pageFields }).loose(), (turn, data) =>
    page(turn, data.cursor, data.back),
  ),

  [nv.failedNoticeRetry]: defineAction(
    z.object({ ...v1, eventId: z.string().min(1).max(100), ...pageFields }).loose(),
    async (turn, data) => {
      const r = await retryFailedNotification(servicesOf(turn).domain, actorOf(turn), { eventId: data.eventId });
      const notice = turn.t(
        r.requeued ? 'failed.retried' : r.status === 'sent' ? 'failed.alreadySent' : 'failed.alreadyPending',
      );
      return page(turn, data.cursor, data.back, notice);
    },
  ),

  [nv.failedNoticesRetryAll]: defineAction(z.object(v1).loose(), async (turn) => {
    const r = await retryAllFailedNotifications(servicesOf(turn).domain, actorOf(turn));
    const notice =
      r.requeued === 0
        ? turn.t('failed.retriedNone')
        : r.remaining > 0
          ? turn.t('failed.retriedAllMore', { count: r.requeued, remaining: r.remaining })
          : turn.t('failed.retriedAll', { count: r.requeued });
    return page(turn, '', '', notice);
  }),
} satisfies Record<string, CardAction>;
