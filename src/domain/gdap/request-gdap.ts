import { z } from 'zod';
import type { Actor, DomainContext, Member } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { actingMember, auditActor, retryOnUnique } from '../shared/acting.js';
import { audit } from '../shared/audit.js';
import { enqueue } from '../shared/outbox.js';
import { issueToken, expiryFrom } from '../shared/tokens.js';
import type { Tx } from '../shared/store.js';
import {
  APPROVAL_LINK_DAYS,
  autoExtendDaysSchema,
  checkAutoExtend,
  displayNameKey,
  displayNameSchema,
  durationDaysSchema,
  gdapManagerRoles,
  roleTemplateIdsSchema,
  suggestedDisplayName,
} from './gdap-rules.js';
import { freeDisplayName, gdapFacts } from './gdap-records.js';
import { gdapFor } from './port.js';

export const requestGdapInput = z.object({
  customerId: z.string().min(1).max(100),
  /** G1: empty or absent → the customer's name and today's date */
  displayName: z.string().max(200).optional(),
  roleTemplateIds: z.array(z.string().max(100)).max(40),
  durationDays: z.union([z.number(), z.string().max(10)]),
  autoExtendDays: z.union([z.number(), z.string().max(10)]).default(0),
  /** G11: the relationship this request renews (set by renewGdap) */
  renewedFromId: z.string().min(1).max(100).optional(),
});

const checked = z.object({
  customerId: z.string(),
  displayName: displayNameSchema.optional(),
  roleTemplateIds: roleTemplateIdsSchema,
  durationDays: durationDaysSchema,
  autoExtendDays: autoExtendDaysSchema,
  renewedFromId: z.string().optional(),
});

export interface GdapRequestOutcome {
  readonly relationshipId: string;
  readonly displayName: string;
  readonly customerName: string;
  readonly status: 'created' | 'approvalPending';
  /** shown once: the customer's approval page (embedded, only its hash is stored) or Microsoft's (connected) */
  readonly approvalLink: string;
  readonly approvalExpiresAt: Date | null;
  /** G7: the indirect reseller that consents first, or null */
  readonly resellerName: string | null;
  readonly mode: 'embedded' | 'connected';
}

/** What the rules read before anything is written (and again inside the transaction). */
interface Target {
  member: Member;
  customer: { id: string; tenantId: string; name: string };
  reseller: { id: string; name: string; tenantId: string } | null;
  displayName: string;
}

/** G2, G6, G7, G1: the member, the customer served, the two-tier reseller and a free display name. */
async function resolveTarget(tx: Tx, actor: Actor, input: z.infer<typeof checked>, now: Date): Promise<Target> {
  const member = await actingMember(tx, actor, gdapManagerRoles);
  const customer = await tx.customer.findUnique({
    where: { id: input.customerId },
    select: { id: true, tenantId: true, name: true },
  });
  if (!customer) throw new AppError('NOT_FOUND', { entity: 'customer' });
  const rel = await tx.customerRelationship.findUnique({
    where: { activeKey: `${member.orgId}:${customer.id}` },
    select: { resellerId: true },
  });
  if (!rel) throw new AppError('GDAP_CUSTOMER_NOT_SERVED', { customer: customer.name });
  const resellerOrg = rel.resellerId
    ? await tx.organization.findUnique({
        where: { id: rel.resellerId },
        select: { id: true, legalName: true, tenantId: true },
      })
    : null;
  const reseller = resellerOrg
    ? { id: resellerOrg.id, name: resellerOrg.legalName, tenantId: resellerOrg.tenantId }
    : null;
  const displayName =
    input.displayName || (await freeDisplayName(tx, member.orgId, suggestedDisplayName(customer.name, now)));
  const taken = await tx.gdapRelationship.findUnique({
    where: { orgId_displayNameKey: { orgId: member.orgId, displayNameKey: displayNameKey(displayName) } },
    select: { id: true },
  });
  if (taken) throw new AppError('GDAP_NAME_TAKEN', { name: displayName });
  return { member, customer, reseller, displayName };
}

/**
 * G1–G7, G12, G13: a partner organisation asks a customer it serves for Entra built-in roles for a time. Embedded:
 * the bot records the relationship and mints the customer's approval link (single use, 90 days, only its SHA-256
 * kept); two-tier (the provider's relationship with the customer was made for an indirect reseller) it starts
 * `created` and waits for the reseller's consent, otherwise `approvalPending`. Connected: Graph creates it (and
 * locks it for approval) after this bot's own checks, and its link is the customer's; a Graph refusal writes
 * nothing. Roles (U3): global admin, admin agent.
 */
export async function requestGdap(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof requestGdapInput>,
): Promise<GdapRequestOutcome> {
  const input = parseInput(checked, parseInput(requestGdapInput, raw));
  checkAutoExtend(input.roleTemplateIds, input.autoExtendDays);
  // the rules first, read-only, so Graph is asked only for a request this bot would record
  const pre = await resolveTarget(ctx.store.read, actor, input, ctx.now());
  const port = await gdapFor(ctx, pre.member.orgId, actor);
  const remote = await port.requestRelationship({
    displayName: pre.displayName,
    customerTenantId: pre.customer.tenantId,
    customerName: pre.customer.name,
    roleTemplateIds: input.roleTemplateIds,
    durationDays: input.durationDays,
    autoExtendDays: input.autoExtendDays,
    ...(pre.reseller ? { indirectResellerTenantId: pre.reseller.tenantId } : {}),
  });
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const { member, customer, reseller, displayName } = await resolveTarget(
        tx,
        actor,
        { ...input, displayName: pre.displayName },
        now,
      );
      // embedded two-tier waits for the reseller (G7); Graph keeps its own partner consent (connected)
      const status = reseller && !remote ? 'created' : 'approvalPending';
      const issued = remote ? null : issueToken();
      const approvalExpiresAt = remote ? null : expiryFrom(now, APPROVAL_LINK_DAYS);
      const row = await tx.gdapRelationship.create({
        data: {
          orgId: member.orgId,
          displayName,
          displayNameKey: displayNameKey(displayName),
          customerId: customer.id,
          customerTenantId: customer.tenantId,
          customerName: customer.name,
          roleTemplateIds: input.roleTemplateIds.join(','),
          durationDays: input.durationDays,
          autoExtendDays: input.autoExtendDays,
          status,
          resellerId: reseller?.id ?? null,
          resellerName: reseller?.name ?? null,
          resellerTenantId: reseller?.tenantId ?? null,
          requestedByUserId: member.userId,
          requestedByName: member.name,
          requestedAt: now,
          tokenHash: issued?.hash ?? null,
          approvalExpiresAt,
          remoteId: remote?.id ?? null,
          remoteApprovalLink: remote?.approvalLink ?? null,
          renewedFromId: input.renewedFromId ?? null,
          createdAt: now,
        },
      });
      await audit(tx, auditActor(actor, member), now, {
        orgId: member.orgId,
        action: input.renewedFromId ? 'gdap.renewed' : 'gdap.requested',
        entity: 'GdapRelationship',
        entityId: row.id,
        detail: {
          customerId: customer.id,
          roleTemplateIds: input.roleTemplateIds,
          durationDays: input.durationDays,
          autoExtendDays: input.autoExtendDays,
          resellerId: reseller?.id ?? null,
          renewedFromId: input.renewedFromId ?? null,
          remoteId: remote?.id ?? null,
        },
      });
      const facts = await gdapFacts(tx, row);
      await enqueue(
        tx,
        'gdap.requested',
        row.id,
        { ...facts, requestedByName: member.name, durationDays: input.durationDays },
        [{ orgId: member.orgId }],
        now,
      );
      if (status === 'created' && reseller) {
        await enqueue(
          tx,
          'gdap.reseller_consent_requested',
          row.id,
          { ...facts, requestedByName: member.name },
          [{ orgId: reseller.id }],
          now,
        );
      }
      return {
        relationshipId: row.id,
        displayName,
        customerName: customer.name,
        status,
        approvalLink: remote ? remote.approvalLink : gdapApprovalLink(ctx.publicBaseUrl, issued?.token ?? ''),
        approvalExpiresAt,
        resellerName: reseller?.name ?? null,
        mode: remote ? 'connected' : 'embedded',
      };
    }),
  );
}

/** G9: the customer's approval page for a token. */
export function gdapApprovalLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/gdap/${token}`;
}
