import type { DomainContext } from '../shared/context.js';
import { addDays } from '../shared/context.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { claimed } from '../shared/store.js';
import { AUTO_EXTEND_DAYS, EXPIRING_WITHIN_DAYS } from './gdap-rules.js';
import { gdapFacts, gdapRecipients } from './gdap-records.js';

const SYSTEM = { userId: null, ref: 'system' } as const;

/**
 * G5, G8, G12: writes what the clock already says. Relationships in force past their end expire (the channel is
 * told once: the outbox key names the relationship) or, with auto-extend, run 180 more days; those within 30 days
 * of their end are marked expiring. Each row is moved by a conditional update, so two instances sweeping at once
 * move it once. Returns how many rows changed. Meant to run periodically (and is safe to run at any time).
 */
export async function sweepGdap(
  ctx: DomainContext,
  batch = 200,
): Promise<{ expired: number; extended: number; expiring: number }> {
  const now = ctx.now();
  const counts = { expired: 0, extended: 0, expiring: 0 };
  const due = await ctx.store.read.gdapRelationship.findMany({
    where: { status: { in: ['active', 'expiring'] }, endsAt: { lte: now } },
    orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
    take: batch,
  });
  for (const row of due) {
    await ctx.store.transaction(async (tx) => {
      if (!row.endsAt) return;
      if (row.autoExtendDays > 0) {
        let endsAt = row.endsAt;
        while (endsAt.getTime() <= now.getTime()) endsAt = addDays(endsAt, AUTO_EXTEND_DAYS);
        const won = claimed(
          await tx.gdapRelationship.updateMany({
            where: { id: row.id, version: row.version },
            data: { status: 'active', endsAt, extendedAt: now, version: { increment: 1 } },
          }),
        );
        if (!won) return;
        counts.extended++;
        await audit(tx, SYSTEM, now, {
          orgId: row.orgId,
          action: 'gdap.auto_extended',
          entity: 'GdapRelationship',
          entityId: row.id,
          detail: { from: row.endsAt.toISOString(), to: endsAt.toISOString() },
        });
        return;
      }
      const won = claimed(
        await tx.gdapRelationship.updateMany({
          where: { id: row.id, version: row.version },
          data: { status: 'expired', version: { increment: 1 } },
        }),
      );
      if (!won) return;
      counts.expired++;
      await tx.gdapAccessAssignment.updateMany({
        where: { relationshipId: row.id, removedAt: null },
        data: { removedAt: now, status: 'deleted', activeKey: null },
      });
      await audit(tx, SYSTEM, now, {
        orgId: row.orgId,
        action: 'gdap.expired',
        entity: 'GdapRelationship',
        entityId: row.id,
      });
      const facts = await gdapFacts(tx, row);
      await enqueue(
        tx,
        'gdap.expired',
        row.id,
        { ...facts, endsAt: row.endsAt.toISOString() },
        gdapRecipients(row),
        now,
      );
    });
  }
  const marked = await ctx.store.transaction((tx) =>
    tx.gdapRelationship.updateMany({
      where: {
        status: 'active',
        autoExtendDays: 0,
        endsAt: { gt: now, lte: addDays(now, EXPIRING_WITHIN_DAYS) },
      },
      data: { status: 'expiring' },
    }),
  );
  counts.expiring = marked.count;
  return counts;
}
