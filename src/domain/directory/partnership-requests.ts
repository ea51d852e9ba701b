import type { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';
import type { Tx } from '../shared/store.js';
import { after, decodeCursor, pageSchema, toPage, type Page } from '../shared/paging.js';

export interface PartnershipRequestRow {
  readonly partnershipId: string;
  readonly resellerId: string;
  readonly name: string;
  readonly requestedAt: Date;
}

/** P10: directory requests waiting for this provider's decision. */
export async function queryPartnershipRequests(
  tx: Tx,
  providerId: string,
  opts: { cursor?: string; limit: number },
): Promise<Page<PartnershipRequestRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.partnership.findMany({
    where: { providerId, state: 'requested', ...after('requestedAt', c) },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: { id: true, resellerId: true, requestedAt: true, reseller: { select: { legalName: true } } },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.requestedAt,
    (r) => ({ partnershipId: r.id, resellerId: r.resellerId, name: r.reseller.legalName, requestedAt: r.requestedAt }),
  );
}

/** P10: directory requests waiting for the caller's (provider's) decision. */
export async function listPartnershipRequests(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pageSchema> = {},
): Promise<Page<PartnershipRequestRow>> {
  const input = parseInput(pageSchema, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryPartnershipRequests(ctx.store.read, member.orgId, input);
}
