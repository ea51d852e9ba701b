import type { z } from 'zod';
import { audit } from '../shared/audit.js';
import type { Actor, DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import {
  emailDomain,
  enrollInputSchema,
  isWebmailAddress,
  openStates,
  sealBillingDetails,
  type EnrollmentState,
} from './enrollment-rules.js';
import { needsBillingDetails, type PartnerType } from '../shared/partner-types.js';
import { regionOf } from '../shared/regions.js';
import { recordSubmitted } from './enrollment-transition.js';
import { issueVerification, type IssuedVerification } from './start-email-verification.js';
import type { MpnProfileSource } from './mpn.js';

export interface EnrollResult {
  readonly orgId: string;
  readonly applicationId: string;
  readonly state: EnrollmentState;
  /** the verification link for the primary contact; null when this call repeated an earlier enrollment */
  readonly verification: IssuedVerification | null;
}

/** E2: the MPN ID must belong to an active profile in the same country/region. */
export async function checkMpnProfile(mpn: MpnProfileSource, mpnId: string, country: string): Promise<void> {
  const profile = await mpn.find(mpnId);
  if (!profile) throw new AppError('MPN_NOT_FOUND', { mpnId });
  if (!profile.active) throw new AppError('MPN_INACTIVE', { mpnId });
  if (profile.country.toUpperCase() !== country.toUpperCase()) {
    throw new AppError('MPN_COUNTRY_MISMATCH', { mpnId, mpnCountry: profile.country.toUpperCase(), country });
  }
}

/** E3: the primary contact must use a work address, not a web-based mail service. */
export function checkWorkEmail(email: string): void {
  if (isWebmailAddress(email)) throw new AppError('WEBMAIL_NOT_ALLOWED', { domain: emailDomain(email) });
}

/**
 * E1–E3, E5, E7: a new organisation (the actor's tenant) enrolls as one partner type.
 * Checks the fields (E1, incl. direct-bill billing details), the MPN profile (E2) and the primary
 * contact's address (E3); creates the organisation, its contacts, the application and the
 * enrolling user as global admin and admin agent (E7), and sends the primary contact the
 * verification link (E4), leaving the application `awaiting_verification`.
 * Repeating the same enrollment while it is open returns it unchanged (no new link).
 * An organisation that is already enrolled adds a type with addPartnerType (E6).
 */
export async function enroll(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof enrollInputSchema>,
): Promise<EnrollResult> {
  const data = parseInput(enrollInputSchema, input);
  if (needsBillingDetails(data.partnerType) && !data.billing) throw new AppError('BILLING_DETAILS_REQUIRED');
  checkWorkEmail(data.primaryContact.email);
  await checkMpnProfile(ctx.mpn, data.mpnId, data.country);
  const region = regionOf(data.country);
  if (!region) throw new AppError('VALIDATION', { details: 'country: not served' });
  const now = ctx.now();
  const who = { ref: actor.aadObjectId };

  return ctx.store.transaction(async (tx) => {
    const existing = await tx.organization.findUnique({
      where: { tenantId: actor.tenantId },
      include: { applications: { orderBy: { createdAt: 'desc' } } },
    });
    if (existing) {
      const open = existing.applications.find((a) => openStates.includes(a.state as EnrollmentState));
      if (open && open.partnerType === data.partnerType && existing.mpnId === data.mpnId) {
        return { orgId: existing.id, applicationId: open.id, state: open.state as EnrollmentState, verification: null };
      }
      if (open) throw new AppError('APPLICATION_IN_PROGRESS', { partnerType: open.partnerType, state: open.state });
      const held: PartnerType[] = [];
      if (existing.isReseller) held.push('indirect_reseller');
      if (existing.isProvider) held.push('indirect_provider');
      if (existing.isDirectBill) held.push('direct_bill');
      throw new AppError('ALREADY_ENROLLED', {
        partnerType: held.join(', ') || existing.applications[0]?.partnerType || '',
      });
    }
    const mpnOwner = await tx.organization.findUnique({ where: { mpnId: data.mpnId }, select: { id: true } });
    if (mpnOwner) throw new AppError('MPN_IN_USE', { mpnId: data.mpnId });

    const org = await tx.organization.create({
      data: {
        tenantId: actor.tenantId,
        mpnId: data.mpnId,
        legalName: data.legalName,
        nameSearch: data.legalName.toLowerCase(),
        addressLine1: data.address.line1,
        addressLine2: data.address.line2 ?? null,
        city: data.address.city,
        state: data.address.state ?? null,
        postalCode: data.address.postalCode,
        country: data.country,
        region,
        billingDetails: data.billing ? sealBillingDetails(ctx, data.billing) : null,
        locale: data.locale ?? actor.locale,
        createdAt: now,
        contacts: {
          create: [
            {
              kind: 'primary',
              name: data.primaryContact.name,
              email: data.primaryContact.email,
              phone: data.primaryContact.phone,
            },
            {
              kind: 'support',
              email: data.supportContact.email,
              phone: data.supportContact.phone,
              website: data.supportContact.website,
            },
          ],
        },
      },
    });
    // the enrolling user's own address (Teams' member information), never the primary contact's: when Teams
    // could not tell it, none is recorded (it is filled in on a later turn that has it)
    const email = actor.email?.trim() || null;
    const user = await tx.user.create({
      data: {
        orgId: org.id,
        aadObjectId: actor.aadObjectId,
        name: actor.name,
        email,
        emailLower: email?.toLowerCase() ?? null,
        createdAt: now,
        roles: {
          create: [
            { role: 'global_admin', grantedAt: now },
            { role: 'admin_agent', grantedAt: now },
          ],
        },
      },
    });
    const app = await tx.enrollmentApplication.create({
      data: {
        orgId: org.id,
        partnerType: data.partnerType,
        state: 'submitted',
        submittedByUserId: user.id,
        createdAt: now,
      },
    });
    const by = { userId: user.id, ref: who.ref, ...(email ? { email } : {}) };
    await audit(tx, by, now, {
      orgId: org.id,
      action: 'organization.created',
      entity: 'Organization',
      entityId: org.id,
      detail: { mpnId: data.mpnId, country: data.country },
    });
    await audit(tx, by, now, {
      orgId: org.id,
      action: 'user.added',
      entity: 'User',
      entityId: user.id,
      detail: { roles: ['global_admin', 'admin_agent'], reason: 'E7: enrolling user' },
    });
    await recordSubmitted(tx, app.id, org.id, by, now, {
      partnerType: data.partnerType,
      mpnId: data.mpnId,
      country: data.country,
      // never the bank details themselves in the audit trail
      billingDetails: data.billing ? 'provided' : 'none',
    });
    const verification = await issueVerification(tx, ctx, app.id, by);
    return { orgId: org.id, applicationId: app.id, state: 'awaiting_verification', verification };
  });
}
