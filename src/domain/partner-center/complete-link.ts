import { z } from 'zod';
import type { DomainContext } from '../shared/context.js';
import { retryOnUnique } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { AppError, parseInput } from '../shared/errors.js';
import { hasAnyRole, roleSchema } from '../shared/roles.js';
import { claimed, type Tx } from '../shared/store.js';
import { hashToken, tokenSchema, tokenState } from '../shared/tokens.js';
import { asLinkMode, linkAdminRoles, REFRESH_TOKEN_PURPOSE, type LinkMode } from './link-rules.js';

interface LinkRequestRow {
  readonly id: string;
  readonly orgId: string;
  readonly userId: string;
  readonly userName: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

/** L2: the start link's request, still usable (TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_USED otherwise). */
async function usableRequest(tx: Tx, token: string, now: Date): Promise<LinkRequestRow> {
  const row = await tx.partnerCenterLinkRequest.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) throw new AppError('TOKEN_INVALID');
  const state = tokenState({ expiresAt: row.expiresAt, usedAt: row.usedAt, revokedAt: null }, now);
  if (state === 'expired') throw new AppError('TOKEN_EXPIRED', { expiredAt: row.expiresAt.toISOString() });
  if (state !== 'usable') throw new AppError('TOKEN_USED');
  return row;
}

/**
 * L1: the person who asked for the start link must still be an administrator of the organisation when the
 * sign-in comes back (roles may have changed in the minutes between).
 */
async function requireStillAdmin(tx: Tx, request: LinkRequestRow): Promise<{ aadObjectId: string | null }> {
  const user = await tx.user.findUnique({ where: { id: request.userId }, include: { roles: true } });
  if (!user || user.removedAt || user.orgId !== request.orgId) throw new AppError('NOT_A_PARTNER_USER');
  const roles = user.roles.flatMap((g) => {
    const r = roleSchema.safeParse(g.role);
    return r.success ? [r.data] : [];
  });
  if (!hasAnyRole({ roles }, linkAdminRoles)) throw new AppError('ROLE_REQUIRED', { roles: linkAdminRoles.join(',') });
  return { aadObjectId: user.aadObjectId };
}

/** L2: before sending the browser to sign in, the start link must still work (the page says why not). */
export async function checkPartnerCenterLinkStart(
  ctx: DomainContext,
  raw: { token: string },
): Promise<{ orgName: string }> {
  const token = parseInput(tokenSchema, raw.token);
  const request = await usableRequest(ctx.store.read, token, ctx.now());
  const org = await ctx.store.read.organization.findUnique({
    where: { id: request.orgId },
    select: { legalName: true },
  });
  if (!org) throw new AppError('TOKEN_INVALID');
  return { orgName: org.legalName };
}

export const completeLinkInput = z.object({
  token: tokenSchema,
  /** the signed-in account's Entra tenant (its token's `tid`) */
  partnerTenantId: z.string().trim().min(1).max(100),
  /** the account's sign-in name, for the card */
  accountName: z.string().trim().max(320).nullable(),
  /** whether the sign-in used multi-factor authentication (its token's `amr` holds "mfa") */
  mfa: z.boolean(),
  refreshToken: z.string().min(1).max(20_000),
});

export interface CompletedLink {
  readonly orgId: string;
  readonly orgName: string;
  readonly mode: LinkMode;
  /** true when the organisation was linked before (a new sign-in replaced the stored one) */
  readonly relinked: boolean;
}

/**
 * L2–L5: the sign-in came back for a start link. Refused unless the link still works, its person is still an
 * administrator (L1), the sign-in used MFA and its account is of the organisation's own tenant (L3). The refresh
 * token is stored sealed (L4); a first link starts in embedded mode and a new sign-in keeps the chosen mode (L5).
 * The start link is used up in the same transaction (a second callback with it is TOKEN_USED).
 */
export async function completePartnerCenterLink(
  ctx: DomainContext,
  raw: z.input<typeof completeLinkInput>,
): Promise<CompletedLink> {
  const input = parseInput(completeLinkInput, raw);
  // two first links of one organisation at once: the loser's insert hits the unique orgId, rolls back, and its
  // retry finds the winner's link and replaces its sign-in (the last one to come back wins, as a re-link would)
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const request = await usableRequest(tx, input.token, now);
      const admin = await requireStillAdmin(tx, request);
      const org = await tx.organization.findUnique({
        where: { id: request.orgId },
        select: { id: true, legalName: true, tenantId: true },
      });
      if (!org) throw new AppError('TOKEN_INVALID');
      if (!input.mfa) throw new AppError('PC_MFA_REQUIRED');
      if (input.partnerTenantId.toLowerCase() !== org.tenantId.toLowerCase()) throw new AppError('PC_TENANT_MISMATCH');
      if (
        !claimed(
          await tx.partnerCenterLinkRequest.updateMany({
            where: { id: request.id, usedAt: null },
            data: { usedAt: now },
          }),
        )
      )
        throw new AppError('TOKEN_USED');

      const sealed = ctx.cipher.seal(input.refreshToken, REFRESH_TOKEN_PURPOSE);
      const fresh = {
        partnerTenantId: input.partnerTenantId,
        linkedByUserId: request.userId,
        linkedByName: request.userName,
        accountName: input.accountName,
        linkedAt: now,
        refreshToken: sealed,
        tokenRefreshedAt: now,
        status: 'active',
        warnedDaysLeft: null,
        warnedAt: null,
      };
      const existing = await tx.partnerCenterLink.findUnique({ where: { orgId: org.id } });
      const link = existing
        ? await tx.partnerCenterLink.update({
            where: { id: existing.id },
            data: { ...fresh, version: { increment: 1 } },
          })
        : await tx.partnerCenterLink.create({ data: { orgId: org.id, mode: 'embedded', ...fresh } });
      await audit(tx, { userId: request.userId, ref: admin.aadObjectId ?? `user:${request.userId}` }, now, {
        orgId: org.id,
        action: existing ? 'partner_center.relinked' : 'partner_center.linked',
        entity: 'PartnerCenterLink',
        entityId: link.id,
        detail: { partnerTenantId: input.partnerTenantId },
      });
      return { orgId: org.id, orgName: org.legalName, mode: asLinkMode(link.mode), relinked: existing !== null };
    }),
  );
}
