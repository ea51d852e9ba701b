import { z } from 'zod';
import { requestPartnership } from '../../domain/partnerships/request-partnership.js';
import { adminAgentIds, viewPartnershipInvitation } from '../../domain/partnerships/partnership-views.js';
import { t } from '../../i18n/index.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { actorOf } from '../actor.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { authorizeCard, inviteDraftCard } from './cards.js';
import { sendToPeople } from '../respond.js';

/** What `invite reseller` accepts: a work email or an MPN ID (5–10 digits, as the domain checks). */
export const resellerRef = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .transform((v, ctx) => {
    if (/^\d{5,10}$/.test(v)) return { resellerMpnId: v };
    const email = z.email().safeParse(v);
    if (email.success) return { resellerEmail: email.data };
    ctx.addIssue({ code: 'custom', message: 'not an email address or an MPN ID' });
    return z.NEVER;
  });

/**
 * P1: creates the request (one use case), then — when the reseller already uses the bot — puts the
 * authorisation card in front of its admin agents (E7) directly. The token travels only in the
 * draft shown to the provider and in those cards; it is never stored.
 */
export async function createInvitation(
  turn: TurnInfo,
  ref: z.output<typeof resellerRef>,
  to: string,
): Promise<AdaptiveCardJson> {
  const { domain } = servicesOf(turn);
  const draft = await requestPartnership(domain, actorOf(turn), { ...ref, locale: turn.locale });
  let notice = '';
  if (draft.resellerId) {
    const token = draft.link.slice(draft.link.lastIndexOf('/') + 1);
    const view = await viewPartnershipInvitation(domain, token);
    const admins = await adminAgentIds(domain, draft.resellerId);
    const reached = await sendToPeople(turn, admins, (locale, userId) =>
      authorizeCard(locale, view, token, userId ? [userId] : []),
    );
    const reseller = await domain.store.read.organization.findUnique({
      where: { id: draft.resellerId },
      select: { legalName: true },
    });
    // Named by email, the provider sees what an unknown address gets: naming the organisation (or
    // saying it was reached) would tell them whom the address belongs to (issue 13 item 8).
    if (ref.resellerMpnId !== undefined) {
      notice = t(turn.locale, reached > 0 ? 'pinvite.draft.direct' : 'pinvite.draft.directNone', {
        reseller: reseller?.legalName ?? to,
      });
    }
  }
  return inviteDraftCard(
    turn.locale,
    { invitationId: draft.invitationId, message: draft.message, expiresAt: draft.expiresAt, to },
    notice,
  );
}
