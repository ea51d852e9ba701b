/** Issue 18 item 6: the organization's GDAP relationships, expiring soonest first. */
import { el, table } from './dom.js';
import { date, s } from './state.js';
import type { DashboardData } from './types.js';
import { failed, sectionEl } from './widgets.js';

type Row = Extract<DashboardData['gdap'], { ok: true }>['data']['items'][number];

function ends(r: Row): string {
  if (!r.endsAt) return s('dashboard.gdap.noEnd');
  const d = date(r.endsAt);
  return r.autoExtends ? s('dashboard.gdap.autoExtend', { date: d }) : d;
}

export function renderGdap(d: DashboardData): HTMLElement {
  const g = d.gdap;
  const bad = failed(g);
  if (bad) return sectionEl('gdap', s('dashboard.gdap.heading'), [bad], true);
  const data = g.ok ? g.data : { items: [], more: false };
  const children: (Node | string)[] = data.items.length
    ? [
        table(
          s('dashboard.gdap.caption'),
          [
            s('dashboard.gdap.col.customer'),
            s('dashboard.gdap.col.name'),
            s('dashboard.gdap.col.state'),
            s('dashboard.gdap.col.roles'),
            s('dashboard.gdap.col.ends'),
            s('dashboard.gdap.col.daysLeft'),
          ],
          data.items.map((r) => [
            r.customerName,
            r.displayName,
            r.state,
            r.roles.join(', '),
            ends(r),
            r.daysLeft === null ? (r.endsAt ? s('dashboard.gdap.ended') : '—') : String(r.daysLeft),
          ]),
          s,
        ),
        ...(data.more
          ? [el('p', { className: 'muted' }, [s('dashboard.gdap.more', { count: data.items.length })])]
          : []),
      ]
    : [el('p', { className: 'muted', 'data-empty': 'gdap' }, [s('dashboard.gdap.empty')])];
  // wide, like the customers: six columns
  return sectionEl('gdap', s('dashboard.gdap.heading'), children, true);
}
