import {
  viewPartnerCenterComparison,
  type PartnerCenterProfileCheck,
} from '../../domain/enrollment/confirm-with-partner-center.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { actorOf } from '../actor.js';
import { infoCard } from '../core/cards.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import type { PartnerCenterComparison } from '../../domain/enrollment/partner-center-comparison.js';
import type { KeptForReview, ProfileDifference } from '../../domain/enrollment/partner-center-evidence.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { AppError } from '../../domain/shared/errors.js';
import { countryName, formatDate, partnerTypeLabel, type Reader } from '../../i18n/format/index.js';
import { t, type Locale } from '../../i18n/index.js';

/** A section of lines, as the info card (status) and the `partner center` card show it. */
export interface ComparisonSection {
  readonly heading: string;
  readonly lines: readonly { readonly text: string }[];
}

type LocaleReader = Reader & { readonly locale: Locale };

/** E-PC4: why the application stays with the program administrators, in the reader's language. */
export function keptReasons(locale: Locale, reasons: readonly KeptForReview[]): string {
  return reasons.map((r) => t(locale, `pcProfile.reason.${r}`)).join('; ');
}

/** One difference as a line: the field's name and both values, countries and partner types named (E-PC5). */
function differenceLine(locale: Locale, d: ProfileDifference): string {
  const value = (v: string): string => (v.trim() === '' ? t(locale, 'pcProfile.empty') : v);
  let entered: string;
  let partnerCenter: string;
  if (d.field === 'partnerTypes') {
    const names = (types: readonly string[]) =>
      types.map((p) => partnerTypeLabel(locale, p)).join(', ') || t(locale, 'pcProfile.empty');
    entered = names(d.entered);
    partnerCenter = names(d.partnerCenter);
  } else if (d.field === 'country') {
    entered = countryName(d.entered, locale);
    partnerCenter = countryName(d.partnerCenter, locale);
  } else {
    entered = value(d.entered);
    partnerCenter = value(d.partnerCenter);
  }
  return t(locale, 'pcProfile.difference', { field: t(locale, `pcProfile.field.${d.field}`), entered, partnerCenter });
}

/**
 * E-PC5: the comparison as lines: when Partner Center was read, what it decided (approved on its evidence, or
 * kept for review and why), then each difference. Used by the `partner center` card, `status` and `profile`.
 */
export function comparisonLines(reader: LocaleReader, c: PartnerCenterComparison): string[] {
  const { locale } = reader;
  const lines = [t(locale, 'pcProfile.checkedAt', { date: formatDate(c.checkedAt, reader) })];
  if (c.keptForReview.length > 0) {
    lines.push(t(locale, 'pcProfile.keptForReview', { reasons: keptReasons(locale, c.keptForReview) }));
  } else if (c.approvedOnEvidence) {
    lines.push(t(locale, 'pcProfile.approvedOnEvidence'));
  }
  if (c.differences.length === 0) {
    lines.push(t(locale, 'pcProfile.matches'));
  } else {
    lines.push(t(locale, 'pcProfile.differencesIntro'));
    for (const d of c.differences) lines.push(differenceLine(locale, d));
  }
  return lines;
}

export function comparisonSection(reader: LocaleReader, c: PartnerCenterComparison): ComparisonSection {
  return {
    heading: t(reader.locale, 'pcProfile.heading'),
    lines: comparisonLines(reader, c).map((text) => ({ text })),
  };
}

/**
 * E-PC5/E-PC6: what the `partner center` card shows after reading Partner Center now: a line about what changed
 * (approved now), or that Partner Center could not be read (nothing changed; the last comparison, if any, below).
 */
export function checkLines(reader: LocaleReader, orgName: string, check: PartnerCenterProfileCheck): string[] {
  const { locale } = reader;
  if (!check.checked) {
    const why = describeError(locale, new AppError(check.reason));
    const lines = [t(locale, 'pcProfile.unavailable', { why })];
    if (check.comparison) {
      lines.push(t(locale, 'pcProfile.unavailableStale', { date: formatDate(check.comparison.checkedAt, reader) }));
      lines.push(...comparisonLines(reader, check.comparison));
    }
    return lines;
  }
  return [
    ...(check.approved.length > 0 ? [t(locale, 'pcProfile.approvedNow', { orgName })] : []),
    ...comparisonLines(reader, check.comparison),
  ];
}

/** E-PC5 for `profile`: the comparison as a card of its own, sent under the business profile form. */
export function comparisonCard(reader: LocaleReader, c: PartnerCenterComparison): AdaptiveCardJson {
  return infoCard({ title: t(reader.locale, 'pcProfile.heading'), text: comparisonLines(reader, c).join('\n\n') });
}

/** E-PC5 for `status` and `profile`: the stored comparison of the acting person's organisation, if any. */
export async function storedComparison(turn: TurnInfo): Promise<PartnerCenterComparison | null> {
  return viewPartnerCenterComparison(servicesOf(turn).domain, actorOf(turn));
}
