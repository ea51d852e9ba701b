import { z } from 'zod';
import { programAdminsOf, requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { AppError, parseInput } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { loadOrg } from '../shared/orgs.js';
import { claimed } from '../shared/store.js';

export const requestEndInput = z.object({
  partnershipId: z.string().min(1),
  reason: z.string().trim().min(1, 'a reason is required').max(2000),
});

/**
 * P7: ending a provider–reseller partnership is not self-service: either side asks, and the program
 * administrator decides. The partnership stays active meanwhile (state "end_requested").
 * Idempotent: asking again while a request is pending returns it.
 * Roles (U3): global admin, user admin, admin agent, sales agent of either organisation.
 */
export async function requestPartnershipEnd(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof requestEndInput>,
): Promise<{ partnershipId: string; state: string; endRequestedAt: Date }> {
  const input = parseInput(requestEndInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    const p = await tx.partnership.findUnique({ where: { id: input.partnershipId } });
    if (!p || (p.providerId !== member.orgId && p.resellerId !== member.orgId))
      throw new AppError('NOT_FOUND', { entity: 'partnership' });
    if (p.state === 'end_requested' && p.endRequestedAt)
      return { partnershipId: p.id, state: p.state, endRequestedAt: p.endRequestedAt };
    if (p.state !== 'active') throw new AppError('PARTNERSHIP_REQUIRED');
    const won = claimed(
      await tx.partnership.updateMany({
        where: { id: p.id, state: 'active', version: p.version },
        data: {
          state: 'end_requested',
          endRequestedByUserId: member.userId,
          endRequestedByOrgId: member.orgId,
          endReason: input.reason,
          endRequestedAt: now,
          endDecidedByUserId: null,
          endDecidedByName: null,
          endDecision: null,
          endDecidedAt: null,
          version: { increment: 1 },
        },
      }),
    );
    if (!won) throw new AppError('END_REQUEST_PENDING');
    const [provider, reseller] = [await loadOrg(tx, p.providerId), await loadOrg(tx, p.resellerId)];
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: 'partnership.end_requested',
      entity: 'Partnership',
      entityId: p.id,
      detail: { reason: input.reason },
    });
    const other = member.orgId === provider.id ? reseller.id : provider.id;
    const admins = await programAdminsOf(ctx, tx);
    await enqueue(
      tx,
      'partnership.end_requested',
      `${p.id}:${now.getTime()}`,
      {
        partnershipId: p.id,
        providerName: provider.legalName,
        resellerName: reseller.legalName,
        requestedByName: member.name,
        reason: input.reason,
      },
      [{ orgId: other }, ...admins.map(({ aadObjectId }) => ({ aadObjectId }))],
      now,
    );
    return { partnershipId: p.id, state: 'end_requested', endRequestedAt: now };
  });
}

export const decideEndInput = z.object({
  partnershipId: z.string().min(1),
  decision: z.enum(['approve', 'decline']),
  reason: z.string().trim().max(2000).optional(),
});

/**
 * P7: the program administrator carries out (approve: the partnership ends and leaves both lists) or
 * declines (with a reason: the partnership stays active) a request to end a partnership. Two
 * administrators deciding at once: exactly one decision is recorded; the other gets ALREADY_DECIDED
 * naming who decided. The same administrator repeating the same decision gets it back.
 */
export async function decidePartnershipEnd(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof decideEndInput>,
): Promise<{ partnershipId: string; state: string; decision: 'approved' | 'declined'; decidedAt: Date }> {
  const input = parseInput(decideEndInput, raw);
  await requireProgramAdmin(ctx, actor);
  if (input.decision === 'decline' && !input.reason) throw new AppError('REASON_REQUIRED');
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const p = await tx.partnership.findUnique({ where: { id: input.partnershipId } });
    if (!p) throw new AppError('NOT_FOUND', { entity: 'partnership' });
    const decision = input.decision === 'approve' ? 'approved' : 'declined';
    const alreadyDecided = () => {
      if (p.endDecidedByUserId === actor.aadObjectId && p.endDecision === decision && p.endDecidedAt) {
        return { partnershipId: p.id, state: p.state, decision, decidedAt: p.endDecidedAt } as const;
      }
      throw new AppError('ALREADY_DECIDED', {
        by: p.endDecidedByName ?? '?',
        at: p.endDecidedAt?.toISOString() ?? '',
        decision: p.endDecision ?? p.state,
      });
    };
    if (p.state !== 'end_requested') {
      if (p.endDecision) return alreadyDecided();
      throw new AppError('INVALID_STATE', { state: p.state });
    }
    const won = claimed(
      await tx.partnership.updateMany({
        where: { id: p.id, state: 'end_requested', version: p.version },
        data: {
          state: decision === 'approved' ? 'ended' : 'active',
          ...(decision === 'approved' ? { activeKey: null, endedAt: now } : {}),
          endDecidedByUserId: actor.aadObjectId,
          endDecidedByName: actor.name,
          endDecision: decision,
          endDecidedAt: now,
          version: { increment: 1 },
        },
      }),
    );
    if (!won) {
      const done = await tx.partnership.findUniqueOrThrow({ where: { id: p.id } });
      throw new AppError('ALREADY_DECIDED', {
        by: done.endDecidedByName ?? '?',
        at: done.endDecidedAt?.toISOString() ?? '',
        decision: done.endDecision ?? done.state,
      });
    }
    const [provider, reseller] = [await loadOrg(tx, p.providerId), await loadOrg(tx, p.resellerId)];
    await audit(tx, { userId: null, ref: actor.aadObjectId }, now, {
      orgId: null,
      action: `partnership.end_${decision}`,
      entity: 'Partnership',
      entityId: p.id,
      detail: { reason: input.reason ?? null },
    });
    await enqueue(
      tx,
      'partnership.end_decided',
      `${p.id}:${now.getTime()}`,
      {
        partnershipId: p.id,
        providerName: provider.legalName,
        resellerName: reseller.legalName,
        decision,
        reason: input.reason ?? null,
      },
      [{ orgId: provider.id }, { orgId: reseller.id }],
      now,
    );
    return { partnershipId: p.id, state: decision === 'approved' ? 'ended' : 'active', decision, decidedAt: now };
  });
}
