import type { DashboardView } from '../view.js';

/** What JSON.stringify makes of a server type: Dates become ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** GET /api/dashboard */
export type DashboardData = Json<DashboardView>;
export type Section<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: string };
/** GET /api/dashboard/customers */
export type CustomersPage = Json<Extract<DashboardView['customers'], { ok: true }>['data']>;
/** Any non-2xx answer of the API */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  /** a bot command that is the way forward (NOT_A_PARTNER_USER: enroll) */
  readonly action?: { readonly command: string; readonly url: string };
}
