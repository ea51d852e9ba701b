import { renderCard, type AdaptiveCardJson } from '../../cards/render.js';
import { partnerTypeName } from '../../cards/enrollment-cards.js';
import type { Choice, Fact } from '../../cards/enrollment-types.js';
import { describeError } from '../../domain/describe-error.js';
import { AppError } from '../../domain/errors.js';
import {
  addTypeFieldIds,
  checkEnrollField,
  enrollableTypes,
  enrollFieldIds,
  optionalEnrollFields,
  type EnrollFieldId,
} from '../../domain/enroll-fields.js';
import { countryName, countryOptions } from '../../domain/regions.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';

/** How the enrollment conversation presents E1's fields: labels, questions, choices, problems. */
export type DialogKind = 'enroll' | 'addType';
export type Values = Partial<Record<EnrollFieldId, string>>;

export function fieldsOf(kind: DialogKind): readonly EnrollFieldId[] {
  return kind === 'enroll' ? enrollFieldIds : addTypeFieldIds;
}

export function requiredFieldsOf(kind: DialogKind): readonly EnrollFieldId[] {
  return fieldsOf(kind).filter((f) => !optionalEnrollFields.includes(f));
}

export function isOptional(id: EnrollFieldId): boolean {
  return optionalEnrollFields.includes(id);
}

/** The first required field without an answer, in form order. */
export function nextMissing(kind: DialogKind, values: Values): EnrollFieldId | undefined {
  return requiredFieldsOf(kind).find((f) => values[f] === undefined);
}

export function label(locale: Locale, id: EnrollFieldId): string {
  const l = t(locale, `enroll.field.${id}` satisfies MessageKey);
  return isOptional(id) ? t(locale, 'enroll.optional', { label: l }) : l;
}

export function choicesOf(locale: Locale, id: EnrollFieldId): readonly Choice[] | undefined {
  if (id === 'partnerType') return enrollableTypes.map((type) => ({ title: partnerTypeName(locale, type), value: type }));
  if (id === 'country') return countryOptions(locale).map((c) => ({ title: `${c.name} (${c.code})`, value: c.code }));
  return undefined;
}

export function question(locale: Locale, id: EnrollFieldId): string {
  if (id === 'partnerType') {
    const options = (choicesOf(locale, id) ?? []).map((c, i) => `${i + 1}. ${c.title}`).join(', ');
    return t(locale, 'enroll.ask.partnerType', { options });
  }
  return t(locale, `enroll.ask.${id}` satisfies MessageKey);
}

/** A typed answer to a choice question: its number, its name, or its code. */
function fromChoiceAnswer(locale: Locale, id: EnrollFieldId, raw: string): string {
  const choices = choicesOf(locale, id);
  if (!choices) return raw;
  const answer = raw.trim().toLowerCase();
  if (/^\d+$/.test(answer) && id === 'partnerType') return choices[Number(answer) - 1]?.value ?? raw;
  const hit = choices.find(
    (c) => c.value.toLowerCase() === answer || c.title.toLowerCase() === answer || c.title.toLowerCase().startsWith(answer + ' ('),
  );
  return hit?.value ?? raw;
}

export type Answer = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

/** Checks one answer with the domain's field rules; a problem says why, in the user's language. */
export function checkAnswer(locale: Locale, id: EnrollFieldId, raw: string): Answer {
  const input = fromChoiceAnswer(locale, id, raw);
  const r = checkEnrollField(id, input);
  if (r.ok) return r;
  if (r.code) return { ok: false, problem: describeError(locale, new AppError(r.code, r.params)) };
  return { ok: false, problem: t(locale, `enroll.invalid.${id}` satisfies MessageKey, { value: raw.trim() }) };
}

function display(locale: Locale, id: EnrollFieldId, value: string): string {
  if (id === 'partnerType') return partnerTypeName(locale, value);
  if (id === 'country') return `${countryName(value, locale)} (${value})`;
  return value;
}

/** The form card: every field of the dialog, or (when fixing) only the listed ones with their problems. */
export function formCard(
  locale: Locale,
  kind: DialogKind,
  opts: { values: Values; show?: readonly EnrollFieldId[]; problems?: Partial<Record<EnrollFieldId, string>>; raw?: Values } = { values: {} },
): AdaptiveCardJson {
  const show = opts.show ?? fieldsOf(kind);
  const fixing = opts.show !== undefined;
  return renderCard('enroll-form', {
    title: t(locale, kind === 'enroll' ? 'enroll.form.title' : 'enroll.form.addTypeTitle'),
    intro: t(locale, fixing ? 'enroll.form.fixIntro' : 'enroll.form.intro'),
    accepted: '',
    fields: show.map((id) => {
      const choices = choicesOf(locale, id);
      return {
        id,
        label: label(locale, id),
        value: opts.raw?.[id] ?? opts.values[id] ?? '',
        placeholder: '',
        isChoice: choices !== undefined,
        error: opts.problems?.[id] ?? '',
        choices: choices ?? [],
      };
    }),
    submitLabel: t(locale, 'enroll.form.submit'),
    cancelLabel: t(locale, 'enroll.form.cancel'),
  });
}

/** The review card: every answer, with Submit and Cancel. */
export function reviewAnswersCard(locale: Locale, kind: DialogKind, values: Values): AdaptiveCardJson {
  const facts: Fact[] = fieldsOf(kind).flatMap((id) => {
    const v = values[id];
    return v === undefined ? [] : [{ title: t(locale, `enroll.field.${id}` satisfies MessageKey), value: display(locale, id, v) }];
  });
  return renderCard('enroll-review', {
    title: t(locale, 'enroll.review.title'),
    intro: t(locale, 'enroll.review.intro'),
    facts,
    submitLabel: t(locale, 'enroll.review.submit'),
    cancelLabel: t(locale, 'enroll.form.cancel'),
  });
}
