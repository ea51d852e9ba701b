import { daysLeftAt } from '../../domain/gdap/gdap-digest.js';
import { gdapStateName, isInForce } from '../../domain/gdap/gdap-rules.js';
import { listGdap, type GdapView } from '../../domain/gdap/gdap-views.js';
import { roleTemplateNames } from '../../domain/gdap/role-templates.js';
import type { Actor, DomainContext } from '../../domain/shared/context.js';
import type { Locale } from '../../i18n/index.js';

/** How many relationships the section shows (the bot's `gdap` list pages through all of them). */
export const GDAP_SECTION_LIMIT = 20;

/** One row of the Dashboard's GDAP section: names, never ids (the id only keys the row). */
export interface GdapDashboardRow {
  readonly id: string;
  readonly customerName: string;
  readonly displayName: string;
  /** G8: the state read with the clock, and its name in the reader's language */
  readonly status: GdapView['status'];
  readonly state: string;
  /** G3: the roles by name in the reader's language */
  readonly roles: readonly string[];
  /** its end (in force, expired) or when it was terminated; null before it is active */
  readonly endsAt: Date | null;
  /** whole days left for one in force, rounded up; null otherwise */
  readonly daysLeft: number | null;
  /** G5: it extends by itself at its end */
  readonly autoExtends: boolean;
}

function row(v: GdapView, locale: Locale, now: Date): GdapDashboardRow {
  const inForce = isInForce(v.status);
  return {
    id: v.id,
    customerName: v.customerName,
    displayName: v.displayName,
    status: v.status,
    state: gdapStateName(v.status, locale),
    roles: roleTemplateNames(v.roleTemplateIds, locale),
    endsAt: v.status === 'terminated' ? v.terminatedAt : v.endsAt,
    daysLeft: inForce && v.endsAt ? daysLeftAt(v.endsAt, now) : null,
    autoExtends: inForce && v.autoExtendDays > 0,
  };
}

/**
 * Issue 18 item 6: the organization's GDAP relationships for the Dashboard, **expiring soonest first**: those in
 * force by their end (the domain's "ending within" list), then the others (waiting for approval, ended) newest
 * first. Read through the domain's list (every member may read them, G2); at most GDAP_SECTION_LIMIT rows.
 */
export async function gdapDashboard(
  ctx: DomainContext,
  actor: Actor,
  locale: Locale,
): Promise<{ items: GdapDashboardRow[]; more: boolean }> {
  const [inForce, newest] = await Promise.all([
    listGdap(ctx, actor, { expiringWithinDays: 730, limit: GDAP_SECTION_LIMIT }),
    listGdap(ctx, actor, { limit: GDAP_SECTION_LIMIT }),
  ]);
  const seen = new Set(inForce.items.map((v) => v.id));
  const merged = [...inForce.items, ...newest.items.filter((v) => !seen.has(v.id))];
  const now = ctx.now();
  return {
    items: merged.slice(0, GDAP_SECTION_LIMIT).map((v) => row(v, locale, now)),
    more: inForce.hasMore || newest.hasMore || merged.length > GDAP_SECTION_LIMIT,
  };
}
