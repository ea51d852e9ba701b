import { z } from 'zod';
import { audit } from '../shared/audit.js';
import { businessProfileRoles, requireRole } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { addressSchema, supportContactSchema } from '../enrollment/enrollment-rules.js';
import { requireMember } from '../shared/members.js';
import { AppError } from '../shared/errors.js';
import { readListing, writeChangeRequest } from '../directory/listings.js';
import type { Tx } from '../shared/store.js';

export const updateBusinessProfileInput = z
  .object({
    address: addressSchema.optional(),
    supportContact: supportContactSchema.optional(),
    /** U4 → P10: a provider also sends its support contact to its directory listing as a change request */
    toDirectory: z.boolean().optional(),
  })
  .refine(
    (v) => v.address !== undefined || v.supportContact !== undefined || v.toDirectory === true,
    'nothing to change',
  );

export interface BusinessProfileView {
  readonly orgId: string;
  readonly legalName: string;
  readonly address: { line1: string; line2: string | null; city: string; state: string | null; postalCode: string };
  readonly country: string;
  readonly supportContact: { email: string; phone: string | null; website: string | null } | null;
  readonly changed: boolean;
  readonly isProvider: boolean;
  /** the P10 change request the update sent to the program administrator, if it sent one */
  readonly directoryRequestId: string | null;
}

/**
 * U4: the business-profile admin (or a global admin) maintains the organisation's business
 * profile: its address and customer-support contact (used for referrals and the directory).
 * The legal name, MPN ID and country come from enrollment (E1/E2) and are not edited here; the
 * provider directory entry itself is changed only by the program administrator (P10).
 */
export async function updateBusinessProfile(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof updateBusinessProfileInput>,
): Promise<BusinessProfileView> {
  const data = parseInput(updateBusinessProfileInput, input);
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    requireRole(member, businessProfileRoles);
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      include: { contacts: { where: { kind: 'support' } } },
    });
    const address = data.address
      ? {
          addressLine1: data.address.line1,
          addressLine2: data.address.line2 ?? null,
          city: data.address.city,
          state: data.address.state ?? null,
          postalCode: data.address.postalCode,
        }
      : null;
    const support = before.contacts[0];
    const addressChanged =
      address !== null &&
      (address.addressLine1 !== before.addressLine1 ||
        address.addressLine2 !== before.addressLine2 ||
        address.city !== before.city ||
        address.state !== before.state ||
        address.postalCode !== before.postalCode);
    const supportChanged =
      data.supportContact !== undefined &&
      (!support ||
        support.email !== data.supportContact.email ||
        support.phone !== data.supportContact.phone ||
        support.website !== data.supportContact.website);
    if (addressChanged && address) await tx.organization.update({ where: { id: member.orgId }, data: address });
    if (supportChanged && data.supportContact) {
      await tx.contact.upsert({
        where: { orgId_kind: { orgId: member.orgId, kind: 'support' } },
        create: { orgId: member.orgId, kind: 'support', ...data.supportContact },
        update: { ...data.supportContact },
      });
    }
    let directoryRequestId: string | null = null;
    if (data.toDirectory) {
      // U4 → P10: the listing itself changes only when a program administrator approves
      if (!before.isProvider) throw new AppError('NOT_INDIRECT_PROVIDER', { org: before.legalName });
      const current = await readListing(tx, member.orgId);
      const contact =
        data.supportContact ??
        (support ? { email: support.email, phone: support.phone, website: support.website } : null);
      const r = await writeChangeRequest(
        tx,
        ctx,
        { id: before.id, legalName: before.legalName, region: before.region },
        { userId: member.userId, name: member.name, aadObjectId: actor.aadObjectId },
        {
          displayName: current.displayName,
          regions: current.regions,
          services: current.services,
          summary: current.summary,
          contactEmail: contact?.email ?? current.contactEmail,
          contactPhone: contact?.phone ?? current.contactPhone,
          website: contact?.website ?? current.website,
        },
        now,
      );
      directoryRequestId = r.requestId;
    }
    if (addressChanged || supportChanged) {
      await audit(tx, { userId: member.userId, ref: actor.aadObjectId }, now, {
        orgId: member.orgId,
        action: 'organization.profile_updated',
        entity: 'Organization',
        entityId: member.orgId,
        detail: { address: addressChanged, supportContact: supportChanged },
      });
    }
    return {
      ...(await profileOf(tx, member.orgId)),
      changed: addressChanged || supportChanged,
      directoryRequestId,
    };
  });
}

/** U4: the business profile as its card shows it (business-profile admin or global admin; U3). */
export async function viewBusinessProfile(ctx: DomainContext, actor: Actor): Promise<BusinessProfileView> {
  const tx = ctx.store.read;
  const member = await requireMember(tx, actor);
  requireRole(member, businessProfileRoles);
  return { ...(await profileOf(tx, member.orgId)), changed: false, directoryRequestId: null };
}

/** The organisation's business profile as the card shows it (its address and customer-support contact). */
async function profileOf(
  tx: Pick<Tx, 'organization'>,
  orgId: string,
): Promise<Omit<BusinessProfileView, 'changed' | 'directoryRequestId'>> {
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: orgId },
    include: { contacts: { where: { kind: 'support' } } },
  });
  const s = org.contacts[0];
  return {
    orgId: org.id,
    legalName: org.legalName,
    address: {
      line1: org.addressLine1,
      line2: org.addressLine2,
      city: org.city,
      state: org.state,
      postalCode: org.postalCode,
    },
    country: org.country,
    supportContact: s ? { email: s.email, phone: s.phone, website: s.website } : null,
    isProvider: org.isProvider,
  };
}
