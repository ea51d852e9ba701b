import { t, type Locale } from '../../i18n/index.js';
import {
  countryName,
  entityLabel,
  formatDateTime,
  partnerTypeLabels,
  regionLabel,
  roleLabel,
  stateLabel,
} from '../../i18n/format/index.js';
import { errorMessageKey, type AppError } from './errors.js';

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The localized message of an AppError: `error.<code>` with its params, each identifier the domain
 * put there shown by the name people read (item 5 of issue 14: no internal ids in messages):
 * - `roles` (comma-separated role ids, from requireRole) → role names (U3: the refusal names the
 *   roles that would do);
 * - `partnerType` (one id or several, comma-separated) → partner type names;
 * - `state` / `decision` → application or partnership states;
 * - `from` / `to` (REGION_MISMATCH) → CSP region names; `country` / `mpnCountry` → country names;
 * - `entity` → what was not found ("item" when the error names none);
 * - `at` / `expiredAt` (ISO instants) → date and time in the reader's language;
 * - a param given in both languages (`<name>En`, `<name>Ko`) → `<name>` in the reader's.
 */
export function describeError(locale: Locale, e: AppError): string {
  const params: Record<string, string | number> = { ...e.params };
  const text = (k: string): string | undefined => (typeof params[k] === 'string' ? params[k] : undefined);
  const roles = text('roles');
  if (roles !== undefined) {
    params.roles = roles
      .split(',')
      .map((r) => roleLabel(locale, r.trim()))
      .join(', ');
  }
  const partnerType = text('partnerType');
  if (partnerType !== undefined) params.partnerType = partnerTypeLabels(locale, partnerType);
  for (const k of ['state', 'decision']) {
    const v = text(k);
    if (v !== undefined) params[k] = stateLabel(locale, v);
  }
  if (e.code === 'REGION_MISMATCH') {
    for (const k of ['from', 'to']) {
      const v = text(k);
      if (v !== undefined) params[k] = regionLabel(locale, v);
    }
  }
  for (const k of ['country', 'mpnCountry']) {
    const v = text(k);
    if (v) params[k] = countryName(v, locale);
  }
  // a value given in both languages (`<name>En` and `<name>Ko`, e.g. an offer's name) is `<name>` in the reader's
  for (const [k, v] of Object.entries(e.params)) {
    const base = k.endsWith('En') ? k.slice(0, -2) : undefined;
    const ko = base ? e.params[`${base}Ko`] : undefined;
    if (base && ko !== undefined) params[base] = locale === 'ko-KR' ? ko : v;
  }
  if (params.by === '?' || params.by === '') params.by = t(locale, 'label.someone');
  params.entity = entityLabel(locale, text('entity'));
  for (const k of ['at', 'expiredAt']) {
    const v = text(k);
    if (v !== undefined && isoTimestamp.test(v)) params[k] = formatDateTime(new Date(v), locale);
  }
  return t(locale, errorMessageKey(e.code), params);
}
