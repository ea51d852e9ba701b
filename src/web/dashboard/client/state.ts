/** The tab's language (Teams' locale once known, the browser's until then) and its strings. */
import type { Strings } from './dom.js';
import { formatDate, formatDateTime } from '../../../i18n/format/dates.js';
import { resolveLocale, type Locale } from '../../../i18n/locales.js';

const catalogues = JSON.parse(document.getElementById('dashboard-strings')?.textContent ?? '{}') as Record<
  Locale,
  Record<string, string>
>;

/** Mutable: start() sets the Teams locale and whether the page runs inside Teams. */
export const tab = { locale: resolveLocale(navigator.language), inTeams: false };

export const s: Strings = (key, params = {}) => {
  const template = catalogues[tab.locale]?.[key] ?? catalogues['en-US']?.[key] ?? key;
  // a value ending with "." (Contoso Ltd.) stands in for the sentence's own period after it: never "Ltd.."
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, period: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return period && value.endsWith('.') ? value : value + period;
  });
};

/**
 * Dates are formatted here, in the browser, so that they are in the reader's own time zone (the
 * server never learns it); the formatting itself is the server's (src/i18n/format/dates.ts).
 */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function parsed(iso: string): Date | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A date in the reader's language and zone ("Mar 2, 2026"); the text as it came when it is no date. */
export function date(iso: string): string {
  const d = parsed(iso);
  return d ? formatDate(d, { locale: tab.locale, timeZone }, 'medium') : iso;
}

/** A date and time in the reader's language and zone. */
export function dateTime(iso: string): string {
  const d = parsed(iso);
  return d ? formatDateTime(d, { locale: tab.locale, timeZone }) : iso;
}

export const yesNo = (v: boolean) => s(v ? 'dashboard.yes' : 'dashboard.no');
