import type { AdaptiveCardJson } from '../../cards/render.js';
import type { CatalogueOffer } from '../../domain/subscriptions/offer-catalogue.js';
import { MAX_OFFER_QUANTITY } from '../../domain/subscriptions/offer-catalogue.js';
import type { Page } from '../../domain/shared/paging.js';
import { plural } from '../../i18n/format/index.js';
import { t, type Locale } from '../../i18n/index.js';
import { action, button, card, notice, type Notice } from '../customers/cards.js';
import { pageLinks, type PageState } from '../partnerships/format.js';
import { offerVerbs as ov } from './verbs.js';

/* Issue 14: the offer catalogue cards (the general card template, cards/customer.json). */

export function offerDisplayName(locale: Locale, o: Pick<CatalogueOffer, 'name' | 'active'>): string {
  return o.active ? o.name : t(locale, 'offers.retiredName', { name: o.name });
}

/** One page of the catalogue: each offer with Retire or Restore, Add offer, the pager, and the file hint. */
export function offersCard(
  locale: Locale,
  page: Page<CatalogueOffer>,
  state: PageState,
  notices: Notice[] = [],
): AdaptiveCardJson {
  const links = pageLinks(state, page.nextCursor);
  const here = { cursor: state.cursor, back: links.next.back.split('.').slice(0, -1).join('.') };
  return card({
    title: t(locale, 'offers.title'),
    notices,
    texts: [
      { text: t(locale, 'offers.intro') },
      ...(page.items.length ? [] : [{ text: t(locale, 'offers.empty') }]),
      { text: t(locale, 'offers.fileHint') },
      ...(links.hasPrevious || links.hasNext ? [{ text: t(locale, 'offers.page', { page: links.pageNumber }) }] : []),
    ],
    rows: page.items.map((o) => ({
      heading: offerDisplayName(locale, o),
      detail: t(locale, 'offers.row', {
        min: o.minQuantity,
        max: o.maxQuantity,
        state: t(locale, o.active ? 'offers.state.active' : 'offers.state.retired'),
        subs:
          o.subscriptions === 0
            ? t(locale, 'offers.subs.none')
            : plural(locale, o.subscriptions, {
                one: t(locale, 'offers.subs.one'),
                other: t(locale, 'offers.subs.other'),
              }),
      }),
      buttons: [
        o.active
          ? button(t(locale, 'offers.retire'), ov.offerRetire, { offerId: o.offerId, ...here })
          : button(t(locale, 'offers.restore'), ov.offerRestore, { offerId: o.offerId, ...here }),
      ],
    })),
    actions: [
      action(t(locale, 'offers.add'), ov.offerAddForm, here, 'positive', 'none'),
      ...(links.hasPrevious
        ? [action(t(locale, 'offers.previous'), ov.offersPage, links.previous, 'default', 'none')]
        : []),
      ...(links.hasNext ? [action(t(locale, 'offers.next'), ov.offersPage, links.next, 'default', 'none')] : []),
    ],
  });
}

export interface OfferFormValues {
  readonly offerId: string;
  readonly nameEn: string;
  readonly nameKo: string;
  readonly minQuantity: number;
  readonly maxQuantity: number;
}

const blankForm: OfferFormValues = { offerId: '', nameEn: '', nameKo: '', minQuantity: 1, maxQuantity: 300 };

/** The Add offer form; a refused submit comes back with the answers kept and the reason on top. */
export function addOfferCard(
  locale: Locale,
  values: OfferFormValues = blankForm,
  notices: Notice[] = [],
): AdaptiveCardJson {
  const input = (id: keyof OfferFormValues, label: string, maxLength: number) => ({
    id,
    label,
    value: String(values[id]),
    placeholder: '',
    multiline: false,
    required: true,
    errorMessage: t(locale, 'offers.form.required'),
    maxLength,
  });
  return card({
    title: t(locale, 'offers.form.title'),
    notices,
    texts: [{ text: t(locale, 'offers.form.intro') }],
    inputs: [
      input('offerId', t(locale, 'offers.form.offerId'), 100),
      input('nameEn', t(locale, 'offers.form.nameEn'), 200),
      input('nameKo', t(locale, 'offers.form.nameKo'), 200),
    ],
    numbers: [
      {
        id: 'minQuantity',
        label: t(locale, 'offers.form.min'),
        value: values.minQuantity,
        min: 1,
        max: MAX_OFFER_QUANTITY,
      },
      {
        id: 'maxQuantity',
        label: t(locale, 'offers.form.max'),
        value: values.maxQuantity,
        min: 1,
        max: MAX_OFFER_QUANTITY,
      },
    ],
    actions: [
      action(t(locale, 'offers.form.submit'), ov.offerAdd, {}, 'positive', 'auto'),
      action(t(locale, 'offers.form.cancel'), ov.offersPage, {}, 'default', 'none'),
    ],
  });
}

export { notice };
