import { z } from 'zod';
import { addressSchema, attributesOf, collectionOf, linksSchema } from './common.js';

/** CustomerCompanyProfile (partner-center/developer/customer-resources). */
export const customerCompanyProfileSchema = z.object({
  tenantId: z.string(),
  domain: z.string(),
  companyName: z.string().nullish(),
  links: linksSchema.optional(),
  attributes: attributesOf('CustomerCompanyProfile'),
});

/** CustomerBillingProfile. */
export const customerBillingProfileSchema = z.object({
  id: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
  culture: z.string().nullish(),
  language: z.string().nullish(),
  companyName: z.string().nullish(),
  defaultAddress: addressSchema.nullish(),
  attributes: attributesOf('CustomerBillingProfile'),
});

/**
 * relationshipToPartner: "reseller" for a customer the partner resells to, "none" once removed
 * (partner-center/developer/remove-a-reseller-relationship-with-a-customer); other values exist (advisor,
 * microsoftSupport), so it stays a string.
 */
export const customerSchema = z.object({
  id: z.string(),
  commerceId: z.string().nullish(),
  companyProfile: customerCompanyProfileSchema,
  billingProfile: customerBillingProfileSchema.nullish(),
  relationshipToPartner: z.string(),
  allowDelegatedAccess: z.boolean().nullish(),
  associatedPartnerId: z.string().nullish(),
  links: linksSchema.optional(),
  attributes: attributesOf('Customer'),
});
export type Customer = z.infer<typeof customerSchema>;

/** GET /v1/customers (partner-center/developer/get-a-list-of-customers), a seek-based collection. */
export const customerCollectionSchema = collectionOf(customerSchema);

/**
 * POST /v1/customers answers 201 with the customer and, this once, the new tenant's admin credentials
 * (partner-center/developer/create-a-customer-for-an-indirect-reseller).
 */
export const createdCustomerSchema = customerSchema.extend({
  userCredentials: z.object({ userName: z.string(), password: z.string() }),
});

/**
 * PATCH /v1/customers/{id} answers with the .NET model's PascalCase names (the reference's example:
 * `{"RelationshipToPartner":"none", ..., "Attributes":{"ObjectType":"Customer"}}`); accept either casing.
 */
export const customerPatchResultSchema = z
  .object({
    RelationshipToPartner: z.string().optional(),
    relationshipToPartner: z.string().optional(),
  })
  .transform((body) => ({ relationshipToPartner: body.relationshipToPartner ?? body.RelationshipToPartner }))
  .pipe(z.object({ relationshipToPartner: z.string() }));

/** Subscription (partner-center/developer/subscription-resources); dates stay strings, as sent. */
export const subscriptionSchema = z.object({
  id: z.string(),
  entitlementId: z.string().nullish(),
  offerId: z.string().nullish(),
  offerName: z.string().nullish(),
  friendlyName: z.string().nullish(),
  quantity: z.number().int(),
  unitType: z.string().nullish(),
  creationDate: z.string().nullish(),
  effectiveStartDate: z.string().nullish(),
  commitmentEndDate: z.string().nullish(),
  status: z.string(),
  autoRenewEnabled: z.boolean().nullish(),
  billingType: z.string().nullish(),
  billingCycle: z.string().nullish(),
  contractType: z.string().nullish(),
  /** The MPN ID of the indirect reseller associated with the subscription (partner of record), if any. */
  partnerId: z.string().nullish(),
  orderId: z.string().nullish(),
  links: linksSchema.optional(),
  attributes: attributesOf('Subscription'),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** GET /v1/customers/{id}/subscriptions (partner-center/developer/get-all-of-a-customer-s-subscriptions). */
export const subscriptionCollectionSchema = collectionOf(subscriptionSchema);

/**
 * SupportContact (partner-center/developer/subscription-resources#supportcontact), answered by
 * PUT /v1/customers/{id}/subscriptions/{id}/supportcontact (partner-center/developer/update-a-subscription-s-support-contact).
 */
export const supportContactSchema = z.object({
  supportTenantId: z.string(),
  supportMpnId: z.string().nullish(),
  name: z.string().nullish(),
  links: linksSchema.optional(),
  attributes: attributesOf('SupportContact'),
});
export type SupportContact = z.infer<typeof supportContactSchema>;
