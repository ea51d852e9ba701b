import { z } from 'zod';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../shared/paging.js';

export const endRequestsInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(5),
});

/** P7: one request to end a partnership, waiting for a program administrator. */
export interface EndRequest {
  readonly partnershipId: string;
  readonly endRequestedAt: Date;
}

/**
 * P7: the partnerships whose end was asked for (state end_requested), oldest request first, for the
 * program administrator's decision cards (decidePartnershipEnd). Program administrators only (U3).
 */
export async function listEndRequests(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof endRequestsInput> = {},
): Promise<Page<EndRequest>> {
  const input = parseInput(endRequestsInput, raw);
  await requireProgramAdmin(ctx, actor);
  const c = decodeCursor(input.cursor);
  const at = c ? new Date(c.t) : undefined;
  const rows = await ctx.store.read.partnership.findMany({
    where: {
      state: 'end_requested',
      endRequestedAt: { not: null, ...(at ? { gte: at } : {}) },
      ...(at && c ? { OR: [{ endRequestedAt: { gt: at } }, { id: { gt: c.id } }] } : {}),
    },
    select: { id: true, endRequestedAt: true },
    orderBy: [{ endRequestedAt: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const last = shown[shown.length - 1];
  return {
    items: shown.map((r) => ({ partnershipId: r.id, endRequestedAt: r.endRequestedAt ?? new Date(0) })),
    nextCursor: more && last?.endRequestedAt ? encodeCursor(last.endRequestedAt, last.id) : null,
  };
}
