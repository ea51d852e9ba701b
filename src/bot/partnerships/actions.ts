import { z } from 'zod';
import { AppError, isAppError } from '../../domain/shared/errors.js';
import { authorizePartnership } from '../../domain/partnerships/authorize-partnership.js';
import { searchDirectory } from '../../domain/directory/directory.js';
import { decideDirectoryRequest, requestThroughDirectory } from '../../domain/directory/directory-request.js';
import { decidePartnershipEnd, requestPartnershipEnd } from '../../domain/partnerships/end-partnership.js';
import { editInvitationMessage } from '../../domain/partnerships/request-partnership.js';
import {
  viewPartnership,
  viewPartnershipInvitation,
  type PartnershipView,
} from '../../domain/partnerships/partnership-views.js';
import { formatDateTime } from '../../i18n/format/index.js';
import { programAdminViewers, requestDeciderViewers, viewersWith } from '../viewers.js';
import { listProviders, listResellers } from '../../domain/partnerships/partner-lists.js';
import { comparePartnerLists } from '../../domain/partnerships/partner-center-lists.js';
import {
  restoreProviderAdminAccess,
  withdrawProviderAdminAccess,
} from '../../domain/partnerships/withdraw-admin-access.js';
import { cspRegions } from '../../domain/shared/regions.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { actorWithEmail } from '../member-email.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { approvalCard, authorizeCard, endDecisionCard, inviteAskCard, inviteDraftCard } from './cards.js';
import { directoryCard } from './directory-card.js';
import { listCard } from './list-card.js';
import { pageFields, parseBack } from './format.js';
import { createInvitation, resellerRef } from './invite.js';
import { updateClickedCard, viewerId } from '../respond.js';
import { partnershipVerbs as pv } from './verbs.js';

/** Every card's data carries `v`, the version of its data contract (stale cards are told apart). */
const v1 = { v: z.literal(1) };
const id = z.string().min(1).max(100);
/** Input.Toggle sends "true"/"false" strings; a missing toggle is "not ticked". */
const toggle = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
/** An optional free text input: Teams sends "" for an empty box. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const PAGE_SIZE = 10;

const directoryQuery = {
  name: z.string().trim().max(200).optional().default(''),
  region: z
    .union([z.enum(cspRegions), z.literal('')])
    .optional()
    .default(''),
  service: z.string().trim().toLowerCase().max(50).optional().default(''),
};

async function directoryPage(
  turn: TurnInfo,
  q: { name: string; region: string; service: string },
  cursor: string,
  back: string[],
  notice = '',
  good = true,
) {
  const region = z.enum(cspRegions).safeParse(q.region);
  const page = await searchDirectory(servicesOf(turn).domain, actorOf(turn), {
    ...(q.name ? { name: q.name } : {}),
    ...(region.success ? { region: region.data } : {}),
    ...(q.service ? { service: q.service } : {}),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  });
  return directoryCard(turn.locale, q, page, { cursor, back }, notice, good);
}

async function listPage(turn: TurnInfo, list: 'providers' | 'resellers', cursor: string, back: string[], notice = '') {
  const { domain } = servicesOf(turn);
  const input = { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  const page =
    list === 'providers'
      ? await listProviders(domain, actorOf(turn), input)
      : await listResellers(domain, actorOf(turn), input);
  const partnerCenter = await comparePartnerLists(domain, actorOf(turn), list);
  return listCard(turn.locale, list, page, { cursor, back }, { notice, partnerCenter });
}

/** Reads `<prefix><id>` from an invoke's data (inputs of per-row show cards carry the row's id). */
function perRow(data: Record<string, unknown>, prefix: string, rowId: string): unknown {
  return data[`${prefix}${rowId}`];
}

/**
 * A decision that lost the race (ALREADY_DECIDED) is not an error for the person: they get the card
 * as it now is, saying who decided. Any other refusal propagates (a localized 400).
 */
async function orDecided<T>(run: () => Promise<T>): Promise<{ lost: boolean }> {
  try {
    await run();
    return { lost: false };
  } catch (e) {
    if (isAppError(e) && e.code === 'ALREADY_DECIDED') return { lost: true };
    throw e;
  }
}

export const partnershipActions: Readonly<Record<(typeof pv)[keyof typeof pv], CardAction>> = {
  [pv.partnershipInviteCreate]: defineAction(
    z.object({ ...v1, reseller: z.string().max(400).default('') }).loose(),
    async (turn, data) => {
      const ref = resellerRef.safeParse(data.reseller);
      if (!ref.success)
        return cardResponse(inviteAskCard(turn.locale, data.reseller, t(turn.locale, 'pinvite.ask.invalid')));
      return cardResponse(await createInvitation(turn, ref.data, data.reseller.trim()));
    },
  ),

  [pv.partnershipInviteSave]: defineAction(
    z
      .object({
        ...v1,
        invitationId: id,
        message: z.string().max(8000).default(''),
        to: z.string().max(400),
        expiresAt: z.iso.datetime(),
      })
      .loose(),
    async (turn, data) => {
      // P1: the domain refuses a text without the link (LINK_MISSING, a localized 400); the card stays as typed
      const saved = await editInvitationMessage(servicesOf(turn).domain, actorOf(turn), {
        invitationId: data.invitationId,
        message: data.message,
      });
      const draft = {
        invitationId: saved.invitationId,
        message: saved.message,
        expiresAt: new Date(data.expiresAt),
        to: data.to,
      };
      return cardResponse(inviteDraftCard(turn.locale, draft, t(turn.locale, 'pinvite.draft.saved')));
    },
  ),

  [pv.partnershipAuthorize]: defineAction(
    z.object({ ...v1, token: z.string().min(1).max(200), consent: toggle }).loose(),
    async (turn, data) => {
      const { domain } = servicesOf(turn);
      await authorizePartnership(domain, await actorWithEmail(turn), { token: data.token, consent: data.consent });
      const view = await viewPartnershipInvitation(domain, data.token);
      const card = authorizeCard(turn, view, data.token, [viewerId(turn)]);
      await updateClickedCard(turn, card);
      return cardResponse(card);
    },
  ),

  [pv.partnershipAuthorizeRefresh]: defineAction(
    z.object({ ...v1, token: z.string().min(1).max(200) }).loose(),
    async (turn, data) => {
      const view = await viewPartnershipInvitation(servicesOf(turn).domain, data.token);
      return cardResponse(authorizeCard(turn, view, data.token, [viewerId(turn)]));
    },
  ),

  [pv.directorySearch]: defineAction(
    z.object({ ...v1, ...directoryQuery, ...pageFields }).loose(),
    async (turn, data) => cardResponse(await directoryPage(turn, data, data.cursor, parseBack(data.back))),
  ),

  [pv.directoryRequest]: defineAction(
    z.object({ ...v1, providerId: id, ...directoryQuery }).loose(),
    async (turn, data) => {
      const consent = toggle.safeParse(perRow(data, 'consent_', data.providerId));
      const message = optionalText(2000).safeParse(perRow(data, 'message_', data.providerId));
      if (!consent.success || !message.success) throw new AppError('VALIDATION', { details: 'consent/message' });
      const domain = servicesOf(turn).domain;
      const done = await requestThroughDirectory(domain, actorOf(turn), {
        providerId: data.providerId,
        consent: consent.data,
        ...(message.data ? { message: message.data } : {}),
      });
      const view = await viewPartnership(domain, actorOf(turn), done.partnershipId);
      const notice = t(turn.locale, done.created ? 'dir.sent' : 'dir.pending', { provider: view.providerName });
      return cardResponse(await directoryPage(turn, data, '', [], notice));
    },
  ),

  [pv.partnershipApprove]: defineAction(z.object({ ...v1, partnershipId: id }).loose(), (turn, data) =>
    decide(turn, data.partnershipId, 'approve'),
  ),
  [pv.partnershipDecline]: defineAction(
    z.object({ ...v1, partnershipId: id, reason: optionalText(2000) }).loose(),
    (turn, data) => decide(turn, data.partnershipId, 'decline', data.reason),
  ),
  [pv.partnershipRequestRefresh]: defineAction(z.object({ ...v1, partnershipId: id }).loose(), async (turn, data) => {
    const view = await viewPartnership(servicesOf(turn).domain, actorOf(turn), data.partnershipId);
    return cardResponse(approvalCard(turn, view, await approvalViewers(turn, view), youDecided(turn, view)));
  }),

  [pv.partnershipListPage]: defineAction(
    z.object({ ...v1, list: z.enum(['providers', 'resellers']), ...pageFields }).loose(),
    async (turn, data) => cardResponse(await listPage(turn, data.list, data.cursor, parseBack(data.back))),
  ),

  [pv.partnershipEndRequest]: defineAction(
    z.object({ ...v1, list: z.enum(['providers', 'resellers']), partnershipId: id }).loose(),
    async (turn, data) => {
      const reason = z
        .string()
        .max(2000)
        .optional()
        .safeParse(perRow(data, 'reason_', data.partnershipId));
      const domain = servicesOf(turn).domain;
      // P7: a request; the domain queues the notices to the other side and the program administrators
      await requestPartnershipEnd(domain, actorOf(turn), {
        partnershipId: data.partnershipId,
        reason: reason.success ? (reason.data ?? '') : '',
      });
      const view = await viewPartnership(domain, actorOf(turn), data.partnershipId);
      const notice = t(turn.locale, 'plist.endSent', { provider: view.providerName, reseller: view.resellerName });
      return cardResponse(await listPage(turn, data.list, '', [], notice));
    },
  ),

  /** P3: the confirmed "Withdraw admin access" of a providers-list row; the list comes back saying so. */
  [pv.partnershipAdminWithdraw]: defineAction(z.object({ ...v1, partnershipId: id }).loose(), async (turn, data) => {
    const domain = servicesOf(turn).domain;
    await withdrawProviderAdminAccess(domain, actorOf(turn), { partnershipId: data.partnershipId });
    const view = await viewPartnership(domain, actorOf(turn), data.partnershipId);
    const notice = t(turn.locale, 'plist.adminWithdrawnNotice', { provider: view.providerName });
    return cardResponse(await listPage(turn, 'providers', '', [], notice));
  }),
  /** P3: "Restore admin access" of a row whose access was withdrawn. */
  [pv.partnershipAdminRestore]: defineAction(z.object({ ...v1, partnershipId: id }).loose(), async (turn, data) => {
    const domain = servicesOf(turn).domain;
    const done = await restoreProviderAdminAccess(domain, actorOf(turn), { partnershipId: data.partnershipId });
    const view = await viewPartnership(domain, actorOf(turn), data.partnershipId);
    const key = done.changed ? 'plist.adminRestoredNotice' : 'plist.adminNotWithdrawn';
    return cardResponse(
      await listPage(turn, 'providers', '', [], t(turn.locale, key, { provider: view.providerName })),
    );
  }),

  [pv.partnershipEndApprove]: defineAction(z.object({ ...v1, partnershipId: id }).loose(), (turn, data) =>
    decideEnd(turn, data.partnershipId, 'approve'),
  ),
  [pv.partnershipEndDecline]: defineAction(
    z.object({ ...v1, partnershipId: id, reason: optionalText(2000) }).loose(),
    (turn, data) => decideEnd(turn, data.partnershipId, 'decline', data.reason),
  ),
  [pv.partnershipEndRefresh]: defineAction(z.object({ ...v1, partnershipId: id }).loose(), async (turn, data) =>
    cardResponse(
      endDecisionCard(
        turn,
        await viewPartnership(servicesOf(turn).domain, actorOf(turn), data.partnershipId),
        await endViewers(turn),
      ),
    ),
  ),
};

/** P10: approve / decline a directory request; exactly one decision wins, the other sees who decided. */
async function decide(turn: TurnInfo, partnershipId: string, decision: 'approve' | 'decline', reason?: string) {
  const domain = servicesOf(turn).domain;
  // the decider is recorded with their own Teams identity and e-mail
  const actor = await actorWithEmail(turn);
  const { lost } = await orDecided(() =>
    decideDirectoryRequest(domain, actor, { partnershipId, decision, ...(reason ? { reason } : {}) }),
  );
  const view = await viewPartnership(domain, actor, partnershipId);
  const viewers = await approvalViewers(turn, view);
  const notice = lost ? t(turn.locale, 'papprove.alreadyDecided') : youDecided(turn, view);
  const card = approvalCard(turn, view, viewers, notice);
  // every viewer of this message sees the decided state; each decider's refresh then shows them their own view
  if (!lost) await updateClickedCard(turn, approvalCard(turn, view, viewers));
  return cardResponse(card);
}

/**
 * Item 6: whom a directory request's approval card refreshes for, by Teams id (29:...): the one looking and the
 * provider's people who may decide it (those the bot knows).
 */
export async function approvalViewers(turn: TurnInfo, view: PartnershipView): Promise<string[]> {
  const { domain, refs } = servicesOf(turn);
  return viewersWith(viewerId(turn), await requestDeciderViewers(domain, refs, view.providerId));
}

/** Item 6: the end-decision card refreshes for the one looking and the program administrators, by Teams id. */
async function endViewers(turn: TurnInfo): Promise<string[]> {
  const { domain, refs } = servicesOf(turn);
  return viewersWith(viewerId(turn), await programAdminViewers(domain, refs));
}

/** Item 6: "You approved this on …" (in the reader's time zone) for the person who decided; '' for anyone else. */
export function youDecided(turn: TurnInfo, view: PartnershipView): string {
  if (!view.decidedByYou || !view.decidedAt) return '';
  const at = formatDateTime(view.decidedAt, turn);
  return t(turn.locale, view.state === 'declined' ? 'papprove.youDeclined' : 'papprove.youApproved', { at });
}

/** P7: the program administrator ends or keeps a partnership; a second administrator sees who decided. */
async function decideEnd(turn: TurnInfo, partnershipId: string, decision: 'approve' | 'decline', reason?: string) {
  const domain = servicesOf(turn).domain;
  // the deciding program administrator is recorded with their own Teams identity and e-mail
  const actor = await actorWithEmail(turn);
  const { lost } = await orDecided(() =>
    decidePartnershipEnd(domain, actor, { partnershipId, decision, ...(reason ? { reason } : {}) }),
  );
  const view = await viewPartnership(domain, actor, partnershipId);
  const viewers = await endViewers(turn);
  const card = endDecisionCard(turn, view, viewers, lost ? t(turn.locale, 'papprove.alreadyDecided') : '');
  if (!lost) await updateClickedCard(turn, endDecisionCard(turn, view, viewers));
  return cardResponse(card);
}
