/**
 * The locales the bot speaks and how a channel's tag maps to one. Imports nothing, so the dashboard's
 * browser script can use it without bundling the catalogues (src/i18n/index.ts re-exports it).
 */
export const locales = ['en-US', 'ko-KR'] as const;
export type Locale = (typeof locales)[number];

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
