import { t, type Locale } from '../../i18n/index.js';
import { roleLabel } from '../../i18n/format/index.js';
import { errorMessageKey, type AppError } from './errors.js';

/**
 * The localized message of an AppError: `error.<code>` with its params, where a `roles` param
 * (comma-separated role ids, from requireRole) becomes the localized role names (U3: the refusal
 * names the roles that would do), and a param given in both languages is shown in the reader's.
 */
export function describeError(locale: Locale, e: AppError): string {
  const params: Record<string, string | number> = { ...e.params };
  if (typeof params.roles === 'string') {
    params.roles = params.roles
      .split(',')
      .map((r) => roleLabel(locale, r.trim()))
      .join(', ');
  }
  // a value given in both languages (`<name>En` and `<name>Ko`, e.g. an offer's name) is `<name>` in the reader's
  for (const [k, v] of Object.entries(e.params)) {
    const base = k.endsWith('En') ? k.slice(0, -2) : undefined;
    const ko = base ? e.params[`${base}Ko`] : undefined;
    if (base && ko !== undefined) params[base] = locale === 'ko-KR' ? ko : v;
  }
  return t(locale, errorMessageKey(e.code), params);
}
