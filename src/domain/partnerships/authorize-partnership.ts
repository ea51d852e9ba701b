import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, isAppError, parseInput } from '../shared/errors.js';
import { t } from '../../i18n/index.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor, retryOnUnique } from '../shared/acting.js';
import { findInvitationByToken, requireUsable } from '../shared/links.js';
import { loadOrg, partnershipKey } from '../shared/orgs.js';
import { checkCanPartner } from './partnership-rules.js';
import { claimed } from '../shared/store.js';

export const authorizePartnershipInput = z.object({
  token: z.string().max(200),
  /** P2: the consent box */
  consent: z.boolean(),
});

export interface AuthorizedPartnership {
  readonly partnershipId: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly resellerId: string;
  readonly authorizedAt: Date;
  /** false when this call found the work already done (a repeat) */
  readonly created: boolean;
}

/**
 * P2–P6, P8: the reseller opens the provider's link, ticks the consent box and chooses
 * "Authorize indirect provider". Checks the link (single use, not revoked, not expired), consent
 * (CONSENT_REQUIRED), P5 (the caller's organisation is an indirect reseller) and P6 (same region);
 * then the partnership is active: the provider appears on the reseller's Indirect providers list and
 * the reseller on the provider's Indirect resellers list (P4). P3: the consent text, which grants the
 * provider admin access, is stored with the partnership. P8: other providers are unaffected.
 *
 * Idempotent: the same organisation using the same link again gets the same partnership back; a
 * pending directory request between the two becomes this partnership. Two concurrent uses of one link
 * claim it once (conditional update), the other sees it used by its own organisation and returns.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function authorizePartnership(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof authorizePartnershipInput>,
): Promise<AuthorizedPartnership> {
  const input = parseInput(authorizePartnershipInput, raw);
  try {
    return await retryOnUnique(() => attempt(ctx, actor, input));
  } catch (e) {
    if (isAppError(e) && e.code === 'TOKEN_USED') {
      const done = await alreadyDone(ctx, actor, input.token);
      if (done) return done;
    }
    throw e;
  }
}

async function alreadyDone(ctx: DomainContext, actor: Actor, token: string): Promise<AuthorizedPartnership | null> {
  const tx = ctx.store.read;
  const inv = await findInvitationByToken(tx, token);
  if (!inv.usedAt || !inv.partnershipId) return null;
  const p = await tx.partnership.findUnique({
    where: { id: inv.partnershipId },
    include: { provider: { select: { legalName: true } }, reseller: { select: { tenantId: true } } },
  });
  if (!p || p.reseller.tenantId !== actor.tenantId || !p.authorizedAt) return null;
  return {
    partnershipId: p.id,
    providerId: p.providerId,
    providerName: p.provider.legalName,
    resellerId: p.resellerId,
    authorizedAt: p.authorizedAt,
    created: false,
  };
}

async function attempt(
  ctx: DomainContext,
  actor: Actor,
  input: z.infer<typeof authorizePartnershipInput>,
): Promise<AuthorizedPartnership> {
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    const inv = await findInvitationByToken(tx, input.token);
    if (inv.kind !== 'partnership') throw new AppError('TOKEN_INVALID');
    requireUsable(inv, now);
    if (!input.consent) throw new AppError('CONSENT_REQUIRED');
    const reseller = await loadOrg(tx, member.orgId);
    const provider = await loadOrg(tx, inv.fromOrgId);
    // a link addressed to one MPN ID is not for another reseller
    if (inv.toMpnId && inv.toMpnId !== reseller.mpnId) throw new AppError('TOKEN_INVALID');
    checkCanPartner(provider, reseller);

    // single use: claim the link first; a concurrent use waits here and then finds it taken
    const won = claimed(
      await tx.invitation.updateMany({
        where: { id: inv.id, usedAt: null, revokedAt: null, declinedAt: null },
        data: { usedAt: now, acceptedTenantId: actor.tenantId },
      }),
    );
    if (!won) throw new AppError('TOKEN_USED');

    const consentText = t(actor.locale, 'partnership.consent', { provider: provider.legalName });
    const key = partnershipKey(provider.id, reseller.id);
    const live = await tx.partnership.findUnique({ where: { activeKey: key } });
    let partnershipId: string;
    let authorizedAt = now;
    let created = true;
    if (live && live.state !== 'requested') {
      // already partners (P8 allows one live partnership per pair): the link adds nothing
      partnershipId = live.id;
      authorizedAt = live.authorizedAt ?? now;
      created = false;
    } else {
      const data = {
        state: 'active',
        consentText,
        consentAt: now,
        authorizedByUserId: member.userId,
        authorizedByName: member.name,
        authorizedAt: now,
        decidedAt: now,
      };
      if (live) {
        await tx.partnership.update({ where: { id: live.id }, data: { ...data, version: { increment: 1 } } });
        partnershipId = live.id;
      } else {
        const p = await tx.partnership.create({
          data: {
            ...data,
            providerId: provider.id,
            resellerId: reseller.id,
            origin: 'provider_invite',
            activeKey: key,
            requestedByUserId: inv.createdByUserId,
            requestedAt: inv.createdAt,
          },
        });
        partnershipId = p.id;
      }
    }
    await tx.invitation.update({ where: { id: inv.id }, data: { partnershipId } });
    await audit(tx, auditActor(actor, member), now, {
      orgId: reseller.id,
      action: created ? 'partnership.authorized' : 'partnership.invitation_used',
      entity: 'Partnership',
      entityId: partnershipId,
      detail: { invitationId: inv.id, providerId: provider.id, consent: created ? consentText : null },
    });
    if (created) {
      await enqueue(
        tx,
        'partnership.authorized',
        partnershipId,
        {
          partnershipId,
          providerId: provider.id,
          providerName: provider.legalName,
          resellerId: reseller.id,
          resellerName: reseller.legalName,
          byName: member.name,
          at: now.toISOString(),
        },
        [{ orgId: provider.id }, { orgId: reseller.id }],
        now,
      );
    }
    return {
      partnershipId,
      providerId: provider.id,
      providerName: provider.legalName,
      resellerId: reseller.id,
      authorizedAt,
      created,
    };
  });
}
