import type { Actor, DomainContext } from '../shared/context.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { claimed } from '../shared/store.js';
import { gdapFacts, gdapRecipients, type GdapRow } from './gdap-records.js';
import { gdapFor, type RemoteGdapRelationship } from './port.js';

/** G18: how long a list or a card waits for Graph before showing the bot's own rows with a note. */
export const GRAPH_READ_BUDGET_MS = 8_000;

/** Graph's changes are written by nobody in particular: the audit trail names the source. */
const GRAPH = { userId: null, ref: 'graph' } as const;
/** who the channel is told ended it when Graph says so (a product name, the same in every language) */
const MICROSOFT = 'Microsoft';

/** the local states Graph can still move (ended rows are final) */
const OPEN = ['created', 'approvalPending', 'active', 'expiring'];

export interface GraphRefresh {
  /** rows Graph moved (each written once, with its audit and outbox events) */
  readonly changed: number;
  /** Graph could not be read in time (GRAPH_* error or the budget): the rows are the bot's own */
  readonly unavailable: boolean;
}

const nothing: GraphRefresh = { changed: 0, unavailable: false };

/** Graph's answer, or undefined when it fails or takes longer than the budget. */
async function withinBudget<T>(ctx: DomainContext, orgId: string, ask: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), GRAPH_READ_BUDGET_MS);
    timer.unref();
  });
  try {
    const answer = await Promise.race([ask(), late]);
    if (answer === undefined) ctx.log?.warn({ orgId }, 'gdap: Graph did not answer within the budget');
    return answer;
  } catch (error) {
    ctx.log?.warn(
      { orgId, code: (error as { code?: unknown }).code ?? String(error) },
      'gdap: Graph relationships not read',
    );
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * G18: a connected organisation's relationships as Graph has them now. Rows recorded with a Graph id (G13) that
 * have not ended are read back (one relationship for a card, the whole list otherwise) and each change is written
 * with the domain's own transitions: the customer's approval (active, activated and ending when Graph says, the
 * `gdap.approved` card), termination, expiry (access assignments removed) and auto-extension, each by a conditional
 * update on the row's version so two readers write it once. Graph unreachable, refusing or slower than
 * GRAPH_READ_BUDGET_MS: nothing is written and the caller shows the bot's rows with a note; never thrown. An
 * embedded organisation, or one with nothing open in Graph, costs no call.
 */
export async function refreshFromGraph(
  ctx: DomainContext,
  orgId: string,
  actor: Actor,
  relationshipId?: string,
): Promise<GraphRefresh> {
  if (!ctx.gdap) return nothing;
  const rows = await ctx.store.read.gdapRelationship.findMany({
    where: {
      orgId,
      remoteId: { not: null },
      status: { in: OPEN },
      ...(relationshipId ? { id: relationshipId } : {}),
    },
    take: 500,
  });
  if (rows.length === 0) return nothing;
  const port = await gdapFor(ctx, orgId, actor);
  if (port.mode !== 'connected') return nothing;
  const only = relationshipId ? rows[0]?.remoteId : undefined;
  const remote = await withinBudget(ctx, orgId, async () =>
    only ? [await port.relationship(only)] : ((await port.relationships()) ?? []),
  );
  if (remote === undefined) return { changed: 0, unavailable: true };
  const byId = new Map<string, RemoteGdapRelationship>();
  for (const r of remote) if (r) byId.set(r.id, r);
  let changed = 0;
  for (const row of rows) {
    const r = row.remoteId ? byId.get(row.remoteId) : undefined;
    if (r && (await applyRemote(ctx, row, r))) changed++;
  }
  return { changed, unavailable: false };
}

/** One row moved to what Graph says, in one transaction; false when there was nothing to do or another won. */
async function applyRemote(ctx: DomainContext, row: GdapRow, r: RemoteGdapRelationship): Promise<boolean> {
  const pending = row.status === 'created' || row.status === 'approvalPending';
  if (r.status === 'active' && pending && r.activatedAt && r.endsAt) return approved(ctx, row, r.activatedAt, r.endsAt);
  if (r.status === 'active' && !pending && r.endsAt && row.endsAt && r.endsAt.getTime() > row.endsAt.getTime())
    return extended(ctx, row, r.endsAt);
  if (r.status === 'terminated' || r.status === 'terminating' || r.status === 'terminationRequested')
    return ended(ctx, row, 'terminated');
  // Graph's `expiring` is a relationship past its end being wound down (not G8's 30-day warning): it has ended
  if (r.status === 'expiring' || r.status === 'expired') return ended(ctx, row, 'expired', r.endsAt);
  return false;
}

/** G9's approval as Graph reports it: the customer approved on Microsoft's page. */
function approved(ctx: DomainContext, row: GdapRow, activatedAt: Date, endsAt: Date): Promise<boolean> {
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const won = claimed(
      await tx.gdapRelationship.updateMany({
        where: { id: row.id, version: row.version },
        data: {
          status: 'active',
          approvedAt: activatedAt,
          approvedByName: row.customerName,
          activatedAt,
          endsAt,
          version: { increment: 1 },
        },
      }),
    );
    if (!won) return false;
    await audit(tx, GRAPH, now, {
      orgId: row.orgId,
      action: 'gdap.approved',
      entity: 'GdapRelationship',
      entityId: row.id,
      detail: { remoteId: row.remoteId, endsAt: endsAt.toISOString() },
    });
    const facts = await gdapFacts(tx, row);
    await enqueue(
      tx,
      'gdap.approved',
      row.id,
      {
        ...facts,
        approvedByName: row.customerName,
        durationDays: row.durationDays,
        autoExtendDays: row.autoExtendDays,
        activatedAt: activatedAt.toISOString(),
        endsAt: endsAt.toISOString(),
      },
      gdapRecipients(row),
      now,
    );
    return true;
  });
}

/** G5: Graph extended it by 180 days. */
function extended(ctx: DomainContext, row: GdapRow, endsAt: Date): Promise<boolean> {
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const won = claimed(
      await tx.gdapRelationship.updateMany({
        where: { id: row.id, version: row.version },
        data: { status: 'active', endsAt, extendedAt: now, version: { increment: 1 } },
      }),
    );
    if (!won) return false;
    await audit(tx, GRAPH, now, {
      orgId: row.orgId,
      action: 'gdap.auto_extended',
      entity: 'GdapRelationship',
      entityId: row.id,
      detail: { from: row.endsAt?.toISOString() ?? null, to: endsAt.toISOString() },
    });
    return true;
  });
}

/** G8/G11: Graph ended it (terminated in Microsoft's admin center or by the customer, or expired). */
function ended(ctx: DomainContext, row: GdapRow, how: 'terminated' | 'expired', remoteEnd?: Date | null) {
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const endsAt = remoteEnd ?? row.endsAt ?? now;
    const won = claimed(
      await tx.gdapRelationship.updateMany({
        where: { id: row.id, version: row.version },
        data:
          how === 'terminated'
            ? {
                status: 'terminated',
                terminatedAt: now,
                terminatedByName: MICROSOFT,
                endReason: 'terminated_in_graph',
                version: { increment: 1 },
              }
            : { status: 'expired', endsAt, version: { increment: 1 } },
      }),
    );
    if (!won) return false;
    await tx.gdapAccessAssignment.updateMany({
      where: { relationshipId: row.id, removedAt: null },
      data: { removedAt: now, status: 'deleted', activeKey: null },
    });
    await audit(tx, GRAPH, now, {
      orgId: row.orgId,
      action: how === 'terminated' ? 'gdap.terminated' : 'gdap.expired',
      entity: 'GdapRelationship',
      entityId: row.id,
      detail: { remoteId: row.remoteId, from: row.status },
    });
    const facts = await gdapFacts(tx, row);
    if (how === 'terminated')
      await enqueue(
        tx,
        'gdap.terminated',
        row.id,
        { ...facts, terminatedByName: MICROSOFT, terminatedAt: now.toISOString() },
        gdapRecipients(row),
        now,
      );
    else
      await enqueue(tx, 'gdap.expired', row.id, { ...facts, endsAt: endsAt.toISOString() }, gdapRecipients(row), now);
    return true;
  });
}
