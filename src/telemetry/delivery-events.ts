/**
 * How each notification post ended, for the `csp.notify.deliveries` counter. The worker (src/notify/worker.ts)
 * reports every answer here and knows nothing of metrics; the telemetry that is running, if any, listens. The same
 * shape as src/data/statement-trace.ts' `onStatement`: no import of OpenTelemetry on the worker's side.
 *
 * - `sent`: Teams accepted the post;
 * - `throttled`: HTTP 429 (Teams' rate limits, STACK.md "Teams limits"): retried after its Retry-After;
 * - `retry`: any other answer worth another try (412, 5xx, no answer at all);
 * - `blocked`: 403 MessageWritesBlocked, the team or person removed the bot: the channel is made inactive;
 * - `dead`: an answer that retrying will not change (other 4xx): the delivery is dead-lettered.
 */
export type DeliveryOutcome = 'sent' | 'throttled' | 'retry' | 'blocked' | 'dead';

export const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = ['sent', 'throttled', 'retry', 'blocked', 'dead'];

const listeners = new Set<(outcome: DeliveryOutcome) => void>();

/** Every delivery outcome from now on, until the returned function is called. */
export function onDelivery(listener: (outcome: DeliveryOutcome) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Called by the worker with each post's outcome (src/notify/classify.ts' kinds, plus `sent`). A post handed back
 * unsent (`defer`: limits, lease, stop) is not a delivery and is not reported.
 */
export function noteDelivery(outcome: { readonly kind: string; readonly reason?: string }): void {
  if (listeners.size === 0) return;
  const o = deliveryOutcomeOf(outcome);
  if (o === undefined) return;
  for (const l of listeners) l(o);
}

/** classify.ts' outcome → the counter's label (its 429s told apart by the reason it writes: "HTTP 429 ..."). */
export function deliveryOutcomeOf(outcome: {
  readonly kind: string;
  readonly reason?: string;
}): DeliveryOutcome | undefined {
  switch (outcome.kind) {
    case 'sent':
      return 'sent';
    case 'retry':
      return /^HTTP 429\b/.test(outcome.reason ?? '') ? 'throttled' : 'retry';
    case 'blocked':
      return 'blocked';
    case 'fatal':
      return 'dead';
    default:
      return undefined;
  }
}
