import { link, pcError, type StubRoute } from './route-kit.js';

/**
 * The signed-in partner's profiles (partner-center/developer/profile-resources for the fields). The reference pages'
 * examples answer camelCase with `profileType` and `attributes.objectType` naming the profile.
 */
export const profileRoutes: readonly StubRoute[] = [
  // partner-center/developer/get-legal-business-profile (app-only or app+user); ?vettingVersion=Current (the
  // approved profile) or LastSubmitted: the stand-in keeps one version
  {
    method: 'GET',
    pattern: /^\/v1\/profiles\/legalbusiness$/,
    appUserOnly: false,
    handle: (_request, _match, { world }) => ({
      status: 200,
      body: {
        companyName: world.partner.companyName,
        address: world.partner.address,
        primaryContact: world.partner.primaryContact,
        companyApproverAddress: world.partner.address,
        companyApproverEmail: world.partner.primaryContact.email,
        vettingStatus: world.partner.vettingStatus ?? 'authorized',
        vettingSubStatus: 'none',
        profileType: 'LegalBusinessProfile',
        links: { self: link('/profiles/legalbusiness') },
        attributes: { objectType: 'LegalBusinessProfile' },
      },
    }),
  },
  // partner-center/developer/get-partner-network-profile, and with ?mpnId=
  // partner-center/developer/get-partner-by-mpn-id (404, code 3000)
  {
    method: 'GET',
    pattern: /^\/v1\/profiles\/mpn$/,
    appUserOnly: true,
    handle: (request, _match, { world }) => {
      const asked = request.query.get('mpnId') ?? request.query.get('mpnid');
      const mpnId = asked ?? world.partner.mpnId;
      if (asked !== null && !world.knownMpnIds.has(asked) && asked !== world.partner.mpnId) {
        return pcError(404, 3000, `Partner Organization with partner_id ${asked} could not be found`);
      }
      return {
        status: 200,
        body: {
          // the signed-in partner's own name; another partner's is not known to the stand-in
          partnerName: asked === null || asked === world.partner.mpnId ? world.partner.companyName : null,
          mpnId,
          profileType: 'MpnProfile',
          links: { self: link('/profiles/mpn') },
          attributes: { objectType: 'MpnProfile' },
        },
      };
    },
  },
  // partner-center/developer/get-an-organization-profile
  {
    method: 'GET',
    pattern: /^\/v1\/profiles\/organization$/,
    appUserOnly: true,
    handle: (_request, _match, { world }) => ({
      status: 200,
      body: {
        id: world.partner.tenantId,
        companyName: world.partner.companyName,
        defaultAddress: world.partner.address,
        tenantId: world.partner.tenantId,
        domain: world.partner.domain,
        email: world.partner.primaryContact.email,
        language: 'en',
        culture: 'en-US',
        profileType: 'OrganizationProfile',
        links: { self: link('/profiles/organization') },
        attributes: { etag: '1', objectType: 'OrganizationProfile' },
      },
    }),
  },
];
