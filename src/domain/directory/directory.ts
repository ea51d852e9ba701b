import { z } from 'zod';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import { audit } from '../shared/audit.js';
import { AppError, parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';
import { cspRegions } from '../shared/regions.js';

export const directorySearchInput = z.object({
  /** part of the provider's legal name, any case */
  name: z.string().trim().max(200).optional(),
  /** a CSP region id; defaults to the caller's own region (P6: only those can partner with it) */
  region: z.enum(cspRegions).optional(),
  /** a service tag, e.g. "azure", "m365", "support" */
  service: z.string().trim().toLowerCase().max(50).optional(),
  /** the provider's name key and id of the last row shown (opaque) */
  cursor: z.string().max(400).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export interface DirectoryEntry {
  readonly orgId: string;
  readonly name: string;
  readonly country: string;
  readonly region: string;
  readonly services: string[];
  readonly summary: string;
  readonly contactEmail: string | null;
  readonly contactPhone: string | null;
  readonly website: string | null;
}

function encode(nameSearch: string, id: string): string {
  return Buffer.from(JSON.stringify([nameSearch, id])).toString('base64url');
}

function decode(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION', { details: 'cursor: not a cursor from this list' });
}

/**
 * P10: the directory of official indirect providers (name, regions, services, contact), for a reseller
 * looking for one. Lists onboarded providers whose directory profile is listed; filters by part of the
 * name, region and service; pages by (name, id). Profiles are edited only by program administrators.
 * Roles (U3): global admin, user admin, admin agent, sales agent.
 */
export async function searchDirectory(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof directorySearchInput>,
): Promise<{ items: DirectoryEntry[]; nextCursor: string | null }> {
  const input = parseInput(directorySearchInput, raw);
  const tx = ctx.store.read;
  const member = await actingMember(tx, actor, resellerWorkflowRoles);
  const own = await tx.organization.findUnique({ where: { id: member.orgId }, select: { region: true } });
  const region = input.region ?? own?.region;
  const after = input.cursor ? decode(input.cursor) : undefined;
  const rows = await tx.organization.findMany({
    where: {
      isProvider: true,
      onboardedAt: { not: null },
      ...(region ? { region } : {}),
      ...(input.name ? { nameSearch: { contains: input.name.toLowerCase() } } : {}),
      directory: { is: { listed: true, ...(input.service ? { services: { contains: input.service } } : {}) } },
      ...(after ? { OR: [{ nameSearch: { gt: after[0] } }, { nameSearch: after[0], id: { gt: after[1] } }] } : {}),
    },
    orderBy: [{ nameSearch: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    select: { id: true, legalName: true, nameSearch: true, country: true, region: true, directory: true },
  });
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const items = shown
    .map((r) => ({
      orgId: r.id,
      name: r.legalName,
      country: r.country,
      region: r.region,
      services: (r.directory?.services ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
      summary: r.directory?.summary ?? '',
      contactEmail: r.directory?.contactEmail ?? null,
      contactPhone: r.directory?.contactPhone ?? null,
      website: r.directory?.website ?? null,
    }))
    // "contains" on the comma list could match "azure" inside "azure-stack": keep exact tags only
    .filter((e) => !input.service || e.services.includes(input.service));
  const last = shown[shown.length - 1];
  return { items, nextCursor: more && last ? encode(last.nameSearch, last.id) : null };
}

export const setDirectoryProfileInput = z.object({
  orgId: z.string().min(1),
  summary: z.string().trim().max(2000).default(''),
  services: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9][a-z0-9-]{0,48}$/),
    )
    .max(30)
    .default([]),
  contactEmail: z.email().max(320).nullable().default(null),
  contactPhone: z.string().trim().max(50).nullable().default(null),
  website: z.url().max(500).nullable().default(null),
  listed: z.boolean().default(true),
});

/**
 * P10: a provider's directory profile (summary, services, contact) is changed only by the program
 * administrator (seed 003: "contact your Microsoft representative"). Idempotent (an upsert).
 */
export async function setDirectoryProfile(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof setDirectoryProfileInput>,
): Promise<{ orgId: string; listed: boolean }> {
  const input = parseInput(setDirectoryProfileInput, raw);
  await requireProgramAdmin(ctx, actor);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const org = await tx.organization.findUnique({
      where: { id: input.orgId },
      select: { isProvider: true, legalName: true },
    });
    if (!org) throw new AppError('NOT_FOUND', { entity: 'organization' });
    if (!org.isProvider) throw new AppError('NOT_INDIRECT_PROVIDER', { org: org.legalName });
    const data = {
      summary: input.summary,
      services: [...new Set(input.services)].join(','),
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone,
      website: input.website,
      listed: input.listed,
      updatedBy: actor.aadObjectId,
    };
    await tx.directoryProfile.upsert({
      where: { orgId: input.orgId },
      create: { orgId: input.orgId, ...data },
      update: data,
    });
    await audit(tx, { userId: null, ref: actor.aadObjectId }, now, {
      orgId: input.orgId,
      action: 'directory.profile_set',
      entity: 'DirectoryProfile',
      entityId: input.orgId,
      detail: data,
    });
    return { orgId: input.orgId, listed: input.listed };
  });
}
