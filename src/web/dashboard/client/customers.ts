/** Customers of the organisation (C1, C4), of one reseller or all, page by page. */
import { el, table } from './dom.js';
import { api } from './api.js';
import { date, s, yesNo } from './state.js';
import type { CustomersPage, DashboardData, Section } from './types.js';
import { actionLink, failed, sectionEl } from './widgets.js';

/** Customers: reseller filter (providers) and keyset paging; the section re-renders in place. */
export function renderCustomers(d: DashboardData): HTMLElement {
  const resellers = d.resellers?.ok ? d.resellers.data.items : [];
  const cursors: (string | undefined)[] = [undefined];
  let resellerId = '';
  const body = el('div', { id: 'customers-body' });
  const select = el('select', { id: 'customer-reseller', name: 'resellerId' }, [
    el('option', { value: '' }, [s('dashboard.customers.filterAll')]),
    ...resellers.map((r) => el('option', { value: r.resellerId }, [r.name])),
  ]);
  const form = el('form', { className: 'filter', role: 'search', 'aria-labelledby': 'customers-h' }, [
    // label beside (not around) the select: its accessible name is then the label text alone
    el('div', { className: 'field' }, [
      el('label', { htmlFor: 'customer-reseller' }, [s('dashboard.customers.filter')]),
      select,
    ]),
    el('button', { type: 'submit' }, [s('dashboard.customers.apply')]),
  ]);

  const draw = (page: Section<CustomersPage>) => {
    const bad = failed(page);
    if (bad || !page.ok) {
      body.replaceChildren(bad ?? '');
      return;
    }
    const resellerName = resellers.find((r) => r.resellerId === resellerId)?.name;
    const pageNo = cursors.length;
    const pager = el('div', { className: 'pager' }, [
      el('span', { 'aria-live': 'polite' }, [s('dashboard.customers.page', { page: pageNo })]),
    ]);
    if (pageNo > 1) {
      const first = el('button', { type: 'button', className: 'secondary' }, [s('dashboard.customers.first')]);
      first.addEventListener('click', () => void load(true));
      pager.append(first);
    }
    if (page.data.nextCursor) {
      const next = el('button', { type: 'button', className: 'secondary', id: 'customers-next' }, [
        s('dashboard.customers.next'),
      ]);
      const cursor = page.data.nextCursor;
      next.addEventListener('click', () => {
        cursors.push(cursor);
        void load(false);
      });
      pager.append(next);
    }
    body.replaceChildren(
      table(
        resellerName
          ? s('dashboard.customers.captionFiltered', { reseller: resellerName })
          : s('dashboard.customers.caption'),
        [
          s('dashboard.customers.col.name'),
          s('dashboard.customers.col.domain'),
          s('dashboard.customers.col.country'),
          s('dashboard.customers.col.since'),
          s('dashboard.customers.col.delegatedAdmin'),
        ],
        page.data.items.map((c) => [c.name, c.domain, c.countryName, date(c.since), yesNo(c.delegatedAdmin)]),
        s,
      ),
      pager,
    );
  };

  const load = async (reset: boolean) => {
    if (reset) cursors.splice(1);
    const cursor = cursors[cursors.length - 1];
    try {
      draw(
        await api<Section<CustomersPage>>('/api/dashboard/customers', {
          ...(resellerId ? { resellerId } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      );
      body.querySelector('table')?.focus();
    } catch (e) {
      body.replaceChildren(
        el('p', { className: 'notice error', role: 'alert' }, [e instanceof Error ? e.message : String(e)]),
      );
    }
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    resellerId = select.value;
    void load(true);
  });
  draw(d.customers);
  return sectionEl(
    'customers',
    s('dashboard.customers.heading'),
    [...(resellers.length ? [form] : []), body, el('div', { className: 'actions' }, [actionLink(d.actions.customers)])],
    true,
  );
}
