import { PartnerCenterError } from './errors.js';
import {
  legalBusinessProfileSchema,
  mpnProfileSchema,
  organizationProfileSchema,
  type LegalBusinessProfile,
  type MpnProfile,
  type OrganizationProfile,
} from './schemas/profiles.js';
import type { CallOptions, PartnerCenterTransport } from './transport.js';

/**
 * The signed-in partner's own profiles, for enrollment from Partner Center (E-PC1). Partner types are not among
 * them: "Profile resources" (partner-center/developer/profile-resources) lists BillingProfile, LegalBusinessProfile,
 * MpnProfile, OrganizationProfile and SupportProfile, and none names a CSP partner type; connected-profile.ts reads
 * them from the relationships instead (E-PC2).
 */
export class ProfilesApi {
  constructor(private readonly transport: PartnerCenterTransport) {}

  /** partner-center/developer/get-legal-business-profile (vettingVersion=Current: the profile as approved). */
  legalBusiness(options: CallOptions = {}): Promise<LegalBusinessProfile> {
    return this.transport.request({
      operation: 'profiles.legalBusiness',
      method: 'GET',
      path: '/v1/profiles/legalbusiness',
      query: { vettingVersion: 'Current' },
      schema: legalBusinessProfileSchema,
      ...options,
    });
  }

  /** partner-center/developer/get-partner-network-profile: the signed-in partner's MPN ID. */
  mpn(options: CallOptions = {}): Promise<MpnProfile> {
    return this.transport.request({
      operation: 'profiles.mpn',
      method: 'GET',
      path: '/v1/profiles/mpn',
      schema: mpnProfileSchema,
      ...options,
    });
  }

  /**
   * partner-center/developer/get-partner-by-mpn-id: whether an MPN ID belongs to a partner organisation
   * (undefined when Partner Center answers 404).
   */
  async partnerByMpnId(mpnId: string, options: CallOptions = {}): Promise<MpnProfile | undefined> {
    try {
      return await this.transport.request({
        operation: 'profiles.partnerByMpnId',
        method: 'GET',
        path: '/v1/profiles/mpn',
        query: { mpnId },
        schema: mpnProfileSchema,
        ...options,
      });
    } catch (error) {
      if (error instanceof PartnerCenterError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** partner-center/developer/get-an-organization-profile: tenant id, domain, default address. */
  organization(options: CallOptions = {}): Promise<OrganizationProfile> {
    return this.transport.request({
      operation: 'profiles.organization',
      method: 'GET',
      path: '/v1/profiles/organization',
      schema: organizationProfileSchema,
      ...options,
    });
  }
}
