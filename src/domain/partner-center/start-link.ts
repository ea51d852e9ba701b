import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { issueToken } from '../shared/tokens.js';
import { linkAdminRoles, START_LINK_MINUTES } from './link-rules.js';

export interface StartedLink {
  /** `${publicBaseUrl}/partner-center/link/<token>`: opens the sign-in; works once, for START_LINK_MINUTES */
  readonly link: string;
  readonly expiresAt: Date;
}

/** The path under PUBLIC_BASE_URL of the sign-in pages (src/web/partner-center-link.ts serves it). */
export const LINK_PATH = '/partner-center/link';

/**
 * L1, L2: a global admin or admin agent asks to link the organisation's Partner Center account. The answer is a
 * short-lived, single-use start link (only its SHA-256 is stored, like invitation tokens) that binds the sign-in
 * to this organisation and this person; the Teams identity itself never leaves the bot (L9).
 */
export async function startPartnerCenterLink(ctx: DomainContext, actor: Actor): Promise<StartedLink> {
  return ctx.store.transaction(async (tx) => {
    const member = await actingMember(tx, actor, linkAdminRoles);
    const now = ctx.now();
    const { token, hash } = issueToken();
    const expiresAt = new Date(now.getTime() + START_LINK_MINUTES * 60_000);
    // each card shows a fresh start link: the organisation's expired ones are of no use to anyone
    await tx.partnerCenterLinkRequest.deleteMany({ where: { orgId: member.orgId, expiresAt: { lt: now } } });
    const row = await tx.partnerCenterLinkRequest.create({
      data: { tokenHash: hash, orgId: member.orgId, userId: member.userId, userName: member.name, expiresAt },
      select: { id: true },
    });
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: 'partner_center.link_started',
      entity: 'PartnerCenterLinkRequest',
      entityId: row.id,
    });
    return { link: `${ctx.publicBaseUrl}${LINK_PATH}/${token}`, expiresAt };
  });
}
