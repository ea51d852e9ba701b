/** The Partner Center REST client's public face (the connected-mode port in src/domain is built on it). */
export { PartnerCenterClient, type PartnerCenterClientOptions } from './client.js';
export { PartnerCenterError, type PartnerCenterErrorKind } from './errors.js';
export type { CallOptions, PartnerCenterLogger, RetryPolicy } from './transport.js';
export type { ResellerAgreementCheck } from './compliance.js';
export type { CustomerPage, ListCustomersOptions, NewCustomer, OneTimeCredentials } from './customers.js';
export type { NewOrderLine } from './orders.js';
export type { RelationshipLinkOptions } from './relationships.js';
export type { ContinuationToken } from './schemas/common.js';
export type { Customer, Subscription } from './schemas/customers.js';
export type { LegalBusinessProfile, MpnProfile, OrganizationProfile } from './schemas/profiles.js';
export type { PartnerRelationship, PartnerRelationshipType } from './schemas/relationships.js';
export type { Order } from './schemas/orders.js';
export type { WebhookEvent, WebhookRegistration } from './schemas/webhooks.js';
export {
  PartnerCenterWebhookVerifier,
  type WebhookRejection,
  type WebhookVerification,
  type WebhookVerifierOptions,
} from './webhook-signature.js';
