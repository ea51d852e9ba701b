import { z } from 'zod';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import type { PartnerType } from '../shared/partner-types.js';

export const mpnLookupInput = z.object({
  mpnId: z
    .string()
    .trim()
    .regex(/^\d{1,12}$/, 'an MPN ID is digits only'),
});

export interface MpnLookup {
  readonly mpnId: string;
  /** the registry's entry (E2's source), null when the MPN ID is not in it */
  readonly profile: { orgName: string; country: string; active: boolean; importedAt: Date } | null;
  /** the organisation enrolled with this MPN ID, if any */
  readonly enrolled: { orgName: string; partnerTypes: PartnerType[]; onboarded: boolean; enrolledAt: Date } | null;
}

/**
 * E2: what the program knows of an MPN ID: its entry in the MPN registry (as imported) and the
 * organisation enrolled with it. Program administrators only (U3).
 */
export async function lookupMpn(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof mpnLookupInput>,
): Promise<MpnLookup> {
  const { mpnId } = parseInput(mpnLookupInput, raw);
  await requireProgramAdmin(ctx, actor);
  const read = ctx.store.read;
  const profile = await read.mpnProfile.findUnique({ where: { mpnId } });
  const org = await read.organization.findFirst({ where: { mpnId } });
  return {
    mpnId,
    profile: profile
      ? { orgName: profile.orgName, country: profile.country, active: profile.active, importedAt: profile.importedAt }
      : null,
    enrolled: org
      ? {
          orgName: org.legalName,
          partnerTypes: [
            ...(org.isReseller ? (['indirect_reseller'] as const) : []),
            ...(org.isProvider ? (['indirect_provider'] as const) : []),
            ...(org.isDirectBill ? (['direct_bill'] as const) : []),
          ],
          onboarded: org.onboardedAt !== null,
          enrolledAt: org.createdAt,
        }
      : null,
  };
}
