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

/** The same provider, also answering for Microsoft Graph (the connected GDAP adapter, src/graph/connected-gdap.ts). */
export interface LinkedAccountTokens extends PartnerCenterTokens {
  /**
   * Issue 18 item 5: a delegated token for Microsoft Graph (DelegatedAdminRelationship.ReadWrite.All) from the same
   * linked account, the stored refresh token redeemed for Graph's scope. Refusals as above, and GRAPH_ACCESS_DENIED
   * when the account never consented to Graph's scope (linked before GDAP): the link itself stays usable.
   */
  graphAccessTokenFor(orgId: string): Promise<string>;
}

/** Which API an access token is for: the refresh token is one, each redemption names one resource (Entra ID). */
export type TokenAudience = 'partner-center' | 'graph';

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
  | { readonly ok: false; readonly error: 'invalid_grant' }
  /** the sign-in never consented to the audience's scope (AADSTS65001): the refresh token itself is still good */
  | { readonly ok: false; readonly error: 'consent_required' };

export interface EntraRefresh {
  /** `audience` defaults to Partner Center's. */
  refresh(refreshToken: string, audience?: TokenAudience): Promise<RefreshOutcome>;
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
): LinkedAccountTokens {
  // keyed by audience and organisation: a Graph token is never handed to Partner Center, nor the reverse
  const cache = new Map<string, { token: string; until: number; linkId: string }>();
  const inFlight = new Map<string, Promise<string>>();

  async function refreshFor(orgId: string, audience: TokenAudience): Promise<string> {
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
    const outcome = await entra.refresh(opened.plain, audience);
    const now = ctx.now();
    if (!outcome.ok && outcome.error === 'consent_required') {
      ctx.log?.warn({ orgId, audience }, 'the linked account has not consented to this audience; sign in again');
      throw new AppError('GRAPH_ACCESS_DENIED');
    }
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
    cache.set(`${audience}|${orgId}`, {
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

  async function tokenFor(orgId: string, audience: TokenAudience): Promise<string> {
    const key = `${audience}|${orgId}`;
    const cached = cache.get(key);
    if (cached && cached.until - ctx.now().getTime() > MIN_LIFETIME_MS) {
      // L6: an unlinked (or re-linked) organisation's token is not used again, even while it would still work
      const link = await ctx.store.read.partnerCenterLink.findUnique({
        where: { orgId },
        select: { id: true, status: true },
      });
      if (link?.id === cached.linkId && link.status === 'active') return cached.token;
      cache.delete(key);
    }
    let pending = inFlight.get(key);
    if (!pending) {
      // one redemption per organisation at a time: the next one reads the refresh token the first one stored
      const other = inFlight.get(`${audience === 'graph' ? 'partner-center' : 'graph'}|${orgId}`);
      pending = (other ? other.catch(() => undefined) : Promise.resolve())
        .then(() => refreshFor(orgId, audience))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  }

  return {
    accessTokenFor: (orgId) => tokenFor(orgId, 'partner-center'),
    graphAccessTokenFor: (orgId) => tokenFor(orgId, 'graph'),
  };
}
