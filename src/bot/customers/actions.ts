import { z } from 'zod';
import { listOffers, viewCustomer } from '../../domain/customers/customer-views.js';
import { removeCustomerRelationship } from '../../domain/customers/remove-customer-relationship.js';
import { listCustomers } from '../../domain/customers/customer-list.js';
import { compareCustomerLists } from '../../domain/customers/partner-center-customer-list.js';
import { compareCustomerSubscriptions } from '../../domain/subscriptions/partner-center-subscriptions.js';
import { listResellerChoices, listResellers } from '../../domain/partnerships/partner-lists.js';
import { addSubscription } from '../../domain/subscriptions/add-subscription.js';
import { setPartnerOfRecord, setSupportContact } from '../../domain/subscriptions/set-subscription-reseller.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { customerCard, customersCard, notice, removeCard } from './cards.js';
import { customerVerbs as cv } from './verbs.js';
import { CHOICES, id, optional, PAGE, refusalNotice, toggle, v1 } from './action-fields.js';
import { invitationActions } from './invitation-actions.js';
import { wizardActions } from './wizard.js';

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
  const resellers = await listResellerChoices(domain, actor, { limit: CHOICES });
  // C5 in connected mode: compared with Partner Center's customers (of the filtered reseller), flagged on the card
  const partnerCenter = await compareCustomerLists(domain, actor, filter ? { resellerId: filter } : {});
  return customersCard(turn.locale, page, resellers, filter, notices, partnerCenter);
}

async function openCustomer(turn: TurnInfo, customerId: string, notices: ReturnType<typeof notice>[] = []) {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  const view = await viewCustomer(domain, actor, { customerId });
  const offers = await listOffers(domain, actor);
  const resellers = (await listResellers(domain, actor, { limit: CHOICES })).items.filter((r) => r.state === 'active');
  // S4/S5 in connected mode: the subscriptions Partner Center has, compared with the bot's
  const partnerCenter = await compareCustomerSubscriptions(domain, actor, customerId);
  return customerCard(turn.locale, view, offers, resellers, notices, partnerCenter);
}

/** Issue 6: the customer card actions; card-actions.ts spreads them into its verb table. */
export const customerActions: Readonly<Record<(typeof cv)[keyof typeof cv], CardAction>> = {
  ...invitationActions,
  ...wizardActions,
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
