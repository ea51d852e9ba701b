/** Issue 13 item 2: the organisation's failed notices, for its administrators, with the way to retry them. */
import { el, table } from './dom.js';
import { dateTime, s } from './state.js';
import type { DashboardData } from './types.js';
import { actionLink, failed, sectionEl } from './widgets.js';

/** The section, or null when the reader is not one of the administrators (the server sends none). */
export function renderFailedNotifications(d: DashboardData): HTMLElement | null {
  const f = d.failedNotifications;
  if (!f) return null;
  const bad = failed(f);
  if (bad) return sectionEl('failed-notifications', s('dashboard.failed.heading'), [bad]);
  const items = f.ok ? f.data.items : [];
  const children: (Node | string)[] = items.length
    ? [
        table(
          s('dashboard.failed.caption'),
          [
            s('dashboard.failed.col.notice'),
            s('dashboard.failed.col.created'),
            s('dashboard.failed.col.attempts'),
            s('dashboard.failed.col.reason'),
          ],
          items.map((x) => [x.text, dateTime(x.createdAt), String(x.attempts), x.reason]),
          s,
        ),
        el('p', { className: 'muted' }, [s('dashboard.failed.hint')]),
      ]
    : [el('p', { className: 'muted', 'data-empty': 'failed-notifications' }, [s('dashboard.failed.empty')])];
  children.push(el('div', { className: 'actions' }, [actionLink(d.actions.failedNotices)]));
  return sectionEl('failed-notifications', s('dashboard.failed.heading'), children);
}
