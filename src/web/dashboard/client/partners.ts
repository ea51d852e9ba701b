/** The provider's resellers and the reseller's providers (P4–P9), one table each. */
import { el } from './dom.js';
import { date, s } from './state.js';
import type { DashboardData } from './types.js';
import { actionLink, listTable, sectionEl } from './widgets.js';

const regionText = (r: { region: string | null; countryName: string }) =>
  `${r.region ? s(`dashboard.region.${r.region}`) : '—'} (${r.countryName})`;

export function renderPartners(d: DashboardData): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (d.providers) {
    const p = d.providers;
    out.push(
      sectionEl('providers', s('dashboard.providers.heading'), [
        listTable(
          p,
          s('dashboard.providers.caption'),
          [
            s('dashboard.partners.col.name'),
            s('dashboard.partners.col.mpnId'),
            s('dashboard.partners.col.region'),
            s('dashboard.partners.col.authorized'),
            s('dashboard.partners.col.state'),
            s('dashboard.partners.col.adminAccess'),
          ],
          (r) => [
            r.name,
            r.mpnId,
            regionText(r),
            date(r.authorizedAt),
            s(`dashboard.partners.state.${r.state}`),
            s(r.adminAccessWithdrawn ? 'dashboard.partners.adminWithdrawn' : 'dashboard.partners.adminGranted'),
          ],
        ),
        el('div', { className: 'actions' }, [actionLink(d.actions.providers)]),
      ]),
    );
  }
  if (d.resellers) {
    const r = d.resellers;
    out.push(
      sectionEl('resellers', s('dashboard.resellers.heading'), [
        listTable(
          r,
          s('dashboard.resellers.caption'),
          [
            s('dashboard.partners.col.name'),
            s('dashboard.partners.col.mpnId'),
            s('dashboard.partners.col.region'),
            s('dashboard.partners.col.authorized'),
            s('dashboard.partners.col.state'),
            s('dashboard.partners.col.mpa'),
          ],
          (x) => [
            x.name,
            x.mpnId,
            regionText(x),
            date(x.authorizedAt),
            s(`dashboard.partners.state.${x.state}`),
            x.mpaSigned
              ? s('dashboard.partners.mpaSigned', { version: x.mpaVersion ?? '' })
              : s('dashboard.partners.mpaMissing'),
          ],
        ),
        el('div', { className: 'actions' }, [actionLink(d.actions.resellers)]),
      ]),
    );
  }
  return out;
}
