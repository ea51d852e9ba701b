import type { ZodError } from 'zod';

/**
 * The closed set of failure codes, in one place. Each code names the rule it enforces
 * (rule ids from ../shared/DOMAIN.md), its category (which decides the HTTP status and the
 * Teams invoke response), and has one message per locale under `error.<code>` in
 * src/i18n/<locale>/errors.ts (the compiler checks both catalogues against this list).
 *
 * Categories:
 * - `validation`: the input failed its schema (400)
 * - `unauthorized`: the caller is not known to the program (401)
 * - `forbidden`: the caller lacks a role (U3) (403)
 * - `not_found`: the thing asked for does not exist or is not visible to the caller (404)
 * - `conflict`: someone else got there first, or it already exists (409)
 * - `gone`: a link that worked once and no longer does (410)
 * - `rule`: a CSP program rule refuses the request (422)
 */
export type ErrorCategory = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'rule';

interface ErrorSpec {
  /** Rule ids from DOMAIN.md this code enforces (empty for generic codes). */
  readonly rules: readonly string[];
  readonly category: ErrorCategory;
}

export const errorCatalog = {
  // ---- generic ----
  /** The input failed its zod schema. params: details */
  VALIDATION: { rules: [], category: 'validation' },
  /** The record does not exist or the caller may not see it. params: entity */
  NOT_FOUND: { rules: [], category: 'not_found' },
  /** A concurrent change won (version mismatch) and the action should be retried. */
  CONFLICT: { rules: [], category: 'conflict' },

  // ---- identity and roles ----
  /** U3: the Teams user is not a user of any enrolled partner organisation. */
  NOT_A_PARTNER_USER: { rules: ['U3'], category: 'unauthorized' },
  /**
   * The turn carries no identity the program can trust: no Entra object id (from.aadObjectId), no
   * tenant, or a conversation tenant that differs from channelData's.
   */
  UNTRUSTED_IDENTITY: { rules: ['U3'], category: 'unauthorized' },
  /** U3 (and U1): the caller lacks every role the command allows. params: roles (comma separated role ids) */
  ROLE_REQUIRED: { rules: ['U3', 'U1'], category: 'forbidden' },
  /** E5, P7, P10: only a program administrator may do this. */
  PROGRAM_ADMIN_REQUIRED: { rules: ['E5', 'P7', 'P10'], category: 'forbidden' },
  /** U2: the work email is already used by a user of this organisation. params: email */
  USER_EMAIL_TAKEN: { rules: ['U2'], category: 'conflict' },
  /** U2: a user needs at least one agent or admin role. */
  ROLE_MISSING: { rules: ['U2'], category: 'validation' },
  /** U1/E7: the organisation must keep at least one global admin. */
  LAST_GLOBAL_ADMIN: { rules: ['U1', 'E7'], category: 'rule' },
  /** U3: only a global admin may grant or take away the global admin role. */
  GLOBAL_ADMIN_GRANT_FORBIDDEN: { rules: ['U3'], category: 'forbidden' },

  // ---- enrollment ----
  /** E2: no MPN profile with this MPN ID. params: mpnId */
  MPN_NOT_FOUND: { rules: ['E2'], category: 'rule' },
  /** E2: the MPN profile is not active. params: mpnId */
  MPN_INACTIVE: { rules: ['E2'], category: 'rule' },
  /** E2: the MPN profile is in another country/region. params: mpnId, mpnCountry, country */
  MPN_COUNTRY_MISMATCH: { rules: ['E2'], category: 'rule' },
  /** E2: this MPN ID is already enrolled by another tenant. params: mpnId */
  MPN_IN_USE: { rules: ['E2'], category: 'conflict' },
  /** E3: the primary contact uses a web-based mail service. params: domain */
  WEBMAIL_NOT_ALLOWED: { rules: ['E3'], category: 'rule' },
  /** E1: direct-bill enrollment needs billing/bank details and acceptance of the criteria. */
  BILLING_DETAILS_REQUIRED: { rules: ['E1'], category: 'validation' },
  /** E1/E6: the organisation already holds this partner type. params: partnerType */
  ALREADY_ENROLLED: { rules: ['E1', 'E6'], category: 'conflict' },
  /** E5: an application for this type is already in progress. params: partnerType, state */
  APPLICATION_IN_PROGRESS: { rules: ['E5'], category: 'conflict' },
  /** E6: an organisation adding a type must enroll from its own tenant with its MPN ID. params: mpnId */
  TENANT_MISMATCH: { rules: ['E6'], category: 'rule' },
  /** E4: the primary contact has not verified the email address yet. */
  EMAIL_NOT_VERIFIED: { rules: ['E4'], category: 'rule' },
  /** E5: the application is not in a state that allows this step. params: state */
  INVALID_STATE: { rules: ['E5'], category: 'conflict' },
  /** E5/P7: someone already decided. params: by, at, decision */
  ALREADY_DECIDED: { rules: ['E5', 'P7'], category: 'conflict' },
  /** E5/P7: a rejection or decline needs a reason. */
  REASON_REQUIRED: { rules: ['E5', 'P7'], category: 'validation' },
  /** E8(a): the organisation is not onboarded (no approved enrollment yet). */
  NOT_ONBOARDED: { rules: ['E8'], category: 'rule' },

  // ---- one-time links (E4, P1, C2; issue item 5) ----
  /** The link is unknown or malformed. */
  TOKEN_INVALID: { rules: ['E4', 'P1', 'C2'], category: 'not_found' },
  /** The link's time ran out. params: expiredAt */
  TOKEN_EXPIRED: { rules: ['E4', 'P1', 'C2'], category: 'gone' },
  /** The link was already used (single use). */
  TOKEN_USED: { rules: ['E4', 'P1', 'C2'], category: 'gone' },
  /** The link was revoked by its sender. */
  TOKEN_REVOKED: { rules: ['P1', 'C2'], category: 'gone' },

  // ---- MPA ----
  /** M2 / E8(c): the reseller has not signed the Microsoft Partner Agreement. params: org */
  MPA_NOT_SIGNED: { rules: ['M2', 'E8', 'M1'], category: 'rule' },

  // ---- partnerships ----
  /** P5 / E8(b): the organisation is not enrolled as an indirect reseller. params: org */
  NOT_INDIRECT_RESELLER: { rules: ['P5', 'E8'], category: 'rule' },
  /** P1, P10: the organisation is not an indirect provider. params: org */
  NOT_INDIRECT_PROVIDER: { rules: ['P1', 'P10'], category: 'rule' },
  /** P6 / C7: the two parties are in different CSP regions. params: from, to */
  REGION_MISMATCH: { rules: ['P6', 'C7'], category: 'rule' },
  /** P1 / C2: the edited message no longer contains the personalised link. */
  LINK_MISSING: { rules: ['P1', 'C2'], category: 'validation' },
  /** P2: the consent box was not ticked. */
  CONSENT_REQUIRED: { rules: ['P2', 'C3'], category: 'validation' },
  /** P8: a partnership (or request) between these two already exists. params: state */
  PARTNERSHIP_EXISTS: { rules: ['P8', 'P4'], category: 'conflict' },
  /** P9 / S1 / S4 / S5: the provider has no active partnership with this reseller. */
  PARTNERSHIP_REQUIRED: { rules: ['P9', 'S1', 'S4', 'S5'], category: 'rule' },
  /** P5: an organisation cannot partner with itself. */
  SELF_PARTNERSHIP: { rules: ['P5'], category: 'rule' },
  /** P7: ending a partnership is a request to the program administrator; not self-service. */
  END_REQUEST_PENDING: { rules: ['P7'], category: 'conflict' },

  // ---- customers ----
  /** C1 / C4: the partner has no reseller relationship with this customer. */
  RELATIONSHIP_REQUIRED: { rules: ['C1', 'C4'], category: 'rule' },
  /**
   * C2 / C3: only an administrator of the customer's own tenant (its Global Administrator in Entra ID)
   * may accept or decline a customer invitation; the signed-in person is not one.
   */
  CUSTOMER_ADMIN_REQUIRED: { rules: ['C2', 'C3'], category: 'forbidden' },
  /** C2 / C11: this partner already serves this customer. */
  RELATIONSHIP_EXISTS: { rules: ['C2', 'C11'], category: 'conflict' },
  /** C6: removing a customer needs the good-faith attestation. */
  ATTESTATION_REQUIRED: { rules: ['C6'], category: 'validation' },
  /** C8: a partner may not sell to itself or an affiliate. */
  SELF_SALE: { rules: ['C8'], category: 'rule' },
  /** C9: a CSP partner's CSP tenant cannot be a customer. */
  CSP_TENANT_AS_CUSTOMER: { rules: ['C9'], category: 'rule' },
  /** C10: a reseller partnered with this provider cannot be its end customer with the same tenant. */
  RESELLER_IS_PROVIDER_CUSTOMER: { rules: ['C10'], category: 'rule' },
  /** S1: the customer's domain (or tenant) is already taken. params: domain */
  CUSTOMER_DOMAIN_TAKEN: { rules: ['S1'], category: 'conflict' },

  // ---- subscriptions ----
  /** S1 / S4: the offer is not in the catalogue or not active. params: offerId */
  OFFER_NOT_FOUND: { rules: ['S1', 'S4'], category: 'not_found' },
  /** S1 / S4: the licence count is outside the offer's limits. params: min, max */
  QUANTITY_OUT_OF_RANGE: { rules: ['S1', 'S4'], category: 'validation' },

  // ---- program administrators (issue 14 item 1) ----
  /** E5, P7, P10: a PROGRAM_ADMINS (configuration) administrator cannot be revoked from a card. */
  PROGRAM_ADMIN_BOOTSTRAP: { rules: ['E5', 'P7', 'P10'], category: 'rule' },
  /** E5, P7, P10: revoking would leave the program without an administrator. */
  LAST_PROGRAM_ADMIN: { rules: ['E5', 'P7', 'P10'], category: 'rule' },

  // ---- MPN registry import ----
  /** Issue item 2: the CSV has invalid rows. params: details (one "line N: problem" per row) */
  CSV_INVALID: { rules: ['E2'], category: 'validation' },

  // ---- offer catalogue (issue 14) ----
  /** S1 / S4: the offer was retired from the catalogue; it stays on subscriptions but cannot be ordered. params: offerEn, offerKo (shown as {offer}) */
  OFFER_RETIRED: { rules: ['S1', 'S4'], category: 'rule' },
  /** An offer with this id is already in the catalogue. params: offerId */
  OFFER_EXISTS: { rules: ['S1', 'S4'], category: 'conflict' },

  // ---- Partner Center account link (issue 17 item 2; rules L1–L9 in docs/partner-center.md) ----
  /** L3: the Partner Center sign-in did not use multi-factor authentication (Partner Center requires it for app+user calls). */
  PC_MFA_REQUIRED: { rules: ['L3'], category: 'rule' },
  /** L3: the account that signed in belongs to another Entra tenant than the organisation's. */
  PC_TENANT_MISMATCH: { rules: ['L3'], category: 'rule' },
  /** L5, L6: the organisation has no Partner Center link. */
  PC_NOT_LINKED: { rules: ['L5', 'L6'], category: 'not_found' },
  /** L7: Entra ID refused the stored sign-in (expired or revoked); an administrator must link the account again. */
  PC_SIGN_IN_AGAIN: { rules: ['L7'], category: 'rule' },
  /** L2: the sign-in came back without its start (state unknown, altered or too old). */
  PC_SIGN_IN_INVALID: { rules: ['L2'], category: 'gone' },
  /** L2: the deployment has no Partner Center app registration (PARTNER_CENTER_CLIENT_ID/SECRET). */
  PC_NOT_CONFIGURED: { rules: ['L2'], category: 'rule' },

  // ---- Partner Center answers in connected mode (issue 17 items 1, 3): never its description, ids or codes ----
  /** Partner Center did not answer (5xx, network, timeout) after the bounded retries; nothing was changed. */
  PC_UNAVAILABLE: { rules: ['L5'], category: 'rule' },
  /** Partner Center throttled the calls (429) beyond the retries; nothing was changed. */
  PC_THROTTLED: { rules: ['L5'], category: 'rule' },
  /** Partner Center refused the linked account's access (401/403); nothing was changed. */
  PC_ACCESS_DENIED: { rules: ['L5', 'L7'], category: 'rule' },
  /** Partner Center refused the request for a reason of its own, or answered in a shape it does not document. */
  PC_REFUSED: { rules: ['L5'], category: 'rule' },
  /** M2 / E2: Partner Center knows no CSP account with the reseller's MPN ID. params: org */
  PC_RESELLER_UNKNOWN: { rules: ['M2', 'E2'], category: 'rule' },
  /** M2 / P6: Partner Center places the reseller's MPN ID in another CSP region. params: org */
  PC_RESELLER_OTHER_REGION: { rules: ['M2', 'P6'], category: 'rule' },
  /** C6: Partner Center keeps the relationship while the customer has active subscriptions or Azure reservations. */
  PC_REMOVAL_BLOCKED: { rules: ['C6'], category: 'rule' },
  /** S1 in connected mode: Partner Center needs the new customer's billing contact and address. */
  PC_CUSTOMER_DETAILS_REQUIRED: { rules: ['S1'], category: 'validation' },
  /** S5b: Partner Center keeps no support contact for new-commerce subscriptions. */
  PC_SUPPORT_CONTACT_NEW_COMMERCE: { rules: ['S5'], category: 'rule' },
  /** S5: Partner Center can change a subscription's support contact to another reseller, not remove it. */
  PC_SUPPORT_CONTACT_CLEAR: { rules: ['S5'], category: 'rule' },
  /** S4b/S5: Partner Center has no subscription matching the bot's record. */
  PC_SUBSCRIPTION_NOT_IN_PARTNER_CENTER: { rules: ['S4', 'S5'], category: 'rule' },

  // ---- Microsoft Graph answers in connected GDAP mode (issue 18 item 5): never Graph's message, ids or codes ----
  /** Graph did not answer (5xx, network, timeout) after the bounded retries; nothing was changed. */
  GRAPH_UNAVAILABLE: { rules: [], category: 'rule' },
  /** Graph throttled the calls (429) beyond the retries; nothing was changed. */
  GRAPH_THROTTLED: { rules: [], category: 'rule' },
  /** Graph refused the linked account's access (401/403: no consent for DelegatedAdminRelationship.ReadWrite.All, or not an admin agent). */
  GRAPH_ACCESS_DENIED: { rules: ['L7'], category: 'rule' },
  /** Graph refused the request for a reason of its own (validation, state, eTag), or answered in an undocumented shape. */
  GRAPH_REFUSED: { rules: [], category: 'rule' },
  /** Graph knows no such relationship or access assignment for this partner. */
  GRAPH_NOT_FOUND: { rules: [], category: 'not_found' },

  // ---- GDAP (issue 18, docs/gdap.md) ----
  /** G1: another relationship of this organisation has that display name. params: name */
  GDAP_NAME_TAKEN: { rules: ['G1'], category: 'conflict' },
  /** G5: auto-extend is refused while Global Administrator is among the roles. */
  GDAP_AUTO_EXTEND_GLOBAL_ADMIN: { rules: ['G5'], category: 'rule' },
  /** G6: the organisation has no live reseller relationship with this customer. params: customer */
  GDAP_CUSTOMER_NOT_SERVED: { rules: ['G6'], category: 'rule' },
  /** G7: the indirect reseller has not consented yet. params: reseller */
  GDAP_WAITING_FOR_RESELLER: { rules: ['G7'], category: 'rule' },
  /** G7: only the reseller the request names may consent. */
  GDAP_NOT_THE_RESELLER: { rules: ['G7'], category: 'forbidden' },
  /** G8/G10/G11: the relationship is not in a state that allows this. params: gdapStateEn, gdapStateKo */
  GDAP_WRONG_STATE: { rules: ['G8'], category: 'rule' },
  /** G9: only a Global Administrator of the relationship's customer tenant may answer. params: customer */
  GDAP_CUSTOMER_ADMIN_REQUIRED: { rules: ['G9'], category: 'forbidden' },
  /** G10: an access assignment's role is not among the relationship's roles. params: roleEn, roleKo */
  GDAP_ROLE_NOT_GRANTED: { rules: ['G10'], category: 'rule' },
  /** G10: the security group already has a live assignment in this relationship. params: group */
  GDAP_GROUP_ASSIGNED: { rules: ['G10'], category: 'conflict' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as readonly ErrorCode[];

/** Values an error message may interpolate (`{name}` placeholders). */
export type ErrorParams = Readonly<Record<string, string | number>>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'AppError';
  }

  get category(): ErrorCategory {
    return errorCatalog[this.code].category;
  }

  get rules(): readonly string[] {
    return errorCatalog[this.code].rules;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

const statusOf: Readonly<Record<ErrorCategory, number>> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rule: 422,
};

/**
 * The one mapping of codes to HTTP statuses (web pages, a later API). `authenticated`: the request
 * already carried a valid token, so an 'unauthorized' refusal (not a partner user) is 403: a 401 would
 * tell the client to sign in again, which cannot help (RFC 9110 §15.5.2, §15.5.4).
 */
export function httpStatus(code: ErrorCode, opts: { readonly authenticated?: boolean } = {}): number {
  const category = errorCatalog[code].category;
  return opts.authenticated && category === 'unauthorized' ? statusOf.forbidden : statusOf[category];
}

export function errorCategory(code: ErrorCode): ErrorCategory {
  return errorCatalog[code].category;
}

/** The catalogue key of a code's message. */
export function errorMessageKey<C extends ErrorCode>(code: C): `error.${C}` {
  return `error.${code}`;
}

/** Turns a zod failure into a VALIDATION AppError listing `path: message` pairs. */
export function validationError(error: ZodError): AppError {
  const details = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return new AppError('VALIDATION', { details });
}

/** Parses input with a schema, throwing VALIDATION (never a raw ZodError) on failure. */
export function parseInput<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data;
}
