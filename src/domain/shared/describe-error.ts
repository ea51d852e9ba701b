import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { roleSchema } from './roles.js';
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
      .map((r) => {
        const role = roleSchema.safeParse(r.trim());
        return role.success ? t(locale, `role.${role.data}` satisfies MessageKey) : r;
      })
      .join(', ');
  }
  return t(locale, errorMessageKey(e.code), params);
}
