import { z } from 'zod';
import { applicationForReview } from '../../domain/enrollment/application-view.js';
import { lookupMpn } from '../../domain/enrollment/mpn-lookup.js';
import { viewPartnership } from '../../domain/partnerships/partnership-views.js';
import { grantProgramAdmin, revokeProgramAdmin } from '../../domain/shared/program-admins.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, errorResponse, type CardAction } from '../card-action-kit.js';
import { reviewCard } from '../enrollment/cards.js';
import { endDecisionCard } from '../partnerships/cards.js';
import { pageFields, parseBack } from '../partnerships/format.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { consoleCard } from './cards.js';
import { endRequestsPage, peoplePage, reviewsPage } from './commands.js';
import { adminRefreshIds, consoleAllowedHere } from './here.js';
import { adminVerbs as av } from './verbs.js';

const v1 = { v: z.literal(1) };
const id = z.string().trim().min(1).max(100);
/** An Entra object id as a card sends it (the people picker's value, a known user's choice): checked by the domain. */
const personField = z.string().trim().max(100).optional();

/** The console's cards, in the places it works only (personal chat, the program channel); roles by the domain (U3). */
function consoleAction<S extends z.ZodType>(
  schema: S,
  handle: (turn: TurnInfo, data: z.output<S>) => ReturnType<CardAction['run']>,
): CardAction {
  const inner = defineAction(schema, handle);
  return {
    run: (turn, raw) =>
      consoleAllowedHere(turn)
        ? inner.run(turn, raw)
        : Promise.resolve(errorResponse(turn.locale, 'admin.channelOnly')),
  };
}

/** Issue 14 item 1: the console's card actions; card-actions.ts spreads them into its verb table. */
export const adminActions = {
  [av.adminMpnLookup]: consoleAction(z.object({ ...v1, mpnId: z.string().max(40) }).loose(), async (turn, data) => {
    const lookup = await lookupMpn(servicesOf(turn).domain, actorOf(turn), { mpnId: data.mpnId });
    return cardResponse(consoleCard(turn, { lookup, mpnValue: lookup.mpnId }));
  }),

  [av.adminReviewsPage]: consoleAction(z.object({ ...v1, ...pageFields }).loose(), async (turn, data) =>
    cardResponse(await reviewsPage(turn, data.cursor, parseBack(data.back))),
  ),

  /** Sends the application's review card (Approve / Reject) below the list; the list stays as it is now. */
  [av.adminReviewOpen]: consoleAction(z.object({ ...v1, id, ...pageFields }).loose(), async (turn, data) => {
    const view = await applicationForReview(servicesOf(turn).domain, actorOf(turn), { applicationId: data.id });
    let notice = turn.t('admin.reviews.notInReview');
    if (view.state === 'in_review') {
      await sendCard(turn, reviewCard(turn.locale, view, await adminRefreshIds(turn)));
      notice = turn.t('admin.reviews.sent', { org: view.orgName });
    }
    return cardResponse(await reviewsPage(turn, data.cursor, parseBack(data.back), notice));
  }),

  [av.adminEndRequestsPage]: consoleAction(z.object({ ...v1, ...pageFields }).loose(), async (turn, data) =>
    cardResponse(await endRequestsPage(turn, data.cursor, parseBack(data.back))),
  ),

  /** P7: sends the request's decision card (Approve / Decline) below the list. */
  [av.adminEndRequestOpen]: consoleAction(z.object({ ...v1, id, ...pageFields }).loose(), async (turn, data) => {
    const view = await viewPartnership(servicesOf(turn).domain, actorOf(turn), data.id);
    let notice = turn.t('admin.endRequests.notWaiting');
    if (view.state === 'end_requested') {
      await sendCard(turn, endDecisionCard(turn, view, await adminRefreshIds(turn)));
      notice = turn.t('admin.endRequests.sent', { provider: view.providerName, reseller: view.resellerName });
    }
    return cardResponse(await endRequestsPage(turn, data.cursor, parseBack(data.back), notice));
  }),

  /** Grants the role to the person picked (people picker first, else the known-user choice). */
  [av.adminGrant]: consoleAction(
    z.object({ ...v1, person: personField, known: personField }).loose(),
    async (turn, data) => {
      // Teams' people picker sends the chosen Entra object id (a multi-select would send them comma-separated)
      const picked = (data.person ?? '').split(',')[0]?.trim() || (data.known ?? '').trim();
      if (!picked) return cardResponse(await peoplePage(turn, turn.t('admin.people.choose'), false));
      const r = await grantProgramAdmin(servicesOf(turn).domain, actorOf(turn), { aadObjectId: picked });
      servicesOf(turn).wakeNotify();
      const notice =
        r.outcome === 'already'
          ? turn.t('admin.people.alreadyAdmin', { name: r.name || turn.t('admin.people.unnamed') })
          : r.name
            ? turn.t('admin.people.granted', { name: r.name })
            : turn.t('admin.people.grantedUnnamed');
      return cardResponse(await peoplePage(turn, notice));
    },
  ),

  /** Revokes the role (the card asked for confirmation first). */
  [av.adminRevoke]: consoleAction(
    z.object({ ...v1, aadObjectId: z.string().trim().min(1).max(100) }).loose(),
    async (turn, data) => {
      const r = await revokeProgramAdmin(servicesOf(turn).domain, actorOf(turn), { aadObjectId: data.aadObjectId });
      const notice =
        r.outcome === 'revoked'
          ? turn.t('admin.people.revoked', { name: r.name || turn.t('admin.people.unnamed') })
          : turn.t('admin.people.alreadyRevoked');
      return cardResponse(await peoplePage(turn, notice));
    },
  ),
} satisfies Record<string, CardAction>;
