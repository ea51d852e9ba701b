import { z } from 'zod';
import { audit } from '../shared/audit.js';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { CsvSyntaxError, parseCsv } from '../shared/csv.js';
import { AppError } from '../shared/errors.js';
import { mpnIdSchema } from './enrollment-rules.js';
import { isServedCountry } from '../shared/regions.js';

const EXPECTED_HEADER = ['mpnId', 'orgName', 'country', 'active'] as const;

const truthy = new Set(['true', 'yes', 'y', '1', 'active']);
const falsy = new Set(['false', 'no', 'n', '0', 'inactive']);

/** One row of the registry CSV: `mpnId,orgName,country,active`. */
export const mpnRowSchema = z.object({
  mpnId: mpnIdSchema,
  orgName: z.string().trim().min(1, 'orgName is empty').max(200),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => isServedCountry(c), 'country is not an ISO 3166-1 code served by CSP'),
  active: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => truthy.has(v) || falsy.has(v), 'active must be true or false')
    .transform((v) => truthy.has(v)),
});
export type MpnRow = z.infer<typeof mpnRowSchema>;

export interface RowProblem {
  readonly line: number;
  readonly message: string;
}

/** Pure: validates the CSV text; returns the good rows and every bad row by line number. */
export function readMpnCsv(text: string): { rows: MpnRow[]; problems: RowProblem[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      return { rows: [], problems: [{ line: e.line, message: e.message.replace(/^line \d+: /, '') }] };
    throw e;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const names = header.fields.map((f) => f.trim());
  if (
    names.length !== EXPECTED_HEADER.length ||
    EXPECTED_HEADER.some((h, i) => names[i]?.toLowerCase() !== h.toLowerCase())
  ) {
    return { rows: [], problems: [{ line: header.line, message: `the header must be ${EXPECTED_HEADER.join(',')}` }] };
  }
  const rows: MpnRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const rec of body) {
    if (rec.fields.length !== EXPECTED_HEADER.length) {
      problems.push({
        line: rec.line,
        message: `expected ${EXPECTED_HEADER.length} fields, found ${rec.fields.length}`,
      });
      continue;
    }
    const [mpnId, orgName, country, active] = rec.fields;
    const r = mpnRowSchema.safeParse({ mpnId, orgName, country, active });
    if (!r.success) {
      problems.push({
        line: rec.line,
        message: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      continue;
    }
    const first = seen.get(r.data.mpnId);
    if (first !== undefined) {
      problems.push({ line: rec.line, message: `mpnId ${r.data.mpnId} repeats line ${first}` });
      continue;
    }
    seen.set(r.data.mpnId, rec.line);
    rows.push(r.data);
  }
  return { rows, problems };
}

export interface ImportResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * Issue item 2 / E2: a program administrator imports the MPN profile registry from CSV
 * (header `mpnId,orgName,country,active`). All or nothing: if any row is bad, nothing is written
 * and CSV_INVALID lists every bad row by line number. Rows are upserted by MPN ID.
 */
export async function importMpnProfiles(ctx: DomainContext, actor: Actor, csvText: string): Promise<ImportResult> {
  await requireProgramAdmin(ctx, actor);
  return importMpnProfilesAsSystem(ctx, csvText, actor.aadObjectId);
}

/** The same import for the command line (scripts/mpn-import.ts), recorded as done by `who`. */
export async function importMpnProfilesAsSystem(
  ctx: DomainContext,
  csvText: string,
  who = 'system:mpn-import',
): Promise<ImportResult> {
  const { rows, problems } = readMpnCsv(csvText);
  if (problems.length) {
    throw new AppError('CSV_INVALID', { details: problems.map((p) => `line ${p.line}: ${p.message}`).join('; ') });
  }
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of rows) {
      const before = await tx.mpnProfile.findUnique({ where: { mpnId: row.mpnId } });
      if (!before) {
        await tx.mpnProfile.create({ data: { ...row, importedAt: now } });
        created++;
      } else if (before.orgName !== row.orgName || before.country !== row.country || before.active !== row.active) {
        await tx.mpnProfile.update({ where: { mpnId: row.mpnId }, data: { ...row, importedAt: now } });
        updated++;
      } else {
        unchanged++;
      }
    }
    await audit(tx, { ref: who }, now, {
      action: 'mpn.imported',
      entity: 'MpnProfile',
      entityId: '*',
      detail: { rows: rows.length, created, updated, unchanged },
    });
    return { created, updated, unchanged };
  });
}
