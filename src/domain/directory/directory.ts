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
  /** the listing's display name (the legal name unless an administrator or an approved request set one) */
  readonly name: string;
  readonly legalName: string;
  readonly country: string;
  /** the organisation's own region */
  readonly region: string;
  /** P10: the regions the listing serves */
  readonly regions: string[];
  readonly services: string[];
  readonly summary: string;
  readonly contactEmail: string | null;
  readonly contactPhone: string | null;
  readonly website: string | null;
}

/** Regions a listing may serve (every CSP region but "unsupported"). */
export const servableRegions = cspRegions.filter((r) => r !== 'unsupported');
export const servedRegionSchema = z.enum(cspRegions).refine((r) => r !== 'unsupported', 'not a CSP region');

/** Stored as ",korea,japan," so that `contains ",korea,"` matches one whole region id. */
export function encodeRegions(regions: readonly string[]): string {
  const list = [...new Set(regions)];
  return list.length ? `,${list.join(',')},` : '';
}

/** The regions a stored listing serves; "" (never set) = the organisation's own region. */
export function decodeRegions(stored: string, orgRegion: string): string[] {
  const list = stored.split(',').filter((r) => r !== '');
  return list.length ? list : [orgRegion];
}

export function splitServices(stored: string): string[] {
  return stored
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export const serviceTagsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,48}$/),
  )
  .max(30);

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
  const rows = await tx.directoryProfile.findMany({
    where: {
      listed: true,
      org: { isProvider: true, onboardedAt: { not: null } },
      // P10: the regions the listing serves (P6 still decides whether the two can partner)
      ...(region ? { regions: { contains: `,${region},` } } : {}),
      ...(input.service ? { services: { contains: input.service } } : {}),
      AND: [
        ...(input.name
          ? [
              {
                OR: [
                  { nameSearch: { contains: input.name.toLowerCase() } },
                  { org: { nameSearch: { contains: input.name.toLowerCase() } } },
                ],
              },
            ]
          : []),
        ...(after
          ? [{ OR: [{ nameSearch: { gt: after[0] } }, { nameSearch: after[0], orgId: { gt: after[1] } }] }]
          : []),
      ],
    },
    orderBy: [{ nameSearch: 'asc' }, { orgId: 'asc' }],
    take: input.limit + 1,
    include: { org: { select: { legalName: true, country: true, region: true } } },
  });
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const items = shown
    .map((r) => ({
      orgId: r.orgId,
      name: r.displayName ?? r.org.legalName,
      legalName: r.org.legalName,
      country: r.org.country,
      region: r.org.region,
      regions: decodeRegions(r.regions, r.org.region),
      services: splitServices(r.services),
      summary: r.summary,
      contactEmail: r.contactEmail,
      contactPhone: r.contactPhone,
      website: r.website,
    }))
    // "contains" on the comma list could match "azure" inside "azure-stack": keep exact tags only
    .filter((e) => !input.service || e.services.includes(input.service));
  const last = shown[shown.length - 1];
  return { items, nextCursor: more && last ? encode(last.nameSearch, last.orgId) : null };
}

/** A listing's contact fields, as every listing form sends them (P10). */
export const listingContactFields = {
  contactEmail: z.email().max(320).nullable().default(null),
  contactPhone: z.string().trim().max(50).nullable().default(null),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
};

export const setDirectoryProfileInput = z.object({
  orgId: z.string().min(1),
  /** the name the listing shows; empty or absent = the organisation's legal name */
  displayName: z.string().trim().max(200).nullable().optional(),
  /** regions served; absent or empty = the organisation's own region */
  regions: z.array(servedRegionSchema).max(20).optional(),
  summary: z.string().trim().max(2000).default(''),
  services: serviceTagsSchema.default([]),
  ...listingContactFields,
  listed: z.boolean().default(true),
});

/** What a listing stores, from its fields (the shown name's search key included). */
export function listingData(
  org: { legalName: string; region: string },
  f: {
    displayName?: string | null;
    regions?: readonly string[];
    summary: string;
    services: readonly string[];
    contactEmail: string | null;
    contactPhone: string | null;
    website: string | null;
  },
) {
  const displayName = f.displayName && f.displayName !== org.legalName ? f.displayName : null;
  return {
    displayName,
    nameSearch: (displayName ?? org.legalName).toLowerCase(),
    regions: encodeRegions(f.regions && f.regions.length ? f.regions : [org.region]),
    summary: f.summary,
    services: [...new Set(f.services)].join(','),
    contactEmail: f.contactEmail,
    contactPhone: f.contactPhone,
    website: f.website,
  };
}

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
      select: { isProvider: true, legalName: true, region: true },
    });
    if (!org) throw new AppError('NOT_FOUND', { entity: 'organization' });
    if (!org.isProvider) throw new AppError('NOT_INDIRECT_PROVIDER', { org: org.legalName });
    const data = {
      ...listingData(org, input),
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
