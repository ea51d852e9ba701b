/**
 * Issue 14 item 5: what people read holds no internal ids or rule codes. `unreadable(text)` lists what
 * gives one away in a message, card text, page, e-mail or channel notice; an empty list is clean.
 * Rule ids belong in tests and logs, never in what the bot shows.
 */

/** snake_case identifiers: united_states, admin_agent, partner_of_record_set, in_review. */
const SNAKE = /(?<![\w@./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])/g;
/** rule codes as the catalogue used to cite them: "(E8)", "(PT1, M1)", "(P9)". */
const RULE_CODE_CITED = /\(\s*(?:PT|[EUMPCS])\d{1,2}(?:\s*,\s*(?:PT|[EUMPCS])\d{1,2})*\s*\)/g;
/** ids Prisma makes with cuid(): 25 characters starting with "c". */
const CUID = /(?<![\w/-])c[a-z0-9]{24}(?![\w-])/g;
/** a sentence period doubled after a name that already ends in one ("Contoso Ltd.."). */
const DOUBLE_PERIOD = /(?<!\.)\.\.(?!\.)/g;
/** en-US spells these one way: organization, authorize, personalized, license. */
const BRITISH = /\b(?:organis(?:ation|ations|e|ed)|authoris(?:e|ed|es|ing|ation)|personalis(?:e|ed)|licences?)\b/gi;

/** Text people do not read as words: links and e-mail addresses (which may hold any token). */
function withoutAddresses(text: string): string {
  return text.replace(/\bhttps?:\/\/\S+/g, ' ').replace(/[\w.+-]+@[\w.-]+/g, ' ');
}

export interface ReadableOptions {
  /** en-US text: also check the one English spelling */
  readonly english?: boolean;
  /** ids that must never show (offer ids, organization ids, …) */
  readonly ids?: readonly string[];
}

/** What in `text` is an internal id, a rule code or a misspelling people should not read; [] when clean. */
export function unreadable(text: string, options: ReadableOptions = {}): string[] {
  const plain = withoutAddresses(text);
  const found = [
    ...[...plain.matchAll(SNAKE)].map((m) => `id "${m[0]}"`),
    ...[...plain.matchAll(RULE_CODE_CITED)].map((m) => `rule code "${m[0]}"`),
    ...[...plain.matchAll(CUID)].map((m) => `record id "${m[0]}"`),
    ...[...plain.matchAll(DOUBLE_PERIOD)].map(
      (m) => `double period "${plain.slice(Math.max(0, m.index - 12), m.index + 2)}"`,
    ),
    ...(options.english ? [...plain.matchAll(BRITISH)].map((m) => `spelling "${m[0]}"`) : []),
    ...(options.ids ?? []).filter((id) => id && plain.includes(id)).map((id) => `id "${id}"`),
  ];
  return [...new Set(found)];
}

/** Every human-readable string of an Adaptive Card (texts, titles, labels, choices, placeholders, facts). */
export function cardStrings(card: unknown): string[] {
  const out: string[] = [];
  const keys = new Set(['text', 'title', 'label', 'placeholder', 'altText', 'fallbackText', 'errorMessage', 'speak']);
  const walk = (node: unknown, key = ''): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, key));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      // Input.Toggle/ChoiceSet values and action data are not shown; a FactSet's `value` is
      if (o.type === undefined && typeof o.title === 'string' && typeof o.value === 'string' && key === 'facts')
        out.push(o.value);
      for (const [k, v] of Object.entries(o)) {
        if (k === 'data' || k === 'refresh') continue;
        if (typeof v === 'string' && keys.has(k)) out.push(v);
        else walk(v, k);
      }
    }
  };
  walk(card);
  return out;
}

/** Visible text of an HTML page: tags, scripts and styles removed, entities of the usual kind undone. */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Collects findings per place, so one run names every place at once. */
export class ReadableReport {
  private readonly findings: string[] = [];

  check(where: string, text: string, options: ReadableOptions = {}): void {
    for (const f of unreadable(text, options)) this.findings.push(`${where}: ${f} in: ${text.slice(0, 160)}`);
  }

  checkCard(where: string, card: unknown, options: ReadableOptions = {}): void {
    for (const s of cardStrings(card)) this.check(where, s, options);
  }

  get problems(): readonly string[] {
    return this.findings;
  }
}
