import { z } from 'zod';
import { isAppError } from '../../domain/shared/errors.js';
import { describeError } from '../../domain/shared/describe-error.js';
import {
  addOffer,
  listOfferCatalogue,
  offerFieldProblems,
  setOfferActive,
} from '../../domain/subscriptions/offer-catalogue.js';
import type { MessageKey } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { pageFields, parseBack } from '../partnerships/format.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { addOfferCard, notice, offersCard, type OfferFormValues } from './cards.js';
import { OFFERS_PAGE_SIZE } from './commands.js';
import { offerVerbs as ov } from './verbs.js';

const v1 = { v: z.literal(1) };
const offerRef = { offerId: z.string().trim().min(1).max(100) };

/** The catalogue page the card showed (or asked for), read again, with what the click did above it. */
async function page(turn: TurnInfo, cursor: string, back: string, notices: ReturnType<typeof notice>[] = []) {
  const list = await listOfferCatalogue(servicesOf(turn).domain, actorOf(turn), {
    limit: OFFERS_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  });
  return cardResponse(offersCard(turn.locale, list, { cursor, back: parseBack(back) }, notices));
}

/** Card inputs arrive as strings (numbers from Input.Number may arrive as numbers). */
const formSchema = z
  .object({
    ...v1,
    offerId: z.string().max(200).default(''),
    nameEn: z.string().max(400).default(''),
    nameKo: z.string().max(400).default(''),
    minQuantity: z.union([z.string().max(20), z.number()]).default(''),
    maxQuantity: z.union([z.string().max(20), z.number()]).default(''),
  })
  .loose();

function formValues(d: z.output<typeof formSchema>): OfferFormValues {
  const n = (v: string | number) => (typeof v === 'number' ? v : Number(v.trim() || NaN));
  return {
    offerId: d.offerId,
    nameEn: d.nameEn,
    nameKo: d.nameKo,
    minQuantity: Number.isFinite(n(d.minQuantity)) ? n(d.minQuantity) : 1,
    maxQuantity: Number.isFinite(n(d.maxQuantity)) ? n(d.maxQuantity) : 1,
  };
}

/**
 * Issue 14 (S1/S4). Every action is the program administrator's (the domain refuses anyone else,
 * PROGRAM_ADMIN_REQUIRED, answered by defineAction as a refusal under the card).
 */
export const offerActions = {
  [ov.offersPage]: defineAction(z.object({ ...v1, ...pageFields }).loose(), (turn, data) =>
    page(turn, data.cursor, data.back),
  ),

  [ov.offerRetire]: defineAction(z.object({ ...v1, ...offerRef, ...pageFields }).loose(), async (turn, data) => {
    const r = await setOfferActive(servicesOf(turn).domain, actorOf(turn), { offerId: data.offerId, active: false });
    const name = turn.locale === 'ko-KR' ? r.nameKo : r.nameEn;
    const text = turn.t(r.changed ? 'offers.retired' : 'offers.alreadyRetired', { name });
    return page(turn, data.cursor, data.back, [notice(text, r.changed ? 'Good' : 'Default')]);
  }),

  [ov.offerRestore]: defineAction(z.object({ ...v1, ...offerRef, ...pageFields }).loose(), async (turn, data) => {
    const r = await setOfferActive(servicesOf(turn).domain, actorOf(turn), { offerId: data.offerId, active: true });
    const name = turn.locale === 'ko-KR' ? r.nameKo : r.nameEn;
    const text = turn.t(r.changed ? 'offers.restored' : 'offers.alreadyActive', { name });
    return page(turn, data.cursor, data.back, [notice(text, r.changed ? 'Good' : 'Default')]);
  }),

  [ov.offerAddForm]: defineAction(z.object({ ...v1 }).loose(), async (turn) => {
    // refused before the form for anyone who could not submit it
    await listOfferCatalogue(servicesOf(turn).domain, actorOf(turn), { limit: 1 });
    return cardResponse(addOfferCard(turn.locale));
  }),

  [ov.offerAdd]: defineAction(formSchema, async (turn, data) => {
    const values = formValues(data);
    // each bad field named by its label, the reason in the reader's language (the domain checks again)
    const problems = offerFieldProblems(data);
    if (problems.length) {
      const labels: Record<string, MessageKey> = {
        offerId: 'offers.form.offerId',
        nameEn: 'offers.form.nameEn',
        nameKo: 'offers.form.nameKo',
        minQuantity: 'offers.form.min',
        maxQuantity: 'offers.form.max',
      };
      const notices = problems.map((p) =>
        notice(
          turn.t('offers.form.problem', {
            field: turn.t(labels[p.field] ?? 'offers.form.offerId'),
            reason: turn.t(p.reason === 'below_min' ? 'offers.form.belowMin' : `offers.problem.${p.reason}`, {
              firstLine: '',
            }),
          }),
          'Attention',
        ),
      );
      return cardResponse(addOfferCard(turn.locale, values, notices));
    }
    try {
      const added = await addOffer(servicesOf(turn).domain, actorOf(turn), {
        offerId: data.offerId,
        nameEn: data.nameEn,
        nameKo: data.nameKo,
        minQuantity: data.minQuantity,
        maxQuantity: data.maxQuantity,
      });
      const name = turn.locale === 'ko-KR' ? added.nameKo : added.nameEn;
      return page(turn, '', '', [notice(turn.t('offers.added', { name }))]);
    } catch (e) {
      // a bad or taken value: the form again, answers kept, the reason on top; the admin check stays a refusal
      if (isAppError(e) && (e.code === 'VALIDATION' || e.code === 'OFFER_EXISTS')) {
        return cardResponse(addOfferCard(turn.locale, values, [notice(describeError(turn.locale, e), 'Attention')]));
      }
      throw e;
    }
  }),
} satisfies Record<string, CardAction>;
