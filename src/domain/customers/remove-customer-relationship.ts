import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { loadOrg } from '../shared/orgs.js';
import { partnerCenterFor } from '../partner-center/port.js';

export const removeCustomerRelationshipInput = z.object({
  customerId: z.string().min(1),
  /** C6: the partner attests the removal is in good faith and for a legitimate business purpose */
  attest: z.boolean(),
});

export interface RemovalResult {
  readonly customerId: string;
  readonly removedAt: Date;
  /** C6: what to show the partner: delegated admin privileges stay, and no notice goes to the customer */
  readonly notices: { key: MessageKey; text: string }[];
  readonly created: boolean;
}

const noticeKeys: MessageKey[] = ['customer.removed.delegatedAdminStays', 'customer.removed.noNotice'];

/**
 * C6: removes the partner's relationship with a customer: it leaves the partner's Customers list.
 * Needs the attestation (ATTESTATION_REQUIRED). Delegated admin privileges already granted stay as
 * they were, and the system sends the customer no notice (legal notice, where the agreement needs it,
 * is the partner's job): both are returned as notices to show. Other partners' relationships with the
 * customer (C11) are untouched. Idempotent: removing again returns the first removal.
 * In connected mode (issue 17) Partner Center is asked first (PATCH relationshipToPartner none); its refusal
 * (PC_REMOVAL_BLOCKED) or silence (PC_*) leaves the relationship as it was.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function removeCustomerRelationship(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof removeCustomerRelationshipInput>,
): Promise<RemovalResult> {
  const input = parseInput(removeCustomerRelationshipInput, raw);
  const notices = noticeKeys.map((key) => ({ key, text: t(actor.locale, key) }));
  // connected mode: Partner Center ends the relationship first; the local rows change only once it said yes
  await removeInPartnerCenter(ctx, actor, input);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    if (!input.attest) throw new AppError('ATTESTATION_REQUIRED');
    const rel = await tx.customerRelationship.findUnique({
      where: { activeKey: `${member.orgId}:${input.customerId}` },
      include: { customer: { select: { name: true } } },
    });
    if (!rel) {
      const removed = await tx.customerRelationship.findFirst({
        where: { partnerId: member.orgId, customerId: input.customerId, removedAt: { not: null } },
        orderBy: { removedAt: 'desc' },
      });
      if (removed?.removedAt)
        return { customerId: input.customerId, removedAt: removed.removedAt, notices, created: false };
      throw new AppError('RELATIONSHIP_REQUIRED');
    }
    const done = await tx.customerRelationship.updateMany({
      where: { id: rel.id, removedAt: null },
      data: { removedAt: now, removedByUserId: member.userId, removalAttestedAt: now, activeKey: null },
    });
    if (done.count !== 1) throw new AppError('CONFLICT');
    const partner = await loadOrg(tx, member.orgId);
    await audit(tx, auditActor(actor, member), now, {
      orgId: partner.id,
      action: 'customer.relationship_removed',
      entity: 'CustomerRelationship',
      entityId: rel.id,
      detail: {
        customerId: rel.customerId,
        attestedAt: now.toISOString(),
        delegatedAdminUnchanged: rel.delegatedAdmin,
      },
    });
    // the partner's own channel (and, for a provider's relationship held for a reseller, that reseller); never the customer
    await enqueue(
      tx,
      'customer.relationship_removed',
      rel.id,
      {
        customerId: rel.customerId,
        customerName: rel.customer.name,
        partnerId: partner.id,
        partnerName: partner.legalName,
      },
      [{ orgId: partner.id }, ...(rel.resellerId ? [{ orgId: rel.resellerId }] : [])],
      now,
    );
    return { customerId: rel.customerId, removedAt: now, notices, created: true };
  });
}

/**
 * C6 in connected mode, before the transaction: the same refusals first (role, attestation), then Partner Center,
 * only for a relationship still active here (a repeat of a finished removal asks nothing).
 */
async function removeInPartnerCenter(
  ctx: DomainContext,
  actor: Actor,
  input: z.output<typeof removeCustomerRelationshipInput>,
): Promise<void> {
  if (!ctx.partnerCenter) return;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return;
  if (!input.attest) throw new AppError('ATTESTATION_REQUIRED');
  const rel = await read.customerRelationship.findUnique({
    where: { activeKey: `${member.orgId}:${input.customerId}` },
    select: { customer: { select: { tenantId: true } } },
  });
  if (rel) await port.removeCustomerRelationship(rel.customer.tenantId);
}
