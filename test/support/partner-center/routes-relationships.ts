import { collection, pcError, type StubRoute } from './route-kit.js';

/** Customer invitation links and partner-to-partner relationships. */
export const relationshipRoutes: readonly StubRoute[] = [
  // partner-center/developer/request-reseller-relationship; the indirect query parameters are in the REST API
  // reference "Manage customer accounts - Get relationship request link". The URL mimics the admin-center link.
  {
    method: 'GET',
    pattern: /^\/v1\/customers\/relationshiprequests$/,
    appUserOnly: true,
    handle: (request, _match, { world }) => {
      const provider = request.query.get('indirectCloudSolutionProviderId');
      const reseller = request.query.get('indirectResellerId');
      const known = (tenantId: string, role: 'reseller' | 'provider') =>
        world.indirectPartners.some((partner) => partner.tenantId === tenantId && partner.role === role);
      if (provider !== null && !known(provider, 'provider')) {
        return pcError(400, 800002, 'The indirect provider is not one of your indirect providers.');
      }
      if (reseller !== null && !known(reseller, 'reseller')) {
        return pcError(400, 800016, 'The partner is not a valid indirect reseller.');
      }
      const url = new URL('https://admin.microsoft.com/Adminportal/Home');
      url.searchParams.set(
        'invType',
        provider === null && reseller === null ? 'ResellerRelationship' : 'IndirectResellerRelationship',
      );
      url.searchParams.set('partnerId', reseller ?? world.partner.tenantId);
      url.searchParams.set('msppId', '0');
      url.searchParams.set('DAP', 'false');
      if (provider !== null) url.searchParams.set('indirectCSPId', provider);
      if (reseller !== null) url.searchParams.set('indirectCSPId', world.partner.tenantId);
      url.hash = '/BillingAccounts/partner-invitation';
      return { status: 200, body: { url: url.toString(), attributes: { objectType: 'RelationshipRequest' } } };
    },
  },
  // partner-center/developer/retrieve-a-list-of-indirect-resellers (relationship_type required)
  {
    method: 'GET',
    pattern: /^\/v1\/relationships$/,
    appUserOnly: true,
    handle: (request, _match, { world }) => {
      const type = request.query.get('relationship_type');
      const role =
        type === 'IsIndirectCloudSolutionProviderOf'
          ? 'reseller'
          : type === 'IsIndirectResellerOf'
            ? 'provider'
            : undefined;
      if (role === undefined) return pcError(400, 3000, 'Invalid property: relationship_type');
      const items = world.indirectPartners
        .filter((partner) => partner.role === role)
        .map((partner) => ({
          id: partner.tenantId,
          name: partner.name,
          relationshipType: role === 'reseller' ? 'is_indirect_cloud_solution_provider_of' : 'is_indirect_reseller_of',
          state: 'Active',
          mpnId: partner.mpnId,
          location: partner.location,
          attributes: { objectType: 'PartnerRelationship' },
        }));
      return { status: 200, body: collection(items) };
    },
  },
];
