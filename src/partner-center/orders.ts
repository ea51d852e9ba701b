import { orderSchema, type Order } from './schemas/orders.js';
import type { CallOptions, PartnerCenterTransport } from './transport.js';

export interface NewOrderLine {
  readonly offerId: string;
  readonly quantity: number;
  readonly friendlyName?: string;
  /**
   * S4: the indirect reseller's MPN ID, when a provider orders on its behalf; never the provider's own
   * (partner-center/developer/create-an-order-for-a-customer-of-an-indirect-reseller). M2 is checked first.
   */
  readonly partnerIdOnRecord?: string;
}

export class OrdersApi {
  constructor(private readonly transport: PartnerCenterTransport) {}

  /** POST /v1/customers/{id}/orders; Partner Center answers 201 with the order and its new subscription ids. */
  create(
    customerId: string,
    lines: readonly NewOrderLine[],
    options: CallOptions & { readonly billingCycle?: string } = {},
  ): Promise<Order> {
    const { billingCycle, ...call } = options;
    return this.transport.request({
      operation: 'orders.create',
      method: 'POST',
      path: `/v1/customers/${encodeURIComponent(customerId)}/orders`,
      body: {
        referenceCustomerId: customerId,
        ...(billingCycle === undefined ? {} : { billingCycle }),
        lineItems: lines.map((line, lineItemNumber) => ({
          lineItemNumber,
          offerId: line.offerId,
          quantity: line.quantity,
          ...(line.friendlyName === undefined ? {} : { friendlyName: line.friendlyName }),
          ...(line.partnerIdOnRecord === undefined ? {} : { partnerIdOnRecord: line.partnerIdOnRecord }),
          attributes: { objectType: 'OrderLineItem' },
        })),
        attributes: { objectType: 'Order' },
      },
      schema: orderSchema,
      ...call,
    });
  }
}
