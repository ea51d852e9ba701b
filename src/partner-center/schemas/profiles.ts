import { z } from 'zod';
import { addressSchema, attributesOf, linksSchema } from './common.js';

/** GET /v1/profiles/legalbusiness (partner-center/developer/get-legal-business-profile). */
export const legalBusinessProfileSchema = z.object({
  companyName: z.string(),
  address: addressSchema,
  primaryContact: z.object({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phoneNumber: z.string().nullish(),
  }),
  companyApproverAddress: addressSchema.nullish(),
  companyApproverEmail: z.string().nullish(),
  vettingStatus: z.string().nullish(),
  vettingSubStatus: z.string().nullish(),
  profileType: z.literal('LegalBusinessProfile'),
  links: linksSchema.optional(),
  attributes: attributesOf('LegalBusinessProfile'),
});
export type LegalBusinessProfile = z.infer<typeof legalBusinessProfileSchema>;

/**
 * GET /v1/profiles/mpn (partner-center/developer/get-partner-network-profile) and, with ?mpnId=, another
 * partner's (partner-center/developer/get-partner-by-mpn-id; 404 with code 3000 when there is none).
 */
export const mpnProfileSchema = z.object({
  /** profile-resources "MpnProfile": the company or organization name */
  partnerName: z.string().nullish(),
  mpnId: z.string(),
  profileType: z.literal('MpnProfile'),
  links: linksSchema.optional(),
  attributes: attributesOf('MpnProfile'),
});
export type MpnProfile = z.infer<typeof mpnProfileSchema>;

/** GET /v1/profiles/organization (partner-center/developer/get-an-organization-profile). */
export const organizationProfileSchema = z.object({
  id: z.string(),
  companyName: z.string(),
  defaultAddress: addressSchema,
  tenantId: z.string(),
  domain: z.string(),
  email: z.string().nullish(),
  language: z.string().nullish(),
  culture: z.string().nullish(),
  profileType: z.literal('OrganizationProfile'),
  links: linksSchema.optional(),
  attributes: attributesOf('OrganizationProfile'),
});
export type OrganizationProfile = z.infer<typeof organizationProfileSchema>;
