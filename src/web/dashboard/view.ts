import { z } from 'zod';
import { commands, type CommandId } from '../../bot/commands.js';
import { agreementStatus } from '../../domain/agreement/agreement-status.js';
import type { Actor, DomainContext } from '../../domain/shared/context.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { enrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import { AppError } from '../../domain/shared/errors.js';
import { listRecentNotifications } from '../../domain/notifications/recent-notifications.js';
import { listFailedNotifications } from '../../domain/notifications/failed-notifications.js';
import { listCustomers } from '../../domain/customers/customer-list.js';
import { listPartnershipRequests } from '../../domain/directory/partnership-requests.js';
import { listPendingInvitations } from '../../domain/shared/pending-invitations.js';
import { listProviders, listResellers } from '../../domain/partnerships/partner-lists.js';
import { listProviderInvitations, listSentPartnershipRequests } from '../../domain/partnerships/reseller-pending.js';
import { countryName } from '../../i18n/format/index.js';
import { t, type Locale } from '../../i18n/index.js';
import { noticePlainText } from '../../notify/render.js';
import { gdapDashboard } from './gdap-section.js';

/** Query parameters of GET /api/dashboard and /api/dashboard/customers (one schema per boundary). */
export const dashboardQuery = z.object({
  locale: z.enum(['en-US', 'ko-KR']).optional(),
  resellerId: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** A part of the page: its data, or the localized reason it cannot be shown (e.g. U3 role refusal). */
export type Section<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: string };

async function section<T>(locale: Locale, load: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: describeError(locale, e) };
    throw e;
  }
}

export interface DeepLink {
  readonly command: string;
  readonly url: string;
}

/**
 * The bot command a dashboard action opens, as the user would type it: the command table's Korean
 * alias for ko-KR, its first (English) name otherwise. Typed by CommandId, so every link names a
 * command the bot routes.
 */
export function commandText(id: CommandId, locale: Locale): string {
  const spec = commands.find((c) => c.id === id);
  const names: readonly string[] = spec?.names ?? [id];
  const korean = locale === 'ko-KR' ? names.find((n) => /[\uac00-\ud7a3]/.test(n)) : undefined;
  return korean ?? names[0] ?? id;
}

/**
 * Teams deep link to the 1:1 chat with the bot with `command` typed into the compose box
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams:
 * "Deep link to start a new chat": users=28:<bot app id> opens the bot's chat, message= prefills it).
 */
export function chatDeepLink(botId: string, command: string): DeepLink {
  return {
    command,
    url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${botId}`)}&message=${encodeURIComponent(command)}`,
  };
}

const actionCommands = {
  status: 'status',
  agreementStatus: 'agreementStatus',
  signAgreement: 'signAgreement',
  providers: 'providers',
  resellers: 'resellers',
  customers: 'customers',
  invitations: 'invitations',
  requests: 'requests',
  findProvider: 'findProvider',
  failedNotices: 'failedNotices',
} as const satisfies Record<string, CommandId>;
export type DashboardAction = keyof typeof actionCommands;

export function deepLinks(botId: string, locale: Locale): Record<DashboardAction, DeepLink> {
  const out = {} as Record<DashboardAction, DeepLink>;
  for (const [action, id] of Object.entries(actionCommands) as [DashboardAction, CommandId][]) {
    out[action] = chatDeepLink(botId, commandText(id, locale));
  }
  return out;
}

/** One page of the Customers list (S4: optionally one reseller's), country names localized. Throws AppError. */
export async function customersPage(ctx: DomainContext, actor: Actor, locale: Locale, q: DashboardQuery) {
  const page = await listCustomers(ctx, actor, {
    limit: q.limit,
    ...(q.cursor ? { cursor: q.cursor } : {}),
    ...(q.resellerId ? { resellerId: q.resellerId } : {}),
  });
  return { ...page, items: page.items.map((c) => ({ ...c, countryName: countryName(c.country, locale) })) };
}

/** The Customers part of the page: a refusal (e.g. U3 roles) becomes the section's message. */
export function customersSection(ctx: DomainContext, actor: Actor, locale: Locale, q: DashboardQuery) {
  return section(locale, () => customersPage(ctx, actor, locale, q));
}

/**
 * Everything the dashboard shows, read through the domain's use cases and list views only (the
 * rules — membership, U3 roles, E8, M1/M2 — are theirs). Throws AppError NOT_A_PARTNER_USER when
 * the identity belongs to no organisation: the route answers 403 and shows nothing.
 */
export async function dashboardView(
  ctx: DomainContext,
  actor: Actor,
  locale: Locale,
  q: DashboardQuery,
  botId: string,
) {
  const status = await enrollmentStatus(ctx, actor); // NOT_A_PARTNER_USER propagates: no org, no page
  const isProvider = status.partnerTypes.includes('indirect_provider');
  const isReseller = status.partnerTypes.includes('indirect_reseller');
  const [
    mpa,
    providers,
    resellers,
    customers,
    invitations,
    requests,
    providerInvitations,
    sentRequests,
    notifications,
    failedNotifications,
    gdap,
  ] = await Promise.all([
    section(locale, () => agreementStatus(ctx, actor)),
    isReseller ? section(locale, () => listProviders(ctx, actor, { limit: 50 })) : Promise.resolve(null),
    isProvider ? section(locale, () => listResellers(ctx, actor, { limit: 100 })) : Promise.resolve(null),
    customersSection(ctx, actor, locale, q),
    section(locale, () => listPendingInvitations(ctx, actor, { limit: 20 })),
    isProvider ? section(locale, () => listPartnershipRequests(ctx, actor, { limit: 20 })) : Promise.resolve(null),
    // the reseller's side of P1/P10: providers' invitations waiting for it, its requests waiting for a provider
    isReseller ? section(locale, () => listProviderInvitations(ctx, actor, { limit: 20 })) : Promise.resolve(null),
    isReseller ? section(locale, () => listSentPartnershipRequests(ctx, actor, { limit: 20 })) : Promise.resolve(null),
    section(locale, async () => {
      const page = await listRecentNotifications(ctx, actor, { limit: 10 });
      return page.items.map((n) => ({
        id: n.id,
        type: n.type,
        status: n.status,
        createdAt: n.createdAt,
        text: noticePlainText(n, locale),
      }));
    }),
    failedSection(ctx, actor, locale),
    // issue 18 item 6: the organization's GDAP relationships, expiring soonest first
    section(locale, () => gdapDashboard(ctx, actor, locale)),
  ]);
  const withRegion = <T extends { country: string }>(rows: readonly T[]) =>
    rows.map((r) => ({ ...r, countryName: countryName(r.country, locale) }));
  return {
    locale,
    user: { name: actor.name },
    actions: deepLinks(botId, locale),
    enrollment: { ...status, countryName: countryName(status.country, locale) },
    mpa,
    providers:
      providers &&
      (providers.ok
        ? { ok: true as const, data: { ...providers.data, items: withRegion(providers.data.items) } }
        : providers),
    resellers:
      resellers &&
      (resellers.ok
        ? { ok: true as const, data: { ...resellers.data, items: withRegion(resellers.data.items) } }
        : resellers),
    customers,
    invitations,
    requests,
    providerInvitations,
    sentRequests,
    notifications,
    failedNotifications,
    gdap,
  };
}

/**
 * Issue 13 item 2: the organisation's failed (dead-lettered) notices, for its administrators; null (no
 * section) for anyone else, since only they can act on them. Each row says what the notice was about,
 * when, how many attempts and why in words for people; retrying is the bot's `failed notices` command.
 */
async function failedSection(ctx: DomainContext, actor: Actor, locale: Locale) {
  try {
    const page = await listFailedNotifications(ctx, actor, { limit: 20 });
    return {
      ok: true as const,
      data: {
        items: page.items.map((n) => ({
          id: n.id,
          createdAt: n.createdAt,
          attempts: n.attempts,
          text: noticePlainText(n, locale),
          reason: t(locale, `failed.reason.${n.reason}`),
        })),
        more: page.nextCursor !== null,
      },
    };
  } catch (e) {
    if (e instanceof AppError && e.code === 'ROLE_REQUIRED') return null;
    if (e instanceof AppError) return { ok: false as const, error: describeError(locale, e) };
    throw e;
  }
}

export type DashboardView = Awaited<ReturnType<typeof dashboardView>>;
