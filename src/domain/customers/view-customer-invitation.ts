import { z } from 'zod';
import type { DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { findInvitationByToken, requireUsable } from '../shared/links.js';
import { loadOrg } from '../shared/orgs.js';
import { mayAnswerForCustomer } from './customer-rules.js';

export const viewCustomerInvitationInput = z.object({
  token: z.string().max(200),
  /** the signed-in customer's tenant, when known: tells whether customer details are still needed */
  tenantId: z.string().min(1).max(100).optional(),
  /** the signed-in person's Entra ID directory role template ids (`wids`), when known */
  directoryRoles: z.array(z.string().max(100)).max(500).optional(),
});

export interface CustomerInvitationView {
  readonly invitationId: string;
  readonly kind: 'customer' | 'customer_with_provider';
  /** C2: who is asking */
  readonly resellerName: string;
  readonly resellerCountry: string;
  /** C3: the provider authorised at the same time, or null */
  readonly providerName: string | null;
  readonly expiresAt: Date;
  /** the tenant is already a customer: its recorded details are used (no form needed) */
  readonly existingCustomer: { readonly name: string; readonly domain: string; readonly country: string } | null;
  /**
   * C2/C3: the signed-in person may accept or decline (the customer tenant's Global Administrator);
   * false otherwise, and when no one is signed in. respondToCustomerInvitation enforces it.
   */
  readonly signerMayAnswer: boolean;
}

/**
 * What the acceptance page shows before the customer decides (C2/C3): who is asking and whether the
 * link still works (TOKEN_INVALID/EXPIRED/USED/REVOKED). Reads only; the decision is
 * respondToCustomerInvitation, which checks C7–C11.
 */
export async function viewCustomerInvitation(
  ctx: DomainContext,
  raw: z.input<typeof viewCustomerInvitationInput>,
): Promise<CustomerInvitationView> {
  const input = parseInput(viewCustomerInvitationInput, raw);
  const tx = ctx.store.read;
  const inv = await findInvitationByToken(tx, input.token);
  if (inv.kind !== 'customer' && inv.kind !== 'customer_with_provider') throw new AppError('TOKEN_INVALID');
  requireUsable(inv, ctx.now());
  const reseller = await loadOrg(tx, inv.fromOrgId);
  const provider = inv.providerId ? await loadOrg(tx, inv.providerId) : null;
  const existing = input.tenantId
    ? await tx.customer.findUnique({
        where: { tenantId: input.tenantId },
        select: { name: true, domain: true, country: true },
      })
    : null;
  return {
    invitationId: inv.id,
    kind: inv.kind,
    resellerName: reseller.legalName,
    resellerCountry: reseller.country,
    providerName: provider?.legalName ?? null,
    expiresAt: inv.expiresAt,
    existingCustomer: existing,
    signerMayAnswer: input.tenantId !== undefined && mayAnswerForCustomer(input.directoryRoles),
  };
}
