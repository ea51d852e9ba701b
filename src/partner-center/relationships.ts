import {
  partnerRelationshipCollectionSchema,
  relationshipRequestSchema,
  type PartnerRelationship,
  type PartnerRelationshipType,
} from './schemas/relationships.js';
import type { CallOptions, PartnerCenterTransport } from './transport.js';

/** Who is invited with a customer relationship link (C2, C3). */
export interface RelationshipLinkOptions extends CallOptions {
  /** C3 from a reseller: the indirect provider's tenant id, which the customer authorises too. */
  readonly indirectCloudSolutionProviderId?: string;
  /** From a provider, on a reseller's behalf: the indirect reseller's tenant id. */
  readonly indirectResellerId?: string;
}

/** Partner-to-partner relationships (P4) and customer invitation links (C2, C3). */
export class RelationshipsApi {
  constructor(private readonly transport: PartnerCenterTransport) {}

  /**
   * partner-center/developer/retrieve-a-list-of-indirect-resellers: IsIndirectCloudSolutionProviderOf lists a
   * provider's indirect resellers, IsIndirectResellerOf a reseller's indirect providers.
   */
  async list(type: PartnerRelationshipType, options: CallOptions = {}): Promise<readonly PartnerRelationship[]> {
    const collection = await this.transport.request({
      operation: 'relationships.list',
      method: 'GET',
      path: '/v1/relationships',
      query: { relationship_type: type },
      schema: partnerRelationshipCollectionSchema,
      ...options,
    });
    return collection.items;
  }

  /**
   * GET /v1/customers/relationshiprequests (partner-center/developer/request-reseller-relationship; the query
   * parameters indirectCloudSolutionProviderId / indirectResellerId are in the REST API reference "Manage customer
   * accounts - Get relationship request link"). The URL is Partner Center's own, so Microsoft honours it.
   */
  async customerInvitationLink(options: RelationshipLinkOptions = {}): Promise<string> {
    const { indirectCloudSolutionProviderId, indirectResellerId, ...call } = options;
    const request = await this.transport.request({
      operation: 'relationships.customerInvitationLink',
      method: 'GET',
      path: '/v1/customers/relationshiprequests',
      query: { indirectCloudSolutionProviderId, indirectResellerId },
      schema: relationshipRequestSchema,
      ...call,
    });
    return request.url;
  }
}
