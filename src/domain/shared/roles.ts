import { z } from 'zod';
import { AppError } from './errors.js';

/*
 * The roles of partner organisations' users (U1–U4), a leaf module: it imports only zod and the error type,
 * so the i18n catalogues and every capability can name roles without importing the domain context.
 */

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

export function hasAnyRole(member: { readonly roles: readonly Role[] }, allowed: readonly Role[]): boolean {
  return member.roles.some((r) => allowed.includes(r));
}

/**
 * U3: refuses (ROLE_REQUIRED, naming the roles that would do) unless the member holds one of
 * `allowed`. `params.roles` is the comma-separated role ids; describeError() localizes them.
 */
export function requireRole(member: { readonly roles: readonly Role[] }, allowed: readonly Role[]): void {
  if (!hasAnyRole(member, allowed)) throw new AppError('ROLE_REQUIRED', { roles: allowed.join(',') });
}
