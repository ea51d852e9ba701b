import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { claimed } from '../shared/store.js';
import { gdapManagerRoles, gdapStatusAt, isTerminable, wrongState } from './gdap-rules.js';
import { gdapFacts, gdapRecipients, ownRelationship } from './gdap-records.js';
import { gdapFor } from './port.js';

export const terminateGdapInput = z.object({ relationshipId: z.string().min(1).max(100) });

/**
 * G11, G12: ends a relationship that has not ended yet (after the card's confirmation): terminated, its access
 * assignments removed, the channel told. Connected: Graph's terminate request first. Terminating a terminated one
 * again changes nothing; an expired one is refused (GDAP_WRONG_STATE). Roles (U3): G2.
 */
export async function terminateGdap(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof terminateGdapInput>,
): Promise<{ relationshipId: string; terminatedAt: Date; changed: boolean }> {
  const input = parseInput(terminateGdapInput, raw);
  const read = ctx.store.read;
  const preMember = await actingMember(read, actor, gdapManagerRoles);
  const pre = await ownRelationship(read, preMember, input.relationshipId);
  if (pre.status === 'terminated' && pre.terminatedAt)
    return { relationshipId: pre.id, terminatedAt: pre.terminatedAt, changed: false };
  const preStatus = gdapStatusAt(pre, ctx.now());
  if (!isTerminable(preStatus)) throw wrongState(preStatus);
  if (pre.remoteId) await (await gdapFor(ctx, preMember.orgId, actor)).terminate(pre.remoteId);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, gdapManagerRoles);
    const row = await ownRelationship(tx, member, input.relationshipId);
    if (row.status === 'terminated' && row.terminatedAt)
      return { relationshipId: row.id, terminatedAt: row.terminatedAt, changed: false };
    const status = gdapStatusAt(row, now);
    if (!isTerminable(status)) throw wrongState(status);
    const won = claimed(
      await tx.gdapRelationship.updateMany({
        where: { id: row.id, version: row.version },
        data: {
          status: 'terminated',
          terminatedAt: now,
          terminatedByName: member.name,
          endReason: 'terminated_by_partner',
          version: { increment: 1 },
        },
      }),
    );
    if (!won) throw new AppError('CONFLICT');
    await tx.gdapAccessAssignment.updateMany({
      where: { relationshipId: row.id, removedAt: null },
      data: { removedAt: now, removedByName: member.name, status: 'deleted', activeKey: null },
    });
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: 'gdap.terminated',
      entity: 'GdapRelationship',
      entityId: row.id,
      detail: { from: status },
    });
    const facts = await gdapFacts(tx, row);
    await enqueue(
      tx,
      'gdap.terminated',
      row.id,
      { ...facts, terminatedByName: member.name, terminatedAt: now.toISOString() },
      gdapRecipients(row),
      now,
    );
    return { relationshipId: row.id, terminatedAt: now, changed: true };
  });
}
