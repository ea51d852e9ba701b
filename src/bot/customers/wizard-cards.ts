import type { AdaptiveCardJson } from '../../cards/render.js';
import type { OfferRow } from '../../domain/customers/customer-views.js';
import type { ResellerRow } from '../../domain/partnerships/partner-lists.js';
import { t, type Locale } from '../../i18n/index.js';
import { customerVerbs as cv } from './verbs.js';

import { action, card, notice, type Notice } from './cards.js';

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
