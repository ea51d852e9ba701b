import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { infoCard } from '../core/cards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { addPartnerType } from '../../domain/enrollment/add-partner-type.js';
import { describeError } from '../../domain/shared/describe-error.js';
import { enroll } from '../../domain/enrollment/enroll.js';
import {
  enrollFieldIdSchema,
  enrollFieldsFor,
  enrollInputFrom,
  fieldsOfError,
  isBillingField,
  type EnrollFieldId,
} from '../../domain/enrollment/enroll-fields.js';
import { openStates } from '../../domain/enrollment/enrollment-rules.js';
import { enrollmentStatus } from '../../domain/enrollment/enrollment-status.js';
import { isAppError } from '../../domain/shared/errors.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { escapeMarkdown } from '../../i18n/format/index.js';
import { actorOf } from '../actor.js';
import { actorWithEmail } from '../member-email.js';
import { cardResponse, errorResponse } from '../card-action-kit.js';
import { dialogState, type Dialog } from '../dialog-kit.js';
import { sendCard } from '../respond.js';
import { servicesOf } from '../services.js';
import type { TurnInfo } from '../turn.js';
import { formCard, reviewAnswersCard } from './cards.js';
import {
  checkAnswer,
  fieldsOf,
  isOptional,
  nextMissing,
  question,
  questionAfter,
  type DialogKind,
  type Values,
} from './fields.js';

/**
 * The enrollment dialog (issue 4, item 1): a small state machine kept in ConversationState
 * (PrismaStorage), so it survives a restart between two steps. The user fills the form card in one
 * go (verb enroll.form) or answers one question at a time; each answer is checked at once with the
 * domain's field rules and only what is wrong is asked again. A review card precedes submission.
 * `cancel` clears the state at any point.
 */
const dialogKindSchema = z.enum(['enroll', 'addType']);

/** Options a dialog begins with, validated once (never cast in later steps). */
export const beginOptionsSchema = z.object({ kind: dialogKindSchema, userAad: z.string().min(1) });

const dialogStateSchema = z.object({
  v: z.literal(1),
  kind: dialogKindSchema,
  userAad: z.string().min(1),
  values: z.partialRecord(enrollFieldIdSchema, z.string()),
  asking: z.union([enrollFieldIdSchema, z.literal('confirm')]),
});
type DialogState = z.infer<typeof dialogStateSchema>;

/**
 * The dialog's state: the `enrollmentDialog` property of ConversationState (src/bot/dialog-kit.ts), which expires
 * 24 h after the last answer. The bank details in it (the billing fields) are kept sealed with the data key
 * (the domain's FieldCipher, purpose {@link DIALOG_BILLING_PURPOSE}), as the enrolled organisation's row keeps them:
 * the BotState table never holds them in clear. They are opened when read; one that does not open (the key
 * changed) is dropped, so it is asked again.
 */
const state = dialogState('enrollmentDialog', dialogStateSchema);
export const DIALOG_BILLING_PURPOSE = 'dialog.billing';

function mapBilling(values: Values, f: (v: string) => string | undefined): Values {
  const out: Values = {};
  for (const [id, v] of Object.entries(values) as [EnrollFieldId, string | undefined][]) {
    if (v === undefined) continue;
    const mapped = isBillingField(id) ? f(v) : v;
    if (mapped !== undefined) out[id] = mapped;
  }
  return out;
}

async function load(turn: TurnInfo): Promise<DialogState | undefined> {
  const s = await state.load(turn);
  if (!s) return undefined;
  const { cipher } = servicesOf(turn).domain;
  const values = mapBilling(s.values, (v) => {
    const opened = cipher.open(v, DIALOG_BILLING_PURPOSE);
    return opened.ok && opened.sealed ? opened.plain : undefined;
  });
  return { ...s, values };
}

const save = (turn: TurnInfo, s: DialogState) => {
  const { cipher } = servicesOf(turn).domain;
  return state.save(turn, { ...s, values: mapBilling(s.values, (v) => cipher.seal(v, DIALOG_BILLING_PURPOSE)) });
};
const clear = (turn: TurnInfo) => state.clear(turn);

/** `enroll`: a new organisation enrolls (E1); an enrolled one adds the indirect-reseller type (E6). */
export async function beginEnrollment(turn: TurnInfo): Promise<void> {
  const { domain } = servicesOf(turn);
  const actor = actorOf(turn);
  let kind: DialogKind = 'enroll';
  try {
    const status = await enrollmentStatus(domain, actor);
    if (status.applications.some((a) => openStates.includes(a.state))) {
      await turn.context.sendActivity(turn.t('enroll.inProgress'));
      return;
    }
    if (!status.checklist.onboarded || status.partnerTypes.includes('indirect_reseller')) {
      await turn.context.sendActivity(turn.t('enroll.alreadyEnrolled'));
      return;
    }
    kind = 'addType';
  } catch (e) {
    if (!isAppError(e) || e.code !== 'NOT_A_PARTNER_USER') throw e;
  }
  const options = beginOptionsSchema.parse({ kind, userAad: actor.aadObjectId });
  const first = nextMissing(options.kind, {});
  if (!first) throw new Error('enrollment dialog without fields');
  await save(turn, { v: 1, kind: options.kind, userAad: options.userAad, values: {}, asking: first });
  await turn.context.sendActivity(turn.t(kind === 'enroll' ? 'enroll.start' : 'enroll.addType.start'));
  await sendCard(turn, formCard(turn.locale, kind, { values: {} }));
  await turn.context.sendActivity(question(turn.locale, first));
}

/** The enrollment dialog in the registry: it takes text in personal chat, where `enroll` starts it. */
export const enrollmentDialog: Dialog = {
  id: 'enrollment',
  answer: (turn, text) => (turn.scope === 'personal' ? continueEnrollment(turn, text) : Promise.resolve(false)),
  cancel: async (turn) => {
    if (!(await load(turn))) return undefined;
    await clear(turn);
    return 'enroll.cancelled';
  },
};

const submitWords = new Set(['submit', '제출']);
const editWords = new Set(['edit', '편집']);

/** A text message while a dialog runs: an answer (or "submit" at the review). False when no dialog runs. */
async function continueEnrollment(turn: TurnInfo, text: string): Promise<boolean> {
  const state = await load(turn);
  if (!state) return false;
  if (state.asking === 'confirm') {
    if (submitWords.has(text.trim().toLowerCase())) {
      const outcome = await submit(turn, state);
      await sendCard(turn, outcome.card);
      if (outcome.next) await turn.context.sendActivity(outcome.next);
    } else if (editWords.has(text.trim().toLowerCase())) {
      await sendCard(turn, await backToForm(turn, state));
    } else {
      await turn.context.sendActivity(turn.t('enroll.review.hint'));
    }
    return true;
  }
  const field = state.asking;
  const answer = checkAnswer(turn.locale, field, text, escapeMarkdown);
  if (!answer.ok) {
    await turn.context.sendActivity(
      turn.t('enroll.askAgain', { problem: answer.problem, question: question(turn.locale, field) }),
    );
    return true;
  }
  const values = pruned(state.kind, { ...state.values, [field]: answer.value });
  const next = nextMissing(state.kind, values);
  await save(turn, { ...state, values, asking: next ?? 'confirm' });
  if (next) await turn.context.sendActivity(questionAfter(turn.locale, field, next));
  else await sendCard(turn, reviewAnswersCard(turn.locale, state.kind, values));
  return true;
}

/** Only the answers the dialog still asks for (bank details go when the type is no longer direct-bill). */
function pruned(kind: DialogKind, values: Values): Values {
  const keep = fieldsOf(kind, values);
  return Object.fromEntries(Object.entries(values).filter(([id]) => keep.includes(id as EnrollFieldId)));
}

const formDataSchema = z.object({ v: z.literal(1) }).catchall(z.unknown());

/**
 * enroll.form: the whole form at once. Accepted answers stay; only the wrong or missing are shown
 * again. Choosing the direct-bill type brings the billing fields (E1/PT3) on the next card, where
 * they are asked for the first time, without an error.
 */
export async function formSubmitted(
  turn: TurnInfo,
  data: z.output<typeof formDataSchema>,
): Promise<AdaptiveCardInvokeResponse> {
  const state = await load(turn);
  if (!state) return errorResponse(turn.locale, 'enroll.notInDialog');
  let values: Values = { ...state.values };
  const problems: Partial<Record<EnrollFieldId, string>> = {};
  const raw: Values = {};
  const readable = state.kind === 'enroll' ? enrollFieldsFor('direct_bill') : fieldsOf(state.kind);
  for (const id of readable) {
    const given = data[id];
    if (typeof given !== 'string') continue;
    if (given.trim() === '') {
      // the account number is never put back on a card: an empty box keeps the one already given
      if (id !== 'bankAccountNumber') delete values[id];
      continue;
    }
    const answer = checkAnswer(turn.locale, id, given);
    if (answer.ok) values[id] = answer.value;
    else {
      delete values[id];
      problems[id] = answer.problem;
      raw[id] = given;
    }
  }
  values = pruned(state.kind, values);
  const fields = fieldsOf(state.kind, values);
  // The billing fields, the first time they come up (no answer to any yet, none on this form): asked, not reported as wrong.
  const billingStarted = fields.some((id) => isBillingField(id) && (state.values[id] !== undefined || id in data));
  const fresh = billingStarted ? [] : fields.filter((id) => isBillingField(id) && values[id] === undefined);
  for (const id of fields) {
    if (isOptional(id) || values[id] !== undefined || problems[id] !== undefined || fresh.includes(id)) continue;
    problems[id] = t(turn.locale, `enroll.invalid.${id}` satisfies MessageKey, { value: '' });
  }
  const show = fields.filter((id) => problems[id] !== undefined || fresh.includes(id));
  const first = show.find((id) => !isOptional(id)) ?? show[0];
  if (first) {
    await save(turn, { ...state, values, asking: first });
    const wrong = show.some((id) => problems[id] !== undefined);
    const intro =
      fresh.length === 0
        ? undefined
        : [...(wrong ? [turn.t('enroll.form.fixIntro')] : []), turn.t('enroll.form.billingIntro')].join(' ');
    return cardResponse(
      formCard(turn.locale, state.kind, { values, show, problems, raw, ...(intro ? { intro } : {}) }),
    );
  }
  await save(turn, { ...state, values, asking: 'confirm' });
  return cardResponse(reviewAnswersCard(turn.locale, state.kind, values));
}
export { formDataSchema };

/** enroll.submit: sends the reviewed answers to the enroll (or E6 add-type) use case. */
export async function submitFromCard(turn: TurnInfo): Promise<AdaptiveCardInvokeResponse> {
  const state = await load(turn);
  if (!state || state.asking !== 'confirm') return errorResponse(turn.locale, 'enroll.notInDialog');
  const outcome = await submit(turn, state);
  if (outcome.next) await turn.context.sendActivity(outcome.next);
  return cardResponse(outcome.card);
}

/**
 * The review card's Edit (or "edit" typed at the review): the whole form again with every answer kept (the bank
 * account number is not shown, and kept when its box is left empty). The dialog stays in its state, now at the
 * first question, so the form or typed answers carry on from there.
 */
async function backToForm(turn: TurnInfo, state: DialogState): Promise<AdaptiveCardJson> {
  const first = fieldsOf(state.kind, state.values)[0];
  if (first) await save(turn, { ...state, asking: first });
  return formCard(turn.locale, state.kind, { values: state.values });
}

/** enroll.edit from the review card. */
export async function editFromCard(turn: TurnInfo): Promise<AdaptiveCardInvokeResponse> {
  const state = await load(turn);
  if (!state) return errorResponse(turn.locale, 'enroll.notInDialog');
  return cardResponse(await backToForm(turn, state));
}

/** enroll.cancel from a card. */
export async function cancelFromCard(turn: TurnInfo): Promise<AdaptiveCardInvokeResponse> {
  await clear(turn);
  return cardResponse(infoCard({ title: turn.t('enroll.form.title'), text: turn.t('enroll.cancelled') }));
}

interface Outcome {
  readonly card: AdaptiveCardJson;
  /** A question to ask after the card (when an answer must be given again). */
  readonly next?: string;
}

async function submit(turn: TurnInfo, state: DialogState): Promise<Outcome> {
  const services = servicesOf(turn);
  // E7: the enrolling user is recorded with their own e-mail (Teams' member information), never the primary contact's
  const actor = await actorWithEmail(turn);
  try {
    if (state.kind === 'enroll') {
      const input = enrollInputFrom(state.values);
      const result = await enroll(services.domain, actor, { ...input, locale: turn.locale });
      await clear(turn);
      services.wakeMail?.();
      return {
        card: infoCard({
          title: turn.t('enroll.submitted.title'),
          text: turn.t('enroll.submitted.body', {
            email: input.primaryContact.email,
            state: turn.t(`enroll.state.${result.state}` satisfies MessageKey),
          }),
        }),
      };
    }
    const result = await addPartnerType(services.domain, actor, {
      partnerType: 'indirect_reseller',
      supportContact: {
        email: state.values.supportEmail ?? '',
        phone: state.values.supportPhone ?? '',
        website: state.values.supportWebsite ?? '',
      },
    });
    await clear(turn);
    services.wakeMail?.();
    // the administrators' review cards are outbox rows of addPartnerType (the worker is woken after this turn)
    await services.reviews.postToProgramChannel(result.applicationId);
    return { card: infoCard({ title: turn.t('enroll.submitted.title'), text: turn.t('enroll.addType.submitted') }) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const problem = describeError(turn.locale, e);
    const fields = fieldsOfError(e.code).filter((f) => fieldsOf(state.kind, state.values).includes(f));
    const first = fields[0];
    if (!first) return { card: infoCard({ title: turn.t('enroll.review.title'), text: problem }) };
    const values: Values = { ...state.values };
    for (const f of fields) delete values[f];
    await save(turn, { ...state, values, asking: first });
    const problems = Object.fromEntries(fields.map((f) => [f, problem]));
    return {
      card: formCard(turn.locale, state.kind, {
        values,
        show: fields,
        problems,
        raw: Object.fromEntries(fields.map((f) => [f, state.values[f] ?? ''])),
      }),
      next: turn.t('enroll.askAgain', { problem, question: question(turn.locale, first) }),
    };
  }
}
