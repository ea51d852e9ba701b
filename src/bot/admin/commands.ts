import { MessageFactory } from 'botbuilder';
import { lookupMpn } from '../../domain/enrollment/mpn-lookup.js';
import { listPendingApplications } from '../../domain/enrollment/pending-reviews.js';
import { listEndRequests } from '../../domain/partnerships/end-requests.js';
import { viewPartnership } from '../../domain/partnerships/partnership-views.js';
import { requireProgramAdmin } from '../../domain/shared/context.js';
import { grantCandidates, listProgramAdmins } from '../../domain/shared/program-admins.js';
import { actorOf } from '../actor.js';
import type { CommandHandler } from '../command-kit.js';
import { infoCard } from '../core/cards.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { consoleCard, endRequestsCard, mpnFacts, peopleCard, reviewsCard } from './cards.js';
import type { adminCommandSpecs } from './command-specs.js';
import { requireConsole } from './here.js';

export const REVIEWS_PAGE_SIZE = 10;
export const END_REQUESTS_PAGE_SIZE = 5;

/** One page of the applications that wait (E4, E5). */
export async function reviewsPage(turn: TurnInfo, cursor: string, back: readonly string[], notice = '') {
  const page = await listPendingApplications(servicesOf(turn).domain, actorOf(turn), {
    limit: REVIEWS_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  });
  return reviewsCard(turn, page, { cursor, back }, notice);
}

/** One page of the end-partnership requests that wait (P7). */
export async function endRequestsPage(turn: TurnInfo, cursor: string, back: readonly string[], notice = '') {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  const page = await listEndRequests(domain, actor, { limit: END_REQUESTS_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
  const views = await Promise.all(page.items.map((r) => viewPartnership(domain, actor, r.partnershipId)));
  const at = new Map(page.items.map((r) => [r.partnershipId, r.endRequestedAt]));
  return endRequestsCard(turn, views, page.nextCursor, { cursor, back }, at, notice);
}

/** The program administrators and the grant form (E5, P7, P10). */
export async function peoplePage(turn: TurnInfo, notice = '', good = true) {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  const admins = await listProgramAdmins(domain, actor);
  const known = await grantCandidates(domain, actor);
  return peopleCard(turn, admins, known, notice, good);
}

/**
 * Issue 14 item 1: the program administrator's commands. Each checks the place (personal chat or the program
 * channel) and the role (U3: PROGRAM_ADMIN_REQUIRED, answered by the command path as a refusal).
 */
export const adminCommands = {
  adminConsole: async (turn) => {
    if (!(await requireConsole(turn))) return;
    await sendCard(turn, consoleCard(turn));
  },
  adminReviews: async (turn) => {
    if (!(await requireConsole(turn))) return;
    await sendCard(turn, await reviewsPage(turn, '', []));
  },
  adminPeople: async (turn) => {
    if (!(await requireConsole(turn))) return;
    await sendCard(turn, await peoplePage(turn));
  },
  adminEndRequests: async (turn) => {
    if (!(await requireConsole(turn))) return;
    await sendCard(turn, await endRequestsPage(turn, '', []));
  },
  adminMpn: async (turn) => {
    if (!(await requireConsole(turn))) return;
    if (turn.args === '') {
      await requireProgramAdmin(servicesOf(turn).domain, actorOf(turn));
      await turn.context.sendActivity(MessageFactory.text(turn.t('admin.mpn.usage')));
      return;
    }
    const r = await lookupMpn(servicesOf(turn).domain, actorOf(turn), { mpnId: turn.args });
    const { title, facts } = mpnFacts(turn, r);
    await sendCard(turn, infoCard({ title, facts }));
  },
} satisfies Record<(typeof adminCommandSpecs)[number]['id'], CommandHandler>;
