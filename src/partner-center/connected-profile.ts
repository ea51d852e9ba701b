import type { PartnerCenterProfile } from '../domain/enrollment/partner-center-evidence.js';
import type { ConnectedPartnerCenter } from '../domain/partner-center/port.js';
import type { PartnerType } from '../domain/shared/partner-types.js';
import { PartnerCenterClient } from './client.js';
import { asAppError, type ConnectedPartnerCenterOptions } from './connected-port.js';
import type { LegalBusinessProfile, MpnProfile } from './schemas/profiles.js';
import type { PartnerRelationship } from './schemas/relationships.js';

/**
 * E-PC1/E-PC2: the organisation's own profile from Partner Center, in four reads made together:
 * - `GET /v1/profiles/legalbusiness?vettingVersion=Current` (partner-center/developer/get-legal-business-profile):
 *   legal name, address and country, primary contact, and `vettingStatus` ("authorized": Microsoft verified it);
 * - `GET /v1/profiles/mpn` (partner-center/developer/get-partner-network-profile): the MPN ID (PartnerID);
 * - `GET /v1/relationships?relationship_type=IsIndirectResellerOf` and `…=IsIndirectCloudSolutionProviderOf`
 *   (partner-center/developer/retrieve-a-list-of-indirect-resellers) for the partner types. The REST reference has
 *   no read of an account's CSP partner types (no profile carries one), and these are the documented reads that
 *   show them: a partner with indirect providers acts as an indirect reseller, one with indirect resellers as an
 *   indirect provider. A direct-bill partner is not visible this way, and an empty list proves nothing.
 * Any failure is one PC_* AppError (connected-port.ts): the use case then changes nothing.
 */
export function profileReader(
  options: ConnectedPartnerCenterOptions,
): (orgId: string) => Promise<PartnerCenterProfile> {
  return async (orgId) => {
    const client = new PartnerCenterClient({
      ...options.client,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      accessToken: () => options.tokens.accessTokenFor(orgId),
      logger: options.logger,
    });
    try {
      const [legal, mpn, providers, resellers] = await Promise.all([
        client.profiles.legalBusiness(),
        client.profiles.mpn(),
        client.relationships.list('IsIndirectResellerOf'),
        client.relationships.list('IsIndirectCloudSolutionProviderOf'),
      ]);
      return asProfile(legal, mpn, providers, resellers);
    } catch (error) {
      throw asAppError(error);
    }
  };
}

/** The connected implementation with profile reads added (the composition root wraps connectedPartnerCenter). */
export function withProfileReads(
  connected: ConnectedPartnerCenter,
  options: ConnectedPartnerCenterOptions,
): ConnectedPartnerCenter {
  const read = profileReader(options);
  return { forOrg: (orgId) => connected.forOrg(orgId), profileOf: read };
}

const blank = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value.trim() === '' ? null : value.trim();

function asProfile(
  legal: LegalBusinessProfile,
  mpn: MpnProfile,
  providers: readonly PartnerRelationship[],
  resellers: readonly PartnerRelationship[],
): PartnerCenterProfile {
  const types: PartnerType[] = [];
  if (providers.length > 0) types.push('indirect_reseller');
  if (resellers.length > 0) types.push('indirect_provider');
  const contact = legal.primaryContact;
  return {
    legalName: legal.companyName,
    address: {
      line1: blank(legal.address.addressLine1),
      line2: blank(legal.address.addressLine2),
      city: blank(legal.address.city),
      state: blank(legal.address.state),
      postalCode: blank(legal.address.postalCode),
    },
    country: legal.address.country.toUpperCase(),
    primaryContact: {
      name: [contact.firstName, contact.lastName].filter((x) => x.trim() !== '').join(' '),
      email: contact.email,
      phone: blank(contact.phoneNumber),
    },
    mpnId: mpn.mpnId,
    partnerTypes: types,
    // VettingStatus: None, Pending, Authorized, Rejected (Microsoft.Store.PartnerCenter.Models.Partners)
    verified: (legal.vettingStatus ?? '').toLowerCase() === 'authorized',
  };
}
