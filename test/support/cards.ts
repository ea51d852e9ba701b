import assert from 'node:assert/strict';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { RecordedActivity } from './connector.js';

/**
 * Reading what the bot answered: Adaptive Cards (JSON) and recorded activities. One copy for every
 * test that talks to the bot.
 *
 *   cardText(card)    the texts a person sees (TextBlocks, facts, labels, choices, action titles)
 *   cardJson(card)    the whole card as JSON (to find a value anywhere, data included)
 *   textOf(activity)  a message's text, or its card's text
 *   cardOf(invoke)    the card an Action.Execute invoke answered with (asserts it is one)
 */

type CardJson = Record<string, unknown>;

/** Every text of a card, flattened (TextBlocks, facts, labels, choices, action titles). */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (typeof v === 'string' && ['text', 'title', 'value', 'label'].includes(k)) out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

/** The whole card as JSON: for values that are not shown (action data) or for counting elements. */
export function cardJson(card: unknown): string {
  return JSON.stringify(card);
}

/** A message's text, or, when it carries a card, the card's texts. */
export function textOf(a: RecordedActivity): string {
  return a.card ? cardText(a.card) : (a.text ?? '');
}

/** Visits every object of a card, depth first. */
function eachNode(card: unknown, visit: (o: Record<string, unknown>) => void): void {
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      visit(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
}

const isInput = (o: Record<string, unknown>): boolean => typeof o.type === 'string' && o.type.startsWith('Input.');

/** The ids of the inputs of a card, in order. */
export function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  eachNode(card, (o) => {
    if (isInput(o) && typeof o.id === 'string') ids.push(o.id);
  });
  return ids;
}

/** The value (prefilled answer) of the input `id`, undefined if none. */
export function inputValue(card: unknown, id: string): unknown {
  let v: unknown;
  eachNode(card, (o) => {
    if (o.id === id && isInput(o)) v = o.value;
  });
  return v;
}

export interface CardAction {
  readonly verb: string;
  readonly data: Record<string, unknown>;
  readonly title?: string;
}

/** Every Action.Execute (verb, data, title) in a card, depth first. */
export function actionsOf(card: unknown): CardAction[] {
  const out: CardAction[] = [];
  eachNode(card, (o) => {
    if (o.type === 'Action.Execute' && typeof o.verb === 'string')
      out.push({
        verb: o.verb,
        data: (o.data ?? {}) as Record<string, unknown>,
        ...(typeof o.title === 'string' ? { title: o.title } : {}),
      });
  });
  return out;
}

/** The data of the (last) action titled `title`, card-level or a row's button; fails if there is none. */
export function actionData(card: unknown, title: string): Record<string, unknown> {
  const found = actionsOf(card).filter((a) => a.title === title);
  assert.ok(found.length > 0, `no action "${title}" in ${cardJson(card).slice(0, 400)}`);
  return found[found.length - 1].data;
}

/** The card an invoke answered with: HTTP 200, statusCode 200, type card.adaptive. */
export function cardOf(r: { status?: number; body: AdaptiveCardInvokeResponse }): CardJson {
  if (r.body.type !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`not a card: ${JSON.stringify(r.body).slice(0, 300)}`);
  if (r.status !== undefined) assert.equal(r.status, 200);
  assert.equal(r.body.statusCode, 200, JSON.stringify(r.body).slice(0, 300));
  return r.body.value;
}

/** The message of an invoke refused with `application/vnd.microsoft.error`. */
export function errorMessage(r: { body: AdaptiveCardInvokeResponse }): string {
  if (r.body.type !== 'application/vnd.microsoft.error')
    throw new Error(`not an error: ${JSON.stringify(r.body).slice(0, 300)}`);
  return (r.body.value as { message: string }).message;
}
