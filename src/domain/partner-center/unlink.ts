import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { linkAdminRoles } from './link-rules.js';

/**
 * L6: an administrator (L1) unlinks the organisation: the link row goes, and the sealed refresh token with it,
 * together with any start link not yet used and the webhook registration's token (W2); the organisation is embedded
 * again (L5). Unlinking an unlinked
 * organisation changes nothing (`unlinked: false`).
 */
export async function unlinkPartnerCenter(ctx: DomainContext, actor: Actor): Promise<{ unlinked: boolean }> {
  return ctx.store.transaction(async (tx) => {
    const member = await actingMember(tx, actor, linkAdminRoles);
    const link = await tx.partnerCenterLink.findUnique({ where: { orgId: member.orgId }, select: { id: true } });
    await tx.partnerCenterLinkRequest.deleteMany({ where: { orgId: member.orgId, usedAt: null } });
    if (!link) return { unlinked: false };
    await tx.partnerCenterLink.deleteMany({ where: { id: link.id } });
    // W2 (issue 17 item 4): the webhook URL's token goes too, so Partner Center's events for it are refused
    await tx.partnerCenterWebhook.deleteMany({ where: { orgId: member.orgId } });
    await audit(tx, auditActor(actor, member), ctx.now(), {
      orgId: member.orgId,
      action: 'partner_center.unlinked',
      entity: 'PartnerCenterLink',
      entityId: link.id,
    });
    return { unlinked: true };
  });
}
