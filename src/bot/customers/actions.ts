import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  addCustomerForReseller,
  addCustomerForResellerInput,
} from '../../domain/customers/add-customer-for-reseller.js';
import { listOffers, viewCustomer } from '../../domain/customers/customer-views.js';
import { inviteCustomer, revokeInvitation } from '../../domain/customers/invite-customer.js';
import { removeCustomerRelationship } from '../../domain/customers/remove-customer-relationship.js';
import { editInvitationMessage } from '../../domain/partnerships/request-partnership.js';
import {
  listCustomers,
  listPendingInvitations,
  listProviders,
  listResellers,
} from '../../domain/partnerships/partner-lists.js';
import { addSubscription } from '../../domain/subscriptions/add-subscription.js';
import { setPartnerOfRecord, setSupportContact } from '../../domain/subscriptions/set-subscription-reseller.js';
import { AppError } from '../../domain/shared/errors.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { dialogState, type Dialog } from '../dialog-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import {
  addDetailsCard,
  addDoneCard,
  addOffersCard,
  addReviewCard,
  customerCard,
  customersCard,
  invitationsCard,
  inviteAskCard,
  inviteDraftCard,
  notice,
  removeCard,
  textCard,
  type WizardState,
} from './cards.js';
import { customerVerbs as cv } from './verbs.js';

const v1 = { v: z.literal(1) };
const id = z.string().min(1).max(100);
/** Teams sends "" for an empty input. */
const optional = (schema: z.ZodString) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v ? v : undefined));
const toggle = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
const PAGE = 10;
/** How many resellers/providers a choice list offers (the first page of the list). */
const CHOICES = 50;

const wizardSchema = z.object({
  id: z.string(),
  step: z.enum(['details', 'offers', 'review']),
  resellerId: z.string(),
  resellerName: z.string(),
  customer: z.object({ name: z.string(), domainPrefix: z.string(), country: z.string() }),
  lines: z.array(z.object({ offerId: z.string(), quantity: z.number() })).readonly(),
});

/**
 * S1: the wizard's state lives in ConversationState (PrismaStorage: the BotState table), saved at the
 * end of every turn, so it survives a restart of the bot and is shared by its instances.
 */
const wizard = dialogState('customerWizard', wizardSchema);
export const readWizard = (turn: TurnInfo): Promise<WizardState | undefined> => wizard.load(turn);
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

export async function resellerChoices(turn: TurnInfo) {
  return (await listResellers(servicesOf(turn).domain, actorOf(turn), { limit: CHOICES })).items.filter(
    (r) => r.state === 'active',
  );
}

export async function startWizard(turn: TurnInfo, resellerId?: string) {
  const resellers = await resellerChoices(turn);
  if (resellers.length === 0)
    return textCard(turn.locale, turn.t('cadd.details.title'), turn.t('cadd.noResellers'), 'Attention');
  await writeWizard(turn, undefined);
  return addDetailsCard(turn.locale, resellers, resellerId ? { resellerId } : {});
}

export async function customersPage(
  turn: TurnInfo,
  filter: string,
  cursor?: string,
  notices: ReturnType<typeof notice>[] = [],
) {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  const page = await listCustomers(domain, actor, {
    limit: PAGE,
    ...(filter ? { resellerId: filter } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const resellers = await listResellers(domain, actor, { limit: CHOICES });
  return customersCard(turn.locale, page, resellers.items, filter, notices);
}

export async function invitationsPage(turn: TurnInfo, cursor?: string, notices: ReturnType<typeof notice>[] = []) {
  const page = await listPendingInvitations(servicesOf(turn).domain, actorOf(turn), {
    limit: PAGE,
    ...(cursor ? { cursor } : {}),
  });
  return invitationsCard(turn.locale, page, notices);
}

export async function inviteAsk(turn: TurnInfo, notices: ReturnType<typeof notice>[] = []) {
  const providers = await listProviders(servicesOf(turn).domain, actorOf(turn), { limit: CHOICES });
  return inviteAskCard(
    turn.locale,
    providers.items.filter((p) => p.state === 'active'),
    notices,
  );
}

async function openCustomer(turn: TurnInfo, customerId: string, notices: ReturnType<typeof notice>[] = []) {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  const view = await viewCustomer(domain, actor, { customerId });
  const offers = await listOffers(domain, actor);
  const resellers = (await listResellers(domain, actor, { limit: CHOICES })).items.filter((r) => r.state === 'active');
  return customerCard(turn.locale, view, offers, resellers, notices);
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

function refusalNotice(turn: TurnInfo, e: unknown) {
  if (e instanceof AppError) return notice(describeError(turn.locale, e), 'Attention');
  throw e;
}

export const customerActions: Readonly<Record<(typeof cv)[keyof typeof cv], CardAction>> = {
  [cv.customerInviteCreate]: defineAction(
    z.object({ ...v1, toEmail: optional(z.string().trim().max(320)), providerId: optional(id) }).loose(),
    async (turn, d) => {
      const { domain } = servicesOf(turn);
      const draft = await inviteCustomer(domain, actorOf(turn), {
        ...(d.toEmail ? { toEmail: d.toEmail } : {}),
        ...(d.providerId ? { providerId: d.providerId } : {}),
        locale: turn.locale,
      });
      const provider = d.providerId
        ? ((await listProviders(domain, actorOf(turn), { limit: CHOICES })).items.find(
            (p) => p.providerId === d.providerId,
          )?.name ?? null)
        : null;
      return cardResponse(inviteDraftCard(turn.locale, draft, provider));
    },
  ),

  [cv.customerInviteSave]: defineAction(
    z
      .object({
        ...v1,
        invitationId: id,
        link: z.string().max(500),
        expiresAt: z.iso.datetime(),
        provider: z.string().max(300),
        message: z.string().max(8000),
      })
      .loose(),
    async (turn, d) => {
      const draft = {
        invitationId: d.invitationId,
        link: d.link,
        expiresAt: new Date(d.expiresAt),
        message: d.message,
      };
      try {
        await editInvitationMessage(servicesOf(turn).domain, actorOf(turn), {
          invitationId: d.invitationId,
          message: d.message,
        });
        return cardResponse(
          inviteDraftCard(turn.locale, draft, d.provider || null, [notice(turn.t('cinvite.draft.saved'))]),
        );
      } catch (e) {
        // C2: the link must stay: the card comes back with the reason (and the link to paste back)
        return cardResponse(inviteDraftCard(turn.locale, draft, d.provider || null, [refusalNotice(turn, e)]));
      }
    },
  ),

  [cv.invitationsPage]: defineAction(
    z.object({ ...v1, cursor: optional(z.string().max(500)) }).loose(),
    async (turn, d) => cardResponse(await invitationsPage(turn, d.cursor)),
  ),

  [cv.invitationRevoke]: defineAction(z.object({ ...v1, invitationId: id }).loose(), async (turn, d) => {
    await revokeInvitation(servicesOf(turn).domain, actorOf(turn), { invitationId: d.invitationId });
    return cardResponse(await invitationsPage(turn, undefined, [notice(turn.t('cinvites.revoked'))]));
  }),

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
          addDetailsCard(turn.locale, resellers, draft, [refusalNotice(turn, new AppError('PARTNERSHIP_REQUIRED'))]),
        );
      if (!customer.success) {
        const details = customer.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        return cardResponse(
          addDetailsCard(turn.locale, resellers, draft, [refusalNotice(turn, new AppError('VALIDATION', { details }))]),
        );
      }
      const before = await readWizard(turn);
      const state: WizardState = {
        id: before?.id ?? randomUUID(),
        step: 'offers',
        resellerId: reseller.resellerId,
        resellerName: reseller.name,
        customer: customer.data,
        lines: before?.lines ?? [],
      };
      await writeWizard(turn, state);
      return cardResponse(addOffersCard(turn.locale, await listOffers(servicesOf(turn).domain, actorOf(turn)), state));
    },
  ),

  [cv.customerAddReview]: defineAction(z.object({ ...v1 }).loose(), async (turn, d) => {
    const state = await readWizard(turn);
    if (!state)
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
        subscriptions: state.lines,
      });
      await writeWizard(turn, undefined);
      return cardResponse(
        addDoneCard(turn.locale, {
          customer: state.customer.name,
          reseller: state.resellerName,
          adminUserName: result.adminUserName,
          temporaryPassword: result.temporaryPassword,
        }),
      );
    },
  ),

  [cv.customerAddCancel]: defineAction(z.object({ ...v1 }).loose(), async (turn) => {
    await writeWizard(turn, undefined);
    return cardResponse(textCard(turn.locale, turn.t('cadd.details.title'), turn.t('cadd.cancelled')));
  }),

  [cv.customersPage]: defineAction(
    z.object({ ...v1, cursor: optional(z.string().max(500)), filter: optional(id), resellerId: optional(id) }).loose(),
    async (turn, d) =>
      cardResponse(await customersPage(turn, d.cursor ? (d.filter ?? '') : (d.resellerId ?? ''), d.cursor)),
  ),

  [cv.customerOpen]: defineAction(z.object({ ...v1, customerId: id }).loose(), async (turn, d) =>
    cardResponse(await openCustomer(turn, d.customerId)),
  ),

  [cv.subscriptionAdd]: defineAction(
    z
      .object({
        ...v1,
        customerId: id,
        offerId: id,
        quantity: z.coerce.number().int().min(1).max(100_000),
        creditResellerId: optional(id),
      })
      .loose(),
    async (turn, d) => {
      await addSubscription(servicesOf(turn).domain, actorOf(turn), {
        customerId: d.customerId,
        offerId: d.offerId,
        quantity: d.quantity,
        ...(d.creditResellerId ? { resellerId: d.creditResellerId } : {}),
      });
      return cardResponse(await openCustomer(turn, d.customerId, [notice(turn.t('ccard.added'))]));
    },
  ),

  [cv.subscriptionPartnerOfRecord]: defineAction(
    z.object({ ...v1, customerId: id, subscriptionId: id, resellerId: optional(id) }).loose(),
    async (turn, d) => {
      await setPartnerOfRecord(servicesOf(turn).domain, actorOf(turn), {
        subscriptionId: d.subscriptionId,
        resellerId: d.resellerId ?? null,
      });
      return cardResponse(await openCustomer(turn, d.customerId, [notice(turn.t('ccard.porSet'))]));
    },
  ),

  [cv.subscriptionSupportContact]: defineAction(
    z.object({ ...v1, customerId: id, subscriptionId: id, resellerId: optional(id) }).loose(),
    async (turn, d) => {
      await setSupportContact(servicesOf(turn).domain, actorOf(turn), {
        subscriptionId: d.subscriptionId,
        resellerId: d.resellerId ?? null,
      });
      return cardResponse(await openCustomer(turn, d.customerId, [notice(turn.t('ccard.supportSet'))]));
    },
  ),

  [cv.customerRemoveAsk]: defineAction(z.object({ ...v1, customerId: id }).loose(), async (turn, d) => {
    const view = await viewCustomer(servicesOf(turn).domain, actorOf(turn), { customerId: d.customerId });
    return cardResponse(removeCard(turn.locale, view));
  }),

  [cv.customerRemove]: defineAction(z.object({ ...v1, customerId: id, attest: toggle }).loose(), async (turn, d) => {
    const { domain } = servicesOf(turn);
    const view = await viewCustomer(domain, actorOf(turn), { customerId: d.customerId });
    try {
      await removeCustomerRelationship(domain, actorOf(turn), { customerId: d.customerId, attest: d.attest });
    } catch (e) {
      return cardResponse(removeCard(turn.locale, view, [refusalNotice(turn, e)]));
    }
    return cardResponse(
      await customersPage(turn, '', undefined, [notice(t(turn.locale, 'cremove.done', { customer: view.name }))]),
    );
  }),
};
