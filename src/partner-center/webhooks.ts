import { z } from 'zod';
import { PartnerCenterError } from './errors.js';
import {
  validationEventSchema,
  webhookEventNamesSchema,
  webhookRegistrationSchema,
  type WebhookRegistration,
} from './schemas/webhooks.js';
import type { CallOptions, PartnerCenterTransport } from './transport.js';

const path = '/webhooks/v1/registration';

/** Webhook registration (partner-center/developer/partner-center-webhooks "Webhook APIs"). */
export class WebhooksApi {
  constructor(private readonly transport: PartnerCenterTransport) {}

  /** GET /webhooks/v1/registration/events: the event names one may register for. */
  events(options: CallOptions = {}): Promise<readonly string[]> {
    return this.transport.request({
      operation: 'webhooks.events',
      method: 'GET',
      path: `${path}/events`,
      schema: webhookEventNamesSchema,
      ...options,
    });
  }

  /** POST /webhooks/v1/registration. */
  register(webhookUrl: string, events: readonly string[], options: CallOptions = {}): Promise<WebhookRegistration> {
    return this.transport.request({
      operation: 'webhooks.register',
      method: 'POST',
      path,
      body: { WebhookUrl: webhookUrl, WebhookEvents: events },
      schema: webhookRegistrationSchema,
      ...options,
    });
  }

  /** GET /webhooks/v1/registration; undefined when the partner has none (404). */
  async get(options: CallOptions = {}): Promise<WebhookRegistration | undefined> {
    try {
      return await this.transport.request({
        operation: 'webhooks.get',
        method: 'GET',
        path,
        schema: webhookRegistrationSchema,
        ...options,
      });
    } catch (error) {
      if (error instanceof PartnerCenterError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** PUT /webhooks/v1/registration. */
  update(webhookUrl: string, events: readonly string[], options: CallOptions = {}): Promise<WebhookRegistration> {
    return this.transport.request({
      operation: 'webhooks.update',
      method: 'PUT',
      path,
      body: { WebhookUrl: webhookUrl, WebhookEvents: events },
      schema: webhookRegistrationSchema,
      ...options,
    });
  }

  /** DELETE /webhooks/v1/registration (answers without a body). */
  async delete(options: CallOptions = {}): Promise<void> {
    await this.transport.request({
      operation: 'webhooks.delete',
      method: 'DELETE',
      path,
      schema: z.unknown(),
      ...options,
    });
  }

  /** POST /webhooks/v1/registration/validationEvents: Partner Center sends a signed "test-created" event. */
  async sendValidationEvent(options: CallOptions = {}): Promise<string> {
    const answer = await this.transport.request({
      operation: 'webhooks.sendValidationEvent',
      method: 'POST',
      path: `${path}/validationEvents`,
      schema: validationEventSchema,
      ...options,
    });
    return answer.correlationId;
  }
}
