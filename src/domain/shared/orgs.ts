import { AppError } from './errors.js';
import type { Tx } from './store.js';
import type { PartnerIdentity } from '../customers/customer-rules.js';

export const orgFactsSelect = {
  id: true,
  tenantId: true,
  mpnId: true,
  legalName: true,
  region: true,
  country: true,
  isProvider: true,
  isReseller: true,
  isDirectBill: true,
  onboardedAt: true,
  locale: true,
} as const;

export interface OrgRow {
  id: string;
  tenantId: string;
  mpnId: string;
  legalName: string;
  region: string;
  country: string;
  isProvider: boolean;
  isReseller: boolean;
  isDirectBill: boolean;
  onboardedAt: Date | null;
  locale: string;
}

/** The organisation, or NOT_FOUND. */
export async function loadOrg(tx: Tx, id: string): Promise<OrgRow> {
  const org = await tx.organization.findUnique({ where: { id }, select: orgFactsSelect });
  if (!org) throw new AppError('NOT_FOUND', { entity: 'organization' });
  return org;
}

/** P1/P9/S1: the acting organisation must be an indirect provider. */
export function requireProvider(org: OrgRow): void {
  if (!org.isProvider) throw new AppError('NOT_INDIRECT_PROVIDER', { org: org.legalName });
}

/** P5/C2: the acting organisation must be an indirect reseller. */
export function requireReseller(org: OrgRow): void {
  if (!org.isReseller) throw new AppError('NOT_INDIRECT_RESELLER', { org: org.legalName });
}

/** M1/M2: the MPA versions an organisation has signed. */
export async function mpaVersions(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.mpaAcceptance.findMany({ where: { orgId }, select: { version: true } });
  return rows.map((r) => r.version);
}

/** C8: the e-mail domains an organisation is known by (its contacts and users). */
export async function partnerIdentity(tx: Tx, org: OrgRow): Promise<PartnerIdentity> {
  const [contacts, users] = await Promise.all([
    tx.contact.findMany({ where: { orgId: org.id }, select: { email: true } }),
    tx.user.findMany({ where: { orgId: org.id, removedAt: null }, select: { emailLower: true }, take: 200 }),
  ]);
  const domains = new Set<string>();
  for (const e of [...contacts.map((c) => c.email), ...users.flatMap((u) => (u.emailLower ? [u.emailLower] : []))]) {
    const at = e.lastIndexOf('@');
    if (at > 0) domains.add(e.slice(at + 1).toLowerCase());
  }
  return { tenantId: org.tenantId, legalName: org.legalName, domains: [...domains] };
}

/** The live partnership of a provider and a reseller (requested, active or end requested), if any. */
export function partnershipKey(providerId: string, resellerId: string): string {
  return `${providerId}:${resellerId}`;
}

/** P9: the provider has an active partnership with the reseller (end requested still counts). */
export async function requireActivePartnership(tx: Tx, providerId: string, resellerId: string) {
  const p = await tx.partnership.findUnique({ where: { activeKey: partnershipKey(providerId, resellerId) } });
  if (!p || (p.state !== 'active' && p.state !== 'end_requested')) throw new AppError('PARTNERSHIP_REQUIRED');
  return p;
}

/** C1/C4: the partner's live reseller relationship with a customer, or RELATIONSHIP_REQUIRED. */
export async function requireRelationship(tx: Tx, partnerId: string, customerId: string) {
  const r = await tx.customerRelationship.findUnique({ where: { activeKey: `${partnerId}:${customerId}` } });
  if (!r) throw new AppError('RELATIONSHIP_REQUIRED');
  return r;
}
