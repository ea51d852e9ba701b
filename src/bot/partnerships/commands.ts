import { MessageFactory } from 'botbuilder';
import { describeError } from '../../domain/shared/describe-error.js';
import { AppError } from '../../domain/shared/errors.js';
import { searchDirectory } from '../../domain/directory/directory.js';
import { viewPartnershipInvitation } from '../../domain/partnerships/partnership-views.js';
import { listProviders, listResellers } from '../../domain/partnerships/partner-lists.js';
import { comparePartnerLists } from '../../domain/partnerships/partner-center-lists.js';
import { registerNotificationChannel } from '../../domain/notifications/notification-channels.js';
import { requireActionApplies } from '../../domain/guide/next-steps.js';
import { invitationTokenIn } from '../../domain/shared/links.js';
import { actorOf } from '../actor.js';
import type { CommandHandler, CommandTurn } from '../command-kit.js';
import { servicesOf } from '../services.js';
import { authorizeCard, inviteAskCard } from './cards.js';
import { directoryCard } from './directory-card.js';
import { listCard } from './list-card.js';
import { createInvitation, resellerRef } from './invite.js';
import { partnershipRequests } from './requests.js';
import { sendCard, viewerId } from '../respond.js';
import { z } from 'zod';
import type { partnershipCommandSpecs } from './command-specs.js';

const FIRST_PAGE = { cursor: '', back: [] } as const;
const PAGE_SIZE = 10;

/** The team channel's conversation id without the `;messageid=` of a reply thread. */
export function channelConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}

const teamsChannelData = z
  .object({
    team: z.object({ id: z.string().optional(), name: z.string().optional() }).loose().optional(),
    channel: z.object({ id: z.string().optional(), name: z.string().optional() }).loose().optional(),
  })
  .loose();

async function listOf(turn: CommandTurn, list: 'providers' | 'resellers', intro = '') {
  const { domain } = servicesOf(turn);
  const page =
    list === 'providers'
      ? await listProviders(domain, actorOf(turn), { limit: PAGE_SIZE })
      : await listResellers(domain, actorOf(turn), { limit: PAGE_SIZE });
  // P4 in connected mode: the differences from Partner Center's list, flagged on the card
  const partnerCenter = await comparePartnerLists(domain, actorOf(turn), list);
  return listCard(turn.locale, list, page, FIRST_PAGE, { intro, partnerCenter });
}

export const partnershipCommands = {
  /** P1: `invite reseller [email | MPN ID]`. */
  inviteReseller: async (turn) => {
    // refused at once, before any form, for an organisation that is not a provider
    await requireActionApplies(servicesOf(turn).domain, actorOf(turn), 'inviteReseller');
    if (!turn.args) return sendCard(turn, inviteAskCard(turn.locale));
    const ref = resellerRef.safeParse(turn.args);
    if (!ref.success) return sendCard(turn, inviteAskCard(turn.locale, turn.args, turn.t('pinvite.ask.invalid')));
    await sendCard(turn, await createInvitation(turn, ref.data, turn.args));
  },

  /** P2: `authorize <link or token>`, the link exactly as pasted (or what the link page's deep link types in). */
  authorize: async (turn) => {
    const token = invitationTokenIn(turn.args);
    if (!token) throw new AppError('TOKEN_INVALID');
    const view = await viewPartnershipInvitation(servicesOf(turn).domain, token);
    if (view.state !== 'usable' && !view.authorized) {
      const code =
        view.state === 'expired' ? 'TOKEN_EXPIRED' : view.state === 'revoked' ? 'TOKEN_REVOKED' : 'TOKEN_USED';
      const reason = describeError(
        turn.locale,
        new AppError(code, code === 'TOKEN_EXPIRED' ? { expiredAt: view.expiresAt.toISOString() } : {}),
      );
      await turn.context.sendActivity(MessageFactory.text(turn.t('pauth.unusable', { reason })));
      return;
    }
    await sendCard(turn, authorizeCard(turn, view, token, [viewerId(turn)]));
  },

  /** P1/P10: partnership requests waiting for this organisation's decision, or for a provider's. */
  requests: partnershipRequests,

  /** P10: `find provider [name]`. */
  findProvider: async (turn) => {
    await requireActionApplies(servicesOf(turn).domain, actorOf(turn), 'findProvider');
    const name = turn.args.slice(0, 200);
    const page = await searchDirectory(servicesOf(turn).domain, actorOf(turn), {
      ...(name ? { name } : {}),
      limit: PAGE_SIZE,
    });
    await sendCard(turn, directoryCard(turn.locale, { name, region: '', service: '' }, page, FIRST_PAGE));
  },

  /** P4: the Indirect providers list. */
  providers: async (turn) => sendCard(turn, await listOf(turn, 'providers')),

  /** P4/M2: the Indirect resellers list with each reseller's MPA state. */
  resellers: async (turn) => sendCard(turn, await listOf(turn, 'resellers')),

  /** P7: both lists, each row with "End partnership…" (the program administrator decides). */
  endPartnership: async (turn) => {
    const intro = turn.t('plist.endIntro');
    await sendCard(turn, await listOf(turn, 'resellers', intro));
    await sendCard(turn, await listOf(turn, 'providers', intro));
  },

  /** Item 6: makes this team channel the organisation's notification channel. */
  notifyHere: async (turn) => {
    const a = turn.context.activity;
    if (turn.scope !== 'team') {
      await turn.context.sendActivity(MessageFactory.text(turn.t('notifyHere.onlyChannel')));
      return;
    }
    const data = teamsChannelData.safeParse(a.channelData);
    const actor = actorOf(turn);
    const done = await registerNotificationChannel(servicesOf(turn).domain, actor, {
      conversationId: channelConversationId(a.conversation.id),
      serviceUrl: a.serviceUrl,
      tenantId: actor.tenantId,
      ...(data.success && data.data.team?.id ? { teamId: data.data.team.id } : {}),
      ...(data.success && data.data.channel?.name ? { channelName: data.data.channel.name } : {}),
    });
    await turn.context.sendActivity(
      MessageFactory.text(turn.t(done.changed ? 'notifyHere.done' : 'notifyHere.already', { org: done.orgName })),
    );
  },
} satisfies Record<(typeof partnershipCommandSpecs)[number]['id'], CommandHandler>;
