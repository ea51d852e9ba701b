import { randomUUID } from 'node:crypto';

/**
 * The in-memory state of the local Partner Center: one signed-in partner (the linked organisation), its indirect
 * resellers or providers, its customers with their subscriptions, and the MPA status of MPN IDs. Seeded through
 * the small builder methods below; the routes read and change it as Partner Center would.
 */
export interface StubAddress {
  readonly country: string;
  readonly city: string;
  readonly state?: string;
  readonly addressLine1: string;
  readonly addressLine2?: string;
  readonly postalCode: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phoneNumber?: string;
}

export interface StubPartner {
  readonly tenantId: string;
  readonly mpnId: string;
  readonly companyName: string;
  readonly domain: string;
  readonly address: StubAddress;
  readonly primaryContact: { firstName: string; lastName: string; email: string; phoneNumber: string };
  /** LegalBusinessProfile.vettingStatus (VettingStatus: none, pending, authorized, rejected); authorized if unset */
  readonly vettingStatus?: 'none' | 'pending' | 'authorized' | 'rejected';
}

/** Another partner the signed-in one has a two-tier relationship with. */
export interface StubIndirectPartner {
  readonly tenantId: string;
  readonly name: string;
  readonly mpnId: string;
  /** Two-letter country, the reference's `location`. */
  readonly location: string;
  /** 'reseller': our indirect reseller (we are its provider); 'provider': our indirect provider. */
  readonly role: 'reseller' | 'provider';
}

export interface StubSubscription {
  readonly id: string;
  readonly offerId: string;
  readonly offerName: string;
  friendlyName: string;
  quantity: number;
  status: 'active' | 'suspended' | 'deleted';
  /** MPN ID of the indirect reseller of record. */
  partnerId?: string;
  orderId?: string;
  readonly creationDate: string;
  /** An Azure reservation blocks removing the relationship until it is cancelled (C6 prerequisite). */
  readonly azureReservation?: boolean;
  /** S5: the indirect reseller designated as support contact (legacy license-based subscriptions only). */
  supportContact?: { supportTenantId: string; supportMpnId: string; name: string };
}

export interface StubCustomer {
  /** The customer's tenant id, which Partner Center also uses as its customer id. */
  readonly id: string;
  readonly domain: string;
  readonly companyName: string;
  relationshipToPartner: 'reseller' | 'none';
  /** The indirect reseller's tenant id the customer is associated with. */
  associatedPartnerId?: string;
  readonly email?: string;
  readonly culture?: string;
  readonly language?: string;
  readonly address?: StubAddress;
  readonly subscriptions: StubSubscription[];
}

/** How the agreement-status route answers an MPN ID (partner-center/developer/verify-indirect-reseller-mpa-status). */
export type StubAgreement = 'signed' | 'not-signed' | 'other-region' | 'not-indirect-reseller';

export interface StubWebhookRegistration {
  readonly subscriberId: string;
  webhookUrl: string;
  webhookEvents: string[];
}

/**
 * The event names GET /webhooks/v1/registration/events offers (partner-center/developer/partner-center-webhook-events,
 * and Learn's current list of webhook events for 'reseller-relationship-accepted-by-customer').
 */
export const stubWebhookEventNames: readonly string[] = [
  'test-created',
  'subscription-updated',
  'usagerecords-thresholdExceeded',
  'referral-created',
  'referral-updated',
  'invoice-ready',
  'reseller-relationship-accepted-by-customer',
  'dap-admin-relationship-approved',
];

export class PartnerCenterWorld {
  partner: StubPartner = {
    tenantId: randomUUID(),
    mpnId: '4800001',
    companyName: 'Contoso Distribution',
    domain: 'contosodistribution.onmicrosoft.com',
    address: { country: 'KR', city: 'Seoul', addressLine1: '1 Jong-ro', postalCode: '03154' },
    primaryContact: { firstName: 'Min', lastName: 'Kim', email: 'min.kim@contoso.example', phoneNumber: '0212345678' },
  };
  readonly indirectPartners: StubIndirectPartner[] = [];
  readonly customers: StubCustomer[] = [];
  /** MPA status by MPN ID; an MPN ID absent here answers 2200 (invalid or not migrated). */
  readonly agreements = new Map<string, StubAgreement>();
  /** MPN IDs of partner organisations that exist (for GET /v1/profiles/mpn?mpnId=). */
  readonly knownMpnIds = new Set<string>();
  webhookRegistration: StubWebhookRegistration | undefined;

  /** Replaces the signed-in partner's profile fields given. */
  withPartner(partner: Partial<StubPartner>): this {
    this.partner = { ...this.partner, ...partner };
    this.knownMpnIds.add(this.partner.mpnId);
    return this;
  }

  /** One of our indirect resellers (we are its provider); its MPA is signed unless said otherwise. */
  withIndirectReseller(
    reseller: Partial<Omit<StubIndirectPartner, 'role'>> & { name: string },
    agreement: StubAgreement = 'signed',
  ): StubIndirectPartner {
    const added: StubIndirectPartner = {
      tenantId: reseller.tenantId ?? randomUUID(),
      mpnId: reseller.mpnId ?? String(4_900_000 + this.indirectPartners.length),
      location: reseller.location ?? this.partner.address.country,
      name: reseller.name,
      role: 'reseller',
    };
    this.indirectPartners.push(added);
    this.agreements.set(added.mpnId, agreement);
    this.knownMpnIds.add(added.mpnId);
    return added;
  }

  /** One of our indirect providers (we are its reseller). */
  withIndirectProvider(provider: Partial<Omit<StubIndirectPartner, 'role'>> & { name: string }): StubIndirectPartner {
    const added: StubIndirectPartner = {
      tenantId: provider.tenantId ?? randomUUID(),
      mpnId: provider.mpnId ?? String(4_950_000 + this.indirectPartners.length),
      location: provider.location ?? this.partner.address.country,
      name: provider.name,
      role: 'provider',
    };
    this.indirectPartners.push(added);
    this.knownMpnIds.add(added.mpnId);
    return added;
  }

  /** A customer we resell to, optionally associated with one of our indirect resellers. */
  withCustomer(customer: Partial<Omit<StubCustomer, 'subscriptions'>> & { companyName: string }): StubCustomer {
    const added: StubCustomer = {
      id: customer.id ?? randomUUID(),
      domain: customer.domain ?? `${customer.companyName.toLowerCase().replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`,
      companyName: customer.companyName,
      relationshipToPartner: customer.relationshipToPartner ?? 'reseller',
      ...(customer.associatedPartnerId === undefined ? {} : { associatedPartnerId: customer.associatedPartnerId }),
      subscriptions: [],
    };
    this.customers.push(added);
    return added;
  }

  withSubscription(
    customerId: string,
    subscription: Partial<StubSubscription> & { offerName: string; quantity: number },
  ): StubSubscription {
    const customer = this.customers.find((candidate) => candidate.id === customerId);
    if (customer === undefined) throw new Error(`no customer ${customerId} in the local Partner Center`);
    const added: StubSubscription = {
      id: subscription.id ?? randomUUID(),
      offerId: subscription.offerId ?? randomUUID().toUpperCase(),
      friendlyName: subscription.friendlyName ?? subscription.offerName,
      status: subscription.status ?? 'active',
      creationDate: subscription.creationDate ?? new Date().toISOString(),
      ...subscription,
    };
    customer.subscriptions.push(added);
    return added;
  }

  withAgreement(mpnId: string, agreement: StubAgreement): this {
    this.agreements.set(mpnId, agreement);
    this.knownMpnIds.add(mpnId);
    return this;
  }

  customer(id: string): StubCustomer | undefined {
    return this.customers.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  }
}
