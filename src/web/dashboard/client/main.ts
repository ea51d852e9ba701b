/**
 * The dashboard tab's browser script (bundled by ../bundle.ts). Runs in the Teams tab iframe:
 * app.initialize() → app.getContext() (locale, theme) → authentication.getAuthToken() → GET
 * /api/dashboard with the token. Outside Teams the initialisation fails or times out and the page
 * says so. Everything is built with DOM APIs and textContent: no server data becomes HTML.
 */
import { app, authentication } from '@microsoft/teams-js';
import { el, formatDate, table, type Strings } from './dom.js';
import type { ApiError, CustomersPage, DashboardData, Section } from './types.js';

type Locale = 'en-US' | 'ko-KR';
const INIT_TIMEOUT_MS = 5000;

const catalogues = JSON.parse(document.getElementById('dashboard-strings')?.textContent ?? '{}') as Record<
  Locale,
  Record<string, string>
>;

function resolveLocale(raw: string | undefined | null): Locale {
  return (raw ?? '').toLowerCase().startsWith('ko') ? 'ko-KR' : 'en-US';
}

let locale: Locale = resolveLocale(navigator.language);
let inTeams = false;

const s: Strings = (key, params = {}) => {
  const template = catalogues[locale]?.[key] ?? catalogues['en-US']?.[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
};

const statusBox = document.getElementById('status')!;
const content = document.getElementById('content')!;
const nav = document.getElementById('sections')!;
const refreshButton = document.getElementById('refresh') as HTMLButtonElement;

function applyLocale(): void {
  document.documentElement.lang = locale;
  document.title = s('dashboard.title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    node.textContent = s(node.dataset.i18n ?? '');
}

function applyTheme(theme: string | undefined): void {
  const known = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  document.documentElement.dataset.theme = known;
}

function showNotice(text: string, opts: { error?: boolean; title?: string; action?: HTMLElement } = {}): void {
  statusBox.replaceChildren(
    el('div', { className: opts.error ? 'notice error' : 'notice' }, [
      ...(opts.title ? [el('h2', {}, [opts.title])] : []),
      el('p', {}, [text]),
      ...(opts.action ? [el('div', { className: 'actions' }, [opts.action])] : []),
    ]),
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** A refusal of the API, with the bot command that is the way forward when there is one. */
class ApiFailure extends Error {
  constructor(
    message: string,
    readonly action?: ApiError['action'],
  ) {
    super(message);
  }
}

async function api<T>(path: string, params: Record<string, string>): Promise<T> {
  let token: string;
  try {
    token = await withTimeout(authentication.getAuthToken(), 15_000);
  } catch (e) {
    throw new Error(s('dashboard.error.sso', { message: e instanceof Error ? e.message : String(e) }), { cause: e });
  }
  const query = new URLSearchParams({ ...params, locale });
  const res = await fetch(`${path}?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  const body = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) {
    const { message, action } = body as Partial<ApiError>;
    throw new ApiFailure(
      typeof message === 'string' ? message : s('dashboard.error.load', { message: String(res.status) }),
      action,
    );
  }
  return body as T;
}

/** Opens a bot command: through Teams (app.openLink) inside Teams, the link itself otherwise. */
function actionLink(link: { command: string; url: string }): HTMLElement {
  const a = el('a', { href: link.url, target: '_top', rel: 'noopener' }, [
    s('dashboard.openInChat', { command: link.command }),
  ]);
  a.addEventListener('click', (ev) => {
    if (!inTeams) return;
    ev.preventDefault();
    app.openLink(link.url).catch(() => window.open(link.url, '_top'));
  });
  return a;
}

function sectionEl(id: string, heading: string, children: (Node | string)[], wide = false): HTMLElement {
  return el('section', { id, className: wide ? 'wide' : '', 'aria-labelledby': `${id}-h` }, [
    el('h2', { id: `${id}-h` }, [heading]),
    ...children,
  ]);
}

function failed(section: Section<unknown>): HTMLElement | null {
  return section.ok
    ? null
    : el('p', { className: 'notice error' }, [s('dashboard.error.section', { message: section.error })]);
}

/** A list section as a table: its rows, or the reason it cannot be shown (e.g. a U3 role refusal). */
function listTable<T>(
  section: Section<{ items: T[] }>,
  caption: string,
  headers: readonly string[],
  row: (item: T) => string[],
): HTMLElement {
  return failed(section) ?? table(caption, headers, section.ok ? section.data.items.map(row) : [], s);
}

const yesNo = (v: boolean) => s(v ? 'dashboard.yes' : 'dashboard.no');

/** E8 (reseller), PT1/PT3/M1 (provider, direct-bill): one checklist per type held or applied for. */
function renderReadiness(r: DashboardData['enrollment']['readiness'][number]): HTMLElement[] {
  const headingId = `checklist-${r.partnerType}-h`;
  const steps = r.steps.map(({ step, done }) =>
    el('li', { className: done ? 'done' : 'open', 'data-mark': done ? '✓' : '○' }, [
      `${s(step === 'enrolled' ? `dashboard.enrollment.step.enrolled.${r.partnerType}` : `dashboard.enrollment.step.${step}`)} — `,
      el('strong', {}, [s(done ? 'dashboard.enrollment.done' : 'dashboard.enrollment.open')]),
    ]),
  );
  const open = r.steps.filter((x) => !x.done).length;
  return [
    el('h3', { id: headingId }, [s(`dashboard.enrollment.checklist.${r.partnerType}`)]),
    el('p', {}, [
      r.readyToTransact ? s('dashboard.enrollment.ready') : s('dashboard.enrollment.openSteps', { count: open }),
    ]),
    el('ul', { className: 'steps', 'aria-labelledby': headingId, 'data-type': r.partnerType }, steps),
  ];
}

function renderEnrollment(d: DashboardData): HTMLElement {
  const e = d.enrollment;
  return sectionEl('enrollment', s('dashboard.enrollment.heading'), [
    el('p', {}, [s('dashboard.enrollment.org', { legalName: e.legalName, mpnId: e.mpnId, country: e.countryName })]),
    el('p', {}, [
      e.partnerTypes.length
        ? s('dashboard.enrollment.types', {
            types: e.partnerTypes.map((t) => s(`dashboard.partnerType.${t}`)).join(', '),
          })
        : s('dashboard.enrollment.noTypes'),
    ]),
    el('p', {}, [s('dashboard.enrollment.contactVerified', { value: yesNo(e.primaryContactVerified) })]),
    ...e.readiness.flatMap(renderReadiness),
    table(
      s('dashboard.enrollment.applications'),
      [s('dashboard.enrollment.col.type'), s('dashboard.enrollment.col.state'), s('dashboard.enrollment.col.decided')],
      e.applications.map((a) => [
        s(`dashboard.partnerType.${a.partnerType}`),
        s(`dashboard.state.${a.state}`),
        a.decidedAt ? formatDate(a.decidedAt, locale) : '—',
      ]),
      s,
    ),
    el('div', { className: 'actions' }, [actionLink(d.actions.status)]),
  ]);
}

function renderMpa(d: DashboardData): HTMLElement {
  const children: (Node | string)[] = [];
  const bad = failed(d.mpa);
  if (bad) children.push(bad);
  else if (d.mpa.ok) {
    const m = d.mpa.data;
    children.push(
      el('p', {}, [
        m.latest
          ? s('dashboard.mpa.signed', {
              version: m.latest.version,
              name: m.latest.signerName,
              email: m.latest.signerEmail,
              date: formatDate(m.latest.signedAt, locale),
            })
          : s('dashboard.mpa.notSigned'),
      ]),
      el('p', { className: 'muted' }, [s('dashboard.mpa.current', { version: m.currentVersion })]),
    );
    if (m.signed && !m.signedCurrent) children.push(el('p', {}, [s('dashboard.mpa.outdated')]));
    children.push(
      el('div', { className: 'actions' }, [
        actionLink(m.signedCurrent ? d.actions.agreementStatus : d.actions.signAgreement),
      ]),
    );
  }
  return sectionEl('mpa', s('dashboard.mpa.heading'), children);
}

const regionText = (r: { region: string | null; countryName: string }) =>
  `${r.region ? s(`dashboard.region.${r.region}`) : '—'} (${r.countryName})`;

function renderPartners(d: DashboardData): HTMLElement[] {
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
            formatDate(r.authorizedAt, locale),
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
            formatDate(x.authorizedAt, locale),
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

/** Customers: reseller filter (providers) and keyset paging; the section re-renders in place. */
function renderCustomers(d: DashboardData): HTMLElement {
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
        page.data.items.map((c) => [
          c.name,
          c.domain,
          c.countryName,
          formatDate(c.since, locale),
          yesNo(c.delegatedAdmin),
        ]),
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

/** Whom an invitation went to: the email, or the enrolled organisation behind the MPN ID. */
function invitee(i: { toEmail: string | null; toMpnId: string | null; toName: string | null }): string {
  if (i.toEmail) return i.toEmail;
  if (!i.toMpnId) return '—';
  return i.toName ? `${i.toName} (MPN ID ${i.toMpnId})` : `MPN ID ${i.toMpnId}`;
}

function renderPending(d: DashboardData): HTMLElement {
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
      (i) => [
        s(`dashboard.pending.kind.${i.kind}`),
        invitee(i),
        formatDate(i.createdAt, locale),
        formatDate(i.expiresAt, locale),
      ],
    ),
  ];
  if (d.requests) {
    children.push(
      listTable(
        d.requests,
        s('dashboard.pending.requests'),
        [s('dashboard.pending.col.reseller'), s('dashboard.pending.col.requested')],
        (x) => [x.name, formatDate(x.requestedAt, locale)],
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
        (x) => [x.providerName, x.providerMpnId, formatDate(x.createdAt, locale), formatDate(x.expiresAt, locale)],
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
        (x) => [x.providerName, formatDate(x.requestedAt, locale)],
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

function renderNotifications(d: DashboardData): HTMLElement {
  const n = d.notifications;
  const bad = failed(n);
  const list = n.ok
    ? n.data.length
      ? el(
          'ol',
          { className: 'notifications' },
          n.data.map((x) =>
            el('li', {}, [
              el('time', { dateTime: x.createdAt }, [formatDate(x.createdAt, locale, true)]),
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

function render(d: DashboardData): void {
  applyLocale();
  document.getElementById('who')!.textContent = s('dashboard.signedInAs', { name: d.user.name });
  const sections = [
    renderEnrollment(d),
    renderMpa(d),
    ...renderPartners(d),
    renderCustomers(d),
    renderPending(d),
    renderNotifications(d),
  ];
  content.replaceChildren(...sections);
  nav
    .querySelector('ul')!
    .replaceChildren(
      ...sections.map((sec) =>
        el('li', {}, [el('a', { href: `#${sec.id}` }, [sec.querySelector('h2')?.textContent ?? sec.id])]),
      ),
    );
  nav.hidden = false;
  refreshButton.hidden = false;
  statusBox.replaceChildren();
}

async function loadDashboard(): Promise<void> {
  try {
    render(await api<DashboardData>('/api/dashboard', {}));
  } catch (e) {
    content.replaceChildren();
    const action = e instanceof ApiFailure && e.action ? actionLink(e.action) : undefined;
    showNotice(e instanceof Error ? e.message : String(e), { error: true, ...(action ? { action } : {}) });
  }
}

async function start(): Promise<void> {
  applyLocale();
  try {
    await withTimeout(app.initialize(), INIT_TIMEOUT_MS);
    inTeams = true;
  } catch {
    // A plain browser tab: no parent window (initialize rejects at once) or one that never answers.
    document.documentElement.dataset.host = 'none';
    showNotice(s('dashboard.outsideTeams.body'), { title: s('dashboard.outsideTeams.title') });
    return;
  }
  const context = await app.getContext();
  locale = resolveLocale(context.app.locale);
  applyTheme(context.app.theme);
  applyLocale();
  app.registerOnThemeChangeHandler((theme) => applyTheme(theme));
  refreshButton.addEventListener('click', () => void loadDashboard());
  showNotice(s('dashboard.loading'));
  await loadDashboard();
  document.documentElement.dataset.ready = 'true';
}

void start();
