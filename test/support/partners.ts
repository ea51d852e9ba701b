import { authorizePartnership } from '../../src/domain/partnerships/authorize-partnership.js';
import { requestPartnership } from '../../src/domain/partnerships/request-partnership.js';
import { setDirectoryProfile } from '../../src/domain/directory/directory.js';
import { inviteCustomer } from '../../src/domain/customers/invite-customer.js';
import {
  respondToCustomerInvitation,
  type CustomerSigner,
} from '../../src/domain/customers/respond-customer-invitation.js';
import { entraRoleTemplates } from '../../src/domain/customers/customer-rules.js';
import { enrolledOrg, makeActor, type EnrolledOrg, type EnrolledOrgOptions, type World } from './fixtures.js';

export function provider(w: World, opts: EnrolledOrgOptions = {}): Promise<EnrolledOrg> {
  return enrolledOrg(w, { types: ['indirect_provider'], ...opts });
}

export function reseller(w: World, opts: EnrolledOrgOptions = {}): Promise<EnrolledOrg> {
  return enrolledOrg(w, { types: ['indirect_reseller'], ...opts });
}

/** P1+P2: the provider asks, the reseller authorises. */
export async function partner(w: World, p: EnrolledOrg, r: EnrolledOrg): Promise<string> {
  const draft = await requestPartnership(w.ctx, p.admin, { resellerMpnId: r.mpnId });
  const ok = await authorizePartnership(w.ctx, r.admin, { token: tokenOf(draft.link), consent: true });
  return ok.partnershipId;
}

export function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}

export async function listInDirectory(w: World, p: EnrolledOrg, services: string[] = ['azure', 'm365']): Promise<void> {
  await setDirectoryProfile(w.ctx, w.programAdmin, {
    orgId: p.orgId,
    summary: `${p.legalName} serves resellers`,
    services,
    contactEmail: 'partners@provider.example',
  });
}

export async function seedOffers(w: World): Promise<void> {
  const offers = [
    {
      id: 'm365-business-basic',
      nameEn: 'Microsoft 365 Business Basic',
      nameKo: 'Microsoft 365 Business Basic',
      minQuantity: 1,
      maxQuantity: 300,
    },
    { id: 'm365-e3', nameEn: 'Microsoft 365 E3', nameKo: 'Microsoft 365 E3', minQuantity: 1, maxQuantity: 10000 },
    { id: 'retired-offer', nameEn: 'Retired', nameKo: '단종', minQuantity: 1, maxQuantity: 10, active: false },
  ];
  for (const o of offers) await w.store.read.offer.upsert({ where: { id: o.id }, create: o, update: {} });
}

/** A customer's admin: the Global Administrator of a fresh customer tenant (its token's `wids`). */
export function customerActor(tenantId?: string): CustomerSigner {
  return customerSigner([entraRoleTemplates.globalAdministrator, entraRoleTemplates.user], tenantId);
}

/** Someone signed in to a customer tenant with these directory roles (undefined: the token had no `wids`). */
export function customerSigner(directoryRoles: readonly string[] | undefined, tenantId?: string): CustomerSigner {
  return { ...makeActor({ name: 'Customer Admin', ...(tenantId ? { tenantId } : {}) }), directoryRoles };
}

let n = 0;
export function customerDetails(country = 'KR'): { name: string; domain: string; country: string } {
  n++;
  return { name: `Fabrikam ${n}`, domain: `fabrikam${n}-${Date.now().toString(36)}.example`, country };
}

/** C2: the reseller invites, a new customer tenant accepts; returns the customer id. */
export async function customerOf(
  w: World,
  r: EnrolledOrg,
  providerId?: string,
  country = 'KR',
): Promise<{ customerId: string; actor: CustomerSigner }> {
  const inv = await inviteCustomer(w.ctx, r.admin, providerId ? { providerId } : {});
  const actor = customerActor();
  const res = await respondToCustomerInvitation(w.ctx, actor, {
    token: tokenOf(inv.link),
    decision: 'accept',
    consent: true,
    customer: customerDetails(country),
  });
  return { customerId: res.customerId!, actor };
}
