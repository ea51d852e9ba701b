import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { Locale } from '../../i18n/index.js';
import { AppError } from './errors.js';
import type { FieldCipher } from './field-cipher.js';
import type { MpnProfileSource } from '../enrollment/mpn.js';
import type { Store } from './store.js';

/** U1: the roles a partner organisation's user may hold. */
export const roles = [
  'global_admin',
  'user_admin',
  'admin_agent',
  'sales_agent',
  'helpdesk_agent',
  'billing_admin',
  'business_profile_admin',
] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/** U2: agent roles and admin roles (a user needs at least one of either). */
export const agentRoles: readonly Role[] = ['admin_agent', 'sales_agent', 'helpdesk_agent'];
export const adminRoles: readonly Role[] = ['global_admin', 'user_admin', 'billing_admin', 'business_profile_admin'];

/** E7/U3: who may add users and change roles. */
export const userManagerRoles: readonly Role[] = ['global_admin', 'user_admin', 'admin_agent'];
/** U3 (seed 001): the reseller workflows are open to these roles. */
export const resellerWorkflowRoles: readonly Role[] = ['global_admin', 'user_admin', 'admin_agent', 'sales_agent'];
/** M1: the MPA is accepted by a global admin (seed 004: "sign in as a global admin"). */
export const mpaSignerRoles: readonly Role[] = ['global_admin'];
/** U4: who maintains the business profile. */
export const businessProfileRoles: readonly Role[] = ['global_admin', 'business_profile_admin'];

/** The person acting: known from the Teams/Entra identity of the turn (or the web page's sign-in). */
export interface Actor {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly email?: string;
  readonly locale: Locale;
}

/** An actor resolved to a user of a partner organisation (src/domain/shared/members.ts). */
export interface Member {
  readonly userId: string;
  readonly orgId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
}

/** Everything a use case needs besides its input; built once in the composition root. */
export interface DomainContext {
  readonly store: Store;
  readonly now: () => Date;
  /** AAD object ids of the program administrators (config PROGRAM_ADMINS). */
  readonly programAdmins: readonly string[];
  readonly invitationTtlDays: number;
  /** Base of the links the domain mints (verification, invitations), no trailing slash. */
  readonly publicBaseUrl: string;
  readonly mpn: MpnProfileSource;
  /** Encrypts sensitive columns at rest (the direct-bill bank details); key from DATA_ENCRYPTION_KEY. */
  readonly cipher: FieldCipher;
  readonly log?: Logger;
}

/** E5, P7, P10: the deployment's program administrators play Microsoft's part. */
export function isProgramAdmin(ctx: Pick<DomainContext, 'programAdmins'>, actor: Pick<Actor, 'aadObjectId'>): boolean {
  return ctx.programAdmins.includes(actor.aadObjectId);
}

export function requireProgramAdmin(
  ctx: Pick<DomainContext, 'programAdmins'>,
  actor: Pick<Actor, 'aadObjectId'>,
): void {
  if (!isProgramAdmin(ctx, actor)) throw new AppError('PROGRAM_ADMIN_REQUIRED');
}

export function hasAnyRole(member: Pick<Member, 'roles'>, allowed: readonly Role[]): boolean {
  return member.roles.some((r) => allowed.includes(r));
}

/**
 * U3: refuses (ROLE_REQUIRED, naming the roles that would do) unless the member holds one of
 * `allowed`. `params.roles` is the comma-separated role ids; describeError() localizes them.
 */
export function requireRole(member: Pick<Member, 'roles'>, allowed: readonly Role[]): void {
  if (!hasAnyRole(member, allowed)) throw new AppError('ROLE_REQUIRED', { roles: allowed.join(',') });
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
