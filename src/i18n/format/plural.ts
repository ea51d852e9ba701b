import type { Locale } from '../locales.js';

const rules = new Map<Locale, Intl.PluralRules>();
const numbers = new Map<Locale, Intl.NumberFormat>();

/** The CLDR plural category of `count` in `locale` (English: one/other; Korean: always other). */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  return r.select(count);
}

/** A number grouped as the locale writes it ("1,234"). */
export function formatNumber(locale: Locale, n: number): string {
  let f = numbers.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numbers.set(locale, f);
  }
  return f.format(n);
}

/** The forms of a counted phrase, `{count}` standing for the number; `other` is required by CLDR. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

/**
 * Picks the form for `count` through Intl.PluralRules and fills `{count}`:
 * `plural('en-US', 2, { one: '{count} customer', other: '{count} customers' })` is "2 customers".
 */
export function plural(locale: Locale, count: number, forms: PluralForms): string {
  const template = forms[pluralCategory(locale, count)] ?? forms.other;
  return template.replace(/\{count\}/g, formatNumber(locale, count));
}
