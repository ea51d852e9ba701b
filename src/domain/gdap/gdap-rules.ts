import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import { t, type Locale } from '../../i18n/index.js';
import type { Role } from '../shared/roles.js';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, isRoleTemplateId, sortRoleTemplateIds } from './role-templates.js';
import type { GdapStatus } from './port.js';

/*
 * The GDAP rules (docs/gdap.md, G1–G13) that need no database: the request's fields, who may act, the states.
 */

/** G2: who requests, renews, terminates and assigns access (U1 roles; refusals name them, U3). */
export const gdapManagerRoles: readonly Role[] = ['global_admin', 'admin_agent'];

/** G1 */
export const DISPLAY_NAME_MAX = 50;
/** G4 */
export const DURATION_MIN_DAYS = 1;
export const DURATION_MAX_DAYS = 730;
/** G5 */
export const AUTO_EXTEND_DAYS = 180;
/** G8: an active relationship reads "expiring" this many days before its end */
export const EXPIRING_WITHIN_DAYS = 30;
/** G9: how long the customer's approval link works (Graph's approval window) */
export const APPROVAL_LINK_DAYS = 90;

/** G1: the display name as stored, and its key for uniqueness (trimmed, inner spaces folded, case-insensitive). */
export const displayNameSchema = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1).max(DISPLAY_NAME_MAX));

export function displayNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** G3: role template ids of the catalogue, at least one, duplicates dropped, in catalogue order. */
export const roleTemplateIdsSchema = z
  .array(z.string().trim().toLowerCase().max(36))
  .min(1, 'choose at least one role')
  .max(40)
  .refine((ids) => ids.every(isRoleTemplateId), 'not an Entra built-in role of the catalogue')
  .transform((ids) => sortRoleTemplateIds(ids));

/** G4 */
export const durationDaysSchema = z.coerce.number().int().min(DURATION_MIN_DAYS).max(DURATION_MAX_DAYS);

/** G5 */
export const autoExtendDaysSchema = z.coerce
  .number()
  .int()
  .refine((n): n is 0 | 180 => n === 0 || n === AUTO_EXTEND_DAYS, 'auto-extend is 0 or 180 days')
  .transform((n) => n);

/** G5: auto-extend is refused while Global Administrator is among the roles. */
export function checkAutoExtend(roleTemplateIds: readonly string[], autoExtendDays: number): void {
  if (autoExtendDays !== 0 && roleTemplateIds.includes(GLOBAL_ADMINISTRATOR_ROLE_ID))
    throw new AppError('GDAP_AUTO_EXTEND_GLOBAL_ADMIN');
}

/** Stored roles (comma separated) as a list. */
export function rolesOf(stored: string): string[] {
  return stored
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const gdapStatuses = [
  'created',
  'approvalPending',
  'activating',
  'active',
  'expiring',
  'expired',
  'terminationRequested',
  'terminating',
  'terminated',
] as const satisfies readonly GdapStatus[];
export const gdapStatusSchema = z.enum(gdapStatuses);

/** The states a person filters by on the list (Graph's transient ones fold into their neighbours). */
export const gdapFilterStates = ['created', 'approvalPending', 'active', 'expiring', 'expired', 'terminated'] as const;
export type GdapFilterState = (typeof gdapFilterStates)[number];

/** What the state machine needs of a row. */
export interface GdapLifecycle {
  readonly status: string;
  readonly endsAt: Date | null;
  readonly autoExtendDays: number;
}

/**
 * G8: the state a relationship is in at `now`: an active one reads "expiring" within 30 days of its end and
 * "expired" after it, unless auto-extend (G5) will carry it on (then it stays active until the sweep moves its
 * end). A stored status outside Graph's set reads as it is stored (never thrown at a reader).
 */
export function gdapStatusAt(row: GdapLifecycle, now: Date): GdapStatus {
  const parsed = gdapStatusSchema.safeParse(row.status);
  const status: GdapStatus = parsed.success ? parsed.data : 'terminated';
  if ((status === 'active' || status === 'expiring') && row.endsAt) {
    if (row.autoExtendDays > 0) return 'active';
    const left = row.endsAt.getTime() - now.getTime();
    if (left <= 0) return 'expired';
    if (left <= EXPIRING_WITHIN_DAYS * 86_400_000) return 'expiring';
    return 'active';
  }
  return status;
}

/** G10: access can be assigned only while the relationship is in force. */
export function isInForce(status: GdapStatus): boolean {
  return status === 'active' || status === 'expiring';
}

/** G11: what can still be terminated (not yet ended). */
export function isTerminable(status: GdapStatus): boolean {
  return status !== 'expired' && status !== 'terminated' && status !== 'terminating';
}

/** A state's name in the reader's language. */
export function gdapStateName(status: GdapStatus, locale: Locale): string {
  return t(locale, `gdap.state.${status}`);
}

/** GDAP_WRONG_STATE with the state named in both languages (describeError picks the reader's). */
export function wrongState(status: GdapStatus): AppError {
  return new AppError('GDAP_WRONG_STATE', {
    gdapStateEn: gdapStateName(status, 'en-US'),
    gdapStateKo: gdapStateName(status, 'ko-KR'),
  });
}

/** G10: a security group's Entra object id. */
export const securityGroupIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a security group object id (a GUID)');
export const securityGroupNameSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1).max(256));

/** G1/G11: the suggested name of a request (the customer's name and the date), cut to 50 characters. */
export function suggestedDisplayName(customerName: string, now: Date, suffix = ''): string {
  const date = now.toISOString().slice(0, 10);
  const tail = ` ${date}${suffix}`;
  const head = customerName
    .trim()
    .replace(/\s+/g, ' ')
    .slice(0, DISPLAY_NAME_MAX - tail.length)
    .trim();
  return `${head}${tail}`;
}
