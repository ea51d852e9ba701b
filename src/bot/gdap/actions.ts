import { z } from 'zod';
import { addAccessAssignment, removeAccessAssignment } from '../../domain/gdap/access-assignments.js';
import { gdapFilterStates, gdapManagerRoles } from '../../domain/gdap/gdap-rules.js';
import { gdapCustomerOptions, gdapDetail, listGdap } from '../../domain/gdap/gdap-views.js';
import { renewGdap } from '../../domain/gdap/renew-gdap.js';
import { requestGdap, type GdapRequestOutcome } from '../../domain/gdap/request-gdap.js';
import { answerGdapAsReseller } from '../../domain/gdap/reseller-consent.js';
import { terminateGdap } from '../../domain/gdap/terminate-gdap.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { AppError, isAppError } from '../../domain/shared/errors.js';
import { requireRole } from '../../domain/shared/roles.js';
import { requireMember } from '../../domain/shared/members.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { formatDate } from '../../i18n/format/index.js';
import { actorOf } from '../actor.js';
import { cardResponse, defineAction, type CardAction } from '../card-action-kit.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import {
  ANY,
  gdapListCard,
  gdapRelationshipCard,
  gdapRequestCard,
  type GdapFilter,
  type GdapRequestForm,
} from './cards.js';
import { gdapVerbs as gv } from './verbs.js';

const v1 = { v: z.literal(1) };
const reader = (turn: TurnInfo) => ({ locale: turn.locale, timeZone: turn.timeZone });

/** The list card for a filter and page (the filter's values are checked by the use case's schema). */
export async function gdapListPage(turn: TurnInfo, filter: GdapFilter, page: number, notice = '') {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  const days = filter.days === '' ? undefined : Number(filter.days);
  const list = await listGdap(domain, actor, {
    page,
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.state ? { state: filter.state as (typeof gdapFilterStates)[number] } : {}),
    ...(days !== undefined ? { expiringWithinDays: days } : {}),
  });
  const options = await gdapCustomerOptions(domain, actor);
  const note = list.graphUnavailable ? withGraphNote(turn, notice) : notice;
  return gdapListCard(reader(turn), options.orgName, list, filter, options.customers, options.mayRequest, note);
}

/** G2 first (a sales agent is refused, naming the roles), then the form with the customers served (G6). */
export async function gdapRequestForm(turn: TurnInfo, previous: GdapRequestForm = {}, problem = '') {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  requireRole(await requireMember(domain.store.read, actor), gdapManagerRoles);
  const options = await gdapCustomerOptions(domain, actor);
  return gdapRequestCard(reader(turn), options.customers, previous, problem);
}

async function relationshipCard(
  turn: TurnInfo,
  relationshipId: string,
  notice = '',
  color: 'Good' | 'Attention' | 'Accent' = 'Good',
): Promise<AdaptiveCardJson> {
  const detail = await gdapDetail(servicesOf(turn).domain, actorOf(turn), { relationshipId });
  if (detail.graphUnavailable)
    return gdapRelationshipCard(reader(turn), detail, withGraphNote(turn, notice), 'Attention');
  return gdapRelationshipCard(reader(turn), detail, notice, color);
}

/** G18: Graph could not be read in time; the card shows the bot's rows and says so. */
function withGraphNote(turn: TurnInfo, notice: string): string {
  return [notice, turn.t('gdap.graphStale')].filter(Boolean).join('\n\n');
}

/** What the partner reads after a request: the link to send, when it stops working, and who consents first. */
function sentNotice(turn: TurnInfo, r: GdapRequestOutcome): string {
  const params = {
    name: r.displayName,
    customer: r.customerName,
    link: r.approvalLink,
    reseller: r.resellerName ?? '',
    date: r.approvalExpiresAt ? formatDate(r.approvalExpiresAt, reader(turn)) : '',
  };
  if (r.mode === 'connected') return turn.t('gdap.request.sentConnected', params);
  return turn.t(r.status === 'created' ? 'gdap.request.sentTwoTier' : 'gdap.request.sent', params);
}

/** Card inputs arrive as strings ('' when left empty); the domain's schemas judge the values. */
const text = z.string().max(2000).optional();
const listData = z
  .object({
    ...v1,
    page: z.coerce.number().int().min(0).max(10_000).default(0),
    customerId: text,
    state: z.union([z.literal(''), z.literal(ANY), z.enum(gdapFilterStates)]).optional(),
    days: z.union([z.literal(''), z.coerce.string().regex(/^\d{1,3}$/)]).optional(),
  })
  .loose();
const relationshipData = z.object({ ...v1, relationshipId: z.string().min(1).max(100) }).loose();
const splitIds = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Issue 18 item 2: the GDAP cards' buttons. Refusals go through defineAction as localized messages under the card. */
export const gdapActions = {
  [gv.gdapList]: defineAction(listData, async (turn, d) => {
    const any = (x: string | undefined) => (x === undefined || x === ANY ? '' : x);
    const filter = { customerId: any(d.customerId), state: any(d.state), days: d.days ?? '' };
    return cardResponse(await gdapListPage(turn, filter, d.page));
  }),

  [gv.gdapOpen]: defineAction(relationshipData, async (turn, d) =>
    cardResponse(await relationshipCard(turn, d.relationshipId)),
  ),

  [gv.gdapRequestStart]: defineAction(z.object(v1).loose(), async (turn) => cardResponse(await gdapRequestForm(turn))),

  /**
   * G1–G7, G13: the request. A refusal the partner can fix (a name taken, auto-extend with Global Administrator, bad
   * input) shows the form again with the reason and what they chose; success answers with the relationship's card
   * and the link to send.
   */
  [gv.gdapRequest]: defineAction(
    z
      .object({
        ...v1,
        customerId: text,
        displayName: text,
        roles: text,
        durationDays: text,
        autoExtend: z.enum(['0', '180']).optional(),
      })
      .loose(),
    async (turn, d) => {
      const previous: GdapRequestForm = {
        customerId: d.customerId ?? '',
        displayName: d.displayName ?? '',
        roles: d.roles ?? '',
        durationDays: d.durationDays ?? '',
        autoExtend: d.autoExtend ?? '0',
      };
      try {
        const r = await requestGdap(servicesOf(turn).domain, actorOf(turn), {
          customerId: d.customerId ?? '',
          ...(d.displayName?.trim() ? { displayName: d.displayName } : {}),
          roleTemplateIds: splitIds(d.roles),
          durationDays: d.durationDays ?? '',
          autoExtendDays: d.autoExtend ?? '0',
        });
        return cardResponse(await relationshipCard(turn, r.relationshipId, sentNotice(turn, r), 'Accent'));
      } catch (e) {
        if (isAppError(e) && ['validation', 'rule', 'conflict'].includes(e.category)) {
          return cardResponse(await gdapRequestForm(turn, previous, describeError(turn.locale, e)));
        }
        throw e;
      }
    },
  ),

  /** G10 */
  [gv.gdapAssign]: defineAction(
    relationshipData.extend({ securityGroupId: text, securityGroupName: text, assignRoles: text }),
    async (turn, d) => {
      await addAccessAssignment(servicesOf(turn).domain, actorOf(turn), {
        relationshipId: d.relationshipId,
        securityGroupId: d.securityGroupId ?? '',
        securityGroupName: d.securityGroupName ?? '',
        roleTemplateIds: splitIds(d.assignRoles),
      });
      const notice = turn.t('gdap.notice.assigned', { group: (d.securityGroupName ?? '').trim() });
      return cardResponse(await relationshipCard(turn, d.relationshipId, notice));
    },
  ),

  [gv.gdapUnassign]: defineAction(
    z.object({ ...v1, assignmentId: z.string().min(1).max(100) }).loose(),
    async (turn, d) => {
      const { domain } = servicesOf(turn);
      const a = await domain.store.read.gdapAccessAssignment.findUnique({
        where: { id: d.assignmentId },
        select: { securityGroupName: true },
      });
      if (!a) throw new AppError('NOT_FOUND', { entity: 'gdapAssignment' });
      const r = await removeAccessAssignment(domain, actorOf(turn), { assignmentId: d.assignmentId });
      const notice = turn.t('gdap.notice.removed', { group: a.securityGroupName });
      return cardResponse(await relationshipCard(turn, r.relationshipId, notice));
    },
  ),

  /** G11: only from the confirmation (confirm: true) */
  [gv.gdapTerminate]: defineAction(relationshipData.extend({ confirm: z.literal(true) }), async (turn, d) => {
    await terminateGdap(servicesOf(turn).domain, actorOf(turn), { relationshipId: d.relationshipId });
    return cardResponse(await relationshipCard(turn, d.relationshipId, turn.t('gdap.notice.terminated')));
  }),

  /** G11: one click, a new request with the same roles; the answer is the new relationship's card with its link */
  [gv.gdapRenew]: defineAction(relationshipData, async (turn, d) => {
    const r = await renewGdap(servicesOf(turn).domain, actorOf(turn), { relationshipId: d.relationshipId });
    return cardResponse(await relationshipCard(turn, r.relationshipId, sentNotice(turn, r), 'Accent'));
  }),

  /** G7 */
  [gv.gdapConsent]: defineAction(
    relationshipData.extend({ decision: z.enum(['consent', 'decline']) }),
    async (turn, d) => {
      const r = await answerGdapAsReseller(servicesOf(turn).domain, actorOf(turn), {
        relationshipId: d.relationshipId,
        decision: d.decision,
      });
      const notice = turn.t(r.status === 'approvalPending' ? 'gdap.notice.consented' : 'gdap.notice.declined');
      return cardResponse(await relationshipCard(turn, d.relationshipId, notice));
    },
  ),
} satisfies Record<string, CardAction>;
