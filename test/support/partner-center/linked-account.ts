import { REFRESH_TOKEN_PURPOSE } from '../../../src/domain/partner-center/link-rules.js';
import type { World } from '../fixtures.js';

/** An organisation's Partner Center link holding `plain` as its refresh token, sealed as the bot seals it. */
export async function linkedAccount(w: World, orgId: string, plain = 'refresh-0') {
  const now = w.clock.now();
  return w.store.read.partnerCenterLink.create({
    data: {
      orgId,
      partnerTenantId: 'tenant',
      linkedByUserId: 'user',
      linkedByName: 'Kim Min-jun',
      linkedAt: now,
      refreshToken: w.ctx.cipher.seal(plain, REFRESH_TOKEN_PURPOSE),
      tokenRefreshedAt: now,
    },
  });
}

/** The stored link and its refresh token opened with the data key (null when there is none, or it does not open). */
export async function storedRefreshToken(w: World, orgId: string) {
  const row = await w.store.read.partnerCenterLink.findUniqueOrThrow({ where: { orgId } });
  const opened = row.refreshToken === null ? null : w.ctx.cipher.open(row.refreshToken, REFRESH_TOKEN_PURPOSE);
  return { row, plain: opened?.ok ? opened.plain : null };
}
