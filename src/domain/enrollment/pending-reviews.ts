import { z } from 'zod';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { decodeCursor, encodeCursor, type Page } from '../shared/paging.js';
import { partnerTypeSchema, type PartnerType } from '../shared/partner-types.js';
import { enrollmentStateSchema, type EnrollmentState } from './enrollment-rules.js';

export const pendingApplicationsInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(10),
});

/** One application that waits: for a program administrator's decision, or for its contact's e-mail verification. */
export interface PendingApplication {
  readonly applicationId: string;
  readonly orgName: string;
  readonly mpnId: string;
  readonly country: string;
  readonly partnerType: PartnerType;
  readonly state: Extract<EnrollmentState, 'in_review' | 'awaiting_verification' | 'submitted'>;
  readonly submittedAt: Date;
  /** whole days since it was submitted */
  readonly ageDays: number;
}

const waiting = ['in_review', 'awaiting_verification', 'submitted'] as const;

/**
 * E4, E5: what waits for the program, oldest first (keyset paging on (createdAt, id) ascending): the
 * applications in review, and those still waiting for the primary contact to verify the e-mail address.
 * An application that went to review before any administrator existed got no review notice
 * (notify-reviewers.ts): it is found here. Program administrators only (U3).
 */
export async function listPendingApplications(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof pendingApplicationsInput> = {},
): Promise<Page<PendingApplication>> {
  const input = parseInput(pendingApplicationsInput, raw);
  await requireProgramAdmin(ctx, actor);
  const c = decodeCursor(input.cursor);
  const at = c ? new Date(c.t) : undefined;
  const rows = await ctx.store.read.enrollmentApplication.findMany({
    where: {
      state: { in: [...waiting] },
      ...(at && c ? { createdAt: { gte: at }, OR: [{ createdAt: { gt: at } }, { id: { gt: c.id } }] } : {}),
    },
    include: { org: { select: { legalName: true, mpnId: true, country: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const now = ctx.now().getTime();
  const last = shown[shown.length - 1];
  return {
    items: shown.map((a) => ({
      applicationId: a.id,
      orgName: a.org.legalName,
      mpnId: a.org.mpnId,
      country: a.org.country,
      partnerType: partnerTypeSchema.parse(a.partnerType),
      state: enrollmentStateSchema.parse(a.state) as PendingApplication['state'],
      submittedAt: a.createdAt,
      ageDays: Math.max(0, Math.floor((now - a.createdAt.getTime()) / 86_400_000)),
    })),
    nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
