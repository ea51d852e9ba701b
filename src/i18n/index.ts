import { enUS } from './en-US/index.js';
import { koKR } from './ko-KR/index.js';

export const locales = ['en-US', 'ko-KR'] as const;
export type Locale = (typeof locales)[number];
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

/**
 * Maps whatever a channel sends ("ko", "ko-kr", "ko-KR", "en-GB", undefined)
 * to a supported locale: Korean for any Korean tag, English otherwise.
 */
export function resolveLocale(raw: string | undefined | null, fallback: Locale = 'en-US'): Locale {
  if (!raw) return fallback;
  const lang = raw.trim().toLowerCase().split(/[-_]/)[0];
  if (lang === 'ko') return 'ko-KR';
  if (lang === 'en') return 'en-US';
  return fallback;
}

/** Looks up a message and fills `{name}` placeholders; falls back to en-US. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[locale][key] ?? catalogues['en-US'][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A translator bound to one locale. */
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
