import type { AdaptiveCardJson } from '../../cards/render.js';
import { renderCard } from '../card-render.js';
import type { CButton, CustomerCardData } from '../../cards/customer-types.js';
import type { CustomerView, OfferRow } from '../../domain/customers/customer-views.js';
import type { CustomerRow } from '../../domain/customers/customer-list.js';
import type { CustomerListComparison } from '../../domain/customers/partner-center-customer-list.js';
import type { SubscriptionComparison } from '../../domain/subscriptions/partner-center-subscriptions.js';
import type { ResellerChoice, ResellerRow } from '../../domain/partnerships/partner-lists.js';
import type { Page } from '../../domain/shared/paging.js';
import { t, type Locale } from '../../i18n/index.js';
import { customerVerbs as cv } from './verbs.js';
import { formatDate } from '../../i18n/format/index.js';

/* The customer cards' one template (cards/customer.json) and the pieces every customer card is made of. */

export type Notice = CustomerCardData['notices'][number];

const empty: CustomerCardData = {
  title: '',
  notices: [],
  texts: [],
  facts: [],
  rows: [],
  inputs: [],
  numbers: [],
  choiceSets: [],
  toggles: [],
  actions: [],
};

export function card(data: Partial<CustomerCardData> & { title: string }): AdaptiveCardJson {
  return renderCard('customer', { ...empty, ...data });
}

export function notice(text: string, color: Notice['color'] = 'Good', weight: Notice['weight'] = 'Default'): Notice {
  return { text, color, weight };
}

export function button(title: string, verb: string, data: Record<string, unknown> = {}): CButton {
  return { title, verb, data: { v: 1, ...data } };
}

export function action(
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  style: 'default' | 'positive' | 'destructive' = 'default',
  inputsMode: 'auto' | 'none' = 'auto',
) {
  return { ...button(title, verb, data), style, inputsMode };
}

export function textCard(
  _locale: Locale,
  title: string,
  text: string,
  color: Notice['color'] = 'Default',
): AdaptiveCardJson {
  return card({ title, notices: [notice(text, color)] });
}

export function customersCard(
  locale: Locale,
  page: Page<CustomerRow>,
  resellers: readonly ResellerChoice[],
  filter: string,
  notices: Notice[] = [],
  /** C5 in connected mode: the comparison with Partner Center's customers (null: embedded) */
  partnerCenter: CustomerListComparison | null = null,
): AdaptiveCardJson {
  const filterName = resellers.find((r) => r.resellerId === filter)?.name;
  const pc = partnerCenter;
  const pcTexts = !pc
    ? []
    : !pc.available
      ? [{ text: t(locale, 'clist.pc.unavailable', { reason: t(locale, `error.${pc.reason}`) }) }]
      : pc.onlyInPartnerCenter.length
        ? [
            {
              text: t(locale, 'clist.pc.onlyInPartnerCenter', {
                names: pc.onlyInPartnerCenter.map((c) => t(locale, 'clist.pc.customer', c)).join(', '),
              }),
            },
          ]
        : [];
  return card({
    title: filterName ? t(locale, 'clist.titleFor', { reseller: filterName }) : t(locale, 'clist.title'),
    notices: [...notices, ...(pc && !pc.available ? pcTexts.map((x) => notice(x.text, 'Warning')) : [])],
    texts: [...(page.items.length ? [] : [{ text: t(locale, 'clist.empty') }]), ...(pc?.available ? pcTexts : [])],
    rows: page.items.map((c) => ({
      heading: c.name,
      detail: [
        t(locale, 'clist.row', { domain: c.domain, country: c.country, since: formatDate(c.since, locale) }),
        ...(pc?.available && pc.notInPartnerCenter.has(c.customerId) ? [t(locale, 'clist.pc.notInPartnerCenter')] : []),
      ].join(' · '),
      buttons: [button(t(locale, 'clist.open'), cv.customerOpen, { customerId: c.customerId })],
    })),
    choiceSets: resellers.length
      ? [
          {
            id: 'resellerId',
            label: t(locale, 'clist.filter'),
            value: filter,
            required: false,
            errorMessage: '',
            choices: [
              { title: t(locale, 'clist.all'), value: '' },
              ...resellers.map((r) => ({ title: r.name, value: r.resellerId })),
            ],
          },
        ]
      : [],
    actions: [
      ...(resellers.length ? [action(t(locale, 'clist.apply'), cv.customersPage, {}, 'default', 'auto')] : []),
      ...(page.nextCursor
        ? [action(t(locale, 'clist.next'), cv.customersPage, { cursor: page.nextCursor, filter }, 'default', 'none')]
        : []),
    ],
  });
}

export function customerCard(
  locale: Locale,
  view: CustomerView,
  offers: readonly OfferRow[],
  resellers: readonly ResellerRow[],
  notices: Notice[] = [],
  /** S4/S5 in connected mode: the customer's subscriptions compared with Partner Center's (null: embedded) */
  partnerCenter: SubscriptionComparison | null = null,
): AdaptiveCardJson {
  const pc = partnerCenter;
  const pcDetail = (subscriptionId: string): string[] => {
    if (!pc?.available) return [];
    const there = pc.bySubscription.get(subscriptionId) ?? null;
    if (!there) return [t(locale, 'ccard.pc.notInPartnerCenter')];
    return [
      t(locale, 'ccard.pc.inPartnerCenter', { status: statusName(locale, there.status) }),
      ...(there.newCommerce ? [t(locale, 'ccard.pc.newCommerce')] : []),
    ];
  };
  // S5 in connected mode: offered only where Partner Center keeps a support contact (not new commerce)
  const supportOffered =
    !pc?.available || [...pc.bySubscription.values()].some((there) => there !== null && !there.newCommerce);
  const yesNo = (b: boolean) => t(locale, b ? 'ccard.yes' : 'ccard.no');
  const none = t(locale, 'ccard.none');
  // issue 14: a subscription keeps its retired offer, named and marked retired
  const subName = (s: CustomerView['subscriptions'][number]) =>
    s.offerRetired ? t(locale, 'ccard.offerRetired', { offer: s.offerName }) : s.offerName;
  const resellerChoices = resellers.map((r) => ({ title: r.name, value: r.resellerId }));
  const canOrder = offers.length > 0;
  return card({
    title: view.name,
    notices: [
      ...notices,
      ...(pc && !pc.available
        ? [notice(t(locale, 'ccard.pc.unavailable', { reason: t(locale, `error.${pc.reason}`) }), 'Warning')]
        : []),
    ],
    facts: [
      { title: t(locale, 'ccard.domain'), value: view.domain },
      { title: t(locale, 'ccard.country'), value: view.country },
      { title: t(locale, 'ccard.since'), value: formatDate(view.since, locale) },
      ...(view.resellerName ? [{ title: t(locale, 'ccard.reseller'), value: view.resellerName }] : []),
      { title: t(locale, 'ccard.delegatedAdmin'), value: yesNo(view.delegatedAdmin) },
    ],
    texts: [
      { text: `**${t(locale, 'ccard.subscriptions')}**` },
      ...(view.subscriptions.length ? [] : [{ text: t(locale, 'ccard.noSubscriptions') }]),
      ...(pc?.available && pc.onlyInPartnerCenter.length
        ? [
            {
              text: t(locale, 'ccard.pc.onlyInPartnerCenter', {
                subscriptions: pc.onlyInPartnerCenter
                  .map((s) => t(locale, 'ccard.sub', { offer: s.offerName, quantity: s.quantity }))
                  .join(', '),
              }),
            },
          ]
        : []),
      ...(view.subscriptions.length && resellers.length && !supportOffered
        ? [{ text: t(locale, 'ccard.pc.noSupportContact') }]
        : []),
    ],
    rows: view.subscriptions.map((s) => ({
      heading: t(locale, 'ccard.sub', { offer: subName(s), quantity: s.quantity }),
      detail: [
        t(locale, 'ccard.subDetail', { por: s.partnerOfRecord ?? none, support: s.supportContact ?? none }),
        ...pcDetail(s.subscriptionId),
      ].join(' · '),
      buttons: [],
    })),
    choiceSets: [
      ...(canOrder
        ? [
            {
              id: 'offerId',
              label: `${t(locale, 'ccard.addHeading')}: ${t(locale, 'ccard.offer')}`,
              value: offers[0]?.id ?? '',
              required: false,
              errorMessage: '',
              choices: offers.map((o) => ({ title: o.name, value: o.id })),
            },
          ]
        : []),
      ...(resellers.length
        ? [
            {
              id: 'creditResellerId',
              label: t(locale, 'ccard.creditReseller'),
              value: '',
              required: false,
              errorMessage: '',
              choices: [{ title: none, value: '' }, ...resellerChoices],
            },
          ]
        : []),
      ...(view.subscriptions.length && resellers.length
        ? [
            {
              id: 'subscriptionId',
              label: `${t(locale, 'ccard.setResellerHeading')}: ${t(locale, 'ccard.subscription')}`,
              value: view.subscriptions[0]?.subscriptionId ?? '',
              required: false,
              errorMessage: '',
              choices: view.subscriptions.map((s) => ({
                title: t(locale, 'ccard.sub', { offer: subName(s), quantity: s.quantity }),
                value: s.subscriptionId,
              })),
            },
            {
              id: 'resellerId',
              label: t(locale, 'ccard.resellerChoice'),
              value: '',
              required: false,
              errorMessage: '',
              choices: [{ title: t(locale, 'ccard.clear'), value: '' }, ...resellerChoices],
            },
          ]
        : []),
    ],
    numbers: canOrder ? [{ id: 'quantity', label: t(locale, 'ccard.quantity'), value: 1, min: 1, max: 100000 }] : [],
    actions: [
      ...(canOrder
        ? [action(t(locale, 'ccard.add'), cv.subscriptionAdd, { customerId: view.customerId }, 'positive')]
        : []),
      ...(view.subscriptions.length && resellers.length
        ? [
            action(t(locale, 'ccard.setPor'), cv.subscriptionPartnerOfRecord, { customerId: view.customerId }),
            ...(supportOffered
              ? [action(t(locale, 'ccard.setSupport'), cv.subscriptionSupportContact, { customerId: view.customerId })]
              : []),
          ]
        : []),
      action(t(locale, 'ccard.remove'), cv.customerRemoveAsk, { customerId: view.customerId }, 'destructive', 'none'),
    ],
  });
}

/** C6: the attestation and both warnings. */
export function removeCard(
  locale: Locale,
  view: Pick<CustomerView, 'customerId' | 'name'>,
  notices: Notice[] = [],
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cremove.title', { customer: view.name }),
    notices: [
      ...notices,
      notice(t(locale, 'customer.removed.delegatedAdminStays'), 'Warning'),
      notice(t(locale, 'customer.removed.noNotice'), 'Warning'),
    ],
    texts: [{ text: t(locale, 'customer.removed.attestation') }],
    toggles: [{ id: 'attest', title: t(locale, 'cremove.attest') }],
    actions: [
      action(t(locale, 'cremove.confirm'), cv.customerRemove, { customerId: view.customerId }, 'destructive'),
      action(t(locale, 'cremove.back'), cv.customerOpen, { customerId: view.customerId }, 'default', 'none'),
    ],
  });
}

/** A Partner Center subscription status in words (never Partner Center's own value). */
function statusName(locale: Locale, status: string): string {
  const known = ['active', 'suspended', 'expired', 'pending'] as const;
  const found = known.find((k) => k === status.toLowerCase());
  return t(locale, found ? `ccard.pc.status.${found}` : 'ccard.pc.status.other');
}
