import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  addCustomerForReseller,
  addCustomerForResellerInput,
} from '../../domain/customers/add-customer-for-reseller.js';
import { listOffers } from '../../domain/customers/customer-views.js';
import { billingContactFor, customerBillingContactNeeded } from '../../domain/customers/partner-center-customer.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { listResellers } from '../../domain/partnerships/partner-lists.js';
import { AppError } from '../../domain/shared/errors.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { dialogState, type Dialog } from '../dialog-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { notice, textCard } from './cards.js';
import {
  addBillingCard,
  addDetailsCard,
  addDoneCard,
  addOffersCard,
  addReviewCard,
  billingFields,
  type BillingField,
  type WizardState,
} from './wizard-cards.js';
import { customerVerbs as cv } from './verbs.js';
import { CHOICES, id, optional, refusalNotice, v1 } from './action-fields.js';

/* S1: the add-customer wizard (details → offers → review → submit): its dialog state and its card actions. */

const wizardSchema = z.object({
  id: z.string(),
  step: z.enum(['details', 'billing', 'offers', 'review']),
  resellerId: z.string(),
  resellerName: z.string(),
  customer: z.object({ name: z.string(), domainPrefix: z.string(), country: z.string() }),
  lines: z.array(z.object({ offerId: z.string(), quantity: z.number() })).readonly(),
  billing: z
    .object({
      email: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      phoneNumber: z.string().optional(),
      addressLine1: z.string(),
      city: z.string(),
      state: z.string().optional(),
      postalCode: z.string(),
    })
    .optional(),
});

/**
 * S1: the wizard's state lives in ConversationState (PrismaStorage: the BotState table), saved at the
 * end of every turn, so it survives a restart of the bot and is shared by its instances.
 */
const wizard = dialogState('customerWizard', wizardSchema);
const readWizard = (turn: TurnInfo): Promise<WizardState | undefined> => wizard.load(turn);
async function writeWizard(turn: TurnInfo, state: WizardState | undefined): Promise<void> {
  if (state) await wizard.save(turn, state);
  else await wizard.clear(turn);
}

/** The add-customer wizard in the dialog registry: its answers come on cards; `cancel` leaves it. */
export const addCustomerWizard: Dialog = {
  id: 'addCustomer',
  cancel: async (turn) => {
    if (!(await readWizard(turn))) return undefined;
    await writeWizard(turn, undefined);
    return 'cadd.cancelled';
  },
};

async function resellerChoices(turn: TurnInfo) {
  return (await listResellers(servicesOf(turn).domain, actorOf(turn), { limit: CHOICES })).items.filter(
    (r) => r.state === 'active',
  );
}

export async function startWizard(turn: TurnInfo, resellerId?: string) {
  const resellers = await resellerChoices(turn);
  if (resellers.length === 0)
    return textCard(turn.locale, turn.t('cadd.details.title'), turn.t('cadd.noResellers'), 'Attention');
  await writeWizard(turn, undefined);
  const connected = await customerBillingContactNeeded(servicesOf(turn).domain, actorOf(turn));
  return addDetailsCard(turn.locale, resellers, resellerId ? { resellerId } : {}, [], connected);
}

/** Quantities arrive as `qty_<offerId>` inputs (strings or numbers). */
function linesFrom(data: Record<string, unknown>): { offerId: string; quantity: number }[] {
  const lines: { offerId: string; quantity: number }[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (!k.startsWith('qty_')) continue;
    const n = z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000)
      .safeParse(v === '' ? 0 : v);
    if (!n.success)
      throw new AppError('VALIDATION', { details: `${k.slice(4)}: ${n.error.issues[0]?.message ?? 'invalid'}` });
    if (n.data > 0) lines.push({ offerId: k.slice(4), quantity: n.data });
  }
  return lines;
}

/** The billing card's inputs as typed: strings, "" for an empty one. */
const billingTyped = z.object(
  Object.fromEntries(billingFields.map((f) => [f.id, z.string().max(400).optional()])) as Record<
    BillingField,
    z.ZodOptional<z.ZodString>
  >,
);

/**
 * S1 in connected mode: one localized line per field the domain's billing schema refuses ("Contact email: not a
 * valid email address"), so the provider sees which field to fix; the card comes back with what was typed.
 */
function billingProblems(turn: TurnInfo, issues: readonly z.core.$ZodIssue[], country: string): string[] {
  const lines = new Set<string>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!billingFields.some((f) => f.id === field)) continue;
    let problem: string;
    if (issue.code === 'too_small' || issue.code === 'invalid_type') problem = turn.t('cadd.billing.required');
    else if (issue.code === 'too_big') problem = turn.t('cadd.billing.tooLong', { max: Number(issue.maximum) });
    else if (issue.code === 'custom') problem = turn.t('cadd.billing.stateNeeded', { country });
    else if (field === 'email') problem = turn.t('cadd.billing.badEmail');
    else if (field === 'phoneNumber') problem = turn.t('cadd.billing.badPhone');
    else problem = turn.t('cadd.billing.invalid');
    lines.add(turn.t('cadd.billing.problem', { field: turn.t(`cadd.billing.${field as BillingField}`), problem }));
  }
  return [...lines];
}

/** S1: the add-customer wizard's steps. */
export const wizardActions = {
  [cv.customerAddStart]: defineAction(z.object({ ...v1, resellerId: optional(id) }).loose(), async (turn, d) =>
    cardResponse(await startWizard(turn, d.resellerId)),
  ),

  [cv.customerAddNext]: defineAction(
    z
      .object({
        ...v1,
        resellerId: id,
        name: z.string().max(300),
        domainPrefix: z.string().max(100),
        country: z.string().max(10),
      })
      .loose(),
    async (turn, d) => {
      const resellers = await resellerChoices(turn);
      // S1 in connected mode: Partner Center needs the billing contact before the offers
      const connected = await customerBillingContactNeeded(servicesOf(turn).domain, actorOf(turn));
      const reseller = resellers.find((r) => r.resellerId === d.resellerId);
      const customer = addCustomerForResellerInput.shape.customer.safeParse({
        name: d.name,
        domainPrefix: d.domainPrefix,
        country: d.country,
      });
      const draft = {
        resellerId: d.resellerId,
        customer: { name: d.name, domainPrefix: d.domainPrefix, country: d.country },
      };
      if (!reseller)
        return cardResponse(
          addDetailsCard(
            turn.locale,
            resellers,
            draft,
            [refusalNotice(turn, new AppError('PARTNERSHIP_REQUIRED'))],
            connected,
          ),
        );
      if (!customer.success) {
        const details = customer.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        return cardResponse(
          addDetailsCard(
            turn.locale,
            resellers,
            draft,
            [refusalNotice(turn, new AppError('VALIDATION', { details }))],
            connected,
          ),
        );
      }
      const before = await readWizard(turn);
      const state: WizardState = {
        id: before?.id ?? randomUUID(),
        step: connected ? 'billing' : 'offers',
        resellerId: reseller.resellerId,
        resellerName: reseller.name,
        customer: customer.data,
        lines: before?.lines ?? [],
        ...(connected && before?.billing ? { billing: before.billing } : {}),
      };
      await writeWizard(turn, state);
      if (connected) return cardResponse(addBillingCard(turn.locale, state));
      return cardResponse(addOffersCard(turn.locale, await listOffers(servicesOf(turn).domain, actorOf(turn)), state));
    },
  ),

  [cv.customerAddBilling]: defineAction(z.object({ ...v1 }).loose(), async (turn, d) => {
    const state = await readWizard(turn);
    if (!state || state.step === 'details')
      return cardResponse(textCard(turn.locale, turn.t('cadd.details.title'), turn.t('cadd.expired'), 'Attention'));
    const typed = billingTyped.safeParse(d);
    const values = typed.success ? typed.data : {};
    // Teams sends "" for an empty input: an optional field left empty is absent
    const given = Object.fromEntries(
      Object.entries(values).filter((entry): entry is [string, string] => (entry[1] ?? '').trim() !== ''),
    );
    const contact = billingContactFor(state.customer.country).safeParse(given);
    if (!typed.success || !contact.success) {
      const problems = contact.success ? [] : billingProblems(turn, contact.error.issues, state.customer.country);
      return cardResponse(
        addBillingCard(
          turn.locale,
          state,
          values,
          (problems.length ? problems : [turn.t('cadd.billing.invalid')]).map((p) => notice(p, 'Attention')),
        ),
      );
    }
    const next: WizardState = { ...state, step: 'offers', billing: contact.data };
    await writeWizard(turn, next);
    return cardResponse(addOffersCard(turn.locale, await listOffers(servicesOf(turn).domain, actorOf(turn)), next));
  }),

  [cv.customerAddReview]: defineAction(z.object({ ...v1 }).loose(), async (turn, d) => {
    const state = await readWizard(turn);
    // connected: the billing contact comes first (a card of the offers step sent early is stale)
    if (!state || (state.step === 'billing' && !state.billing))
      return cardResponse(textCard(turn.locale, turn.t('cadd.details.title'), turn.t('cadd.expired'), 'Attention'));
    const offers = await listOffers(servicesOf(turn).domain, actorOf(turn));
    let lines: { offerId: string; quantity: number }[];
    try {
      lines = linesFrom(d);
    } catch (e) {
      return cardResponse(addOffersCard(turn.locale, offers, state, [refusalNotice(turn, e)]));
    }
    const next: WizardState = { ...state, step: 'offers', lines };
    if (lines.length === 0)
      return cardResponse(
        addOffersCard(turn.locale, offers, next, [notice(turn.t('cadd.offers.needOne'), 'Attention')]),
      );
    const bad = lines.find((l) => {
      const o = offers.find((x) => x.id === l.offerId);
      return !o || l.quantity < o.minQuantity || l.quantity > o.maxQuantity;
    });
    if (bad) {
      const o = offers.find((x) => x.id === bad.offerId);
      const e = o
        ? new AppError('QUANTITY_OUT_OF_RANGE', { min: o.minQuantity, max: o.maxQuantity })
        : new AppError('OFFER_NOT_FOUND', { offerId: bad.offerId });
      return cardResponse(addOffersCard(turn.locale, offers, next, [refusalNotice(turn, e)]));
    }
    const review: WizardState = { ...next, step: 'review' };
    await writeWizard(turn, review);
    return cardResponse(addReviewCard(turn.locale, offers, review));
  }),

  [cv.customerAddSubmit]: defineAction(
    z.object({ ...v1, wizardId: z.string().min(8).max(64) }).loose(),
    async (turn, d) => {
      const state = await readWizard(turn);
      // a repeat of a submit that went through: the domain returns it without the password (S2)
      const requestId = state?.id ?? d.wizardId;
      if (!state || state.step !== 'review' || state.id !== d.wizardId) {
        return cardResponse(textCard(turn.locale, turn.t('cadd.details.title'), turn.t('cadd.expired'), 'Attention'));
      }
      const result = await addCustomerForReseller(servicesOf(turn).domain, actorOf(turn), {
        resellerId: state.resellerId,
        requestId,
        customer: state.customer,
        subscriptions: [...state.lines],
        ...(state.billing ? { billing: state.billing } : {}),
      });
      await writeWizard(turn, undefined);
      return cardResponse(
        addDoneCard(turn.locale, {
          customer: state.customer.name,
          reseller: state.resellerName,
          adminUserName: result.adminUserName,
          temporaryPassword: result.temporaryPassword,
          // S1c: the customer exists (in Partner Center and here) but its first order did not go through
          orderFailure: result.orderFailure ? describeError(turn.locale, new AppError(result.orderFailure)) : null,
        }),
      );
    },
  ),

  [cv.customerAddCancel]: defineAction(z.object({ ...v1 }).loose(), async (turn) => {
    await writeWizard(turn, undefined);
    return cardResponse(textCard(turn.locale, turn.t('cadd.details.title'), turn.t('cadd.cancelled')));
  }),
} satisfies Record<string, CardAction>;
