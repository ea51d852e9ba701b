import { z } from 'zod';
import { attributesOf, linksSchema } from './common.js';

/** OrderLineItem as answered (partner-center/developer/create-an-order-for-a-customer-of-an-indirect-reseller). */
export const orderLineItemSchema = z.object({
  lineItemNumber: z.number().int(),
  offerId: z.string(),
  subscriptionId: z.string().nullish(),
  friendlyName: z.string().nullish(),
  quantity: z.number().int(),
  partnerIdOnRecord: z.string().nullish(),
  links: linksSchema.optional(),
});

/** Order, answered 201 by POST /v1/customers/{id}/orders. */
export const orderSchema = z.object({
  id: z.string(),
  referenceCustomerId: z.string(),
  billingCycle: z.string().nullish(),
  lineItems: z.array(orderLineItemSchema),
  creationDate: z.string().nullish(),
  links: linksSchema.optional(),
  attributes: attributesOf('Order'),
});
export type Order = z.infer<typeof orderSchema>;
