import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';
import type { Tx } from '../shared/store.js';
import { after, decodeCursor, pageSchema, toPage, type Page } from '../shared/paging.js';

export interface CustomerRow {
  readonly relationshipId: string;
  readonly customerId: string;
  readonly name: string;
  readonly domain: string;
  readonly country: string;
  readonly resellerId: string | null;
  readonly origin: string;
  readonly delegatedAdmin: boolean;
  readonly since: Date;
}

/**
 * C2/S3/S4: a partner's Customers list, optionally only those it serves for one reseller
 * (indexes: CustomerRelationship(partnerId, removedAt, createdAt) and (partnerId, resellerId, removedAt, createdAt)).
 */
export async function queryCustomersOfPartner(
  tx: Tx,
  partnerId: string,
  opts: { resellerId?: string; cursor?: string; limit: number },
): Promise<Page<CustomerRow>> {
  const c = decodeCursor(opts.cursor);
  const rows = await tx.customerRelationship.findMany({
    where: {
      partnerId,
      ...(opts.resellerId ? { resellerId: opts.resellerId } : {}),
      removedAt: null,
      ...after('createdAt', c),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: opts.limit + 1,
    select: {
      id: true,
      customerId: true,
      resellerId: true,
      origin: true,
      delegatedAdmin: true,
      createdAt: true,
      customer: { select: { name: true, domain: true, country: true } },
    },
  });
  return toPage(
    rows,
    opts.limit,
    (r) => r.createdAt,
    (r) => ({
      relationshipId: r.id,
      customerId: r.customerId,
      name: r.customer.name,
      domain: r.customer.domain,
      country: r.customer.country,
      resellerId: r.resellerId,
      origin: r.origin,
      delegatedAdmin: r.delegatedAdmin,
      since: r.createdAt,
    }),
  );
}

const listCustomersInput = pageSchema.extend({ resellerId: z.string().min(1).max(64).optional() });

/** S4: the caller's organisation's customers, optionally filtered by reseller. */
export async function listCustomers(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof listCustomersInput> = {},
): Promise<Page<CustomerRow>> {
  const input = parseInput(listCustomersInput, raw);
  const member = await actingMember(ctx.store.read, actor, resellerWorkflowRoles);
  return queryCustomersOfPartner(ctx.store.read, member.orgId, input);
}
