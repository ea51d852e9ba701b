import { z } from 'zod';
import { audit } from '../shared/audit.js';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { CsvSyntaxError, parseCsv } from '../shared/csv.js';
import { AppError, parseInput } from '../shared/errors.js';
import type { Page } from '../shared/paging.js';
import { isUniqueViolation } from '../shared/store.js';

/*
 * The offer catalogue (issue 14 item 1, S1/S4): what a partner may order. Program administrators
 * import it from CSV, add one offer, retire an offer and restore it, and list it page by page.
 * A retired offer stays on the subscriptions that name it but cannot be ordered (requireOffers).
 *
 * CSV format (UTF-8, RFC 4180, header required, columns in this order):
 *   offerId,nameEn,nameKo,minQuantity,maxQuantity[,active]
 * - offerId: the catalogue id (letters, digits and . _ : -, at most 100), e.g. CFQ7TTC0LH18:0001
 * - nameEn / nameKo: the name shown to English and Korean readers (at most 200 characters)
 * - minQuantity / maxQuantity: whole licence counts, 1 ≤ min ≤ max ≤ 100000
 * - active (optional column): true/false (also yes/no, 1/0, active/retired); without the column new
 *   offers are active and existing ones keep their state
 * All or nothing: one bad row and nothing is written; every bad row is reported (line, field, reason).
 */

export const OFFER_HEADER = ['offerId', 'nameEn', 'nameKo', 'minQuantity', 'maxQuantity'] as const;
export const OFFER_HEADER_WITH_ACTIVE = [...OFFER_HEADER, 'active'] as const;
export const MAX_OFFER_QUANTITY = 100_000;

const truthy = new Set(['true', 'yes', 'y', '1', 'active']);
const falsy = new Set(['false', 'no', 'n', '0', 'inactive', 'retired']);

export const offerIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

/** One offer's fields (the add form and each CSV row). */
export const offerFieldsSchema = z
  .object({
    offerId: offerIdSchema,
    nameEn: z.string().trim().min(1).max(200),
    nameKo: z.string().trim().min(1).max(200),
    minQuantity: z.coerce.number().int().min(1).max(MAX_OFFER_QUANTITY),
    maxQuantity: z.coerce.number().int().min(1).max(MAX_OFFER_QUANTITY),
  })
  .refine((o) => o.minQuantity <= o.maxQuantity, {
    path: ['maxQuantity'],
    message: 'maxQuantity is below minQuantity',
  });
export type OfferFields = z.infer<typeof offerFieldsSchema>;

/** Why a row (or the file) cannot be imported: a code the reader's language words (offers.problem.<reason>). */
export type OfferProblemReason =
  | 'empty_file'
  | 'header'
  | 'syntax'
  | 'field_count'
  | 'missing'
  | 'too_long'
  | 'bad_id'
  | 'not_whole_number'
  | 'out_of_range'
  | 'below_min'
  | 'not_true_false'
  | 'duplicate';

export interface OfferRowProblem {
  /** the file's line number (1 = the header) */
  readonly line: number;
  /** the column, when one column is at fault */
  readonly field: string | null;
  readonly reason: OfferProblemReason;
  /** the line the same offer id first appeared on (duplicate) */
  readonly firstLine?: number;
}

export interface OfferCsvRow extends OfferFields {
  /** undefined when the file has no active column */
  readonly active: boolean | undefined;
}

/** True when the header (first record) is the offer catalogue's (with or without `active`). */
export function isOfferHeader(fields: readonly string[]): boolean {
  const names = fields.map((f) => f.trim().toLowerCase());
  const matches = (h: readonly string[]) =>
    names.length === h.length && h.every((x, i) => names[i] === x.toLowerCase());
  return matches(OFFER_HEADER) || matches(OFFER_HEADER_WITH_ACTIVE);
}

function reasonOf(field: string, issue: z.core.$ZodIssue): OfferProblemReason {
  if (field === 'offerId')
    return issue.code === 'too_big' ? 'too_long' : issue.code === 'too_small' ? 'missing' : 'bad_id';
  if (field === 'nameEn' || field === 'nameKo') return issue.code === 'too_big' ? 'too_long' : 'missing';
  if (field === 'maxQuantity' && issue.code === 'custom') return 'below_min';
  if (issue.code === 'too_big' || issue.code === 'too_small') return 'out_of_range';
  return 'not_whole_number';
}

/** Pure: what is wrong with one offer's fields (the add form), one problem per field, in form order. */
export function offerFieldProblems(raw: Record<string, unknown>): { field: string; reason: OfferProblemReason }[] {
  const r = offerFieldsSchema.safeParse(raw);
  if (r.success) return [];
  const byField = new Map<string, OfferProblemReason>();
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!byField.has(field)) byField.set(field, reasonOf(field, issue));
  }
  return [...byField].map(([field, reason]) => ({ field, reason }));
}

/** Pure: validates the CSV text; returns the good rows and every problem by line (and field). */
export function readOffersCsv(text: string): { rows: OfferCsvRow[]; problems: OfferRowProblem[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { rows: [], problems: [{ line: e.line, field: null, reason: 'syntax' }] };
    throw e;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, field: null, reason: 'empty_file' }] };
  if (!isOfferHeader(header.fields))
    return { rows: [], problems: [{ line: header.line, field: null, reason: 'header' }] };
  const withActive = header.fields.length === OFFER_HEADER_WITH_ACTIVE.length;
  const rows: OfferCsvRow[] = [];
  const problems: OfferRowProblem[] = [];
  const seen = new Map<string, number>();
  for (const rec of body) {
    if (rec.fields.length !== header.fields.length) {
      problems.push({ line: rec.line, field: null, reason: 'field_count' });
      continue;
    }
    const [offerId, nameEn, nameKo, minQuantity, maxQuantity, activeText] = rec.fields;
    const rowProblems: OfferRowProblem[] = [];
    const whole = (v: string | undefined) => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : v);
    const r = offerFieldsSchema.safeParse({
      offerId,
      nameEn,
      nameKo,
      minQuantity: whole(minQuantity),
      maxQuantity: whole(maxQuantity),
    });
    if (!r.success) {
      const byField = new Map<string, OfferProblemReason>();
      for (const issue of r.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!byField.has(field)) byField.set(field, reasonOf(field, issue));
      }
      for (const [field, reason] of byField) rowProblems.push({ line: rec.line, field, reason });
    }
    let active: boolean | undefined;
    if (withActive) {
      const v = (activeText ?? '').trim().toLowerCase();
      if (truthy.has(v)) active = true;
      else if (falsy.has(v)) active = false;
      else rowProblems.push({ line: rec.line, field: 'active', reason: 'not_true_false' });
    }
    if (rowProblems.length || !r.success) {
      problems.push(...rowProblems);
      continue;
    }
    const first = seen.get(r.data.offerId.toLowerCase());
    if (first !== undefined) {
      problems.push({ line: rec.line, field: 'offerId', reason: 'duplicate', firstLine: first });
      continue;
    }
    seen.set(r.data.offerId.toLowerCase(), rec.line);
    rows.push({ ...r.data, active });
  }
  return { rows, problems };
}

/** Problems in plain English (the command line and logs; chat words them in the reader's language). */
export function describeOfferProblem(p: OfferRowProblem): string {
  const where = `line ${p.line}${p.field ? `, ${p.field}` : ''}`;
  const why: Record<OfferProblemReason, string> = {
    empty_file: 'the file is empty',
    header: `the header must be ${OFFER_HEADER.join(',')}[,active]`,
    syntax: 'the CSV cannot be read here (check the quotes)',
    field_count: `a row needs ${OFFER_HEADER.length} values (or ${OFFER_HEADER_WITH_ACTIVE.length} with active)`,
    missing: 'is empty',
    too_long: 'is too long',
    bad_id: 'may only hold letters, digits and . _ : -',
    not_whole_number: 'is not a whole number',
    out_of_range: `must be between 1 and ${MAX_OFFER_QUANTITY}`,
    below_min: 'is below minQuantity',
    not_true_false: 'must be true or false',
    duplicate: `repeats the offer of line ${p.firstLine ?? '?'}`,
  };
  return `${where}: ${why[p.reason]}`;
}

export interface OfferImportResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * Issue 14 item 1 (S1/S4): a program administrator imports the offer catalogue from CSV; offers are
 * upserted by id. All or nothing: CSV_INVALID lists every bad row (use readOffersCsv for them one by one).
 */
export async function importOffers(ctx: DomainContext, actor: Actor, csvText: string): Promise<OfferImportResult> {
  await requireProgramAdmin(ctx, actor);
  return importOffersAsSystem(ctx, csvText, actor.aadObjectId);
}

/** The same import for the command line (scripts/offers-import.ts) and the playground's seed, recorded as `who`. */
export async function importOffersAsSystem(
  ctx: DomainContext,
  csvText: string,
  who = 'system:offers-import',
): Promise<OfferImportResult> {
  const { rows, problems } = readOffersCsv(csvText);
  if (problems.length) throw new AppError('CSV_INVALID', { details: problems.map(describeOfferProblem).join('; ') });
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of rows) {
      const { active, ...fields } = row;
      const before = await tx.offer.findUnique({ where: { id: row.offerId } });
      const data = {
        nameEn: fields.nameEn,
        nameKo: fields.nameKo,
        minQuantity: fields.minQuantity,
        maxQuantity: fields.maxQuantity,
      };
      if (!before) {
        await tx.offer.create({ data: { id: row.offerId, ...data, active: active ?? true } });
        created++;
        continue;
      }
      const next = { ...data, active: active ?? before.active };
      const same =
        before.nameEn === next.nameEn &&
        before.nameKo === next.nameKo &&
        before.minQuantity === next.minQuantity &&
        before.maxQuantity === next.maxQuantity &&
        before.active === next.active;
      if (same) {
        unchanged++;
      } else {
        await tx.offer.update({ where: { id: row.offerId }, data: next });
        updated++;
      }
    }
    await audit(tx, { ref: who }, now, {
      action: 'offers.imported',
      entity: 'Offer',
      entityId: '*',
      detail: { rows: rows.length, created, updated, unchanged },
    });
    return { created, updated, unchanged };
  });
}

/** Issue 14 item 1: a program administrator adds one offer (OFFER_EXISTS when the id is taken). */
export async function addOffer(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof offerFieldsSchema>,
): Promise<OfferFields> {
  await requireProgramAdmin(ctx, actor);
  const input = parseInput(offerFieldsSchema, raw);
  const now = ctx.now();
  // two simultaneous adds of one id: the primary key lets one in; the other is told the id is taken
  try {
    return await insertOffer(ctx, actor, input, now);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('OFFER_EXISTS', { offerId: input.offerId });
    throw e;
  }
}

function insertOffer(ctx: DomainContext, actor: Actor, input: OfferFields, now: Date): Promise<OfferFields> {
  return ctx.store.transaction(async (tx) => {
    const taken = await tx.offer.findFirst({
      where: { id: input.offerId },
      select: { id: true },
    });
    if (taken) throw new AppError('OFFER_EXISTS', { offerId: input.offerId });
    await tx.offer.create({
      data: {
        id: input.offerId,
        nameEn: input.nameEn,
        nameKo: input.nameKo,
        minQuantity: input.minQuantity,
        maxQuantity: input.maxQuantity,
        active: true,
      },
    });
    await audit(tx, { ref: actor.aadObjectId }, now, {
      action: 'offer.added',
      entity: 'Offer',
      entityId: input.offerId,
      detail: { nameEn: input.nameEn, minQuantity: input.minQuantity, maxQuantity: input.maxQuantity },
    });
    return input;
  });
}

export const setOfferActiveInput = z.object({ offerId: offerIdSchema, active: z.boolean() });

/**
 * Issue 14 item 1: retire an offer (active false: it cannot be ordered any more, S1/S4; existing
 * subscriptions keep it) or restore it. A repeat finds it done and writes nothing (`changed: false`).
 */
export async function setOfferActive(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof setOfferActiveInput>,
): Promise<{ changed: boolean; nameEn: string; nameKo: string }> {
  await requireProgramAdmin(ctx, actor);
  const input = parseInput(setOfferActiveInput, raw);
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const offer = await tx.offer.findUnique({ where: { id: input.offerId } });
    if (!offer) throw new AppError('NOT_FOUND', { entity: 'offer' });
    // conditional write: of two simultaneous clicks one changes it, the other finds it done
    const r = await tx.offer.updateMany({
      where: { id: input.offerId, active: !input.active },
      data: { active: input.active },
    });
    if (r.count === 1) {
      await audit(tx, { ref: actor.aadObjectId }, now, {
        action: input.active ? 'offer.restored' : 'offer.retired',
        entity: 'Offer',
        entityId: input.offerId,
      });
    }
    return { changed: r.count === 1, nameEn: offer.nameEn, nameKo: offer.nameKo };
  });
}

export interface CatalogueOffer {
  readonly offerId: string;
  /** in the reader's language */
  readonly name: string;
  readonly nameEn: string;
  readonly nameKo: string;
  readonly minQuantity: number;
  readonly maxQuantity: number;
  readonly active: boolean;
  /** subscriptions that name this offer */
  readonly subscriptions: number;
}

export const listCatalogueInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(10),
});

const cursorSchema = z.object({ id: z.string().min(1).max(100) });

function encodeIdCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const r = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (r.success) return r.data.id;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION', { details: 'cursor: not a cursor from this list' });
}

/** Issue 14 item 1: the whole catalogue (active and retired), by offer id, one page at a time. Program administrators. */
export async function listOfferCatalogue(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof listCatalogueInput> = {},
): Promise<Page<CatalogueOffer>> {
  await requireProgramAdmin(ctx, actor);
  const input = parseInput(listCatalogueInput, raw);
  const afterId = decodeIdCursor(input.cursor);
  const rows = await ctx.store.read.offer.findMany({
    where: afterId ? { id: { gt: afterId } } : {},
    orderBy: { id: 'asc' },
    take: input.limit + 1,
    include: { _count: { select: { subscriptions: true } } },
  });
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const last = shown[shown.length - 1];
  return {
    items: shown.map((o) => ({
      offerId: o.id,
      name: actor.locale === 'ko-KR' ? o.nameKo : o.nameEn,
      nameEn: o.nameEn,
      nameKo: o.nameKo,
      minQuantity: o.minQuantity,
      maxQuantity: o.maxQuantity,
      active: o.active,
      subscriptions: o._count.subscriptions,
    })),
    nextCursor: more && last ? encodeIdCursor(last.id) : null,
  };
}
