import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { catalogue, locales } from '../i18n/index.js';
import { escapeMarkdown } from '../i18n/format/index.js';
import type { CardData, CardName } from './types.js';

export type { CardData, CardName } from './types.js';
export { cardNames } from './types.js';

/** A bound Adaptive Card (schema 1.5), ready for CardFactory.adaptiveCard or an invoke response. */
export type AdaptiveCardJson = Readonly<Record<string, unknown>>;

/** Where the templates live: cards/<name>.json at the repository root. */
export const cardsDir = new URL('../../cards/', import.meta.url);

/**
 * adaptivecards-templating's own typings import adaptivecards' TypeScript sources, which do not
 * compile under this project's settings (verbatimModuleSyntax); so it is loaded untyped and given
 * the one signature used here.
 */
interface Template {
  expand(context: { $root: unknown }): unknown;
}
const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => Template;
};

const templates = new Map<CardName, Template>();

function template(name: CardName): Template {
  let tpl = templates.get(name);
  if (!tpl) {
    const json: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, cardsDir), 'utf8'));
    tpl = new Template(json);
    templates.set(name, tpl);
  }
  return tpl;
}

/*
 * Text from partners and customers is inert on cards (issue 13 item 6): Teams renders markdown in TextBlocks and
 * facts, so a customer named `[Re-verify](https://evil.example) **URGENT**` would be a link. Every string of the
 * data is escaped where it is shown, and only there: before binding, each markdown syntax character of a data
 * string is replaced by a private-use stand-in (U+E000 + its code); after binding, the stand-ins in a TextBlock's
 * text and a fact's title and value become backslash escapes (Teams shows the character itself), everywhere else
 * (ids, URLs, input values, Action data) the character itself again, so nothing but the shown text changes.
 * The markdown of the templates themselves (`**${name}**`) stays, and so does the catalogue's: a data string
 * that is a catalogue message (`Type **help** …`) keeps the message's own markdown and only its parameters are
 * escaped.
 */
const STAND_IN = 0xe000;
const STAND_INS = /[\ue000-\ue07f]/g;
const HAS_STAND_IN = /[\ue000-\ue07f]/;
const standIn = (ch: string): string => String.fromCharCode(STAND_IN + ch.charCodeAt(0));
const fromStandIn = (c: string): string => String.fromCharCode(c.charCodeAt(0) - STAND_IN);

/** All syntax of `s` replaced by stand-ins (stand-ins typed by someone are not trusted: they become U+FFFD). */
function markAll(s: string): string {
  return escapeMarkdown(s.replace(STAND_INS, '\ufffd'), standIn);
}

/** A catalogue message that has markdown of its own: its literal parts around the `{param}`s, and a matcher. */
interface MessagePattern {
  readonly literals: readonly string[];
  readonly re: RegExp;
}
let patterns: readonly MessagePattern[] | undefined;
/** Longer strings are not matched against the catalogue (its messages are short): escaped whole. */
const MAX_MESSAGE_LENGTH = 2000;

function messagePatterns(): readonly MessagePattern[] {
  if (patterns) return patterns;
  const out: MessagePattern[] = [];
  for (const locale of locales) {
    for (const text of new Set(Object.values(catalogue(locale)))) {
      const literals = text.split(/\{\w+\}/);
      if (literals.every((l) => escapeMarkdown(l) === l)) continue;
      const source = literals.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([\\s\\S]*?)');
      out.push({ literals, re: new RegExp(`^${source}$`) });
    }
  }
  patterns = out;
  return out;
}

let messages: ReadonlySet<string> | undefined;
/** Every catalogue message as it reads without parameters (both languages). */
function catalogueMessages(): ReadonlySet<string> {
  messages ??= new Set(locales.flatMap((l) => Object.values(catalogue(l))));
  return messages;
}

/**
 * One data string with its syntax marked: a catalogue message's parameters only, anything else whole. A heading
 * a builder made bold (`**${t(locale, key)}**`, a message without parameters) is left as it is.
 */
const marked = new Map<string, string>();
const MAX_MARKED = 5000;

function markText(s: string): string {
  if (escapeMarkdown(s) === s && !HAS_STAND_IN.test(s)) return s;
  let out = marked.get(s);
  if (out === undefined) {
    out = markTextOnce(s);
    if (marked.size >= MAX_MARKED) marked.clear();
    marked.set(s, out);
  }
  return out;
}

function markTextOnce(s: string): string {
  const bold = /^\*\*([^*]+)\*\*$/.exec(s);
  if (bold && catalogueMessages().has(bold[1] ?? '')) return s;
  if (s.length <= MAX_MESSAGE_LENGTH) {
    for (const p of messagePatterns()) {
      const first = p.literals[0] ?? '';
      const last = p.literals[p.literals.length - 1] ?? '';
      if (!s.startsWith(first) || !s.endsWith(last) || !p.literals.every((l) => s.includes(l))) continue;
      const m = p.re.exec(s);
      if (!m) continue;
      return p.literals.map((l, i) => (i === 0 ? l : markAll(m[i] ?? '') + l)).join('');
    }
  }
  return markAll(s);
}

function markData(v: unknown): unknown {
  if (typeof v === 'string') return markText(v);
  if (Array.isArray(v)) return v.map(markData);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, markData(x)]));
  }
  return v;
}

/**
 * The bound card with its stand-ins resolved: escaped where Teams renders markdown, the plain character elsewhere.
 * Works in place (the card is the template engine's fresh output), writing only what changes (a string that had
 * stand-ins), so objects the binding shares with the data are left as they are unless they carried stand-ins.
 */
function resolveStandIns(v: unknown, shown = false): unknown {
  if (typeof v === 'string') {
    return HAS_STAND_IN.test(v) ? v.replace(STAND_INS, (c) => (shown ? `\\${fromStandIn(c)}` : fromStandIn(c))) : v;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = resolveStandIns(v[i]);
      if (r !== v[i]) v[i] = r;
    }
    return v;
  }
  if (typeof v !== 'object' || v === null) return v;
  const node = v as Record<string, unknown>;
  const textBlock = node.type === 'TextBlock';
  for (const k of Object.keys(node)) {
    const x = node[k];
    if (k === 'facts' && Array.isArray(x)) {
      // FactSet: a fact's title and value are rendered as markdown
      for (let i = 0; i < x.length; i++) {
        const f: unknown = x[i];
        if (typeof f === 'object' && f !== null && !Array.isArray(f)) {
          const fact = f as Record<string, unknown>;
          for (const fk of Object.keys(fact)) {
            const r = resolveStandIns(fact[fk], fk === 'title' || fk === 'value');
            if (r !== fact[fk]) fact[fk] = r;
          }
        } else {
          const r = resolveStandIns(f);
          if (r !== f) x[i] = r;
        }
      }
    } else {
      const r = resolveStandIns(x, textBlock && k === 'text');
      if (r !== x) node[k] = r;
    }
  }
  return node;
}

/** The Action.Execute verbs a template may name, by key: templates write `"verb": "${verbs.helpShow}"`. */
export type VerbTable = Readonly<Record<string, string>>;

export type RenderCard = <N extends CardName>(name: N, data: CardData[N]) => AdaptiveCardJson;

/**
 * A renderer that binds cards/<name>.json with `data`. Every string a person reads comes in through
 * `data` (from the i18n catalogue); `verbs` (the bot's verb table, src/bot/verbs.ts) is bound as
 * `verbs`, so templates write `"verb": "${verbs.helpShow}"` rather than spelling a verb. The verb table
 * is passed in so that this module knows templates and data, not the bot. Data strings are shown inert (no
 * markdown of their own, see above).
 */
export function cardRenderer(verbs: VerbTable): RenderCard {
  // Issue 15: binding a template costs ~1 ms of CPU for a large card (the enrollment form, a list page); the same
  // card with the same data (everyone's first enrollment step, a page many people open) is bound once and shared.
  // A bound card is deeply frozen, so sharing it is safe: nothing can change what another turn sends (a caller that
  // needs a variant spreads it into a new object, as every caller does).
  const bound = new Map<string, AdaptiveCardJson>();
  return (name, data) => {
    const key = `${name}\u0000${JSON.stringify(data)}`;
    let card = bound.get(key);
    if (card === undefined) {
      card = deepFreeze(bind(name, data, verbs));
      if (bound.size >= BOUND_CARDS_MAX) bound.delete(bound.keys().next().value as string);
    } else {
      bound.delete(key); // most recently used last
    }
    bound.set(key, card);
    return card;
  };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** Bound cards remembered per renderer (least recently used goes first). */
const BOUND_CARDS_MAX = 200;

function bind(name: CardName, data: unknown, verbs: VerbTable): AdaptiveCardJson {
  const marked = markData(data) as Record<string, unknown>;
  const card: unknown = resolveStandIns(template(name).expand({ $root: { ...marked, verbs } }));
  if (typeof card !== 'object' || card === null || Array.isArray(card)) {
    throw new Error(`card template ${name} did not bind to an object`);
  }
  return card as AdaptiveCardJson;
}
