/**
 * Keeps a metric label's values few. A turn's name comes from the bot's command table or its card verbs (a few
 * dozen), but an invoke's name, an unknown verb or a path comes from whoever posts: without a bound, anyone could
 * grow the series a scrape returns, and the memory that keeps them, without limit. Past `max` distinct values,
 * new ones are reported as `other`.
 */
export class LabelValues {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly maxLength = 64,
  ) {}

  of(value: string | undefined): string {
    if (value === undefined || value === '') return 'none';
    const v = value.length > this.maxLength ? value.slice(0, this.maxLength) : value;
    if (this.seen.has(v)) return v;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(v);
    return v;
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** HTTP methods as OpenTelemetry's conventions name them: the known ones, `_OTHER` for anything else. */
export function methodLabel(method: string | undefined): string {
  const m = (method ?? '').toUpperCase();
  return METHODS.has(m) ? m : '_OTHER';
}

/** What a statement does and to which table, e.g. `SELECT OutboxEvent`: never its values (they are parameters). */
const summaries = new Map<string, string>();
const MAX_SUMMARIES = 2000;
const OPERATION = /^\s*(\w+)/;
const TABLE = /\b(?:FROM|INTO|UPDATE|JOIN)\s+(?:"?\w+"?\.)?"?(\w+)"?/i;

export function statementSummary(sql: string): string {
  let s = summaries.get(sql);
  if (s === undefined) {
    const op = (OPERATION.exec(sql)?.[1] ?? 'SQL').toUpperCase();
    const table = TABLE.exec(sql)?.[1];
    s = table ? `${op} ${table}` : op;
    if (summaries.size >= MAX_SUMMARIES) summaries.clear();
    summaries.set(sql, s);
  }
  return s;
}
