/**
 * Dates and date-times in the reader's language and time zone. Browser-safe: no imports beyond a type,
 * so the dashboard's client script bundles this file alone.
 *
 * Formatters are cached: `new Intl.DateTimeFormat` costs ~115 µs a call, a cached one's `format` ~2 µs,
 * and a card or a page formats dozens of dates. The cache is bounded by what can be asked for: two
 * locales × the zones that exist (an unknown zone throws before anything is cached) × a few styles.
 */

import type { Locale } from '../locales.js';

/**
 * Whom a date is formatted for. Without a time zone the reader's zone is unknown: UTC is used, and a
 * date-time then says "UTC" so nobody reads it as their local time.
 */
export interface Reader {
  readonly locale: Locale;
  /** an IANA zone ('Asia/Seoul'), already validated (see ./time-zone.ts); undefined: unknown */
  readonly timeZone?: string | undefined;
}

export type DateStyle = 'long' | 'medium';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The cached formatter for these options; throws RangeError for a zone Intl does not know. */
export function dateTimeFormat(
  locale: Locale,
  timeZone: string,
  dateStyle: DateStyle,
  withTime: boolean,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${dateStyle}|${withTime ? 't' : ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle, ...(withTime ? { timeStyle: 'short' } : {}) });
    formatters.set(key, f);
  }
  return f;
}

function readerOf(reader: Reader | Locale): Reader {
  return typeof reader === 'string' ? { locale: reader } : reader;
}

/**
 * A calendar date ("March 2, 2026", "2026년 3월 2일") in the reader's zone (UTC when unknown).
 * `style` 'medium' is the short month form ("Mar 2, 2026") for tables.
 */
export function formatDate(d: Date, reader: Reader | Locale, style: DateStyle = 'long'): string {
  const r = readerOf(reader);
  return dateTimeFormat(r.locale, r.timeZone ?? 'UTC', style, false).format(d);
}

/**
 * A date and time ("Mar 2, 2026, 8:30 AM") in the reader's zone. When the zone is unknown it is
 * UTC, named in the text ("… UTC"), since the reader would otherwise take it for local time.
 */
export function formatDateTime(d: Date, reader: Reader | Locale): string {
  const r = readerOf(reader);
  const f = dateTimeFormat(r.locale, r.timeZone ?? 'UTC', 'medium', true);
  const text = r.locale === 'ko-KR' ? koreanDayPeriods(f, d) : f.format(d);
  return r.timeZone ? text : `${text} UTC`;
}

/**
 * Korean reads the time of day as 오전/오후. Some ICU builds (Node 20's ICU 78) give "AM"/"PM" for ko-KR,
 * so the day period is put in words here whatever the runtime's data says.
 */
function koreanDayPeriods(f: Intl.DateTimeFormat, d: Date): string {
  return f
    .formatToParts(d)
    .map((p) =>
      p.type === 'dayPeriod'
        ? /^(AM|a\.?m\.?)$/i.test(p.value)
          ? '오전'
          : /^(PM|p\.?m\.?)$/i.test(p.value)
            ? '오후'
            : p.value
        : p.value,
    )
    .join('');
}
