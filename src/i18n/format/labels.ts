import { z } from 'zod';
import { roleSchema } from '../../domain/shared/roles.js';
import { partnerTypeSchema } from '../../domain/shared/partner-types.js';
import { cspRegions, isServedCountry, knownCountries, regionNameKey, regionOf } from '../../domain/shared/regions.js';
import type { CspRegion } from '../../domain/shared/regions.js';
import { catalogue, t, type Locale, type MessageKey } from '../index.js';

/**
 * The names people read for the identifiers the domain stores: CSP regions, partner roles, partner
 * types, countries. An identifier this build does not know is shown as it is, never dropped.
 */

const regionSchema = z.enum(cspRegions);

/** A CSP region id as people read it ("Korea", "한국"); unknown ids as they are, none as "—". */
export function regionLabel(locale: Locale, region: string | null | undefined): string {
  const r = regionSchema.safeParse(region);
  return r.success ? t(locale, regionNameKey(r.data)) : (region ?? '—');
}

/** A partner-organisation role ("global admin", "전역 관리자"); unknown ids as they are. */
export function roleLabel(locale: Locale, role: string): string {
  const r = roleSchema.safeParse(role);
  return r.success ? t(locale, `role.${r.data}`) : role;
}

/** Several roles, comma-separated, in the given order. */
export function roleLabels(locale: Locale, roles: readonly string[]): string {
  return roles.map((r) => roleLabel(locale, r)).join(', ');
}

/** A partner type ("Indirect reseller", "간접 재판매인"); unknown ids as they are. */
export function partnerTypeLabel(locale: Locale, type: string): string {
  const p = partnerTypeSchema.safeParse(type);
  return p.success ? t(locale, `enroll.partnerType.${p.data}`) : type;
}

const displayNames = new Map<Locale, Intl.DisplayNames>();

/**
 * The country's name in the reader's language, from the runtime's ICU data (Node 20 ships full ICU;
 * `new Intl.DisplayNames(['ko'], { type: 'region' }).of('KR')` is "대한민국"); the code when unknown.
 */
export function countryName(country: string, locale: Locale): string {
  let dn = displayNames.get(locale);
  if (!dn) {
    dn = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayNames.set(locale, dn);
  }
  const code = country.trim().toUpperCase();
  return dn.of(code) ?? code;
}

type CountryOption = Readonly<{ code: string; name: string; region: CspRegion }>;
const countryLists = new Map<Locale, readonly CountryOption[]>();

/**
 * The country picker: served countries with their localized names, sorted for that language. Built once per
 * locale (issue 15: it was named and sorted again for every enrollment card); the list is frozen.
 */
export function countryOptions(locale: Locale): readonly CountryOption[] {
  let list = countryLists.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = Object.freeze(
      knownCountries()
        .filter((code) => isServedCountry(code))
        .map((code) => Object.freeze({ code, name: countryName(code, locale), region: regionOf(code)! }))
        .sort((x, y) => collator.compare(x.name, y.name)),
    );
    countryLists.set(locale, list);
  }
  return list;
}

function has(locale: Locale, key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogue(locale), key);
}

/**
 * An application or partnership state ("in review", "end requested", "검토 중"); unknown ids as they
 * are. Enrollment states read as the enrollment cards name them, the others from `label.state.*`.
 */
export function stateLabel(locale: Locale, state: string): string {
  const enrollment = `enroll.state.${state}`;
  if (has(locale, enrollment)) return t(locale, enrollment);
  const other = `label.state.${state}`;
  return has(locale, other) ? t(locale, other) : state;
}

/** What an error could not find ("partnership", "파트너 관계"); anything else as "item". */
export function entityLabel(locale: Locale, entity: string | undefined): string {
  const key = `label.entity.${entity ?? 'item'}`;
  return t(locale, has(locale, key) ? key : 'label.entity.item');
}

/** A subscription change ("partner of record changed"); unknown ids as they are. */
export function changeLabel(locale: Locale, change: string): string {
  const key = `label.change.${change}`;
  return has(locale, key) ? t(locale, key) : change;
}

/** Several partner types (a comma-separated list of ids, as some errors carry them). */
export function partnerTypeLabels(locale: Locale, types: string): string {
  return types
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => partnerTypeLabel(locale, p))
    .join(', ');
}
