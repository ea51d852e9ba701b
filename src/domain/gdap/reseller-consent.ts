import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { claimed } from '../shared/store.js';
import { gdapManagerRoles, gdapStatusAt, wrongState } from './gdap-rules.js';
import { gdapFacts, gdapRecipients, visibleRelationship } from './gdap-records.js';

export const resellerConsentInput = z.object({
  relationshipId: z.string().min(1).max(100),
  decision: z.enum(['consent', 'decline']),
});

/**
 * G7: the indirect reseller a provider's request names consents (the request becomes approvalPending and the
 * customer's link works) or declines (terminated). Only that reseller's global admins and admin agents; a second
 * answer finds it decided and changes nothing.
 */
export async function answerGdapAsReseller(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof resellerConsentInput>,
): Promise<{ relationshipId: string; status: 'approvalPending' | 'terminated'; changed: boolean }> {
  const input = parseInput(resellerConsentInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, gdapManagerRoles);
    const row = await visibleRelationship(tx, member, input.relationshipId);
    if (row.resellerId !== member.orgId) throw new AppError('GDAP_NOT_THE_RESELLER');
    const want = input.decision === 'consent' ? 'approvalPending' : 'terminated';
    if (row.status !== 'created') {
      if (row.resellerApprovedAt && row.status === want)
        return { relationshipId: row.id, status: want, changed: false };
      if (want === 'terminated' && row.endReason === 'reseller_declined')
        return { relationshipId: row.id, status: want, changed: false };
      throw wrongState(gdapStatusAt(row, now));
    }
    const won = claimed(
      await tx.gdapRelationship.updateMany({
        where: { id: row.id, status: 'created', version: row.version },
        data:
          want === 'approvalPending'
            ? {
                status: want,
                resellerApprovedAt: now,
                resellerApprovedByName: member.name,
                version: { increment: 1 },
              }
            : {
                status: want,
                terminatedAt: now,
                terminatedByName: member.name,
                endReason: 'reseller_declined',
                version: { increment: 1 },
              },
      }),
    );
    if (!won) throw new AppError('CONFLICT');
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: want === 'approvalPending' ? 'gdap.reseller_consented' : 'gdap.reseller_declined',
      entity: 'GdapRelationship',
      entityId: row.id,
    });
    const facts = await gdapFacts(tx, row);
    await enqueue(
      tx,
      want === 'approvalPending' ? 'gdap.reseller_consented' : 'gdap.reseller_declined',
      row.id,
      { ...facts, byName: member.name },
      gdapRecipients(row),
      now,
    );
    return { relationshipId: row.id, status: want, changed: true };
  });
}
