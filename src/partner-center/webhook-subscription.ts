import { PartnerCenterClient } from './client.js';
import type { PartnerCenterLogger } from './transport.js';

/**
 * Issue 17 item 4: what the webhook endpoint and the card's Register button ask of Partner Center, on top of the
 * REST client, for one linked organisation (its app+user token from the link's token provider).
 */
export interface WebhookPartnerCenter {
  /** Registers (or, when the partner already has a registration, updates) the webhook URL and its events. */
  register(orgId: string, webhookUrl: string, events: readonly string[]): Promise<void>;
  /** The customer's company name, or undefined when Partner Center does not know it (or could not be asked). */
  customerName(orgId: string, customerId: string): Promise<string | undefined>;
}

export interface WebhookPartnerCenterOptions {
  readonly baseUrl: string;
  readonly accessTokenFor: (orgId: string) => Promise<string>;
  readonly logger: PartnerCenterLogger;
  /** Bounds the customer-name look-up, so the endpoint still answers Partner Center quickly. Default 3 s. */
  readonly lookupTimeoutMs?: number;
}

export function webhookPartnerCenter(options: WebhookPartnerCenterOptions): WebhookPartnerCenter {
  const clientFor = (orgId: string, timeoutMs?: number) =>
    new PartnerCenterClient({
      baseUrl: options.baseUrl,
      accessToken: () => options.accessTokenFor(orgId),
      logger: options.logger,
      ...(timeoutMs === undefined ? {} : { timeoutMs, retry: { maxAttempts: 1 } }),
    });
  return {
    async register(orgId, webhookUrl, events) {
      const client = clientFor(orgId);
      // one registration per partner account ("Register to receive events" answers 409 when there is one): a
      // second registration, or one made outside the bot, is updated to this URL and these events
      const existing = await client.webhooks.get();
      if (existing === undefined) await client.webhooks.register(webhookUrl, events);
      else await client.webhooks.update(webhookUrl, events);
    },
    async customerName(orgId, customerId) {
      const timeoutMs = options.lookupTimeoutMs ?? 3_000;
      const lookup = clientFor(orgId, timeoutMs)
        .customers.listAll()
        .then((customers) => customers.find((c) => c.id === customerId)?.companyProfile.companyName ?? undefined);
      const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref());
      try {
        return (await Promise.race([lookup, timeout])) ?? undefined;
      } catch (error) {
        options.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'partner center customer name lookup failed',
        );
        return undefined;
      }
    },
  };
}
