import type { Activity } from 'botbuilder';
import type { OutboxEvent } from '../generated/sqlite/client.js';
import { resolveLocale, type Locale } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { isTerminal } from './outbox-store.js';
import type { AsyncRenderer } from './render.js';
import type { TargetReads } from './target-reads.js';
import { conversationKey, targetKey, type DeliveryTarget } from './send-port.js';

/** One leased event while the worker holds it. */
export interface EventState {
  readonly row: OutboxEvent;
  pending: number;
  sent: number;
  readonly dead: string[];
  readonly skipped: string[];
  retry?: { retryAfterMs?: number; reason: string };
  deferUntil?: number;
}

/** One delivery still owed: an event to one target. */
export interface Job {
  readonly ev: EventState;
  readonly target: DeliveryTarget;
  readonly targetKey: string;
  readonly convKey: string;
  readonly tenantKey: string;
  readonly activity: Partial<Activity>;
}

/**
 * Where the bot last talked with a person in personal chat (their tenant, the service URL it came
 * from, their language), when it knows; see NotifyWorkerOptions.findPerson.
 */
export type PersonFinder = (
  aadObjectId: string,
) => Promise<{ tenantId?: string; serviceUrl: string; conversationId?: string; locale: string } | undefined>;

export interface PlanOptions {
  readonly store: TargetReads;
  readonly findPerson?: PersonFinder;
  readonly render: AsyncRenderer;
  readonly defaultLocale: Locale;
  readonly defaultServiceUrl: string;
  readonly defaultTenantId: string | undefined;
  readonly logger: Logger;
  /** A delivery found "sending" is planned again: counted by the worker as a possible duplicate. */
  readonly onInterrupted?: () => void;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Turns a claimed batch into jobs: for each event, its targets (the organisation's active channels,
 * or the person), minus the deliveries already done, each with its rendered activity. Reads are
 * batched (one query each for organisations, channels and delivery rows). Events that cannot be
 * delivered at all come back with `dead` filled and no jobs.
 */
export async function planBatch(
  rows: readonly OutboxEvent[],
  o: PlanOptions,
): Promise<{ states: EventState[]; jobs: Job[] }> {
  const orgIds = [...new Set(rows.map((r) => r.targetOrgId).filter((x): x is string => x !== null))];
  const [orgs, channels, done] = await Promise.all([
    orgIds.length ? o.store.orgLocales(orgIds) : Promise.resolve([]),
    orgIds.length ? o.store.activeChannels(orgIds) : Promise.resolve([]),
    o.store.deliveries(rows.map((r) => r.id)),
  ]);
  const localeOf = new Map(orgs.map((x) => [x.id, resolveLocale(x.locale, o.defaultLocale)]));
  const channelsOf = new Map<string, (typeof channels)[number][]>();
  for (const c of channels) {
    const list = channelsOf.get(c.orgId);
    if (list) list.push(c);
    else channelsOf.set(c.orgId, [c]);
  }
  const states: EventState[] = [];
  const jobs: Job[] = [];
  for (const row of rows) {
    const ev: EventState = { row, pending: 0, sent: 0, dead: [], skipped: [] };
    states.push(ev);
    let payload: unknown;
    let targets: { target: DeliveryTarget; locale: Locale }[];
    try {
      payload = JSON.parse(row.payload) as unknown;
      if (row.targetOrgId) {
        const locale = localeOf.get(row.targetOrgId) ?? o.defaultLocale;
        targets = (channelsOf.get(row.targetOrgId) ?? []).map((c) => ({
          locale,
          target: {
            kind: 'channel',
            channelId: c.id,
            conversationId: c.conversationId,
            serviceUrl: c.serviceUrl,
            tenantId: c.tenantId,
          },
        }));
      } else {
        targets = [await personTarget(row, payload, o)];
      }
    } catch (err) {
      ev.dead.push(`unreadable: ${message(err)}`);
      continue;
    }
    // One rendering per locale (an organisation's channels share its locale).
    const rendered = new Map<Locale, Partial<Activity>>();
    for (const { target, locale } of targets) {
      const key = targetKey(target);
      const status = done.get(`${row.id} ${key}`);
      if (status === 'sent') ev.sent++;
      if (status !== undefined && isTerminal(status)) continue;
      if (status === 'sending') {
        // A worker died between posting and recording: we cannot tell whether Teams got it. Sending
        // again (same notificationKey) favours "never lost" over "never twice"; see README.md.
        o.logger.warn({ eventId: row.id, target: key }, 'resending a notification whose delivery was interrupted');
        o.onInterrupted?.();
      }
      let activity = rendered.get(locale);
      try {
        activity ??= await o.render(
          { id: row.id, type: row.type, payload, idempotencyKey: row.idempotencyKey },
          locale,
        );
        rendered.set(locale, activity);
      } catch (err) {
        ev.dead.push(`render: ${message(err)}`);
        continue;
      }
      // Lets a receiver (and the tests) recognise a repeat of the same delivery.
      const channelData = {
        ...(activity.channelData as Record<string, unknown> | undefined),
        notificationKey: `${row.idempotencyKey}#${key}`,
      };
      jobs.push({
        ev,
        target,
        targetKey: key,
        convKey: conversationKey(target),
        tenantKey: `tenant:${target.tenantId}`,
        activity: { ...activity, channelData },
      });
      ev.pending++;
    }
  }
  return { states, jobs };
}

async function personTarget(
  row: OutboxEvent,
  payload: unknown,
  o: PlanOptions,
): Promise<{ target: DeliveryTarget; locale: Locale }> {
  const aad = row.userRef?.startsWith('aad:') ? row.userRef.slice(4) : undefined;
  if (!aad) throw new Error(`no deliverable recipient (${row.userRef ?? 'none'})`);
  // Where they last talked to the bot in personal chat, if known (tenant, service URL, language); else
  // their organisation; a person without a User row (a program administrator) in the bot's home tenant.
  const chat = await o.findPerson?.(aad).catch((err: unknown) => {
    // not knowing the personal chat is no reason to give the notification up
    o.logger.warn({ err: message(err), userRef: row.userRef }, 'could not read where a person talks to the bot');
    return undefined;
  });
  const home =
    (chat?.tenantId ? { tenantId: chat.tenantId, serviceUrl: chat.serviceUrl, locale: chat.locale } : undefined) ??
    (await o.store.userHome(aad)) ??
    (o.defaultTenantId
      ? { tenantId: o.defaultTenantId, serviceUrl: chat?.serviceUrl, locale: chat?.locale ?? o.defaultLocale }
      : undefined);
  if (!home) throw new Error(`unknown user ${aad} (no User row and no defaultTenantId)`);
  const p = typeof payload === 'object' && payload !== null ? (payload as { locale?: unknown }) : {};
  const locale = resolveLocale(typeof p.locale === 'string' ? p.locale : home.locale, o.defaultLocale);
  // Their personal chat (when the finder knew it and it is in that tenant) takes the message as it is.
  const conversationId = chat?.conversationId && chat.tenantId === home.tenantId ? chat.conversationId : undefined;
  return {
    locale,
    target: {
      kind: 'user',
      aadObjectId: aad,
      tenantId: home.tenantId,
      serviceUrl: home.serviceUrl ?? o.defaultServiceUrl,
      ...(conversationId ? { conversationId } : {}),
    },
  };
}
