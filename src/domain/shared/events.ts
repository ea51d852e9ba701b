import { z } from 'zod';

/**
 * Notification events written to the outbox (./outbox.ts) in the same transaction as the change
 * that causes them, one zod schema per type. The notifier (src/notify) parses `payload` with
 * `parseEventPayload` before rendering, so a payload that does not match its schema never leaves.
 *
 * Recipients: an OutboxEvent goes either to an organisation (`targetOrgId`: its notification
 * channel and admins) or to a person (`userRef`: "email:<address>" or "aad:<object id>").
 * Payloads carry what the message needs (names, locale) so rendering needs no further reads.
 */
const id = z.string().min(1);
const locale = z.enum(['en-US', 'ko-KR']);
const iso = z.iso.datetime();
const enrollmentState = z.enum(['submitted', 'awaiting_verification', 'in_review', 'approved', 'rejected']);
const partnerType = z.enum(['indirect_reseller', 'indirect_provider', 'direct_bill']);

/** Issue 18: what every GDAP event carries (names as requested; ids only to find the relationship) */
const gdapFacts = {
  relationshipId: id,
  orgId: id,
  orgName: z.string(),
  displayName: z.string(),
  customerName: z.string(),
  resellerName: z.string().nullable(),
  roleTemplateIds: z.array(z.string()),
};

export const eventSchemas = {
  /** E4: the link the primary contact opens to verify the address (sent to email:<address>). */
  'enrollment.verification_requested': z.object({
    applicationId: id,
    orgName: z.string(),
    contactName: z.string(),
    email: z.email(),
    link: z.url(),
    expiresAt: iso,
    locale,
  }),
  /** E5: every change of state goes to the primary contact and the organisation's channel. */
  'enrollment.state_changed': z.object({
    applicationId: id,
    orgId: id,
    orgName: z.string(),
    partnerType,
    from: enrollmentState.nullable(),
    to: enrollmentState,
    reason: z.string().nullable(),
    at: iso,
    locale,
  }),
  /**
   * E5: a program administrator has an application to review (sent to aad:<admin>); the bot renders
   * it as the review card. `primaryContact` and `billing` were added later (older rows lack them).
   * The bank account number only ever travels masked (the schema refuses anything else).
   */
  'enrollment.review_requested': z.object({
    applicationId: id,
    orgId: id,
    orgName: z.string(),
    mpnId: z.string(),
    country: z.string(),
    partnerType,
    primaryContact: z.string().optional(),
    /** the administrators' Teams user ids (29:...) known when it was queued: the card's refresh.userIds (added later) */
    refreshUserIds: z.array(z.string().min(1).max(200)).max(60).optional(),
    billing: z
      .object({
        accountHolder: z.string(),
        bankName: z.string(),
        accountNumberMasked: z.string().regex(/^•+( [A-Za-z0-9]{1,4})?$/, 'a masked account number'),
        swiftBic: z.string().nullable(),
        taxId: z.string(),
        billingEmail: z.string(),
        acceptsCriteria: z.boolean(),
      })
      .nullable()
      .optional(),
  }),
  /** U2/E7 */
  'user.added': z.object({
    orgId: id,
    orgName: z.string(),
    userId: id,
    userName: z.string(),
    email: z.email(),
    roles: z.array(z.string()),
    addedByName: z.string(),
    locale,
  }),
  'user.roles_changed': z.object({
    orgId: id,
    userId: id,
    userName: z.string(),
    roles: z.array(z.string()),
    changedByName: z.string(),
    locale,
  }),
  /** M1 */
  'mpa.signed': z.object({
    orgId: id,
    orgName: z.string(),
    version: z.string(),
    signerName: z.string(),
    signerEmail: z.email().nullable(),
    signedAt: iso,
    locale,
  }),

  // ---- partnerships and customers (helper B's use cases; B may refine these) ----
  /** P1/P10: a partnership was requested (invitation from a provider, or a directory request from a reseller). */
  'partnership.requested': z.object({
    partnershipId: id,
    providerId: id,
    providerName: z.string(),
    resellerId: id,
    resellerName: z.string(),
    origin: z.enum(['provider_invite', 'directory_request']),
    message: z.string().optional(),
  }),
  /** P1: a provider sent an enrolled reseller a partnership link (the provider mails the link itself). */
  'partnership.invited': z.object({
    invitationId: id,
    providerId: id,
    providerName: z.string(),
    resellerId: id,
    resellerName: z.string(),
    expiresAt: iso,
  }),
  /** P2–P4 */
  'partnership.authorized': z.object({
    partnershipId: id,
    providerId: id,
    providerName: z.string(),
    resellerId: id,
    resellerName: z.string(),
    byName: z.string(),
    at: iso,
  }),
  'partnership.declined': z.object({
    partnershipId: id,
    providerId: id,
    providerName: z.string(),
    resellerId: id,
    resellerName: z.string(),
    byName: z.string(),
    reason: z.string().nullable(),
  }),
  /** P3: the reseller withdrew the provider's admin access; the partnership stays. */
  'partnership.admin_access_withdrawn': z.object({
    partnershipId: id,
    providerName: z.string(),
    resellerName: z.string(),
    byName: z.string(),
  }),
  /** P3: the reseller gave the provider its admin access back. */
  'partnership.admin_access_restored': z.object({
    partnershipId: id,
    providerName: z.string(),
    resellerName: z.string(),
    byName: z.string(),
  }),
  /** P7 */
  'partnership.end_requested': z.object({
    partnershipId: id,
    providerName: z.string(),
    resellerName: z.string(),
    requestedByName: z.string(),
    reason: z.string(),
  }),
  'partnership.end_decided': z.object({
    partnershipId: id,
    providerName: z.string(),
    resellerName: z.string(),
    decision: z.enum(['approved', 'declined']),
    reason: z.string().nullable(),
  }),
  /** C3: a reseller invited a customer to authorise it together with this provider (sent to the provider). */
  'customer.invited_with_provider': z.object({
    invitationId: id,
    resellerId: id,
    resellerName: z.string(),
    providerId: id,
    providerName: z.string(),
    expiresAt: iso,
  }),
  /** C2/C3 */
  'customer.invitation_accepted': z.object({
    invitationId: id,
    customerId: id,
    customerName: z.string(),
    partnerId: id,
    partnerName: z.string(),
    providerName: z.string().nullable(),
  }),
  /**
   * Issue 17 item 4 (W5): a Partner Center webhook event other than a customer's acceptance (which is queued as
   * customer.invitation_accepted, like one accepted on our own page). `eventName` is one of the reference's names,
   * or "other": the message names it in the reader's language, never by the raw identifier.
   */
  'partner_center.event': z.object({
    orgName: z.string(),
    eventName: z.string(),
    changedAt: iso,
  }),
  'customer.invitation_declined': z.object({
    invitationId: id,
    partnerId: id,
    partnerName: z.string(),
  }),
  /** S1–S3 */
  'customer.added': z.object({
    customerId: id,
    customerName: z.string(),
    providerName: z.string(),
    resellerName: z.string().nullable(),
  }),
  /** C6 */
  'customer.relationship_removed': z.object({
    customerId: id,
    customerName: z.string(),
    partnerId: id,
    partnerName: z.string(),
  }),
  /** S4/S5 */
  'subscription.changed': z.object({
    subscriptionId: id,
    customerName: z.string(),
    offerId: z.string(),
    /** the offer's names as people read them (added later: older rows lack them, and read "an offer") */
    offerNames: z.object({ 'en-US': z.string(), 'ko-KR': z.string() }).optional(),
    change: z.enum(['added', 'partner_of_record_set', 'support_contact_set']),
    providerName: z.string(),
    resellerName: z.string().nullable(),
  }),
  /** Issue 14 item 1: a program administrator granted the role to this person (sent to aad:<person>). */
  'program_admin.granted': z.object({
    name: z.string(),
    grantedByName: z.string(),
  }),
  /** P10: a provider asked to change its directory listing (sent to each program administrator: aad:<admin>). */
  'directory.change_requested': z.object({
    requestId: id,
    orgId: id,
    orgName: z.string(),
    displayName: z.string(),
    requestedByName: z.string(),
    requestedAt: iso,
    /** what the card shows (added with the card renderer; the text line needs none of it) */
    regions: z.array(z.string()).optional(),
    services: z.array(z.string()).optional(),
    summary: z.string().optional(),
    contactEmail: z.string().nullable().optional(),
    contactPhone: z.string().nullable().optional(),
    website: z.string().nullable().optional(),
    /** Teams user ids of the administrators known to the bot: the card's refresh list */
    viewers: z.array(z.string()).optional(),
  }),
  /** P10: a program administrator decided it (sent to the requester's personal chat and the provider's channel). */
  'directory.change_decided': z.object({
    requestId: id,
    orgId: id,
    orgName: z.string(),
    decision: z.enum(['approved', 'declined']),
    byName: z.string(),
    at: iso,
    reason: z.string().nullable(),
  }),
  /**
   * Issue 17 item 2, L8: the organisation's Partner Center sign-in expires unused in `daysLeft` days (sent to each
   * of its administrators: aad:<admin>).
   */
  'partner_center.link_expiring': z.object({
    orgId: id,
    orgName: z.string(),
    daysLeft: z.number().int().min(0).max(90),
    expiresAt: iso,
  }),
  /**
   * Issue 18 (docs/gdap.md, G12): a GDAP relationship changed state, told to the requesting organisation's channel
   * (and, two-tier, the reseller's). `roleTemplateIds` are named by the renderer in the reader's language.
   */
  'gdap.requested': z.object({ ...gdapFacts, requestedByName: z.string(), durationDays: z.number().int() }),
  /** G7: the indirect reseller is asked to consent (its channel renders the consent card) */
  'gdap.reseller_consent_requested': z.object({ ...gdapFacts, requestedByName: z.string() }),
  'gdap.reseller_consented': z.object({ ...gdapFacts, byName: z.string() }),
  'gdap.reseller_declined': z.object({ ...gdapFacts, byName: z.string() }),
  /** G9: the customer's Global Administrator approved: the channel gets a card */
  'gdap.approved': z.object({
    ...gdapFacts,
    approvedByName: z.string(),
    durationDays: z.number().int(),
    autoExtendDays: z.number().int(),
    activatedAt: iso,
    endsAt: iso,
  }),
  'gdap.declined': z.object({ ...gdapFacts, declinedByName: z.string() }),
  'gdap.terminated': z.object({ ...gdapFacts, terminatedByName: z.string(), terminatedAt: iso }),
  /** G8: the sweep found it past its end (no auto-extend) */
  'gdap.expired': z.object({ ...gdapFacts, endsAt: iso }),
  /**
   * Issue 18 item 4 (G14–G17): the organisation's daily GDAP digest: relationships expiring within 30, 7 or 1 days
   * and those that ended (expired or terminated) since the last digest, each line once per threshold. `count` is
   * every line the digest claimed; `lines` the first of them (a card has a size limit), soonest end first.
   */
  'gdap.digest': z.object({
    orgId: id,
    orgName: z.string(),
    /** the digest's day (UTC date of its slot) and the slot itself */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    digestAt: iso,
    count: z.number().int().min(1),
    lines: z
      .array(
        z.object({
          relationshipId: id,
          displayName: z.string(),
          customerName: z.string(),
          roleTemplateIds: z.array(z.string()),
          kind: z.enum(['expiring', 'expired', 'terminated']),
          /** expiring: the threshold it is listed under (days left at most); null for an ended one */
          threshold: z.enum(['30', '7', '1']).nullable(),
          /** expiring and expired: its end; terminated: when it was terminated */
          endsAt: iso,
          /** expiring: whole days left at the digest's slot, rounded up; null for an ended one */
          daysLeft: z.number().int().min(0).max(30).nullable(),
        }),
      )
      .min(1)
      .max(50),
  }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

export const eventTypes = Object.keys(eventSchemas) as readonly EventType[];

export function isEventType(s: string): s is EventType {
  return Object.prototype.hasOwnProperty.call(eventSchemas, s);
}

/** Parses a stored payload (JSON text) of a known type; throws when it does not match its schema. */
export function parseEventPayload<T extends EventType>(type: T, json: string): EventPayload<T> {
  const schema: z.ZodType<EventPayload<T>> = eventSchemas[type] as unknown as z.ZodType<EventPayload<T>>;
  return schema.parse(JSON.parse(json));
}
