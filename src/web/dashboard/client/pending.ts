/** What waits on someone (invitations, requests) and the recent notifications. */
import { el } from './dom.js';
import { date, dateTime, s } from './state.js';
import type { DashboardData } from './types.js';
import { actionLink, failed, listTable, sectionEl } from './widgets.js';

/** Whom an invitation went to: the email, or the enrolled organisation behind the MPN ID. */
function invitee(i: { toEmail: string | null; toMpnId: string | null; toName: string | null }): string {
  if (i.toEmail) return i.toEmail;
  if (!i.toMpnId) return '—';
  return i.toName ? `${i.toName} (MPN ID ${i.toMpnId})` : `MPN ID ${i.toMpnId}`;
}

export function renderPending(d: DashboardData): HTMLElement {
  const children: (Node | string)[] = [
    listTable(
      d.invitations,
      s('dashboard.pending.invitations'),
      [
        s('dashboard.pending.col.kind'),
        s('dashboard.pending.col.to'),
        s('dashboard.pending.col.sent'),
        s('dashboard.pending.col.expires'),
      ],
      (i) => [s(`dashboard.pending.kind.${i.kind}`), invitee(i), date(i.createdAt), date(i.expiresAt)],
    ),
  ];
  if (d.requests) {
    children.push(
      listTable(
        d.requests,
        s('dashboard.pending.requests'),
        [s('dashboard.pending.col.reseller'), s('dashboard.pending.col.requested')],
        (x) => [x.name, date(x.requestedAt)],
      ),
    );
  }
  // the reseller's side: providers' invitations it answers (P1/P2, only through the link) and its own directory requests (P10)
  const fromProviders = d.providerInvitations;
  if (fromProviders) {
    children.push(
      listTable(
        fromProviders,
        s('dashboard.pending.fromProviders'),
        [
          s('dashboard.pending.col.provider'),
          s('dashboard.pending.col.mpnId'),
          s('dashboard.pending.col.sent'),
          s('dashboard.pending.col.expires'),
        ],
        (x) => [x.providerName, x.providerMpnId, date(x.createdAt), date(x.expiresAt)],
      ),
    );
    if (fromProviders.ok && fromProviders.data.items.length)
      children.push(el('p', { className: 'muted' }, [s('dashboard.pending.fromProvidersHint')]));
  }
  if (d.sentRequests) {
    children.push(
      listTable(
        d.sentRequests,
        s('dashboard.pending.sentRequests'),
        [s('dashboard.pending.col.provider'), s('dashboard.pending.col.requested')],
        (x) => [x.providerName, date(x.requestedAt)],
      ),
    );
  }
  const hasRequests = Boolean(d.requests ?? d.providerInvitations ?? d.sentRequests);
  children.push(
    el('div', { className: 'actions' }, [
      actionLink(d.actions.invitations),
      ...(hasRequests ? [actionLink(d.actions.requests)] : []),
      ...(d.sentRequests ? [actionLink(d.actions.findProvider)] : []),
    ]),
  );
  return sectionEl('pending', s('dashboard.pending.heading'), children);
}

export function renderNotifications(d: DashboardData): HTMLElement {
  const n = d.notifications;
  const bad = failed(n);
  const list = n.ok
    ? n.data.length
      ? el(
          'ol',
          { className: 'notifications' },
          n.data.map((x) =>
            el('li', {}, [
              el('time', { dateTime: x.createdAt }, [dateTime(x.createdAt)]),
              ' — ',
              x.text,
              ' ',
              el('span', { className: 'muted' }, [`(${s(`dashboard.notifications.status.${x.status}`)})`]),
            ]),
          ),
        )
      : el('p', { className: 'muted' }, [s('dashboard.none')])
    : null;
  return sectionEl('notifications', s('dashboard.notifications.heading'), [bad ?? list ?? '']);
}
