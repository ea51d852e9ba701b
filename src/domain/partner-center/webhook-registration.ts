import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember, auditActor } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { AppError } from '../shared/errors.js';
import type { Tx } from '../shared/store.js';
import { issueToken } from '../shared/tokens.js';
import { asLinkStatus, linkAdminRoles } from './link-rules.js';
import { supportedWebhookEvents } from './webhook-events.js';

/** W6: whether the organisation receives Partner Center's events, as the card shows it. */
export type WebhookView = { readonly registered: false } | { readonly registered: true; readonly since: Date };

export async function webhookView(tx: Tx, orgId: string): Promise<WebhookView> {
  const row = await tx.partnerCenterWebhook.findUnique({ where: { orgId }, select: { registeredAt: true } });
  return row ? { registered: true, since: row.registeredAt } : { registered: false };
}

/** W6 for the card: its administrators (L1) only, like the link itself. */
export async function viewPartnerCenterWebhook(ctx: DomainContext, actor: Actor): Promise<WebhookView> {
  const member = await actingMember(ctx.store.read, actor, linkAdminRoles);
  return webhookView(ctx.store.read, member.orgId);
}

/** What registering needs of Partner Center (src/partner-center/webhook-subscription.ts); no HTTP in the domain. */
export type RegisterWebhookPort = (orgId: string, webhookUrl: string, events: readonly string[]) => Promise<void>;

/** The path Partner Center posts events to (src/web/partner-center-events.ts). */
export const WEBHOOK_PATH = '/api/partner-center/events';

/**
 * W6: an administrator (L1) of a linked organisation whose sign-in works (L7) registers the bot's webhook with
 * Partner Center, for the events the bot tells (W4, W5). The URL carries a new opaque token (W2), stored as its
 * SHA-256 only; registering again replaces it, so an older URL stops being accepted. Partner Center is asked first,
 * and the token stored only once it accepted: a refusal leaves the organisation as it was.
 */
export async function registerPartnerCenterWebhook(
  ctx: DomainContext,
  actor: Actor,
  deps: { readonly publicBaseUrl: string; readonly register: RegisterWebhookPort },
): Promise<WebhookView> {
  const read = ctx.store.read;
  const member = await actingMember(read, actor, linkAdminRoles);
  const link = await read.partnerCenterLink.findUnique({
    where: { orgId: member.orgId },
    select: { status: true, refreshToken: true },
  });
  if (!link) throw new AppError('PC_NOT_LINKED');
  if (link.refreshToken === null || asLinkStatus(link.status) !== 'active') throw new AppError('PC_SIGN_IN_AGAIN');

  const { token, hash } = issueToken();
  const url = `${deps.publicBaseUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}?token=${encodeURIComponent(token)}`;
  await deps.register(member.orgId, url, supportedWebhookEvents);

  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const events = JSON.stringify(supportedWebhookEvents);
    const row = await tx.partnerCenterWebhook.upsert({
      where: { orgId: member.orgId },
      create: { orgId: member.orgId, tokenHash: hash, events, registeredByName: member.name, registeredAt: now },
      update: { tokenHash: hash, events, registeredByName: member.name, registeredAt: now },
    });
    await audit(tx, auditActor(actor, member), now, {
      orgId: member.orgId,
      action: 'partner_center.webhook_registered',
      entity: 'PartnerCenterWebhook',
      entityId: row.id,
      detail: { events: supportedWebhookEvents },
    });
    return webhookView(tx, member.orgId);
  });
}
