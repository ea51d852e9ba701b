import type { Role } from '../shared/roles.js';

/*
 * The rules of an organisation's Partner Center link (issue 17 item 2), numbered in docs/partner-center.md.
 * A leaf module: constants and pure functions the use cases, the card and the warning job share.
 */

/** L1: who may link, choose the mode and unlink: the organisation's global admins and admin agents (U1). */
export const linkAdminRoles: readonly Role[] = ['global_admin', 'admin_agent'];

/** L2: a start link from the card works this long, once. */
export const START_LINK_MINUTES = 10;

/** L4: the purpose the refresh token is sealed under (FieldCipher additional data): it opens nowhere else. */
export const REFRESH_TOKEN_PURPOSE = 'PartnerCenterLink.refreshToken';

/**
 * L8: Entra ID refresh tokens expire after 90 days without use ("Refresh tokens in the Microsoft identity
 * platform": the inactive lifetime), and Partner Center's Secure Application Model relies on them.
 */
export const REFRESH_TOKEN_IDLE_DAYS = 90;

/** L8: the admins are warned when this many days are left, once per threshold, larger first. */
export const WARN_DAYS_LEFT = [14, 3] as const;

/** L5: what Partner Center means for the organisation: nothing (embedded, the default) or the source (connected). */
export const linkModes = ['embedded', 'connected'] as const;
export type LinkMode = (typeof linkModes)[number];

/** L7: a link whose stored sign-in Entra refused needs an administrator to sign in again. */
export const linkStatuses = ['active', 'needs_sign_in'] as const;
export type LinkStatus = (typeof linkStatuses)[number];

export function asLinkMode(s: string): LinkMode {
  return s === 'connected' ? 'connected' : 'embedded';
}

export function asLinkStatus(s: string): LinkStatus {
  return s === 'needs_sign_in' ? 'needs_sign_in' : 'active';
}

const DAY_MS = 86_400_000;

/** L8: when a refresh token last used or replaced at `refreshedAt` expires unused. */
export function refreshTokenExpiry(refreshedAt: Date): Date {
  return new Date(refreshedAt.getTime() + REFRESH_TOKEN_IDLE_DAYS * DAY_MS);
}

/** Whole days left before `expiresAt` (rounded up: 13.2 days left reads as 14). */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
}

/**
 * L8: the threshold to warn about now, or null: the smallest threshold reached (days left at or under it) that is
 * smaller than the one already warned about since the last refresh. Nothing once expired (the link then needs a
 * new sign-in, L7, which its next use finds out).
 */
export function warningDue(refreshedAt: Date, warnedDaysLeft: number | null, now: Date): number | null {
  const left = daysLeft(refreshTokenExpiry(refreshedAt), now);
  if (left <= 0) return null;
  const reached = WARN_DAYS_LEFT.filter((d) => left <= d);
  if (reached.length === 0) return null;
  const threshold = Math.min(...reached);
  return warnedDaysLeft === null || threshold < warnedDaysLeft ? threshold : null;
}

/** The earliest refresh time that can be due for any warning at `now` (the warning job's query bound). */
export function firstWarningBefore(now: Date): Date {
  return new Date(now.getTime() - (REFRESH_TOKEN_IDLE_DAYS - Math.max(...WARN_DAYS_LEFT)) * DAY_MS);
}
