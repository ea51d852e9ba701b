import { z } from 'zod';

/**
 * Webhook registration ("Partner Center webhooks", partner-center/developer/partner-center-webhooks). These
 * routes speak PascalCase: `{ SubscriberId, WebhookUrl, WebhookEvents }`.
 */
export const webhookRegistrationSchema = z.object({
  SubscriberId: z.string().optional(),
  WebhookUrl: z.string(),
  WebhookEvents: z.array(z.string()),
});
export type WebhookRegistration = z.infer<typeof webhookRegistrationSchema>;

/** GET /webhooks/v1/registration/events: a bare array of event names. */
export const webhookEventNamesSchema = z.array(z.string());

/** POST /webhooks/v1/registration/validationEvents. */
export const validationEventSchema = z.object({ correlationId: z.string() });

/**
 * A webhook event body (partner-center/developer/partner-center-webhooks "Event model"): EventName is
 * "{resource}-{action}", e.g. "test-created", "subscription-updated", "reseller-relationship-accepted-by-customer".
 * AuditUri is null unless the change has an audit record.
 */
export const webhookEventSchema = z.object({
  EventName: z.string().min(1),
  ResourceUri: z.string(),
  ResourceName: z.string(),
  AuditUri: z.string().nullish(),
  ResourceChangeUtcDate: z.string(),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
