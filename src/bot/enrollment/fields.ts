import type { Choice } from '../../cards/enrollment-types.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { AppError } from '../../domain/shared/errors.js';
import {
  addTypeFieldIds,
  checkEnrollField,
  CRITERIA_ACCEPTED,
  enrollableTypes,
  enrollFieldsFor,
  isBillingField,
  optionalEnrollFields,
  type EnrollFieldId,
} from '../../domain/enrollment/enroll-fields.js';
import { maskAccountNumber } from '../../domain/enrollment/enrollment-rules.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { countryName, countryOptions, partnerTypeLabel } from '../../i18n/format/index.js';

/** How the enrollment conversation presents E1's fields: labels, questions, choices, problems. */
export type DialogKind = 'enroll' | 'addType';
export type Values = Partial<Record<EnrollFieldId, string>>;

/** The fields of this dialog given the answers so far (a direct-bill partner type adds the billing details). */
export function fieldsOf(kind: DialogKind, values: Values = {}): readonly EnrollFieldId[] {
  return kind === 'enroll' ? enrollFieldsFor(values.partnerType) : addTypeFieldIds;
}

export function requiredFieldsOf(kind: DialogKind, values: Values = {}): readonly EnrollFieldId[] {
  return fieldsOf(kind, values).filter((f) => !optionalEnrollFields.includes(f));
}

export function isOptional(id: EnrollFieldId): boolean {
  return optionalEnrollFields.includes(id);
}

/**
 * Optional fields that the step-by-step conversation still asks (the answer may be "none"): a bank's
 * SWIFT/BIC code matters for payments when the bank has one. Other optional fields are only on the form.
 */
const askedWhenOptional: readonly EnrollFieldId[] = ['bankSwiftBic'];

/** Words that answer an optional question with "nothing". */
const noneWords = new Set(['none', 'skip', '-', 'n/a', '없음', '건너뛰기']);

/** The first field without an answer, in form order, that the step-by-step conversation asks. */
export function nextMissing(kind: DialogKind, values: Values): EnrollFieldId | undefined {
  return fieldsOf(kind, values).find(
    (f) => values[f] === undefined && (!isOptional(f) || askedWhenOptional.includes(f)),
  );
}

export function label(locale: Locale, id: EnrollFieldId): string {
  const l = t(locale, `enroll.field.${id}` satisfies MessageKey);
  return isOptional(id) ? t(locale, 'enroll.optional', { label: l }) : l;
}

export function choicesOf(locale: Locale, id: EnrollFieldId): readonly Choice[] | undefined {
  if (id === 'partnerType')
    return enrollableTypes.map((type) => ({ title: partnerTypeLabel(locale, type), value: type }));
  if (id === 'country') return countryOptions(locale).map((c) => ({ title: `${c.name} (${c.code})`, value: c.code }));
  if (id === 'acceptsCriteria') {
    return [
      { title: t(locale, 'enroll.criteria.yes'), value: CRITERIA_ACCEPTED },
      { title: t(locale, 'enroll.criteria.no'), value: 'false' },
    ];
  }
  return undefined;
}

export function question(locale: Locale, id: EnrollFieldId): string {
  if (id === 'partnerType') {
    const options = (choicesOf(locale, id) ?? []).map((c, i) => `${i + 1}. ${c.title}`).join(', ');
    return t(locale, 'enroll.ask.partnerType', { options });
  }
  return t(locale, `enroll.ask.${id}` satisfies MessageKey);
}

/** The question for `next`, introduced when it opens the direct-bill part of the conversation. */
export function questionAfter(locale: Locale, previous: EnrollFieldId | undefined, next: EnrollFieldId): string {
  const q = question(locale, next);
  return isBillingField(next) && (previous === undefined || !isBillingField(previous))
    ? `${t(locale, 'enroll.form.billingIntro')} ${q}`
    : q;
}

const yesWords = new Set(['yes', 'y', '1', '예', '네', '응']);
const noWords = new Set(['no', 'n', '2', '아니요', '아니오', '아니']);

/** A typed answer to a choice question: its number, its name, or its code (yes/no for the criteria). */
function fromChoiceAnswer(locale: Locale, id: EnrollFieldId, raw: string): string {
  const choices = choicesOf(locale, id);
  if (!choices) return raw;
  const answer = raw
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (id === 'acceptsCriteria') {
    if (yesWords.has(answer)) return CRITERIA_ACCEPTED;
    if (noWords.has(answer)) return 'false';
  }
  if (/^\d+$/.test(answer) && id === 'partnerType') return choices[Number(answer) - 1]?.value ?? raw;
  const hit = choices.find(
    (c) =>
      c.value.toLowerCase() === answer ||
      c.title.toLowerCase() === answer ||
      c.title.toLowerCase().startsWith(answer + ' ('),
  );
  return hit?.value ?? raw;
}

export type Answer = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

/**
 * Checks one answer with the domain's field rules; a problem says why, in the user's language.
 * A refused bank account number is never echoed back (its message has no {value}). `quote` prepares the echoed
 * answer for where the problem is shown (a chat message escapes its markdown; card data is escaped by the renderer).
 */
export function checkAnswer(
  locale: Locale,
  id: EnrollFieldId,
  raw: string,
  quote: (answer: string) => string = (answer) => answer,
): Answer {
  if (isOptional(id) && noneWords.has(raw.trim().toLowerCase())) return { ok: true, value: '' };
  const input = fromChoiceAnswer(locale, id, raw);
  const r = checkEnrollField(id, input);
  if (r.ok) return r;
  if (r.code) return { ok: false, problem: describeError(locale, new AppError(r.code, r.params)) };
  return { ok: false, problem: t(locale, `enroll.invalid.${id}` satisfies MessageKey, { value: quote(raw.trim()) }) };
}

/** An answer as people see it: names for codes, and a bank account number masked to its last 4 digits. */
export function display(locale: Locale, id: EnrollFieldId, value: string): string {
  if (id === 'partnerType') return partnerTypeLabel(locale, value);
  if (id === 'country') return `${countryName(value, locale)} (${value})`;
  if (id === 'bankAccountNumber') return maskAccountNumber(value);
  if (id === 'acceptsCriteria') return value === CRITERIA_ACCEPTED ? t(locale, 'enroll.criteria.confirmed') : value;
  return value;
}
