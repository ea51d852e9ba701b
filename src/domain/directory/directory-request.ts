import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { t } from '../../i18n/index.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor, retryOnUnique } from '../shared/acting.js';
import { loadOrg, partnershipKey, requireReseller } from '../shared/orgs.js';
import { checkCanPartner } from '../partnerships/partnership-rules.js';
import { claimed, type Tx } from '../shared/store.js';

export const directoryRequestInput = z.object({
  providerId: z.string().min(1),
  /** P2: the reseller ticks the same consent it would tick on a provider's link */
  consent: z.boolean(),
  message: z.string().trim().max(2000).optional(),
});

export interface PartnershipState {
  readonly partnershipId: string;
  readonly state: string;
  readonly providerId: string;
  readonly resellerId: string;
  readonly created: boolean;
}

/**
 * P10: a reseller that found a provider in the directory asks it for a partnership. Same checks as
 * authorising a provider's link (P2 consent, P5, P6); the provider then approves or declines.
 * Idempotent: asking again while the request is pending returns it. An active partnership is
 * PARTNERSHIP_EXISTS. Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function requestThroughDirectory(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof directoryRequestInput>,
): Promise<PartnershipState> {
  const input = parseInput(directoryRequestInput, raw);
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const member = await actingMember(tx, actor, resellerWorkflowRoles);
      const reseller = await loadOrg(tx, member.orgId);
      requireReseller(reseller);
      const provider = await loadOrg(tx, input.providerId);
      const listed = await tx.directoryProfile.findUnique({ where: { orgId: provider.id }, select: { listed: true } });
      if (!provider.isProvider || !listed?.listed)
        throw new AppError('NOT_INDIRECT_PROVIDER', { org: provider.legalName });
      checkCanPartner(provider, reseller);
      if (!input.consent) throw new AppError('CONSENT_REQUIRED');
      const key = partnershipKey(provider.id, reseller.id);
      const live = await tx.partnership.findUnique({ where: { activeKey: key } });
      if (live?.state === 'requested') {
        return {
          partnershipId: live.id,
          state: live.state,
          providerId: provider.id,
          resellerId: reseller.id,
          created: false,
        };
      }
      if (live) throw new AppError('PARTNERSHIP_EXISTS', { state: live.state });
      const p = await tx.partnership.create({
        data: {
          providerId: provider.id,
          resellerId: reseller.id,
          origin: 'directory_request',
          state: 'requested',
          activeKey: key,
          requestedByUserId: member.userId,
          requestedAt: now,
          consentText: t(actor.locale, 'partnership.consent', { provider: provider.legalName }),
          consentAt: now,
        },
      });
      await audit(tx, auditActor(actor, member), now, {
        orgId: reseller.id,
        action: 'partnership.requested',
        entity: 'Partnership',
        entityId: p.id,
        detail: { providerId: provider.id, origin: 'directory_request', message: input.message ?? null },
      });
      await enqueue(
        tx,
        'partnership.requested',
        p.id,
        {
          partnershipId: p.id,
          providerId: provider.id,
          providerName: provider.legalName,
          resellerId: reseller.id,
          resellerName: reseller.legalName,
          origin: 'directory_request',
          ...(input.message ? { message: input.message } : {}),
        },
        // P10: the provider's channel, and each of its admin agents in personal chat (E7: they act for it)
        [{ orgId: provider.id }, ...(await adminAgents(tx, provider.id))],
        now,
      );
      return { partnershipId: p.id, state: p.state, providerId: provider.id, resellerId: reseller.id, created: true };
    }),
  );
}

/** The provider's admin agents known to Teams (an Entra object id), as outbox recipients. */
async function adminAgents(tx: Tx, orgId: string): Promise<{ aadObjectId: string }[]> {
  const users = await tx.user.findMany({
    where: { orgId, removedAt: null, aadObjectId: { not: null }, roles: { some: { role: 'admin_agent' } } },
    select: { aadObjectId: true },
    orderBy: { createdAt: 'asc' },
  });
  return users.flatMap((u) => (u.aadObjectId ? [{ aadObjectId: u.aadObjectId }] : []));
}

export const decideDirectoryRequestInput = z.object({
  partnershipId: z.string().min(1),
  decision: z.enum(['approve', 'decline']),
  reason: z.string().trim().max(2000).optional(),
});

export interface DirectoryDecision {
  readonly partnershipId: string;
  readonly state: 'active' | 'declined';
  readonly decidedByName: string;
  readonly decidedAt: Date;
}

/**
 * P10: the provider approves (the partnership becomes active, P4) or declines, with a reason, a
 * reseller's directory request. Two people deciding at once: a conditional update on the pending
 * state lets exactly one decision be recorded; the other gets ALREADY_DECIDED naming who decided.
 * The same person repeating the same decision gets the recorded result back (idempotent).
 * Roles (U3): global admin, user admin, admin agent, sales agent of the provider.
 */
export async function decideDirectoryRequest(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof decideDirectoryRequestInput>,
): Promise<DirectoryDecision> {
  const input = parseInput(decideDirectoryRequestInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    if (input.decision === 'decline' && !input.reason) throw new AppError('REASON_REQUIRED');
    const p = await tx.partnership.findUnique({ where: { id: input.partnershipId } });
    if (!p || p.providerId !== member.orgId || p.origin !== 'directory_request')
      throw new AppError('NOT_FOUND', { entity: 'partnership' });
    const provider = await loadOrg(tx, p.providerId);
    const reseller = await loadOrg(tx, p.resellerId);
    if (p.state === 'requested' && input.decision === 'approve') checkCanPartner(provider, reseller);

    const approve = input.decision === 'approve';
    const won = claimed(
      await tx.partnership.updateMany({
        where: { id: p.id, state: 'requested' },
        data: approve
          ? {
              state: 'active',
              authorizedByUserId: member.userId,
              authorizedByName: member.name,
              authorizedAt: now,
              decidedAt: now,
              version: { increment: 1 },
            }
          : {
              state: 'declined',
              activeKey: null,
              declinedByUserId: member.userId,
              declinedByName: member.name,
              declineReason: input.reason ?? null,
              decidedAt: now,
              version: { increment: 1 },
            },
      }),
    );
    if (!won) {
      const done = await tx.partnership.findUniqueOrThrow({ where: { id: p.id } });
      const by = done.state === 'declined' ? done.declinedByName : done.authorizedByName;
      const byUser = done.state === 'declined' ? done.declinedByUserId : done.authorizedByUserId;
      const state = done.state === 'declined' ? 'declined' : 'active';
      if (byUser === member.userId && (state === 'active') === approve && done.decidedAt) {
        return { partnershipId: p.id, state, decidedByName: by ?? member.name, decidedAt: done.decidedAt };
      }
      throw new AppError('ALREADY_DECIDED', {
        by: by ?? '?',
        at: done.decidedAt?.toISOString() ?? '',
        decision: done.state,
      });
    }
    await audit(tx, auditActor(actor, member), now, {
      orgId: provider.id,
      action: approve ? 'partnership.approved' : 'partnership.declined',
      entity: 'Partnership',
      entityId: p.id,
      detail: { resellerId: reseller.id, reason: input.reason ?? null },
    });
    const names = {
      partnershipId: p.id,
      providerId: provider.id,
      providerName: provider.legalName,
      resellerId: reseller.id,
      resellerName: reseller.legalName,
      byName: member.name,
    };
    // item 6: the person who asked hears the decision in their personal chat, not only in channels they may not have
    const requester = p.requestedByUserId
      ? await tx.user.findUnique({ where: { id: p.requestedByUserId }, select: { aadObjectId: true, removedAt: true } })
      : null;
    const toRequester = requester?.aadObjectId && !requester.removedAt ? [{ aadObjectId: requester.aadObjectId }] : [];
    if (approve) {
      await enqueue(
        tx,
        'partnership.authorized',
        p.id,
        { ...names, at: now.toISOString() },
        [{ orgId: provider.id }, { orgId: reseller.id }, ...toRequester],
        now,
      );
    } else {
      await enqueue(
        tx,
        'partnership.declined',
        p.id,
        { ...names, reason: input.reason ?? null },
        [{ orgId: reseller.id }, ...toRequester],
        now,
      );
    }
    return { partnershipId: p.id, state: approve ? 'active' : 'declined', decidedByName: member.name, decidedAt: now };
  });
}
