import { z } from 'zod';
import { programAdminsOf, requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { audit } from '../shared/audit.js';
import { AppError, parseInput } from '../shared/errors.js';
import { claimed, type Tx } from '../shared/store.js';
import { enqueue } from '../shared/outbox.js';
import {
  decodeRegions,
  listingData,
  servedRegionSchema,
  serviceTagsSchema,
  setDirectoryProfile,
  setDirectoryProfileInput,
  splitServices,
  listingContactFields,
} from './directory.js';

/**
 * P10, the program administrator's side of the directory: every listing (listed and withdrawn), the
 * enrolled providers that have none yet, creating and editing one, withdrawing and restoring it.
 * Every function here starts with requireProgramAdmin (U3: everyone else is refused).
 */

export interface ListingView {
  readonly orgId: string;
  readonly legalName: string;
  /** what the directory shows */
  readonly displayName: string;
  readonly orgRegion: string;
  readonly regions: string[];
  readonly services: string[];
  readonly summary: string;
  readonly contactEmail: string | null;
  readonly contactPhone: string | null;
  readonly website: string | null;
  readonly listed: boolean;
  readonly updatedAt: Date;
}

type ProfileRow = {
  orgId: string;
  displayName: string | null;
  regions: string;
  services: string;
  summary: string;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  listed: boolean;
  updatedAt: Date;
  org: { legalName: string; region: string };
};

export function listingView(r: ProfileRow): ListingView {
  return {
    orgId: r.orgId,
    legalName: r.org.legalName,
    displayName: r.displayName ?? r.org.legalName,
    orgRegion: r.org.region,
    regions: decodeRegions(r.regions, r.org.region),
    services: splitServices(r.services),
    summary: r.summary,
    contactEmail: r.contactEmail,
    contactPhone: r.contactPhone,
    website: r.website,
    listed: r.listed,
    updatedAt: r.updatedAt,
  };
}

const orgSelect = { org: { select: { legalName: true, region: true } } } as const;

export const listListingsInput = z.object({
  /** offset of the first listing shown (the card's pager) */
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(50).default(10),
});

export interface ListingsPage {
  readonly items: ListingView[];
  readonly offset: number;
  readonly total: number;
  /** enrolled providers without a listing yet (for "New listing") */
  readonly candidates: { orgId: string; legalName: string }[];
  readonly pending: ChangeRequestView[];
}

/** P10: one page of listings (listed and withdrawn), the providers without one, and the waiting change requests. */
export async function listListings(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof listListingsInput> = {},
): Promise<ListingsPage> {
  const input = parseInput(listListingsInput, raw);
  await requireProgramAdmin(ctx, actor);
  const tx = ctx.store.read;
  const [rows, total, candidates, pending] = await Promise.all([
    tx.directoryProfile.findMany({
      orderBy: [{ nameSearch: 'asc' }, { orgId: 'asc' }],
      skip: input.offset,
      take: input.limit,
      include: orgSelect,
    }),
    tx.directoryProfile.count(),
    tx.organization.findMany({
      where: { isProvider: true, onboardedAt: { not: null }, directory: { is: null } },
      orderBy: [{ nameSearch: 'asc' }, { id: 'asc' }],
      take: 200,
      select: { id: true, legalName: true },
    }),
    pendingChangeRequests(tx),
  ]);
  return {
    items: rows.map(listingView),
    offset: input.offset,
    total,
    candidates: candidates.map((c) => ({ orgId: c.id, legalName: c.legalName })),
    pending,
  };
}

/** P10: one listing as the edit form shows it; an enrolled provider without one gets its defaults. */
export async function getListing(
  ctx: DomainContext,
  actor: Actor,
  raw: { orgId: string },
): Promise<ListingView & { exists: boolean }> {
  const { orgId } = parseInput(z.object({ orgId: z.string().min(1).max(100) }), raw);
  await requireProgramAdmin(ctx, actor);
  return readListing(ctx.store.read, orgId);
}

export async function readListing(tx: Tx, orgId: string): Promise<ListingView & { exists: boolean }> {
  const row = await tx.directoryProfile.findUnique({ where: { orgId }, include: orgSelect });
  if (row) return { ...listingView(row), exists: true };
  const org = await tx.organization.findUnique({
    where: { id: orgId },
    select: { legalName: true, region: true, isProvider: true },
  });
  if (!org) throw new AppError('NOT_FOUND', { entity: 'organization' });
  if (!org.isProvider) throw new AppError('NOT_INDIRECT_PROVIDER', { org: org.legalName });
  const support = await tx.contact.findFirst({ where: { orgId, kind: 'support' } });
  return {
    orgId,
    legalName: org.legalName,
    displayName: org.legalName,
    orgRegion: org.region,
    regions: [org.region],
    services: [],
    summary: '',
    contactEmail: support?.email ?? null,
    contactPhone: support?.phone ?? null,
    website: support?.website ?? null,
    listed: false,
    updatedAt: new Date(0),
    exists: false,
  };
}

/** What a listing form sends (administrator's edit form and a provider's change request alike). */
export const listingFieldsInput = z.object({
  displayName: z.string().trim().min(1).max(200),
  regions: z.array(servedRegionSchema).min(1).max(20),
  services: serviceTagsSchema,
  summary: z.string().trim().max(2000).default(''),
  ...listingContactFields,
});

export const saveListingInput = listingFieldsInput.extend({ orgId: z.string().min(1).max(100) });

/**
 * P10: the administrator creates or edits a provider's listing (a new one is listed at once; an
 * edited one keeps its listed/withdrawn state). Search finds it at once: it reads the same row.
 */
export async function saveListing(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof saveListingInput>,
): Promise<{ orgId: string; created: boolean }> {
  const input = parseInput(saveListingInput, raw);
  await requireProgramAdmin(ctx, actor);
  const existing = await ctx.store.read.directoryProfile.findUnique({
    where: { orgId: input.orgId },
    select: { listed: true },
  });
  await setDirectoryProfile(
    ctx,
    actor,
    parseInput(setDirectoryProfileInput, { ...input, listed: existing?.listed ?? true }),
  );
  return { orgId: input.orgId, created: !existing };
}

export const setListedInput = z.object({ orgId: z.string().min(1).max(100), listed: z.boolean() });

/**
 * P10: withdraw a listing from the directory (search no longer shows it; partnerships stand) or
 * restore it. Idempotent: a conditional write changes it once; a repeat reports no change.
 */
export async function setListingListed(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof setListedInput>,
): Promise<{ orgId: string; listed: boolean; changed: boolean }> {
  const input = parseInput(setListedInput, raw);
  await requireProgramAdmin(ctx, actor);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const won = claimed(
      await tx.directoryProfile.updateMany({
        where: { orgId: input.orgId, listed: !input.listed },
        data: { listed: input.listed, updatedBy: actor.aadObjectId, updatedAt: now },
      }),
    );
    if (!won) {
      const row = await tx.directoryProfile.findUnique({ where: { orgId: input.orgId }, select: { listed: true } });
      if (!row) throw new AppError('NOT_FOUND', { entity: 'listing' });
      return { orgId: input.orgId, listed: row.listed, changed: false };
    }
    await audit(tx, { userId: null, ref: actor.aadObjectId }, now, {
      orgId: input.orgId,
      action: input.listed ? 'directory.listing_restored' : 'directory.listing_withdrawn',
      entity: 'DirectoryProfile',
      entityId: input.orgId,
      detail: {},
    });
    return { orgId: input.orgId, listed: input.listed, changed: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Change requests (a provider asks, an administrator decides)
// ---------------------------------------------------------------------------------------------

export interface ChangeRequestView {
  readonly requestId: string;
  readonly orgId: string;
  readonly legalName: string;
  readonly state: 'pending' | 'approved' | 'declined';
  readonly displayName: string;
  readonly regions: string[];
  readonly services: string[];
  readonly summary: string;
  readonly contactEmail: string | null;
  readonly contactPhone: string | null;
  readonly website: string | null;
  readonly requestedByName: string;
  readonly requestedAt: Date;
  readonly decidedByName: string | null;
  readonly decidedByAad: string | null;
  readonly decidedAt: Date | null;
  readonly declineReason: string | null;
}

type ChangeRow = {
  id: string;
  orgId: string;
  state: string;
  displayName: string;
  regions: string;
  services: string;
  summary: string;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  requestedByName: string;
  requestedAt: Date;
  decidedByName: string | null;
  decidedByAad: string | null;
  decidedAt: Date | null;
  declineReason: string | null;
  org: { legalName: string; region: string };
};

export function changeRequestView(r: ChangeRow): ChangeRequestView {
  return {
    requestId: r.id,
    orgId: r.orgId,
    legalName: r.org.legalName,
    state: r.state === 'approved' || r.state === 'declined' ? r.state : 'pending',
    displayName: r.displayName,
    regions: decodeRegions(r.regions, r.org.region),
    services: splitServices(r.services),
    summary: r.summary,
    contactEmail: r.contactEmail,
    contactPhone: r.contactPhone,
    website: r.website,
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt,
    decidedByName: r.decidedByName,
    decidedByAad: r.decidedByAad,
    decidedAt: r.decidedAt,
    declineReason: r.declineReason,
  };
}

async function pendingChangeRequests(tx: Tx): Promise<ChangeRequestView[]> {
  const rows = await tx.directoryChangeRequest.findMany({
    where: { state: 'pending' },
    orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
    take: 20,
    include: orgSelect,
  });
  return rows.map(changeRequestView);
}

/** P10: one change request as its card shows it (program administrators only). */
export async function getChangeRequest(
  ctx: DomainContext,
  actor: Actor,
  raw: { requestId: string },
): Promise<ChangeRequestView> {
  const { requestId } = parseInput(z.object({ requestId: z.string().min(1).max(100) }), raw);
  await requireProgramAdmin(ctx, actor);
  const row = await ctx.store.read.directoryChangeRequest.findUnique({ where: { id: requestId }, include: orgSelect });
  if (!row) throw new AppError('NOT_FOUND', { entity: 'request' });
  return changeRequestView(row);
}

/**
 * One change request, read without a role check: for the bot's own posts after the request was written
 * (the program channel's copy of the card), never for a person's command.
 */
export async function readChangeRequest(tx: Tx, requestId: string): Promise<ChangeRequestView | null> {
  const row = await tx.directoryChangeRequest.findUnique({ where: { id: requestId }, include: orgSelect });
  return row ? changeRequestView(row) : null;
}

/** The person asking for a change, as the request records them. */
export interface Requester {
  readonly userId: string | null;
  readonly name: string;
  readonly aadObjectId: string;
}

/**
 * Writes (or replaces) the provider's one pending change request, inside the caller's transaction,
 * with its audit row and one review card per program administrator (outbox). Shared by the provider's
 * `listing` form (P10) and the business-profile card's "send to my listing" (U4).
 */
export async function writeChangeRequest(
  tx: Tx,
  ctx: DomainContext,
  org: { id: string; legalName: string; region: string },
  who: Requester,
  fields: Omit<z.output<typeof listingFieldsInput>, 'regions'> & { regions: readonly string[] },
  now: Date,
): Promise<{ requestId: string; replaced: boolean }> {
  const data = {
    displayName: fields.displayName,
    regions: listingData(org, fields).regions,
    services: [...new Set(fields.services)].join(','),
    summary: fields.summary,
    contactEmail: fields.contactEmail,
    contactPhone: fields.contactPhone,
    website: fields.website,
    requestedByUserId: who.userId,
    requestedByName: who.name,
    requestedByAad: who.aadObjectId,
    requestedAt: now,
  };
  const pending = await tx.directoryChangeRequest.findUnique({ where: { pendingKey: org.id }, select: { id: true } });
  let requestId: string;
  let replaced = false;
  if (
    pending &&
    claimed(await tx.directoryChangeRequest.updateMany({ where: { id: pending.id, state: 'pending' }, data }))
  ) {
    requestId = pending.id;
    replaced = true;
  } else {
    // a unique violation here (someone else's request landed first) makes retryOnUnique run it again
    const created = await tx.directoryChangeRequest.create({ data: { orgId: org.id, pendingKey: org.id, ...data } });
    requestId = created.id;
  }
  await audit(tx, { userId: who.userId, ref: who.aadObjectId }, now, {
    orgId: org.id,
    action: 'directory.change_requested',
    entity: 'DirectoryChangeRequest',
    entityId: requestId,
    detail: { ...data, replaced },
  });
  const admins = await programAdminsOf(ctx, tx);
  await enqueue(
    tx,
    'directory.change_requested',
    `${requestId}:${now.getTime()}`,
    {
      requestId,
      orgId: org.id,
      orgName: org.legalName,
      displayName: fields.displayName,
      requestedByName: who.name,
      requestedAt: now.toISOString(),
      regions: [...new Set(fields.regions)],
      services: [...new Set(fields.services)],
      summary: fields.summary,
      contactEmail: fields.contactEmail,
      contactPhone: fields.contactPhone,
      website: fields.website,
      viewers: admins.flatMap((a) => (a.teamsUserId ? [a.teamsUserId] : [])),
    },
    admins.map(({ aadObjectId }) => ({ aadObjectId })),
    now,
  );
  return { requestId, replaced };
}

export const decideChangeInput = z.object({
  requestId: z.string().min(1).max(100),
  decision: z.enum(['approve', 'decline']),
  reason: z.string().trim().max(2000).optional(),
});

/**
 * P10: a program administrator approves (the listing takes the requested values; a provider without a
 * listing gets one, listed) or declines a provider's change request. A conditional write on the pending
 * state lets exactly one decision land; anyone deciding later gets ALREADY_DECIDED naming who decided
 * and when, except the same person repeating the same decision, who gets the recorded result back.
 * The requester is told in its personal chat, the organisation in its channel (outbox).
 */
export async function decideChangeRequest(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof decideChangeInput>,
): Promise<ChangeRequestView & { changed: boolean }> {
  const input = parseInput(decideChangeInput, raw);
  await requireProgramAdmin(ctx, actor);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.now();
    const req = await tx.directoryChangeRequest.findUnique({ where: { id: input.requestId }, include: orgSelect });
    if (!req) throw new AppError('NOT_FOUND', { entity: 'request' });
    const approve = input.decision === 'approve';
    const state = approve ? 'approved' : 'declined';
    const won = claimed(
      await tx.directoryChangeRequest.updateMany({
        where: { id: req.id, state: 'pending' },
        data: {
          state,
          pendingKey: null,
          decidedByName: actor.name,
          decidedByAad: actor.aadObjectId,
          decidedAt: now,
          declineReason: approve ? null : (input.reason ?? null),
        },
      }),
    );
    if (!won) {
      const done = await tx.directoryChangeRequest.findUniqueOrThrow({ where: { id: req.id }, include: orgSelect });
      if (done.decidedByAad === actor.aadObjectId && done.state === state) {
        return { ...changeRequestView(done), changed: false };
      }
      throw new AppError('ALREADY_DECIDED', {
        by: done.decidedByName ?? '?',
        at: done.decidedAt?.toISOString() ?? '',
        decision: done.state,
      });
    }
    if (approve) {
      const existing = await tx.directoryProfile.findUnique({ where: { orgId: req.orgId }, select: { listed: true } });
      const data = {
        ...listingData(req.org, {
          displayName: req.displayName,
          regions: decodeRegions(req.regions, req.org.region),
          summary: req.summary,
          services: splitServices(req.services),
          contactEmail: req.contactEmail,
          contactPhone: req.contactPhone,
          website: req.website,
        }),
        updatedBy: actor.aadObjectId,
      };
      await tx.directoryProfile.upsert({
        where: { orgId: req.orgId },
        create: { orgId: req.orgId, listed: existing?.listed ?? true, ...data },
        update: data,
      });
    }
    await audit(tx, { userId: null, ref: actor.aadObjectId }, now, {
      orgId: req.orgId,
      action: approve ? 'directory.change_approved' : 'directory.change_declined',
      entity: 'DirectoryChangeRequest',
      entityId: req.id,
      detail: { reason: input.reason ?? null },
    });
    await enqueue(
      tx,
      'directory.change_decided',
      req.id,
      {
        requestId: req.id,
        orgId: req.orgId,
        orgName: req.org.legalName,
        decision: approve ? 'approved' : 'declined',
        byName: actor.name,
        at: now.toISOString(),
        reason: approve ? null : (input.reason ?? null),
      },
      // P10 / issue 14 item 6: the requester in its personal chat, and the organisation's channel
      [...(req.requestedByAad ? [{ aadObjectId: req.requestedByAad }] : []), { orgId: req.orgId }],
      now,
    );
    const after = await tx.directoryChangeRequest.findUniqueOrThrow({ where: { id: req.id }, include: orgSelect });
    return { ...changeRequestView(after), changed: true };
  });
}
