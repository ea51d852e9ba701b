import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { AppError } from '../shared/errors.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { expiryFrom, issueToken } from '../shared/tokens.js';
import type { InvitationDraft } from '../shared/links.js';
import { partnerCenterFor } from '../partner-center/port.js';

/**
 * C2/C3 in connected mode (issue 17): Partner Center's own relationship request link, asked before the
 * invitation's transaction (a Partner Center that does not answer throws a PC_* AppError, nothing is written);
 * null when the reseller's organisation is embedded, and the domain mints its own link as before.
 */
export async function partnerCenterInvitationLink(
  ctx: DomainContext,
  actor: Actor,
  providerId: string | undefined,
): Promise<string | null> {
  if (!ctx.partnerCenter) return null;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return null;
  if (!providerId) return port.customerInvitationLink({});
  const provider = await read.organization.findUnique({ where: { id: providerId }, select: { tenantId: true } });
  if (!provider) throw new AppError('NOT_FOUND', { entity: 'organization' });
  // C3: Partner Center names the indirect provider by its tenant id (its Partner Center id)
  return port.customerInvitationLink({ indirectProviderTenantId: provider.tenantId });
}

/** C2: true when the text keeps Partner Center's link. */
export function keepsPartnerCenterLink(message: string, link: string): boolean {
  return message.includes(link);
}

/**
 * C2/C3: a draft around Partner Center's link. The text may be edited but must keep the link (LINK_MISSING); it
 * is stored with the link as `{link}`, like a draft around ours. The row's token hash is of a token nobody holds:
 * the customer accepts in Partner Center, never on our page.
 */
export function draftAroundPartnerCenterLink(
  opts: { now: Date; ttlDays: number },
  link: string,
  edited: string | undefined,
  defaultText: (link: string, expiresAt: Date) => string,
): InvitationDraft {
  const { hash } = issueToken();
  const expiresAt = expiryFrom(opts.now, opts.ttlDays);
  const message = edited ?? defaultText(link, expiresAt);
  if (!keepsPartnerCenterLink(message, link)) throw new AppError('LINK_MISSING');
  return { tokenHash: hash, link, expiresAt, message, storedMessage: message.split(link).join('{link}') };
}
