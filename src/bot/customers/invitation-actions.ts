import { z } from 'zod';
import { inviteCustomer, revokeInvitation } from '../../domain/customers/invite-customer.js';
import { editInvitationMessage } from '../../domain/partnerships/request-partnership.js';
import { listPendingInvitations } from '../../domain/shared/pending-invitations.js';
import { listProviders } from '../../domain/partnerships/partner-lists.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { notice } from './cards.js';
import { invitationsCard, inviteAskCard, inviteDraftCard } from './invitation-cards.js';
import { customerVerbs as cv } from './verbs.js';
import { CHOICES, id, optional, PAGE, refusalNotice, v1 } from './action-fields.js';

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

/** C2/C3: customer invitations, their drafts, the pending list and revocation. */
export const invitationActions = {
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
} satisfies Record<string, CardAction>;
