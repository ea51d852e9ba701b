import { z } from 'zod';
import { keepsPartnerCenterLink } from '../customers/partner-center-invitation.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { t } from '../../i18n/index.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { draftInvitation, redactLink, requireLink } from '../shared/links.js';
import { formatDate } from '../../i18n/format/index.js';
import { loadOrg, orgFactsSelect, partnershipKey, requireProvider, type OrgRow } from '../shared/orgs.js';
import { checkCanPartner } from './partnership-rules.js';
import type { Tx } from '../shared/store.js';

export const requestPartnershipInput = z
  .object({
    /** the reseller, by the work email of someone there, or by its MPN ID */
    resellerEmail: z.email().max(320).optional(),
    resellerMpnId: z
      .string()
      .trim()
      .regex(/^\d{5,10}$/, 'an MPN ID is 5 to 10 digits')
      .optional(),
    /** the edited draft; must still contain the link (P1). Omit to take the default draft. */
    message: z.string().max(8000).optional(),
    locale: z.enum(['en-US', 'ko-KR']).optional(),
  })
  .refine((v) => (v.resellerEmail === undefined) !== (v.resellerMpnId === undefined), {
    message: "give the reseller's email or its MPN ID (one of them)",
  });
export type RequestPartnershipInput = z.input<typeof requestPartnershipInput>;

export interface PartnershipRequestDraft {
  readonly invitationId: string;
  /** the personalised link; shown once (only its hash is stored) */
  readonly link: string;
  readonly message: string;
  readonly expiresAt: Date;
  /** the reseller, when it is already enrolled (P5/P6 were checked now) */
  readonly resellerId: string | null;
}

async function findReseller(tx: Tx, email?: string, mpnId?: string): Promise<OrgRow | null> {
  if (mpnId) {
    const org = await tx.organization.findUnique({ where: { mpnId }, select: orgFactsSelect });
    // P5: an MPN ID that is not enrolled cannot be an indirect reseller
    if (!org) throw new AppError('NOT_INDIRECT_RESELLER', { org: mpnId });
    return org;
  }
  const lower = email!.toLowerCase();
  const user = await tx.user.findFirst({ where: { emailLower: lower, removedAt: null }, select: { orgId: true } });
  const orgId =
    user?.orgId ?? (await tx.contact.findFirst({ where: { email: lower }, select: { orgId: true } }))?.orgId;
  return orgId ? tx.organization.findUnique({ where: { id: orgId }, select: orgFactsSelect }) : null;
}

/**
 * P1: a provider asks a reseller to authorise it, by the reseller's email or MPN ID. Produces the
 * draft message carrying the personalised link `${publicBaseUrl}/invite/<token>`; the provider may
 * edit the text (refused with LINK_MISSING if the edit drops the link) and sends it themselves.
 * When the reseller is named by MPN ID, P5 and P6 are checked now and an existing partnership is
 * refused (PARTNERSHIP_EXISTS). By email, a refusal would reveal which organisation the address
 * belongs to, so the answer is the same as for an unknown address (a draft; the link checks P5/P6/P8
 * when used); an enrolled reseller that can partner is still told directly (resellerId).
 *
 * Asking again for the same reseller mints a new link and revokes the earlier live ones (a link is
 * a secret shown once and cannot be shown again), so only the newest link works.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function requestPartnership(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof requestPartnershipInput>,
): Promise<PartnershipRequestDraft> {
  const input = parseInput(requestPartnershipInput, raw);
  const locale = input.locale ?? actor.locale;
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    const provider = await loadOrg(tx, member.orgId);
    requireProvider(provider);
    const found = await findReseller(tx, input.resellerEmail, input.resellerMpnId);
    let reseller: OrgRow | null = found;
    if (found) {
      try {
        checkCanPartner(provider, found);
        const live = await tx.partnership.findUnique({ where: { activeKey: partnershipKey(provider.id, found.id) } });
        if (live && live.state !== 'requested') throw new AppError('PARTNERSHIP_EXISTS', { state: live.state });
      } catch (e) {
        // By MPN ID (the public partner id) the refusal names what is wrong. By email it would tell
        // the provider which organisation the address belongs to (its name, region, MPA, partners):
        // the answer is the same as for an unknown address, a draft whose link checks P5/P6/P8 when used.
        if (input.resellerMpnId !== undefined) throw e;
        reseller = null;
      }
    }

    const { tokenHash, link, expiresAt, message, storedMessage } = draftInvitation(
      { publicBaseUrl: ctx.publicBaseUrl, now, ttlDays: ctx.invitationTtlDays },
      input.message,
      (link, expiresAt) =>
        t(locale, 'partnership.invite.draft', {
          provider: provider.legalName,
          link,
          expiresAt: formatDate(expiresAt, locale),
          sender: member.name,
        }),
    );

    const target = reseller
      ? {
          fromOrgId: provider.id,
          kind: 'partnership',
          OR: [
            { toMpnId: reseller.mpnId },
            ...(input.resellerEmail ? [{ toEmail: input.resellerEmail.toLowerCase() }] : []),
          ],
        }
      : { fromOrgId: provider.id, kind: 'partnership', toEmail: input.resellerEmail!.toLowerCase() };
    await tx.invitation.updateMany({
      where: { ...target, usedAt: null, revokedAt: null, declinedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    const inv = await tx.invitation.create({
      data: {
        kind: 'partnership',
        fromOrgId: provider.id,
        toEmail: input.resellerEmail?.toLowerCase() ?? null,
        toMpnId: reseller?.mpnId ?? input.resellerMpnId ?? null,
        tokenHash,
        message: storedMessage,
        expiresAt,
        createdByUserId: member.userId,
        createdAt: now,
      },
    });
    await audit(tx, auditActor(actor, member), now, {
      orgId: provider.id,
      action: 'partnership.invitation_created',
      entity: 'Invitation',
      entityId: inv.id,
      detail: {
        resellerId: reseller?.id ?? null,
        toEmail: inv.toEmail,
        toMpnId: inv.toMpnId,
        expiresAt: expiresAt.toISOString(),
      },
    });
    if (reseller) {
      await enqueue(
        tx,
        'partnership.invited',
        inv.id,
        {
          invitationId: inv.id,
          providerId: provider.id,
          providerName: provider.legalName,
          resellerId: reseller.id,
          resellerName: reseller.legalName,
          expiresAt: expiresAt.toISOString(),
        },
        [{ orgId: reseller.id }],
        now,
      );
    }
    return { invitationId: inv.id, link, message, expiresAt, resellerId: reseller?.id ?? null };
  });
}

export const editInvitationMessageInput = z.object({
  invitationId: z.string().min(1),
  message: z.string().min(1).max(8000),
});

/**
 * P1/C2: saves the edited draft of an invitation this organisation sent. The text is free, but
 * the personalised link must still be in it (LINK_MISSING otherwise). Roles as for sending it.
 */
export async function editInvitationMessage(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof editInvitationMessageInput>,
): Promise<{ invitationId: string; message: string }> {
  const input = parseInput(editInvitationMessageInput, raw);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const member = await actingMember(tx, actor, resellerWorkflowRoles);
    const inv = await tx.invitation.findUnique({ where: { id: input.invitationId } });
    if (!inv || inv.fromOrgId !== member.orgId) throw new AppError('NOT_FOUND', { entity: 'invitation' });
    // C2/C3 in connected mode: the draft keeps Partner Center's link instead of ours (issue 17)
    const pcLink = inv.partnerCenterLink;
    if (pcLink !== null && !keepsPartnerCenterLink(input.message, pcLink)) throw new AppError('LINK_MISSING');
    if (pcLink === null) requireLink(input.message, ctx.publicBaseUrl, inv.tokenHash);
    const stored =
      pcLink === null
        ? redactLink(input.message, ctx.publicBaseUrl, inv.tokenHash)
        : input.message.split(pcLink).join('{link}');
    if (inv.message === stored) return { invitationId: inv.id, message: input.message };
    await tx.invitation.update({ where: { id: inv.id }, data: { message: stored } });
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: 'invitation.message_edited',
      entity: 'Invitation',
      entityId: inv.id,
    });
    return { invitationId: inv.id, message: input.message };
  });
}
