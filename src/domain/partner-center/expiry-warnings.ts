import type { DomainContext } from '../shared/context.js';
import { enqueue, type Recipient } from '../shared/outbox.js';
import { claimed } from '../shared/store.js';
import { daysLeft, firstWarningBefore, linkAdminRoles, refreshTokenExpiry, warningDue } from './link-rules.js';

/**
 * L8: warns each linked organisation's administrators (L1), in Teams, before its stored sign-in would expire
 * unused: at 14 and at 3 days left, once per threshold. The link row records the threshold warned about
 * (a conditional update, so two instances running this at once warn once), and the outbox row's idempotency key
 * names the link, the refresh time and the threshold, so a warning is never queued twice; a refresh (any use)
 * restarts the 90 days and the warnings. Meant to run periodically (the server runs it every few hours).
 */
export async function warnExpiringPartnerCenterLinks(
  ctx: Pick<DomainContext, 'store' | 'now'>,
): Promise<{ warned: number }> {
  const now = ctx.now();
  const candidates = await ctx.store.read.partnerCenterLink.findMany({
    where: { status: 'active', refreshToken: { not: null }, tokenRefreshedAt: { lte: firstWarningBefore(now) } },
    select: { id: true, orgId: true, tokenRefreshedAt: true, warnedDaysLeft: true },
    orderBy: { tokenRefreshedAt: 'asc' },
    take: 500,
  });
  let warned = 0;
  for (const link of candidates) {
    const threshold = warningDue(link.tokenRefreshedAt, link.warnedDaysLeft, now);
    if (threshold === null) continue;
    const sent = await ctx.store.transaction(async (tx) => {
      const won = await tx.partnerCenterLink.updateMany({
        where: {
          id: link.id,
          tokenRefreshedAt: link.tokenRefreshedAt,
          OR: [{ warnedDaysLeft: null }, { warnedDaysLeft: { gt: threshold } }],
        },
        data: { warnedDaysLeft: threshold, warnedAt: now },
      });
      if (!claimed(won)) return false;
      const org = await tx.organization.findUnique({ where: { id: link.orgId }, select: { legalName: true } });
      const admins = await tx.user.findMany({
        where: {
          orgId: link.orgId,
          removedAt: null,
          aadObjectId: { not: null },
          roles: { some: { role: { in: [...linkAdminRoles] } } },
        },
        select: { aadObjectId: true },
      });
      const recipients: Recipient[] = admins.flatMap((a) => (a.aadObjectId ? [{ aadObjectId: a.aadObjectId }] : []));
      await enqueue(
        tx,
        'partner_center.link_expiring',
        `${link.id}:${link.tokenRefreshedAt.toISOString()}:${threshold}`,
        {
          orgId: link.orgId,
          orgName: org?.legalName ?? '',
          daysLeft: daysLeft(refreshTokenExpiry(link.tokenRefreshedAt), now),
          expiresAt: refreshTokenExpiry(link.tokenRefreshedAt).toISOString(),
        },
        recipients,
        now,
      );
      return true;
    });
    if (sent) warned++;
  }
  return { warned };
}
