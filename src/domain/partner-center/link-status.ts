import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import type { Tx } from '../shared/store.js';
import {
  asLinkMode,
  asLinkStatus,
  linkAdminRoles,
  refreshTokenExpiry,
  type LinkMode,
  type LinkStatus,
} from './link-rules.js';

/** What the `partner center` card shows: never the token, never an id. */
export type PartnerCenterLinkView =
  | { readonly linked: false; readonly orgName: string }
  | {
      readonly linked: true;
      readonly orgName: string;
      readonly linkedByName: string;
      readonly linkedAt: Date;
      readonly accountName: string | null;
      readonly mode: LinkMode;
      readonly status: LinkStatus;
      /** L8: when the stored sign-in expires if unused */
      readonly expiresAt: Date;
      /** the row's version: the card sends it back so a stale choice is noticed */
      readonly version: number;
    };

/** The organisation's link as the card shows it (any caller inside a transaction or not). */
export async function linkView(tx: Tx, orgId: string): Promise<PartnerCenterLinkView> {
  const org = await tx.organization.findUnique({ where: { id: orgId }, select: { legalName: true } });
  const orgName = org?.legalName ?? '';
  const link = await tx.partnerCenterLink.findUnique({ where: { orgId } });
  if (!link) return { linked: false, orgName };
  return {
    linked: true,
    orgName,
    linkedByName: link.linkedByName,
    linkedAt: link.linkedAt,
    accountName: link.accountName,
    mode: asLinkMode(link.mode),
    status: link.refreshToken === null ? 'needs_sign_in' : asLinkStatus(link.status),
    expiresAt: refreshTokenExpiry(link.tokenRefreshedAt),
    version: link.version,
  };
}

/** L1: the organisation's Partner Center link, for its global admins and admin agents only (others: ROLE_REQUIRED). */
export async function viewPartnerCenterLink(ctx: DomainContext, actor: Actor): Promise<PartnerCenterLinkView> {
  const tx = ctx.store.read;
  const member = await actingMember(tx, actor, linkAdminRoles);
  return linkView(tx, member.orgId);
}

/**
 * L5: the mode the organisation works in. An unlinked organisation, or one whose link needs a new sign-in, is
 * embedded: nothing changes for it (issue 17: "nothing changes for an unlinked organisation").
 */
export async function partnerCenterModeOf(
  ctx: Pick<DomainContext, 'store'>,
  orgId: string,
  /** the acting person: when the turn's facts are about this organisation, they answer without a query (issue 15) */
  actor?: Actor,
): Promise<LinkMode> {
  const facts = actor?.facts;
  if (facts?.org && facts.user?.orgId === orgId) return facts.org.partnerCenterMode;
  const link = await ctx.store.read.partnerCenterLink.findUnique({
    where: { orgId },
    select: { mode: true, status: true, refreshToken: true },
  });
  if (!link || link.refreshToken === null || asLinkStatus(link.status) !== 'active') return 'embedded';
  return asLinkMode(link.mode);
}
