import type { DomainContext } from '../shared/context.js';
import { audit } from '../shared/audit.js';
import { AppError } from '../shared/errors.js';
import { claimed } from '../shared/store.js';
import { REFRESH_TOKEN_PURPOSE } from './link-rules.js';

/**
 * The port through which the Partner Center client gets app+user access tokens (Secure Application Model):
 * `accessTokenFor(orgId)` answers a token for the organisation's linked account, fresh enough to use now.
 * Refusals: PC_NOT_LINKED (no link), PC_SIGN_IN_AGAIN (Entra refused the stored sign-in: L7). Anything
 * else (Entra unreachable) is thrown as it came, and nothing is stored.
 */
export interface PartnerCenterTokens {
  accessTokenFor(orgId: string): Promise<string>;
}

/** Entra ID's answer to a refresh_token grant, as the port needs it (the HTTP client lives in src/entra). */
export type RefreshOutcome =
  | {
      readonly ok: true;
      readonly accessToken: string;
      /** Entra usually sends a new refresh token; the old one is then replaced (L4) */
      readonly refreshToken: string | null;
      readonly expiresInSeconds: number;
    }
  /** `invalid_grant`: the refresh token expired, was revoked, or its user must sign in again */
  | { readonly ok: false; readonly error: 'invalid_grant' };

export interface EntraRefresh {
  refresh(refreshToken: string): Promise<RefreshOutcome>;
}

/** An access token is used while it has at least this long left (Entra issues them for 60–90 minutes). */
const MIN_LIFETIME_MS = 5 * 60_000;

/**
 * L4, L7, L8: the token provider. Each access token is got with the stored refresh token just before it is needed
 * (kept in memory only, never stored, while it has five minutes left); the refresh token Entra sends back
 * replaces the stored one, sealed, and restarts its 90 days. A refused refresh token is dropped and the link marked
 * as needing a new sign-in. Two instances refreshing at once settle on the row's version: the loser keeps its
 * access token and stores nothing (both refresh tokens are valid).
 */
export function partnerCenterTokens(
  ctx: Pick<DomainContext, 'store' | 'cipher' | 'now' | 'log'>,
  entra: EntraRefresh,
): PartnerCenterTokens {
  const cache = new Map<string, { token: string; until: number; linkId: string }>();
  const inFlight = new Map<string, Promise<string>>();

  async function refreshFor(orgId: string): Promise<string> {
    const link = await ctx.store.read.partnerCenterLink.findUnique({ where: { orgId } });
    if (!link) throw new AppError('PC_NOT_LINKED');
    if (link.refreshToken === null || link.status !== 'active') throw new AppError('PC_SIGN_IN_AGAIN');
    const opened = ctx.cipher.open(link.refreshToken, REFRESH_TOKEN_PURPOSE);
    if (!opened.ok) {
      // another key, or an altered value: it can never be used again
      ctx.log?.warn({ orgId }, 'partner center refresh token does not open with the data encryption key');
      await markNeedsSignIn(link.id, link.version, 'unreadable');
      throw new AppError('PC_SIGN_IN_AGAIN');
    }
    const outcome = await entra.refresh(opened.plain);
    const now = ctx.now();
    if (!outcome.ok) {
      await markNeedsSignIn(link.id, link.version, outcome.error);
      throw new AppError('PC_SIGN_IN_AGAIN');
    }
    const replaced = outcome.refreshToken ?? opened.plain;
    const won = await ctx.store.transaction(async (tx) =>
      claimed(
        await tx.partnerCenterLink.updateMany({
          where: { id: link.id, version: link.version },
          data: {
            refreshToken: ctx.cipher.seal(replaced, REFRESH_TOKEN_PURPOSE),
            tokenRefreshedAt: now,
            warnedDaysLeft: null,
            warnedAt: null,
            version: { increment: 1 },
          },
        }),
      ),
    );
    if (!won) ctx.log?.info({ orgId }, 'partner center token refreshed by another instance at the same time');
    cache.set(orgId, {
      token: outcome.accessToken,
      until: now.getTime() + outcome.expiresInSeconds * 1000,
      linkId: link.id,
    });
    return outcome.accessToken;
  }

  async function markNeedsSignIn(id: string, version: number, reason: string): Promise<void> {
    await ctx.store.transaction(async (tx) => {
      const r = await tx.partnerCenterLink.updateMany({
        where: { id, version },
        data: { refreshToken: null, status: 'needs_sign_in', version: { increment: 1 } },
      });
      if (!claimed(r)) return;
      const link = await tx.partnerCenterLink.findUnique({ where: { id }, select: { orgId: true } });
      await audit(tx, { ref: 'system' }, ctx.now(), {
        orgId: link?.orgId ?? null,
        action: 'partner_center.sign_in_needed',
        entity: 'PartnerCenterLink',
        entityId: id,
        detail: { reason },
      });
    });
  }

  return {
    async accessTokenFor(orgId: string): Promise<string> {
      const cached = cache.get(orgId);
      if (cached && cached.until - ctx.now().getTime() > MIN_LIFETIME_MS) {
        // L6: an unlinked (or re-linked) organisation's token is not used again, even while it would still work
        const link = await ctx.store.read.partnerCenterLink.findUnique({
          where: { orgId },
          select: { id: true, status: true },
        });
        if (link?.id === cached.linkId && link.status === 'active') return cached.token;
        cache.delete(orgId);
      }
      let pending = inFlight.get(orgId);
      if (!pending) {
        pending = refreshFor(orgId).finally(() => inFlight.delete(orgId));
        inFlight.set(orgId, pending);
      }
      return pending;
    },
  };
}
