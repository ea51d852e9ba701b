import { addCustomerForReseller } from '../../src/domain/customers/add-customer-for-reseller.js';
import { inviteCustomer } from '../../src/domain/customers/invite-customer.js';
import { requestThroughDirectory } from '../../src/domain/directory/directory-request.js';
import { requestPartnership } from '../../src/domain/partnerships/request-partnership.js';
import { customerOf, listInDirectory, partner, seedOffers } from './partners.js';
import { enrolledOrg, type EnrolledOrg, type World } from './fixtures.js';

/** The world the dashboard tests look at: one provider, its resellers, customers and open invitations. */
export interface DashboardWorld {
  /** Contoso Distribution Korea: indirect provider (KR), MPA signed */
  readonly provider: EnrolledOrg;
  /** Fabrikam Resellers Korea: indirect reseller (KR), MPA signed, partner of the provider */
  readonly reseller: EnrolledOrg;
  /** Northwind Traders Korea: indirect reseller (KR), MPA NOT signed, partner of the provider */
  readonly unsignedReseller: EnrolledOrg;
  /** Litware Partners: indirect reseller invited by the provider, not answered */
  readonly invitedReseller: EnrolledOrg;
  /** Tailspin Distribution Korea: listed provider the reseller asked through the directory (P10), not answered */
  readonly requestedProvider: EnrolledOrg;
  /** Wide World Distribution Korea: provider that invited the reseller by MPN ID (P1), not answered */
  readonly invitingProvider: EnrolledOrg;
  /** the provider's customers for `reseller`, newest last */
  readonly providerCustomers: readonly string[];
  /** the reseller's own customer (C2) */
  readonly resellerCustomer: string;
}

export const PROVIDER_CUSTOMER_NAMES = ['Adatum Corporation', 'Bellows College', 'Coho Winery'] as const;

/** Builds it through the use cases only (fixtures' rule: as valid as the rules let it be). */
export async function seedDashboardWorld(w: World): Promise<DashboardWorld> {
  await seedOffers(w);
  const provider = await enrolledOrg(w, {
    types: ['indirect_provider'],
    country: 'KR',
    legalName: 'Contoso Distribution Korea',
  });
  const reseller = await enrolledOrg(w, {
    types: ['indirect_reseller'],
    country: 'KR',
    legalName: 'Fabrikam Resellers Korea',
  });
  const unsignedReseller = await enrolledOrg(w, {
    types: ['indirect_reseller'],
    country: 'KR',
    legalName: 'Northwind Traders Korea',
    mpa: false,
  });
  const invitedReseller = await enrolledOrg(w, {
    types: ['indirect_reseller'],
    country: 'KR',
    legalName: 'Litware Partners',
  });
  await partner(w, provider, reseller);
  w.clock.advanceDays(1);
  await partner(w, provider, unsignedReseller);
  await requestPartnership(w.ctx, provider.admin, { resellerMpnId: invitedReseller.mpnId });
  // what waits on the reseller's side: its own directory request, and another provider's invitation
  const requestedProvider = await enrolledOrg(w, {
    types: ['indirect_provider'],
    country: 'KR',
    legalName: 'Tailspin Distribution Korea',
  });
  const invitingProvider = await enrolledOrg(w, {
    types: ['indirect_provider'],
    country: 'KR',
    legalName: 'Wide World Distribution Korea',
  });
  await listInDirectory(w, requestedProvider);
  await requestThroughDirectory(w.ctx, reseller.admin, { providerId: requestedProvider.orgId, consent: true });
  await requestPartnership(w.ctx, invitingProvider.admin, { resellerMpnId: reseller.mpnId });
  const providerCustomers: string[] = [];
  for (const [i, name] of PROVIDER_CUSTOMER_NAMES.entries()) {
    w.clock.advanceDays(1);
    const res = await addCustomerForReseller(w.ctx, provider.admin, {
      resellerId: reseller.orgId,
      customer: { name, domainPrefix: `dash${i}${Date.now().toString(36)}`, country: 'KR' },
      subscriptions: [{ offerId: 'm365-e3', quantity: 10 + i }],
    });
    providerCustomers.push(res.customerId);
  }
  w.clock.advanceDays(1);
  const { customerId: resellerCustomer } = await customerOf(w, reseller);
  await inviteCustomer(w.ctx, reseller.admin, { toEmail: 'it@litware-customer.example' });
  return {
    provider,
    reseller,
    unsignedReseller,
    invitedReseller,
    requestedProvider,
    invitingProvider,
    providerCustomers,
    resellerCustomer,
  };
}
