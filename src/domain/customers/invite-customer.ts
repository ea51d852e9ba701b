import { z } from 'zod';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { t } from '../../i18n/index.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { draftInvitation } from '../shared/links.js';
import { formatDate } from '../../i18n/format/index.js';
import { loadOrg, mpaVersions, requireActivePartnership, requireReseller } from '../shared/orgs.js';
import { checkResellerMpa } from '../agreement/mpa-rules.js';
import { draftAroundPartnerCenterLink, partnerCenterInvitationLink } from './partner-center-invitation.js';

export const inviteCustomerInput = z.object({
  /** the customer's email, for the reseller's records (the reseller sends the message itself) */
  toEmail: z.email().max(320).optional(),
  /** C3: one of the reseller's providers, to be authorised at the same time */
  providerId: z.string().min(1).optional(),
  /** the edited draft; must still contain the link (C2) */
  message: z.string().max(8000).optional(),
  locale: z.enum(['en-US', 'ko-KR']).optional(),
});

export interface CustomerInvitationDraft {
  readonly invitationId: string;
  readonly kind: 'customer' | 'customer_with_provider';
  /** shown once: only its hash is stored */
  readonly link: string;
  readonly message: string;
  readonly expiresAt: Date;
}

/**
 * C2: a reseller invites a customer to a reseller relationship with a personalised link; C3: with
 * one of its providers (active partnership required, PARTNERSHIP_REQUIRED; and, since the provider
 * will transact with this reseller's customer, M2: the reseller must have signed the MPA). The draft
 * text is editable but must keep the link (LINK_MISSING). The reseller sends the message itself, so
 * the customer gets no notification from here; for C3 the provider's channel is told.
 * In connected mode (issue 17) the link is Partner Center's own relationship request link (for C3 naming the
 * provider), which Microsoft honours; the draft keeps it the same way.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function inviteCustomer(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof inviteCustomerInput>,
): Promise<CustomerInvitationDraft> {
  const input = parseInput(inviteCustomerInput, raw);
  const locale = input.locale ?? actor.locale;
  // connected mode: Partner Center's own link, asked before the transaction (issue 17)
  const partnerCenterLink = await partnerCenterInvitationLink(ctx, actor, input.providerId);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    const reseller = await loadOrg(tx, member.orgId);
    requireReseller(reseller);
    const provider = input.providerId ? await loadOrg(tx, input.providerId) : null;
    if (provider) {
      await requireActivePartnership(tx, provider.id, reseller.id);
      checkResellerMpa({ legalName: reseller.legalName, signedVersions: await mpaVersions(tx, reseller.id) });
    }
    const kind = provider ? 'customer_with_provider' : 'customer';
    const defaultText = (link: string, expiresAt: Date) =>
      t(locale, provider ? 'customer.inviteWithProvider.draft' : 'customer.invite.draft', {
        reseller: reseller.legalName,
        provider: provider?.legalName ?? '',
        link,
        expiresAt: formatDate(expiresAt, locale),
        sender: member.name,
      });
    const timing = { publicBaseUrl: ctx.publicBaseUrl, now, ttlDays: ctx.invitationTtlDays };
    const { tokenHash, link, expiresAt, message, storedMessage } = partnerCenterLink
      ? draftAroundPartnerCenterLink(timing, partnerCenterLink, input.message, defaultText)
      : draftInvitation(timing, input.message, defaultText);
    const inv = await tx.invitation.create({
      data: {
        kind,
        fromOrgId: reseller.id,
        providerId: provider?.id ?? null,
        toEmail: input.toEmail?.toLowerCase() ?? null,
        tokenHash,
        message: storedMessage,
        partnerCenterLink,
        expiresAt,
        createdByUserId: member.userId,
        createdAt: now,
      },
    });
    await audit(tx, auditActor(actor, member), now, {
      orgId: reseller.id,
      action: 'customer.invitation_created',
      entity: 'Invitation',
      entityId: inv.id,
      detail: { kind, providerId: provider?.id ?? null, toEmail: inv.toEmail, expiresAt: expiresAt.toISOString() },
    });
    if (provider) {
      await enqueue(
        tx,
        'customer.invited_with_provider',
        inv.id,
        {
          invitationId: inv.id,
          resellerId: reseller.id,
          resellerName: reseller.legalName,
          providerId: provider.id,
          providerName: provider.legalName,
          expiresAt: expiresAt.toISOString(),
        },
        [{ orgId: provider.id }],
        now,
      );
    }
    return { invitationId: inv.id, kind, link, message, expiresAt };
  });
}

export const revokeInvitationInput = z.object({ invitationId: z.string().min(1) });

/**
 * Revokes a link this organisation sent (partnership or customer invitation) so it can no longer be
 * used (TOKEN_REVOKED). Idempotent; a link already used cannot be revoked (TOKEN_USED).
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function revokeInvitation(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof revokeInvitationInput>,
): Promise<{ invitationId: string; revokedAt: Date }> {
  const input = parseInput(revokeInvitationInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    const inv = await tx.invitation.findUnique({ where: { id: input.invitationId } });
    if (!inv || inv.fromOrgId !== member.orgId) throw new AppError('NOT_FOUND', { entity: 'invitation' });
    if (inv.revokedAt) return { invitationId: inv.id, revokedAt: inv.revokedAt };
    if (inv.usedAt || inv.declinedAt) throw new AppError('TOKEN_USED');
    const won = await tx.invitation.updateMany({
      where: { id: inv.id, usedAt: null, declinedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (won.count !== 1) throw new AppError('TOKEN_USED');
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: 'invitation.revoked',
      entity: 'Invitation',
      entityId: inv.id,
    });
    return { invitationId: inv.id, revokedAt: now };
  });
}
