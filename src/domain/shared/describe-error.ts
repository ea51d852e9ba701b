import { t, type Locale } from '../../i18n/index.js';
import { roleLabel } from '../../i18n/format/index.js';
import { errorMessageKey, type AppError } from './errors.js';

/**
 * The localized message of an AppError: `error.<code>` with its params, where a `roles` param
 * (comma-separated role ids, from requireRole) becomes the localized role names (U3: the refusal
 * names the roles that would do).
 */
export function describeError(locale: Locale, e: AppError): string {
  const params: Record<string, string | number> = { ...e.params };
  if (typeof params.roles === 'string') {
    params.roles = params.roles
      .split(',')
      .map((r) => roleLabel(locale, r.trim()))
      .join(', ');
  }
  return t(locale, errorMessageKey(e.code), params);
}
