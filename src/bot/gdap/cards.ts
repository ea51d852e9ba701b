import type { AdaptiveCardJson } from '../../cards/render.js';
import type { GdapChoice } from '../../cards/gdap-types.js';
import type { GdapCustomerOption, GdapDetail, GdapListPage, GdapView } from '../../domain/gdap/gdap-views.js';
import { gdapFilterStates, gdapStateName } from '../../domain/gdap/gdap-rules.js';
import { roleTemplateNames, roleTemplates } from '../../domain/gdap/role-templates.js';
import { formatDate, type Reader } from '../../i18n/format/index.js';
import { t, type Locale } from '../../i18n/index.js';
import { renderCard } from '../card-render.js';

/** The reader of a card: language and time zone (times in the reader's zone). */
export type GdapReader = Reader & { readonly locale: Locale };

/** The list's filter as the card carries it ('' = none). */
export interface GdapFilter {
  readonly customerId: string;
  readonly state: string;
  readonly days: string;
}

export const noFilter: GdapFilter = { customerId: '', state: '', days: '' };

/** The filter form's "all customers" / "any state" choice (a choice needs a value; '' is refused). */
export const ANY = 'any';

function roles(reader: GdapReader, ids: readonly string[]): string {
  return roleTemplateNames(ids, reader.locale).join(', ');
}

const stateColor: Readonly<Record<string, string>> = {
  active: 'Good',
  expiring: 'Warning',
  expired: 'Attention',
  terminated: 'Attention',
};

function endsLine(reader: GdapReader, v: GdapView): string | null {
  if (!v.endsAt || (v.status !== 'active' && v.status !== 'expiring')) return null;
  const date = formatDate(v.endsAt, reader);
  return t(reader.locale, v.autoExtendDays > 0 ? 'gdap.line.endsAutoExtend' : 'gdap.line.ends', { date });
}

/** Issue 18 item 2: the relationships, a page at a time, with the filter form (customer, state, ending within). */
export function gdapListCard(
  reader: GdapReader,
  orgName: string,
  page: GdapListPage,
  filter: GdapFilter,
  customers: readonly GdapCustomerOption[],
  canRequest: boolean,
  notice = '',
): AdaptiveCardJson {
  const { locale } = reader;
  const rows = page.items.map((v) => {
    const ends = endsLine(reader, v);
    const lines = [
      { text: t(locale, 'gdap.line.customer', { customer: v.customerName }), color: 'Default' },
      {
        text: t(locale, 'gdap.line.state', { state: gdapStateName(v.status, locale) }),
        color: stateColor[v.status] ?? 'Default',
      },
      ...(ends ? [{ text: ends, color: v.status === 'expiring' ? 'Warning' : 'Default' }] : []),
      { text: t(locale, 'gdap.line.roles', { roles: roles(reader, v.roleTemplateIds) }), color: 'Default' },
      ...(v.own && v.resellerName
        ? [{ text: t(locale, 'gdap.line.forReseller', { reseller: v.resellerName }), color: 'Default' }]
        : []),
      ...(!v.own ? [{ text: t(locale, 'gdap.line.byProvider', { provider: v.partnerName }), color: 'Default' }] : []),
    ];
    return { relationshipId: v.id, name: v.displayName, lines };
  });
  const customerChoices: GdapChoice[] = [
    { title: t(locale, 'gdap.list.anyCustomer'), value: ANY },
    ...customers.map((c) => ({ title: c.name, value: c.customerId })),
  ];
  const stateChoices: GdapChoice[] = [
    { title: t(locale, 'gdap.list.anyState'), value: ANY },
    ...gdapFilterStates.map((s) => ({ title: gdapStateName(s, locale), value: s })),
  ];
  return renderCard('gdap-list', {
    title: t(locale, 'gdap.list.title'),
    intro: t(locale, 'gdap.list.intro', { orgName }),
    notice,
    pageLabel: t(locale, 'gdap.list.page', {
      page: page.page + 1,
      order: t(locale, page.order === 'expiring' ? 'gdap.list.order.expiring' : 'gdap.list.order.newest'),
    }),
    emptyLabel: t(locale, 'gdap.list.empty'),
    rows,
    openLabel: t(locale, 'gdap.list.open'),
    customerLabel: t(locale, 'gdap.list.filterCustomer'),
    customerChoices,
    customerId: filter.customerId || ANY,
    stateLabel: t(locale, 'gdap.list.filterState'),
    stateChoices,
    state: filter.state || ANY,
    daysLabel: t(locale, 'gdap.list.filterDays'),
    days: filter.days,
    applyLabel: t(locale, 'gdap.list.apply'),
    filter,
    hasPrevious: page.page > 0,
    previousPage: Math.max(0, page.page - 1),
    previousLabel: t(locale, 'gdap.list.previous'),
    hasNext: page.hasMore,
    nextPage: page.page + 1,
    nextLabel: t(locale, 'gdap.list.next'),
    canRequest,
    requestLabel: t(locale, 'gdap.list.request'),
  });
}

/** What the request form showed last time (after a refusal the partner does not choose again). */
export interface GdapRequestForm {
  readonly customerId?: string;
  readonly displayName?: string;
  readonly roles?: string;
  readonly durationDays?: string;
  readonly autoExtend?: string;
}

/** G1–G6: the request form: customer (those served), name, roles by name, duration, auto-extend. */
export function gdapRequestCard(
  reader: GdapReader,
  customers: readonly GdapCustomerOption[],
  previous: GdapRequestForm = {},
  problem = '',
): AdaptiveCardJson {
  const { locale } = reader;
  return renderCard('gdap-request', {
    title: t(locale, 'gdap.request.title'),
    intro: t(locale, customers.length ? 'gdap.request.intro' : 'gdap.request.noCustomers'),
    problem,
    hasCustomers: customers.length > 0,
    customerLabel: t(locale, 'gdap.request.customer'),
    customerChoices: customers.map((c) => ({
      title: c.resellerName
        ? t(locale, 'gdap.request.customerTwoTier', { customer: c.name, reseller: c.resellerName })
        : c.name,
      value: c.customerId,
    })),
    customerId: previous.customerId ?? customers[0]?.customerId ?? '',
    nameLabel: t(locale, 'gdap.request.name'),
    displayName: previous.displayName ?? '',
    rolesLabel: t(locale, 'gdap.request.roles'),
    roleChoices: roleTemplates.map((r) => ({ title: r.name[locale], value: r.id })),
    roles: previous.roles ?? '',
    durationLabel: t(locale, 'gdap.request.duration'),
    durationDays: previous.durationDays ?? '730',
    autoExtendLabel: t(locale, 'gdap.request.autoExtend'),
    autoExtend: previous.autoExtend ?? '0',
    submitLabel: t(locale, 'gdap.request.submit'),
  });
}

/**
 * A relationship's card: its facts in the reader's language and zone, its access assignments (add, remove), and
 * what the reader may do: terminate behind a confirmation, renew in one click, consent as the two-tier reseller.
 */
export function gdapRelationshipCard(
  reader: GdapReader,
  d: GdapDetail,
  notice = '',
  noticeColor: 'Good' | 'Attention' | 'Accent' = 'Good',
): AdaptiveCardJson {
  const { locale } = reader;
  const tr = (key: Parameters<typeof t>[1], params: Parameters<typeof t>[2] = {}) => t(locale, key, params);
  const fact = (title: Parameters<typeof t>[1], value: string) => ({ title: tr(title), value });
  const facts = [
    fact('gdap.card.customer', d.customerName),
    ...(!d.own ? [fact('gdap.card.partner', d.partnerName)] : []),
    ...(d.resellerName ? [fact('gdap.card.reseller', d.resellerName)] : []),
    fact('gdap.card.state', gdapStateName(d.status, locale)),
    fact('gdap.card.roles', roles(reader, d.roleTemplateIds)),
    fact('gdap.card.duration', tr('gdap.card.durationValue', { days: d.durationDays })),
    fact('gdap.card.autoExtend', tr(d.autoExtendDays > 0 ? 'gdap.card.autoExtendOn' : 'gdap.card.autoExtendOff')),
    fact(
      'gdap.card.requested',
      tr('gdap.card.requestedValue', { date: formatDate(d.requestedAt, reader), name: d.requestedByName }),
    ),
    ...(d.activatedAt && d.approvedByName
      ? [
          fact(
            'gdap.card.approved',
            tr('gdap.card.approvedValue', { date: formatDate(d.activatedAt, reader), name: d.approvedByName }),
          ),
        ]
      : []),
    ...(d.endsAt && !d.terminatedAt ? [fact('gdap.card.ends', formatDate(d.endsAt, reader))] : []),
    ...(d.terminatedAt
      ? [
          fact(
            'gdap.card.ended',
            tr('gdap.card.endedValue', {
              date: formatDate(d.terminatedAt, reader),
              name: d.terminatedByName ?? '',
            }),
          ),
        ]
      : []),
  ];
  return renderCard('gdap-relationship', {
    title: tr('gdap.card.title', { name: d.displayName }),
    notice,
    noticeColor,
    intro: d.mayConsent ? tr('gdap.card.consentIntro', { provider: d.partnerName, customer: d.customerName }) : '',
    relationshipId: d.id,
    facts,
    approvalLink: d.own && d.status === 'approvalPending' ? (d.remoteApprovalLink ?? '') : '',
    approvalLinkLabel: tr('gdap.card.microsoftLink'),
    assignmentsLabel: tr('gdap.card.assignments'),
    noAssignmentsLabel: tr('gdap.card.noAssignments'),
    assignments: d.assignments.map((a) => ({
      assignmentId: a.id,
      line: tr('gdap.card.assignmentLine', { group: a.securityGroupName, roles: roles(reader, a.roleTemplateIds) }),
      canRemove: d.mayManage,
      removeLabel: tr('gdap.card.remove', { group: a.securityGroupName }),
    })),
    canAssign: d.mayAssign,
    assignLabel: tr('gdap.card.assign'),
    groupIdLabel: tr('gdap.card.groupId'),
    groupNameLabel: tr('gdap.card.groupName'),
    assignRolesLabel: tr('gdap.card.assignRoles'),
    roleChoices: d.roleTemplateIds.map((id) => ({ title: roleTemplateNames([id], locale)[0] ?? id, value: id })),
    assignSubmitLabel: tr('gdap.card.assignSubmit'),
    canTerminate: d.mayTerminate,
    terminateLabel: tr('gdap.card.terminate'),
    terminateConfirm: tr('gdap.card.terminateConfirm', { name: d.displayName, customer: d.customerName }),
    terminateSubmitLabel: tr('gdap.card.terminateSubmit'),
    canRenew: d.mayManage,
    renewLabel: tr('gdap.card.renew'),
    canConsent: d.mayConsent,
    consentLabel: tr('gdap.card.consent'),
    declineLabel: tr('gdap.card.decline'),
    backLabel: tr('gdap.card.back'),
  });
}
