import { MessageFactory } from 'botbuilder';
import { infoCard } from '../core/cards.js';
import { enrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import { listPartnershipRequests } from '../../domain/directory/partnership-requests.js';
import { listProviderInvitations, listSentPartnershipRequests } from '../../domain/partnerships/reseller-pending.js';
import { viewPartnership } from '../../domain/partnerships/partnership-views.js';
import { actorOf } from '../actor.js';
import type { CommandTurn } from '../command-kit.js';
import { sendCard } from '../respond.js';
import { approvalViewers } from './actions.js';
import { servicesOf } from '../services.js';
import { approvalCard } from './cards.js';
import { formatDate } from '../../i18n/format/index.js';

/**
 * One card per request, each its own message: Teams lets a bot post 7 messages per second to one
 * conversation, so the intro plus at most 5 cards stay inside the limit in one burst.
 */
const CARDS_AT_ONCE = 5;

/**
 * `requests`: what waits on a partnership. A provider gets an approval card for each directory
 * request waiting for its decision (P10, the same card its notification channel got); a reseller
 * sees the providers' invitations addressed to it (P1/P2: only the link authorises) and its own
 * requests waiting for a provider. An organisation that is both sees both.
 */
export async function partnershipRequests(turn: CommandTurn): Promise<void> {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  const status = await enrollmentStatus(domain, actor);
  let shown = false;

  if (status.partnerTypes.includes('indirect_provider')) {
    const page = await listPartnershipRequests(domain, actor, { limit: CARDS_AT_ONCE });
    if (page.items.length) {
      shown = true;
      const intro = turn.t('preq.forYou', { count: page.items.length });
      const more = page.nextCursor ? ` ${turn.t('preq.more', { shown: page.items.length })}` : '';
      await turn.context.sendActivity(MessageFactory.text(intro + more));
      for (const r of page.items) {
        const view = await viewPartnership(domain, actor, r.partnershipId);
        await sendCard(turn, approvalCard(turn, view, await approvalViewers(turn, view)));
      }
    }
  }

  if (status.partnerTypes.includes('indirect_reseller')) {
    const [invitations, sent] = await Promise.all([
      listProviderInvitations(domain, actor, { limit: 10 }),
      listSentPartnershipRequests(domain, actor, { limit: 10 }),
    ]);
    const sections = [];
    if (invitations.items.length) {
      sections.push({
        heading: turn.t('preq.invitations.heading'),
        lines: [
          ...invitations.items.map((i) => ({
            text: turn.t('preq.invitations.row', {
              provider: i.providerName,
              mpnId: i.providerMpnId,
              sent: formatDate(i.createdAt, turn),
              expires: formatDate(i.expiresAt, turn),
            }),
          })),
          { text: turn.t('preq.invitations.hint') },
        ],
      });
    }
    if (sent.items.length) {
      sections.push({
        heading: turn.t('preq.sent.heading'),
        lines: [
          ...sent.items.map((r) => ({
            text: turn.t('preq.sent.row', { provider: r.providerName, requested: formatDate(r.requestedAt, turn) }),
          })),
          { text: turn.t('preq.sent.hint') },
        ],
      });
    }
    if (sections.length) {
      shown = true;
      await sendCard(turn, infoCard({ title: turn.t('preq.title'), sections }));
    }
  }

  if (!shown) await turn.context.sendActivity(MessageFactory.text(turn.t('preq.none')));
}
