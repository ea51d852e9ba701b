import type { AdaptiveCardJson } from '../../cards/render.js';
import type { OfferRow } from '../../domain/customers/customer-views.js';
import type { CustomerBillingContactInput } from '../../domain/customers/partner-center-customer.js';
import type { ResellerRow } from '../../domain/partnerships/partner-lists.js';
import { t, type Locale } from '../../i18n/index.js';
import { customerVerbs as cv } from './verbs.js';

import { action, card, notice, type Notice } from './cards.js';

export interface WizardState {
  readonly id: string;
  readonly step: 'details' | 'billing' | 'offers' | 'review';
  readonly resellerId: string;
  readonly resellerName: string;
  readonly customer: { readonly name: string; readonly domainPrefix: string; readonly country: string };
  readonly lines: readonly { readonly offerId: string; readonly quantity: number }[];
  /** S1 in connected mode: Partner Center's billing contact, as validated (absent when embedded) */
  readonly billing?: CustomerBillingContactInput | undefined;
}

/** The billing contact's fields, in the order the card asks them, with their limits. */
export const billingFields = [
  { id: 'firstName', required: true, maxLength: 100, placeholder: 'Jiwoo' },
  { id: 'lastName', required: true, maxLength: 100, placeholder: 'Park' },
  { id: 'email', required: true, maxLength: 320, placeholder: 'billing@fabrikam.example' },
  { id: 'phoneNumber', required: false, maxLength: 40, placeholder: '+82 2 1234 5678' },
  { id: 'addressLine1', required: true, maxLength: 200, placeholder: '1 Teheran-ro' },
  { id: 'city', required: true, maxLength: 100, placeholder: 'Seoul' },
  { id: 'state', required: false, maxLength: 100, placeholder: '' },
  { id: 'postalCode', required: true, maxLength: 20, placeholder: '06164' },
] as const;
export type BillingField = (typeof billingFields)[number]['id'];

/** S1 in connected mode: the billing contact and address Partner Center needs to create the customer. */
export function addBillingCard(
  locale: Locale,
  state: WizardState,
  typed: Partial<Record<BillingField, string>> = {},
  notices: Notice[] = [],
): AdaptiveCardJson {
  const req = t(locale, 'cadd.required');
  return card({
    title: t(locale, 'cadd.billing.title'),
    notices,
    texts: [{ text: t(locale, 'cadd.billing.intro') }],
    facts: [
      { title: t(locale, 'cadd.reseller'), value: state.resellerName },
      { title: t(locale, 'cadd.name'), value: state.customer.name },
      { title: t(locale, 'cadd.country'), value: state.customer.country },
    ],
    inputs: billingFields.map((f) => ({
      id: f.id,
      label: t(locale, `cadd.billing.${f.id}`),
      value: typed[f.id] ?? state.billing?.[f.id] ?? '',
      placeholder: f.placeholder,
      multiline: false,
      required: f.required,
      errorMessage: f.required ? req : '',
      maxLength: f.maxLength,
    })),
    actions: [
      action(t(locale, 'cadd.next'), cv.customerAddBilling, {}, 'positive'),
      action(t(locale, 'cadd.cancel'), cv.customerAddCancel, {}, 'destructive', 'none'),
    ],
  });
}

export function addDetailsCard(
  locale: Locale,
  resellers: readonly ResellerRow[],
  state: Partial<WizardState> = {},
  notices: Notice[] = [],
  /** S1 in connected mode: four steps, the billing contact being the second */
  connected = false,
): AdaptiveCardJson {
  const req = t(locale, 'cadd.required');
  return card({
    title: t(locale, connected ? 'cadd.details.titleConnected' : 'cadd.details.title'),
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
    title: t(locale, state.billing ? 'cadd.offers.titleConnected' : 'cadd.offers.title'),
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
    title: t(locale, state.billing ? 'cadd.review.titleConnected' : 'cadd.review.title'),
    notices,
    texts: [{ text: t(locale, 'cadd.review.intro') }],
    facts: [
      { title: t(locale, 'cadd.reseller'), value: state.resellerName },
      { title: t(locale, 'cadd.name'), value: state.customer.name },
      { title: t(locale, 'cadd.review.tenant'), value: `${state.customer.domainPrefix}.onmicrosoft.com` },
      { title: t(locale, 'cadd.country'), value: state.customer.country },
      ...(state.billing
        ? [
            {
              title: t(locale, 'cadd.review.contact'),
              value: [
                `${state.billing.firstName} ${state.billing.lastName}`,
                state.billing.email,
                state.billing.phoneNumber,
              ]
                .filter(Boolean)
                .join(' · '),
            },
            {
              title: t(locale, 'cadd.review.address'),
              value: [state.billing.addressLine1, state.billing.city, state.billing.state, state.billing.postalCode]
                .filter(Boolean)
                .join(', '),
            },
          ]
        : []),
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
  r: {
    customer: string;
    reseller: string;
    adminUserName: string;
    temporaryPassword: string | null;
    /** S1c: why the first order did not go through (localized), when Partner Center created the customer only */
    orderFailure?: string | null;
  },
): AdaptiveCardJson {
  return card({
    title: t(locale, 'cadd.done.title'),
    notices: [
      ...(r.orderFailure
        ? [notice(t(locale, 'cadd.done.orderFailed', { customer: r.customer, reason: r.orderFailure }), 'Attention')]
        : []),
      notice(t(locale, r.temporaryPassword ? 'cadd.done.warning' : 'cadd.done.repeat'), 'Attention', 'Bolder'),
    ],
    texts: [{ text: t(locale, 'cadd.done.intro', { customer: r.customer, reseller: r.reseller }) }],
    facts: [
      { title: t(locale, 'cadd.done.user'), value: r.adminUserName },
      ...(r.temporaryPassword ? [{ title: t(locale, 'cadd.done.password'), value: r.temporaryPassword }] : []),
    ],
  });
}
