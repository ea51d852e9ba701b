import { renderCard, type AdaptiveCardJson } from '../../cards/render.js';
import type { CButton, CustomerCardData } from '../../cards/customer-types.js';
import type { CustomerInvitationDraft } from '../../domain/customers/invite-customer.js';
import type { CustomerView, OfferRow } from '../../domain/customers/customer-views.js';
import type { CustomerRow, InvitationRow, ProviderRow, ResellerRow } from '../../domain/partnerships/partner-lists.js';
import type { Page } from '../../domain/shared/paging.js';
import { formatDate } from '../../i18n/format/index.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { customerVerbs as cv } from './verbs.js';

type Notice = CustomerCardData['notices'][number];

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

function card(data: Partial<CustomerCardData> & { title: string }): AdaptiveCardJson {
  return renderCard('customer', { ...empty, ...data });
}

export function notice(text: string, color: Notice['color'] = 'Good', weight: Notice['weight'] = 'Default'): Notice {
  return { text, color, weight };
}

function button(title: string, verb: string, data: Record<string, unknown> = {}): CButton {
  return { title, verb, data: { v: 1, ...data } };
}

function action(
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  style: 'default' | 'positive' | 'destructive' = 'default',
  inputsMode: 'auto' | 'none' = 'auto',
) {
  return { ...button(title, verb, data), style, inputsMode };
}

/** C2/C3: email (optional) and one of the reseller's providers (or none). */
export function inviteAskCard(
  locale: Locale,
  providers: readonly ProviderRow[],
  notices: Notice[] = [],
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cinvite.ask.title'),
    notices,
    texts: [{ text: t(locale, 'cinvite.ask.intro') }],
    inputs: [
      {
        id: 'toEmail',
        label: t(locale, 'cinvite.ask.email'),
        value: '',
        placeholder: 'it@fabrikam.com',
        multiline: false,
        required: false,
        errorMessage: '',
        maxLength: 320,
      },
    ],
    choiceSets: providers.length
      ? [
          {
            id: 'providerId',
            label: t(locale, 'cinvite.ask.provider'),
            value: '',
            required: false,
            errorMessage: '',
            choices: [
              { title: t(locale, 'cinvite.ask.noProvider'), value: '' },
              ...providers.map((p) => ({ title: p.name, value: p.providerId })),
            ],
          },
        ]
      : [],
    actions: [action(t(locale, 'cinvite.ask.create'), cv.customerInviteCreate, {}, 'positive')],
  });
}

/** C2: the editable draft with its link (the link is shown; only its hash is stored). */
export function inviteDraftCard(
  locale: Locale,
  draft: Pick<CustomerInvitationDraft, 'invitationId' | 'link' | 'message' | 'expiresAt'>,
  provider: string | null,
  notices: Notice[] = [],
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cinvite.draft.title'),
    notices,
    texts: [
      { text: t(locale, 'cinvite.draft.intro', { expiresAt: formatDate(draft.expiresAt, locale) }) },
      ...(provider ? [{ text: t(locale, 'cinvite.draft.withProvider', { provider }) }] : []),
    ],
    facts: [{ title: t(locale, 'cinvite.draft.link'), value: draft.link }],
    inputs: [
      {
        id: 'message',
        label: t(locale, 'cinvite.draft.label'),
        value: draft.message,
        placeholder: '',
        multiline: true,
        required: true,
        errorMessage: t(locale, 'cadd.required'),
        maxLength: 8000,
      },
    ],
    actions: [
      action(
        t(locale, 'cinvite.draft.save'),
        cv.customerInviteSave,
        {
          invitationId: draft.invitationId,
          link: draft.link,
          expiresAt: draft.expiresAt.toISOString(),
          provider: provider ?? '',
        },
        'positive',
      ),
    ],
  });
}

export function invitationsCard(locale: Locale, page: Page<InvitationRow>, notices: Notice[] = []): AdaptiveCardJson {
  return card({
    title: t(locale, 'cinvites.title'),
    notices,
    texts: page.items.length ? [] : [{ text: t(locale, 'cinvites.empty') }],
    rows: page.items.map((i) => ({
      heading: t(
        locale,
        `cinvites.kind.${i.kind === 'customer' || i.kind === 'customer_with_provider' ? i.kind : 'partnership'}` satisfies MessageKey,
      ),
      detail: [
        t(locale, 'cinvites.row', {
          kind: '',
          sent: formatDate(i.createdAt, locale),
          expires: formatDate(i.expiresAt, locale),
        }).replace(/^ · /, ''),
        ...(i.toEmail || i.toMpnId
          ? [
              t(locale, 'cinvites.to', {
                to: i.toEmail ?? (i.toName ? `${i.toName} (MPN ID ${i.toMpnId ?? ''})` : (i.toMpnId ?? '')),
              }),
            ]
          : []),
      ].join(' · '),
      buttons: [button(t(locale, 'cinvites.revoke'), cv.invitationRevoke, { invitationId: i.invitationId })],
    })),
    actions: page.nextCursor
      ? [action(t(locale, 'clist.next'), cv.invitationsPage, { cursor: page.nextCursor }, 'default', 'none')]
      : [],
  });
}

export interface WizardState {
  readonly id: string;
  readonly step: 'details' | 'offers' | 'review';
  readonly resellerId: string;
  readonly resellerName: string;
  readonly customer: { readonly name: string; readonly domainPrefix: string; readonly country: string };
  readonly lines: readonly { readonly offerId: string; readonly quantity: number }[];
}

export function addDetailsCard(
  locale: Locale,
  resellers: readonly ResellerRow[],
  state: Partial<WizardState> = {},
  notices: Notice[] = [],
): AdaptiveCardJson {
  const req = t(locale, 'cadd.required');
  return card({
    title: t(locale, 'cadd.details.title'),
    notices,
    texts: [{ text: t(locale, 'cadd.details.intro') }],
    choiceSets: [
      {
        id: 'resellerId',
        label: t(locale, 'cadd.reseller'),
        value: state.resellerId ?? resellers[0]?.resellerId ?? '',
        required: true,
        errorMessage: req,
        choices: resellers.map((r) => ({ title: r.name, value: r.resellerId })),
      },
    ],
    inputs: [
      {
        id: 'name',
        label: t(locale, 'cadd.name'),
        value: state.customer?.name ?? '',
        placeholder: 'Fabrikam',
        multiline: false,
        required: true,
        errorMessage: req,
        maxLength: 200,
      },
      {
        id: 'domainPrefix',
        label: t(locale, 'cadd.domain'),
        value: state.customer?.domainPrefix ?? '',
        placeholder: 'fabrikam',
        multiline: false,
        required: true,
        errorMessage: req,
        maxLength: 27,
      },
      {
        id: 'country',
        label: t(locale, 'cadd.country'),
        value: state.customer?.country ?? 'KR',
        placeholder: 'KR',
        multiline: false,
        required: true,
        errorMessage: req,
        maxLength: 2,
      },
    ],
    actions: [
      action(t(locale, 'cadd.next'), cv.customerAddNext, {}, 'positive'),
      action(t(locale, 'cadd.cancel'), cv.customerAddCancel, {}, 'destructive', 'none'),
    ],
  });
}

export function addOffersCard(
  locale: Locale,
  offers: readonly OfferRow[],
  state: WizardState,
  notices: Notice[] = [],
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cadd.offers.title'),
    notices,
    texts: [{ text: t(locale, offers.length ? 'cadd.offers.intro' : 'cadd.offers.none') }],
    facts: [
      { title: t(locale, 'cadd.reseller'), value: state.resellerName },
      { title: t(locale, 'cadd.name'), value: state.customer.name },
    ],
    numbers: offers.map((o) => ({
      id: `qty_${o.id}`,
      label: t(locale, 'cadd.offers.range', { name: o.name, min: o.minQuantity, max: o.maxQuantity }),
      value: state.lines.find((l) => l.offerId === o.id)?.quantity ?? 0,
      min: 0,
      max: o.maxQuantity,
    })),
    actions: [
      action(t(locale, 'cadd.next'), cv.customerAddReview, {}, 'positive'),
      action(t(locale, 'cadd.cancel'), cv.customerAddCancel, {}, 'destructive', 'none'),
    ],
  });
}

export function addReviewCard(
  locale: Locale,
  offers: readonly OfferRow[],
  state: WizardState,
  notices: Notice[] = [],
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cadd.review.title'),
    notices,
    texts: [{ text: t(locale, 'cadd.review.intro') }],
    facts: [
      { title: t(locale, 'cadd.reseller'), value: state.resellerName },
      { title: t(locale, 'cadd.name'), value: state.customer.name },
      { title: t(locale, 'cadd.review.tenant'), value: `${state.customer.domainPrefix}.onmicrosoft.com` },
      { title: t(locale, 'cadd.country'), value: state.customer.country },
      ...state.lines.map((l) => ({
        title: t(locale, 'ccard.offer'),
        value: t(locale, 'cadd.review.line', {
          offer: offers.find((o) => o.id === l.offerId)?.name ?? l.offerId,
          quantity: l.quantity,
        }),
      })),
    ],
    actions: [
      action(t(locale, 'cadd.submit'), cv.customerAddSubmit, { wizardId: state.id }, 'positive', 'none'),
      action(t(locale, 'cadd.cancel'), cv.customerAddCancel, {}, 'destructive', 'none'),
    ],
  });
}

/** S2: shown once. */
export function addDoneCard(
  locale: Locale,
  r: { customer: string; reseller: string; adminUserName: string; temporaryPassword: string | null },
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cadd.done.title'),
    notices: [notice(t(locale, r.temporaryPassword ? 'cadd.done.warning' : 'cadd.done.repeat'), 'Attention', 'Bolder')],
    texts: [{ text: t(locale, 'cadd.done.intro', { customer: r.customer, reseller: r.reseller }) }],
    facts: [
      { title: t(locale, 'cadd.done.user'), value: r.adminUserName },
      ...(r.temporaryPassword ? [{ title: t(locale, 'cadd.done.password'), value: r.temporaryPassword }] : []),
    ],
  });
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
  resellers: readonly ResellerRow[],
  filter: string,
  notices: Notice[] = [],
): AdaptiveCardJson {
  const filterName = resellers.find((r) => r.resellerId === filter)?.name;
  return card({
    title: filterName ? t(locale, 'clist.titleFor', { reseller: filterName }) : t(locale, 'clist.title'),
    notices,
    texts: page.items.length ? [] : [{ text: t(locale, 'clist.empty') }],
    rows: page.items.map((c) => ({
      heading: c.name,
      detail: t(locale, 'clist.row', { domain: c.domain, country: c.country, since: formatDate(c.since, locale) }),
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
): AdaptiveCardJson {
  const yesNo = (b: boolean) => t(locale, b ? 'ccard.yes' : 'ccard.no');
  const none = t(locale, 'ccard.none');
  const offerName = (id: string) => offers.find((o) => o.id === id)?.name ?? id;
  const resellerChoices = resellers.map((r) => ({ title: r.name, value: r.resellerId }));
  const canOrder = offers.length > 0;
  return card({
    title: view.name,
    notices,
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
    ],
    rows: view.subscriptions.map((s) => ({
      heading: t(locale, 'ccard.sub', { offer: offerName(s.offerId), quantity: s.quantity }),
      detail: t(locale, 'ccard.subDetail', { por: s.partnerOfRecord ?? none, support: s.supportContact ?? none }),
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
                title: t(locale, 'ccard.sub', { offer: offerName(s.offerId), quantity: s.quantity }),
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
            action(t(locale, 'ccard.setSupport'), cv.subscriptionSupportContact, { customerId: view.customerId }),
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
