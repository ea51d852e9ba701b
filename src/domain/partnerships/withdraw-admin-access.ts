import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext, type Member } from '../shared/context.js';
import type { Tx } from '../shared/store.js';
import { AppError, parseInput } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { loadOrg } from '../shared/orgs.js';

export const withdrawAdminAccessInput = z.object({ partnershipId: z.string().min(1) });

/**
 * P3: the reseller withdraws the administrator access to its work account that authorising gave the
 * provider. The partnership stays active (orders, subscriptions and lists are unaffected).
 * Idempotent: withdrawing again returns the first withdrawal's time.
 * Roles (U3): global admin, user admin, admin agent, sales agent of the reseller.
 */
export async function withdrawProviderAdminAccess(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof withdrawAdminAccessInput>,
): Promise<{ partnershipId: string; state: string; adminAccessWithdrawnAt: Date }> {
  const input = parseInput(withdrawAdminAccessInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const { member, p } = await resellersPartnership(tx, actor, input.partnershipId);
    if (p.adminAccessWithdrawnAt)
      return { partnershipId: p.id, state: p.state, adminAccessWithdrawnAt: p.adminAccessWithdrawnAt };
    await tx.partnership.updateMany({
      where: { id: p.id, adminAccessWithdrawnAt: null },
      data: { adminAccessWithdrawnAt: now, version: { increment: 1 } },
    });
    await recordAccessChange(tx, actor, member, p, 'partnership.admin_access_withdrawn', now);
    return { partnershipId: p.id, state: p.state, adminAccessWithdrawnAt: now };
  });
}

/**
 * P3: the reseller gives the provider back the administrator access it withdrew. The partnership was never
 * touched. Idempotent: restoring access that is not withdrawn changes nothing and tells no one (`changed`
 * false). A conditional write settles two restores at once: only the one that cleared the time audits and
 * notifies. Roles (U3): the reseller workflow roles, as for withdrawing.
 */
export async function restoreProviderAdminAccess(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof withdrawAdminAccessInput>,
): Promise<{ partnershipId: string; state: string; changed: boolean }> {
  const input = parseInput(withdrawAdminAccessInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const { member, p } = await resellersPartnership(tx, actor, input.partnershipId);
    if (!p.adminAccessWithdrawnAt) return { partnershipId: p.id, state: p.state, changed: false };
    const won = await tx.partnership.updateMany({
      where: { id: p.id, adminAccessWithdrawnAt: p.adminAccessWithdrawnAt },
      data: { adminAccessWithdrawnAt: null, version: { increment: 1 } },
    });
    if (won.count === 0) return { partnershipId: p.id, state: p.state, changed: false };
    await recordAccessChange(tx, actor, member, p, 'partnership.admin_access_restored', now);
    return { partnershipId: p.id, state: p.state, changed: true };
  });
}

/** The reseller's own partnership (U3 roles; NOT_FOUND for anyone else's), live or asked to end (P3). */
async function resellersPartnership(tx: Tx, actor: Actor, partnershipId: string) {
  const member = await actingMember(tx, actor, resellerWorkflowRoles);
  const p = await tx.partnership.findUnique({ where: { id: partnershipId } });
  if (!p || p.resellerId !== member.orgId) throw new AppError('NOT_FOUND', { entity: 'partnership' });
  if (p.state !== 'active' && p.state !== 'end_requested') throw new AppError('PARTNERSHIP_REQUIRED');
  return { member, p };
}

/**
 * Audits a withdrawal or restore and tells both sides. Keyed by the moment too: after a restore, a second
 * withdrawal is news again.
 */
async function recordAccessChange(
  tx: Tx,
  actor: Actor,
  member: Member,
  p: { id: string; providerId: string; resellerId: string },
  action: 'partnership.admin_access_withdrawn' | 'partnership.admin_access_restored',
  now: Date,
): Promise<void> {
  const [provider, reseller] = [await loadOrg(tx, p.providerId), await loadOrg(tx, p.resellerId)];
  await audit(tx, auditActor(actor, member), now, {
    orgId: reseller.id,
    action,
    entity: 'Partnership',
    entityId: p.id,
  });
  await enqueue(
    tx,
    action,
    `${p.id}:${now.toISOString()}`,
    { partnershipId: p.id, providerName: provider.legalName, resellerName: reseller.legalName, byName: member.name },
    [{ orgId: provider.id }, { orgId: reseller.id }],
    now,
  );
}
