import { enUS } from './en-US/index.js';
import { koKR } from './ko-KR/index.js';
import type { Locale } from './locales.js';

export { locales, resolveLocale, type Locale } from './locales.js';
export type MessageKey = keyof typeof enUS;
export type MessageParams = Readonly<Record<string, string | number>>;

const catalogues: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  'en-US': enUS,
  'ko-KR': koKR,
};

/** The catalogues themselves, for tests and tooling. */
export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogues[locale];
}

/** Looks up a message and fills `{name}` placeholders; falls back to en-US. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[locale][key] ?? catalogues['en-US'][key];
  return fillTemplate(template, params);
}

/**
 * Fills `{name}` placeholders (unknown ones stay as they are). A value that ends with a period
 * ("Contoso Ltd.") takes the place of the sentence's own period after it: never "Contoso Ltd..".
 */
export function fillTemplate(template: string, params: MessageParams): string {
  // most messages (labels, titles) have no placeholder: a card of ten rows asks for a hundred of them
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, period: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = String(params[name]);
    return period && value.endsWith('.') ? value : value + period;
  });
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A translator bound to one locale. */
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
