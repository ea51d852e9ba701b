import { ComplianceApi } from './compliance.js';
import { CustomersApi } from './customers.js';
import { OrdersApi } from './orders.js';
import { ProfilesApi } from './profiles.js';
import { RelationshipsApi } from './relationships.js';
import { PartnerCenterTransport, type PartnerCenterTransportOptions } from './transport.js';
import { WebhooksApi } from './webhooks.js';

export type PartnerCenterClientOptions = PartnerCenterTransportOptions;

/**
 * The Partner Center REST client for one linked partner organisation: one area per REST reference section, all
 * sharing one transport (headers, retries, errors). It knows nothing of Teams or the database; the connected-mode
 * port in src/domain is implemented on top of it.
 */
export class PartnerCenterClient {
  readonly profiles: ProfilesApi;
  readonly relationships: RelationshipsApi;
  readonly customers: CustomersApi;
  readonly compliance: ComplianceApi;
  readonly orders: OrdersApi;
  readonly webhooks: WebhooksApi;

  constructor(options: PartnerCenterClientOptions) {
    const transport = new PartnerCenterTransport(options);
    this.profiles = new ProfilesApi(transport);
    this.relationships = new RelationshipsApi(transport);
    this.customers = new CustomersApi(transport);
    this.compliance = new ComplianceApi(transport);
    this.orders = new OrdersApi(transport);
    this.webhooks = new WebhooksApi(transport);
  }
}
