import { z } from 'zod';
import { attributesOf, collectionOf } from './common.js';

/**
 * The relationship_type query values (PartnerRelationshipType): a provider lists its indirect resellers with
 * IsIndirectCloudSolutionProviderOf, a reseller its indirect providers with IsIndirectResellerOf
 * (partner-center/developer/retrieve-a-list-of-indirect-resellers).
 */
export const partnerRelationshipTypes = ['IsIndirectCloudSolutionProviderOf', 'IsIndirectResellerOf'] as const;
export type PartnerRelationshipType = (typeof partnerRelationshipTypes)[number];

/** PartnerRelationship (partner-center/developer/relationships-resources); relationshipType comes back snake_case. */
export const partnerRelationshipSchema = z.object({
  id: z.string(),
  name: z.string(),
  relationshipType: z.string(),
  state: z.string().nullish(),
  mpnId: z.string().nullish(),
  location: z.string().nullish(),
  attributes: attributesOf('PartnerRelationship'),
});
export type PartnerRelationship = z.infer<typeof partnerRelationshipSchema>;

export const partnerRelationshipCollectionSchema = collectionOf(partnerRelationshipSchema);

/** RelationshipRequest (partner-center/developer/request-reseller-relationship): the invitation URL. */
export const relationshipRequestSchema = z.object({
  url: z.string().url(),
  attributes: attributesOf('RelationshipRequest'),
});
export type RelationshipRequest = z.infer<typeof relationshipRequestSchema>;
