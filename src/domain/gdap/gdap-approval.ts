import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { AppError, isAppError, parseInput } from '../shared/errors.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { claimed, type Tx } from '../shared/store.js';
import { addDays } from '../shared/context.js';
import { hashToken, tokenSchema } from '../shared/tokens.js';
import { mayAnswerForCustomer } from '../customers/customer-rules.js';
import { gdapStatusAt, rolesOf, wrongState } from './gdap-rules.js';
import { gdapFacts, gdapRecipients, type GdapRow } from './gdap-records.js';

/**
 * G9: the customer's side of an embedded GDAP request, on the bot's approval page (/gdap/<token>). The person
 * answering signed in like on the customer invitation page: the token's tenant (`tid`) and its directory roles
 * (`wids`); only a Global Administrator of the relationship's customer tenant may answer.
 */
export interface GdapSigner extends Actor {
  /** the Entra role template ids of the sign-in (`wids`), undefined when the token carried none */
  readonly directoryRoles: readonly string[] | undefined;
}

export interface GdapApprovalView {
  readonly relationshipId: string;
  readonly displayName: string;
  readonly partnerName: string;
  /** G7: the indirect reseller the provider asks for */
  readonly resellerName: string | null;
  readonly customerName: string;
  readonly roleTemplateIds: readonly string[];
  readonly durationDays: number;
  readonly autoExtendDays: number;
  readonly expiresAt: Date;
  /** set when a signer was given: whether they may answer (G9) */
  readonly signerMayAnswer: boolean;
}

async function findByToken(tx: Tx, token: string): Promise<GdapRow> {
  if (!tokenSchema.safeParse(token).success) throw new AppError('TOKEN_INVALID');
  const row = await tx.gdapRelationship.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || !row.approvalExpiresAt) throw new AppError('TOKEN_INVALID');
  return row;
}

/** G7–G9: the link still works for an answer: unused, in time, consented by the reseller, not ended. */
function requireAnswerable(row: GdapRow, now: Date): void {
  if (row.tokenUsedAt) throw new AppError('TOKEN_USED');
  const status = gdapStatusAt(row, now);
  if (status === 'created') throw new AppError('GDAP_WAITING_FOR_RESELLER', { reseller: row.resellerName ?? '' });
  if (status !== 'approvalPending') throw wrongState(status);
  if (row.approvalExpiresAt && now.getTime() >= row.approvalExpiresAt.getTime())
    throw new AppError('TOKEN_EXPIRED', { expiredAt: row.approvalExpiresAt.toISOString() });
}

function signerMay(row: GdapRow, signer: Pick<GdapSigner, 'tenantId' | 'directoryRoles'>): boolean {
  return signer.tenantId === row.customerTenantId && mayAnswerForCustomer(signer.directoryRoles);
}

export const viewGdapApprovalInput = z.object({
  token: z.string().max(200),
  tenantId: z.string().max(100).optional(),
  directoryRoles: z.array(z.string().max(100)).max(50).optional(),
});

/** G9: what the page shows; refuses (TOKEN_*, GDAP_WAITING_FOR_RESELLER, GDAP_WRONG_STATE) when it cannot be answered. */
export async function viewGdapApproval(
  ctx: DomainContext,
  raw: z.input<typeof viewGdapApprovalInput>,
): Promise<GdapApprovalView> {
  const input = parseInput(viewGdapApprovalInput, raw);
  const row = await findByToken(ctx.store.read, input.token);
  requireAnswerable(row, ctx.now());
  const org = await ctx.store.read.organization.findUnique({ where: { id: row.orgId }, select: { legalName: true } });
  return {
    relationshipId: row.id,
    displayName: row.displayName,
    partnerName: org?.legalName ?? '',
    resellerName: row.resellerName,
    customerName: row.customerName,
    roleTemplateIds: rolesOf(row.roleTemplateIds),
    durationDays: row.durationDays,
    autoExtendDays: row.autoExtendDays,
    expiresAt: row.approvalExpiresAt ?? ctx.now(),
    signerMayAnswer:
      input.tenantId !== undefined &&
      signerMay(row, { tenantId: input.tenantId, directoryRoles: input.directoryRoles }),
  };
}

export const respondGdapApprovalInput = z.object({
  token: z.string().max(200),
  decision: z.enum(['approve', 'decline']),
});

export interface GdapApprovalOutcome {
  readonly relationshipId: string;
  readonly decision: 'approved' | 'declined';
  readonly activatedAt: Date | null;
  readonly endsAt: Date | null;
  /** false when this answer found the same answer already given (nothing written) */
  readonly changed: boolean;
}

/**
 * G9, G12: the customer's Global Administrator approves (active from now, ending `durationDays` later) or declines
 * (terminated). The signer is checked first (GDAP_CUSTOMER_ADMIN_REQUIRED: nothing changes and the link still works).
 * Two answers at once: the link is claimed by a conditional update; the loser from the same tenant is told the
 * winner's answer.
 */
export async function respondToGdapApproval(
  ctx: DomainContext,
  signer: GdapSigner,
  raw: z.input<typeof respondGdapApprovalInput>,
): Promise<GdapApprovalOutcome> {
  const input = parseInput(respondGdapApprovalInput, raw);
  try {
    return await ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const row = await findByToken(tx, input.token);
      if (!signerMay(row, signer)) throw new AppError('GDAP_CUSTOMER_ADMIN_REQUIRED', { customer: row.customerName });
      requireAnswerable(row, now);
      const approve = input.decision === 'approve';
      const endsAt = approve ? addDays(now, row.durationDays) : null;
      const won = claimed(
        await tx.gdapRelationship.updateMany({
          where: { id: row.id, tokenUsedAt: null, status: 'approvalPending', version: row.version },
          data: approve
            ? {
                status: 'active',
                tokenUsedAt: now,
                approvedAt: now,
                approvedByName: signer.name,
                approvedByRef: signer.aadObjectId,
                activatedAt: now,
                endsAt,
                version: { increment: 1 },
              }
            : {
                status: 'terminated',
                tokenUsedAt: now,
                declinedAt: now,
                approvedByName: signer.name,
                approvedByRef: signer.aadObjectId,
                terminatedAt: now,
                terminatedByName: signer.name,
                endReason: 'declined',
                version: { increment: 1 },
              },
        }),
      );
      if (!won) throw new AppError('TOKEN_USED');
      const who = { userId: null, ref: signer.aadObjectId, ...(signer.email ? { email: signer.email } : {}) };
      await audit(tx, who, now, {
        orgId: row.orgId,
        action: approve ? 'gdap.approved' : 'gdap.declined',
        entity: 'GdapRelationship',
        entityId: row.id,
        detail: { tenantId: signer.tenantId, endsAt: endsAt?.toISOString() ?? null },
      });
      const facts = await gdapFacts(tx, row);
      if (approve && endsAt) {
        await enqueue(
          tx,
          'gdap.approved',
          row.id,
          {
            ...facts,
            approvedByName: signer.name,
            durationDays: row.durationDays,
            autoExtendDays: row.autoExtendDays,
            activatedAt: now.toISOString(),
            endsAt: endsAt.toISOString(),
          },
          gdapRecipients(row),
          now,
        );
      } else {
        await enqueue(tx, 'gdap.declined', row.id, { ...facts, declinedByName: signer.name }, gdapRecipients(row), now);
      }
      return {
        relationshipId: row.id,
        decision: approve ? 'approved' : 'declined',
        activatedAt: approve ? now : null,
        endsAt,
        changed: true,
      };
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'TOKEN_USED') {
      // a concurrent answer from this tenant won: tell the same outcome, write nothing
      const row = await findByToken(ctx.store.read, input.token).catch(() => null);
      if (row?.tokenUsedAt && row.approvedByRef !== null && row.customerTenantId === signer.tenantId) {
        const approved = row.declinedAt === null;
        return {
          relationshipId: row.id,
          decision: approved ? 'approved' : 'declined',
          activatedAt: row.activatedAt,
          endsAt: row.endsAt,
          changed: false,
        };
      }
    }
    throw e;
  }
}
