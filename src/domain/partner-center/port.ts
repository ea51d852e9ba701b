import type { Actor, DomainContext } from '../shared/context.js';
import { partnerCenterModeOf } from './link-status.js';
import type { LinkMode } from './link-rules.js';
import type { PartnerCenterProfile } from '../enrollment/partner-center-evidence.js';

/*
 * The Partner Center port (issue 17 item 1): what Microsoft owns, as the domain asks for it. The domain never
 * speaks HTTP; an organisation in embedded mode (the default, and every unlinked one) is answered by the domain's
 * own records, a connected one by the adapter in src/partner-center/connected-port.ts. Connected calls are made
 * before a use case's transaction opens (never while it holds the database) and fail as AppErrors of the PC_*
 * family, so a use case that is refused by, or cannot reach, Partner Center has written nothing.
 */

/**
 * M2: a reseller's Microsoft Partner Agreement as Partner Center sees it ("Verify an indirect reseller's MPA
 * status"): signed, not signed, or one of its documented refusals of the MPN ID.
 */
export type ResellerAgreement = 'signed' | 'not-signed' | 'unknown-mpn-id' | 'other-region' | 'not-indirect-reseller';

/**
 * Who answers M2 for a use case: the domain's own M1 records (read inside the use case's transaction, as before
 * issue 17), or Partner Center's answer, got before the transaction.
 */
export type MpaEvidence =
  | { readonly source: 'records' }
  | {
      readonly source: 'partner-center';
      /** the MPN ID asked about: the transaction checks it is still the reseller's */
      readonly mpnId: string;
      readonly agreement: ResellerAgreement;
    };

/** What Partner Center owns, for one organisation. */
export interface PartnerCenterPort {
  readonly mode: LinkMode;
  /** M2: the MPA status of the reseller with this MPN ID (its PartnerID). */
  resellerAgreement(mpnId: string): Promise<MpaEvidence>;
  /**
   * C2/C3: the link a customer opens to accept the partner as its reseller (with `indirectProviderTenantId`, one
   * of its indirect providers too). Null: the domain mints its own invitation link (embedded).
   */
  customerInvitationLink(opts: { readonly indirectProviderTenantId?: string }): Promise<string | null>;
  /**
   * C6: ends the partner's reseller relationship with the customer of this tenant where Microsoft keeps it
   * (embedded: nothing to do outside the domain's records). Refusals: PC_REMOVAL_BLOCKED (Partner Center's
   * prerequisites), PC_* faults.
   */
  removeCustomerRelationship(customerTenantId: string): Promise<void>;
  /**
   * S4: orders a subscription for the customer of this tenant; `partnerIdOnRecord` is the associated reseller's
   * MPN ID (M2 checked first). In connected mode the catalogue's offer ids are Partner Center's.
   */
  placeOrder(order: NewOrder): Promise<void>;
  /**
   * S1–S3: creates the customer's tenant, associated with the indirect reseller. Null: the domain creates its own
   * (embedded). The credentials are Partner Center's one-time answer (S2): shown once, never stored or logged.
   */
  createCustomer(customer: NewCustomerTenant): Promise<CreatedCustomerTenant | null>;
  /**
   * P4: the organisation's indirect resellers (as a provider) or indirect providers (as a reseller) as Partner
   * Center lists them. Null: the domain's own records are the list (embedded).
   */
  indirectPartners(side: 'resellers' | 'providers'): Promise<readonly IndirectPartner[] | null>;
  /**
   * C5/S4: the partner's customers as Partner Center lists them (every page); with `indirectResellerTenantId`, only
   * that indirect reseller's. Null: the domain's own records are the list (embedded).
   */
  customers(opts: { readonly indirectResellerTenantId?: string }): Promise<readonly PartnerCenterCustomer[] | null>;
  /** S4: the subscriptions Partner Center has for the customer of this tenant. Null: embedded. */
  customerSubscriptions(customerTenantId: string): Promise<readonly PartnerCenterSubscription[] | null>;
  /**
   * S5: makes one of the partner's indirect resellers the support contact of a Partner Center subscription
   * (embedded: nothing to do outside the domain's records).
   */
  updateSupportContact(
    customerTenantId: string,
    subscriptionId: string,
    contact: { readonly tenantId: string; readonly mpnId: string; readonly name: string },
  ): Promise<void>;
}

/** C5: a customer as Partner Center lists it. */
export interface PartnerCenterCustomer {
  /** Partner Center's customer id, which is the customer's tenant id */
  readonly tenantId: string;
  readonly name: string;
  readonly domain: string;
  /** the indirect reseller's tenant id the customer is associated with, if any */
  readonly associatedResellerTenantId: string | null;
}

/** S4/S5: a subscription as Partner Center lists it. */
export interface PartnerCenterSubscription {
  readonly id: string;
  readonly offerId: string;
  readonly offerName: string;
  readonly quantity: number;
  /** Partner Center's status: active, suspended, deleted, … */
  readonly status: string;
  /** the partner of record's MPN ID, if any */
  readonly partnerIdOnRecord: string | null;
  /** new commerce: Partner Center keeps no support contact for it (S5) */
  readonly newCommerce: boolean;
}

export interface IndirectPartner {
  /** the partner's tenant id (Partner Center's id for it) */
  readonly tenantId: string;
  readonly name: string;
  readonly mpnId: string | null;
}

/** S1: what Partner Center needs to create a customer (its billing profile's contact and address). */
export interface NewCustomerTenant {
  readonly domain: string;
  readonly companyName: string;
  readonly country: string;
  readonly culture: string;
  readonly language: string;
  readonly contact: CustomerBillingContact;
  /** S3: the indirect reseller's tenant id (Partner Center's AssociatedPartnerId) */
  readonly associatedResellerTenantId: string;
}

export interface CustomerBillingContact {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber?: string | undefined;
  readonly addressLine1: string;
  readonly city: string;
  readonly state?: string | undefined;
  readonly postalCode: string;
}

export interface CreatedCustomerTenant {
  /** Partner Center's customer id, which is the new tenant's id */
  readonly tenantId: string;
  readonly adminUserName: string;
  readonly temporaryPassword: string;
}

export interface NewOrder {
  readonly customerTenantId: string;
  readonly offerId: string;
  readonly quantity: number;
  readonly partnerIdOnRecord?: string;
}

/** The connected implementation's factory (src/partner-center), given to the DomainContext by the composition root. */
export interface ConnectedPartnerCenter {
  forOrg(orgId: string): PartnerCenterPort;
  /**
   * E-PC1: the organisation's own profile as Partner Center holds it (legal business profile, MPN profile, and the
   * partner types its relationships show), for any linked organisation whose sign-in works, whatever its mode: it
   * reads only, and only about the organisation itself. Absent: the deployment cannot read profiles. Fails as a
   * PC_* AppError.
   */
  profileOf?(orgId: string): Promise<PartnerCenterProfile>;
}

/** The embedded implementation: every answer is "the domain's own records decide", exactly today's behaviour. */
export const embeddedPartnerCenter: PartnerCenterPort = Object.freeze({
  mode: 'embedded' as const,
  resellerAgreement: () => Promise.resolve({ source: 'records' as const }),
  customerInvitationLink: () => Promise.resolve(null),
  removeCustomerRelationship: () => Promise.resolve(),
  placeOrder: () => Promise.resolve(),
  createCustomer: () => Promise.resolve(null),
  indirectPartners: () => Promise.resolve(null),
  customers: () => Promise.resolve(null),
  customerSubscriptions: () => Promise.resolve(null),
  updateSupportContact: () => Promise.resolve(),
});

/**
 * L5: the port an organisation's use cases go through. Without a connected implementation (no Partner Center app
 * registration) this reads nothing at all; otherwise one read of the organisation's link decides.
 */
export async function partnerCenterFor(
  ctx: Pick<DomainContext, 'store' | 'partnerCenter'>,
  orgId: string,
  /** the acting person: their turn's facts carry their organisation's mode, so asking costs no query (issue 15) */
  actor?: Actor,
): Promise<PartnerCenterPort> {
  if (!ctx.partnerCenter) return embeddedPartnerCenter;
  return (await partnerCenterModeOf(ctx, orgId, actor)) === 'connected'
    ? ctx.partnerCenter.forOrg(orgId)
    : embeddedPartnerCenter;
}
