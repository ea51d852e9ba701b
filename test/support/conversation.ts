import assert from 'node:assert/strict';
import type { RecordedActivity } from './connector.js';
import { cardJson, cardText, inputIds, textOf } from './cards.js';
import type { Chat, Harness, InvokeResult } from './harness.js';

/**
 * A dialog test as data (DESIGN.md, "A conversation test is data"): rows of what the user does and
 * what the bot answers, played through the real server (harness.ts: real adapter, real storage, the
 * recording connector). Adding a case is adding a row.
 *
 *   await play(h, chat, [
 *     { user: 'enroll', bot: [/enroll your organisation/i, card({ inputs: FIELDS }), /partner type/] },
 *     { user: '12ab', bot: /^An MPN ID is 6 to 10 digits/, why: 'only that question is asked again' },
 *     { user: press('enroll.submit', { v: 1 }), bot: card(/verification link/), sends: [/MPN ID/] },
 *     { meanwhile: () => h.restart() },
 *     { user: press('enroll.submit', { v: 1 }), bot: refused(/no enrollment in progress/) },
 *   ]);
 *   // then the end state, from the database
 *
 * `user` is a message (a string, posted as Teams does) or a card button (`press(verb, data)`).
 * `bot` is, for a message, the bot's replies in order (one expectation per reply; a bare RegExp or
 * string is `says(...)`); for a button, the answer Teams gets back to the invoke (a card, or
 * `refused(...)`). `sends` are the messages a button also posts into the chat.
 */

/** The card-action data, or a function of the previous row's answered card (to press a button on it). */
export type ActionData = Record<string, unknown>;
export interface Press {
  readonly verb: string;
  readonly data: ActionData | ((previous: Answer) => ActionData);
}

/** A card button (Action.Execute) with its data (inputs arrive as strings). */
export function press(verb: string, data: Press['data'] = {}): Press {
  return { verb, data };
}

/** What one reply (or one invoke answer) was. */
export interface Answer {
  /** The reply's text, or its card's texts (cardText). */
  readonly text: string;
  readonly card: Record<string, unknown> | undefined;
  /** The recorded message, for replies. */
  readonly activity?: RecordedActivity;
  /** The invoke result, for button presses. */
  readonly invoke?: InvokeResult;
}

export interface Expectation {
  /** Throws (an assertion error) when `answer` is not what was expected. */
  check(answer: Answer, where: string): void;
}

export type Expect = RegExp | string | Expectation;

/** A text part to find (RegExp or substring), or `not(...)` of one. */
export type Part = RegExp | string | Not;
interface Not {
  readonly not: RegExp | string;
}

export function not(part: RegExp | string): Not {
  return { not: part };
}

function checkParts(text: string, parts: readonly Part[], where: string): void {
  for (const p of parts) {
    if (typeof p === 'string') assert.ok(text.includes(p), `${where}: expected "${p}" in: ${text}`);
    else if (p instanceof RegExp) assert.match(text, p, `${where}: expected ${String(p)} in: ${text}`);
    else if (typeof p.not === 'string') assert.ok(!text.includes(p.not), `${where}: did not expect "${p.not}"`);
    else assert.doesNotMatch(text, p.not, `${where}: did not expect ${String(p.not)} in: ${text}`);
  }
}

/** Any answer at all (the row only moves the conversation on). */
export const anything: Expectation = { check: () => undefined };

/** A message (text, or a card's texts) that shows every part. */
export function says(...parts: Part[]): Expectation {
  return {
    check(a, where) {
      if (a.invoke) assert.equal(a.invoke.body.statusCode, 200, `${where}: ${JSON.stringify(a.invoke.body)}`);
      checkParts(a.text, parts, where);
    },
  };
}

/** What a card must hold besides its texts. */
export interface CardShape {
  /** The ids of its inputs, in this order. */
  readonly inputs?: readonly string[];
  /** The ids of its inputs, in any order. */
  readonly inputsInAnyOrder?: readonly string[];
  /** Parts looked for in the whole card JSON (action data, styles), not only its texts. */
  readonly json?: readonly Part[];
  /** Anything else, on the card itself. */
  readonly check?: (card: Record<string, unknown>) => void;
}

/** An Adaptive Card whose texts show every part and that has the given shape. */
export function card(...parts: (Part | CardShape)[]): Expectation {
  const isShape = (p: Part | CardShape): p is CardShape =>
    typeof p === 'object' && !(p instanceof RegExp) && !('not' in p);
  const texts = parts.filter((p): p is Part => !isShape(p));
  const shapes = parts.filter(isShape);
  return {
    check(a, where) {
      if (a.invoke) assert.equal(a.invoke.body.statusCode, 200, `${where}: ${JSON.stringify(a.invoke.body)}`);
      assert.ok(a.card, `${where}: expected a card, got: ${a.text}`);
      checkParts(a.text, texts, where);
      for (const s of shapes) {
        if (s.inputs) assert.deepEqual(inputIds(a.card), [...s.inputs], `${where}: inputs`);
        if (s.inputsInAnyOrder)
          assert.deepEqual(inputIds(a.card).sort(), [...s.inputsInAnyOrder].sort(), `${where}: inputs`);
        if (s.json) checkParts(cardJson(a.card), s.json, `${where} (card JSON)`);
        s.check?.(a.card);
      }
    },
  };
}

/** A button press refused: statusCode 400 (application/vnd.microsoft.error) with a message showing every part. */
export function refused(...parts: Part[]): Expectation {
  return {
    check(a, where) {
      assert.ok(a.invoke, `${where}: refused() is for button presses`);
      assert.equal(a.invoke.body.statusCode, 400, `${where}: ${JSON.stringify(a.invoke.body).slice(0, 300)}`);
      checkParts(JSON.stringify(a.invoke.body.value), parts, where);
    },
  };
}

export interface Row {
  /** What the user does: says a message, or presses a card button. */
  readonly user?: string | Press;
  /** Someone else in the conversation (or in their own chat) does it; default the script's chat. */
  readonly by?: Chat;
  /** What the bot answers: a message's replies, in order; a button's invoke answer. */
  readonly bot?: Expect | readonly Expect[];
  /** Messages a button press also posts into the chat, in order. */
  readonly sends?: readonly Expect[];
  /** Why the row is there, shown when it fails (the rule, or what it shows). */
  readonly why?: string;
  /** Something that happens between turns (a server restart, a row changed behind the bot's back). */
  readonly meanwhile?: () => Promise<unknown>;
}

const isList = (b: Expect | readonly Expect[]): b is readonly Expect[] => Array.isArray(b);
const expectations = (b: Row['bot']): readonly Expect[] => (b === undefined ? [] : isList(b) ? b : [b]);

const asExpectation = (e: Expect): Expectation => (typeof e === 'string' || e instanceof RegExp ? says(e) : e);

function replyAnswer(activity: RecordedActivity): Answer {
  return { text: textOf(activity), card: activity.card, activity };
}

function invokeAnswer(r: InvokeResult): Answer {
  const value = r.body.value as unknown;
  const isCard = r.body.type === 'application/vnd.microsoft.card.adaptive';
  return {
    text: isCard ? cardText(value) : JSON.stringify(value ?? ''),
    card: isCard ? (value as Record<string, unknown>) : undefined,
    invoke: r,
  };
}

const show = (user: Row['user']): string =>
  user === undefined ? '(meanwhile)' : typeof user === 'string' ? `"${user}"` : `press ${user.verb}`;

/** Every answer of one row: a message's replies, or a button's invoke answer followed by what it sent. */
export type Transcript = Answer[][];

/** Plays the rows in order, checking each answer; returns every row's answers. */
export async function play(h: Harness, chat: Chat, rows: readonly Row[]): Promise<Transcript> {
  const transcript: Transcript = [];
  let previous: Answer = { text: '', card: undefined };
  for (const [i, row] of rows.entries()) {
    const where = `row ${i + 1} (${show(row.user)})${row.why ? `: ${row.why}` : ''}`;
    await row.meanwhile?.();
    if (row.user === undefined) {
      transcript.push([]);
      continue;
    }
    const who = row.by ?? chat;
    const expected = expectations(row.bot);
    const answers: Answer[] = [];
    if (typeof row.user === 'string') {
      const r = await who.say(row.user);
      assert.ok(r.status < 300, `${where}: the bot answered HTTP ${r.status}`);
      // a message with no expectation still waits for its one reply, so the next row reads its own
      const replies = await h.connector.waitFor(Math.max(expected.length, 1));
      answers.push(...replies.map(replyAnswer));
      expected.forEach((e, k) => asExpectation(e).check(answers[k], `${where}, reply ${k + 1}`));
    } else {
      const data = typeof row.user.data === 'function' ? row.user.data(previous) : row.user.data;
      const r = await who.invoke(row.user.verb, data);
      assert.equal(r.status, 200, `${where}: Teams expects HTTP 200 for adaptiveCard/action`);
      answers.push(invokeAnswer(r));
      expected.forEach((e) => asExpectation(e).check(answers[0], where));
      if (row.sends?.length) {
        const sent = await h.connector.waitFor(row.sends.length);
        sent.forEach((a, k) => {
          const answer = replyAnswer(a);
          answers.push(answer);
          asExpectation(row.sends![k]).check(answer, `${where}, message ${k + 1}`);
        });
      }
    }
    previous = answers.find((a) => a.card) ?? answers[0];
    transcript.push(answers);
  }
  return transcript;
}
