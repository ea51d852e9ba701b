import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CardData, CardName } from './types.js';

export type { CardData, CardName } from './types.js';
export { cardNames } from './types.js';

/** A bound Adaptive Card (schema 1.5), ready for CardFactory.adaptiveCard or an invoke response. */
export type AdaptiveCardJson = Readonly<Record<string, unknown>>;

/** Where the templates live: cards/<name>.json at the repository root. */
export const cardsDir = new URL('../../cards/', import.meta.url);

/**
 * adaptivecards-templating's own typings import adaptivecards' TypeScript sources, which do not
 * compile under this project's settings (verbatimModuleSyntax); so it is loaded untyped and given
 * the one signature used here.
 */
interface Template {
  expand(context: { $root: unknown }): unknown;
}
const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => Template;
};

const templates = new Map<CardName, Template>();

function template(name: CardName): Template {
  let tpl = templates.get(name);
  if (!tpl) {
    const json: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, cardsDir), 'utf8'));
    tpl = new Template(json);
    templates.set(name, tpl);
  }
  return tpl;
}

/** The Action.Execute verbs a template may name, by key: templates write `"verb": "${verbs.helpShow}"`. */
export type VerbTable = Readonly<Record<string, string>>;

export type RenderCard = <N extends CardName>(name: N, data: CardData[N]) => AdaptiveCardJson;

/**
 * A renderer that binds cards/<name>.json with `data`. Every string a person reads comes in through
 * `data` (from the i18n catalogue); `verbs` (the bot's verb table, src/bot/verbs.ts) is bound as
 * `verbs`, so templates write `"verb": "${verbs.helpShow}"` rather than spelling a verb. The verb table
 * is passed in so that this module knows templates and data, not the bot.
 */
export function cardRenderer(verbs: VerbTable): RenderCard {
  return (name, data) => {
    const bound: unknown = template(name).expand({ $root: { ...data, verbs } });
    if (typeof bound !== 'object' || bound === null || Array.isArray(bound)) {
      throw new Error(`card template ${name} did not bind to an object`);
    }
    return bound as AdaptiveCardJson;
  };
}
