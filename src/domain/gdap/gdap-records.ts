import type { Member } from '../shared/context.js';
import { AppError } from '../shared/errors.js';
import type { EventPayload } from '../shared/events.js';
import type { Recipient } from '../shared/outbox.js';
import type { Tx } from '../shared/store.js';
import { DISPLAY_NAME_MAX, displayNameKey, rolesOf } from './gdap-rules.js';

/** The row as the use cases read it. */
export type GdapRow = NonNullable<Awaited<ReturnType<Tx['gdapRelationship']['findUnique']>>>;

/**
 * A relationship the member's organisation may see: its own (the requester) or, two-tier (G7), one a provider
 * requested for it as the indirect reseller. Anything else is NOT_FOUND (never "exists but not yours").
 */
export async function visibleRelationship(tx: Tx, member: Pick<Member, 'orgId'>, id: string): Promise<GdapRow> {
  const row = await tx.gdapRelationship.findUnique({ where: { id } });
  if (!row || (row.orgId !== member.orgId && row.resellerId !== member.orgId))
    throw new AppError('NOT_FOUND', { entity: 'gdap' });
  return row;
}

/** The relationship the member's organisation requested (G2: only the requester manages it). */
export async function ownRelationship(tx: Tx, member: Pick<Member, 'orgId'>, id: string): Promise<GdapRow> {
  const row = await visibleRelationship(tx, member, id);
  if (row.orgId !== member.orgId) throw new AppError('NOT_FOUND', { entity: 'gdap' });
  return row;
}

/** G12: who hears about a relationship: the requesting organisation, and the reseller two-tier. */
export function gdapRecipients(row: Pick<GdapRow, 'orgId' | 'resellerId'>): Recipient[] {
  return row.resellerId ? [{ orgId: row.orgId }, { orgId: row.resellerId }] : [{ orgId: row.orgId }];
}

/** What every gdap.* event carries (events.ts gdapFacts). */
export async function gdapFacts(tx: Tx, row: GdapRow): Promise<Omit<EventPayload<'gdap.expired'>, 'endsAt'>> {
  const org = await tx.organization.findUnique({ where: { id: row.orgId }, select: { legalName: true } });
  return {
    relationshipId: row.id,
    orgId: row.orgId,
    orgName: org?.legalName ?? '',
    displayName: row.displayName,
    customerName: row.customerName,
    resellerName: row.resellerName,
    roleTemplateIds: rolesOf(row.roleTemplateIds),
  };
}

/**
 * G1: `base` if no relationship of the organisation has it, else the first free of "base (2)", "base (3)", … (the
 * base cut so the whole stays within 50 characters). For names the bot suggests (a request without a name, renew).
 */
export async function freeDisplayName(tx: Tx, orgId: string, base: string): Promise<string> {
  const free = async (name: string) =>
    !(await tx.gdapRelationship.findUnique({
      where: { orgId_displayNameKey: { orgId, displayNameKey: displayNameKey(name) } },
      select: { id: true },
    }));
  const stem = base.replace(/ \(\d+\)$/, '');
  if (stem === base && (await free(base))) return base;
  for (let n = 2; n < 1000; n++) {
    const suffix = ` (${n})`;
    const name = `${stem.slice(0, DISPLAY_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (await free(name)) return name;
  }
  return base;
}
