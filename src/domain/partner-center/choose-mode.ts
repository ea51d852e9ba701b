import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { AppError, parseInput } from '../shared/errors.js';
import { claimed } from '../shared/store.js';
import { asLinkMode, linkAdminRoles, linkModes } from './link-rules.js';
import { linkView, type PartnerCenterLinkView } from './link-status.js';

export const chooseModeInput = z.object({ mode: z.enum(linkModes) });

/**
 * L5: an administrator (L1) chooses embedded or connected for a linked organisation. Connected needs a working
 * sign-in (L7: PC_SIGN_IN_AGAIN otherwise); embedded can always be chosen. Choosing the mode it already has
 * changes nothing (a double click). The answer is the link as it now is.
 */
export async function choosePartnerCenterMode(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof chooseModeInput>,
): Promise<PartnerCenterLinkView> {
  const { mode } = parseInput(chooseModeInput, raw);
  return ctx.store.transaction(async (tx) => {
    const member = await actingMember(tx, actor, linkAdminRoles);
    const link = await tx.partnerCenterLink.findUnique({ where: { orgId: member.orgId } });
    if (!link) throw new AppError('PC_NOT_LINKED');
    if (asLinkMode(link.mode) !== mode) {
      if (mode === 'connected' && (link.refreshToken === null || link.status !== 'active'))
        throw new AppError('PC_SIGN_IN_AGAIN');
      const won = await tx.partnerCenterLink.updateMany({
        where: { id: link.id, version: link.version },
        data: { mode, version: { increment: 1 } },
      });
      if (!claimed(won)) throw new AppError('CONFLICT');
      const now = ctx.now();
      await audit(tx, auditActor(actor, member), now, {
        orgId: member.orgId,
        action: 'partner_center.mode_chosen',
        entity: 'PartnerCenterLink',
        entityId: link.id,
        detail: { from: link.mode, to: mode },
      });
    }
    return linkView(tx, member.orgId);
  });
}
