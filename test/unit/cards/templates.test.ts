import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as AC from 'adaptivecards';
import { allVerbs } from '../../../src/bot/verbs.js';
import { cardNames, cardsDir, type CardData, type CardName } from '../../../src/cards/render.js';
import { renderCard } from '../../../src/bot/card-render.js';
import { errorCard, helpCard, welcomeCard } from '../../../src/bot/core/cards.js';
import { commands, type Scope } from '../../../src/bot/commands.js';
import { commandName } from '../../../src/bot/core/guide.js';
import { locales } from '../../../src/i18n/index.js';

/** Text-bearing properties of Adaptive Card elements and actions: these must come from data. */
const humanText = new Set([
  'text',
  'title',
  'altText',
  'placeholder',
  'label',
  'fallbackText',
  'errorMessage',
  'speak',
  'value',
]);

function walk(node: unknown, visit: (key: string, value: unknown, path: string) => void, path = '$'): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, visit, `${path}[${i}]`));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      visit(k, v, `${path}.${k}`);
      walk(v, visit, `${path}.${k}`);
    }
  }
}

/**
 * Parses a bound card with the adaptivecards SDK (no DOM needed for parsing in Node) and returns
 * every error and warning the SDK reported, with the card's version.
 */
function parseCard(json: unknown): { version: string; events: string[] } {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  // Full validation too (missing required properties, duplicate ids, ...).
  const results = card.validateProperties();
  for (const e of results.validationEvents) events.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  return { version: card.version.toString(), events };
}

function versionAtMost15(v: string): boolean {
  const [major, minor] = v.split('.').map(Number);
  return major < 1 || (major === 1 && minor <= 5);
}

describe('cards', () => {
  const files = readdirSync(cardsDir).filter((f) => f.endsWith('.json'));

  it('every template in cards/ is in the card table and has sample data (and vice versa)', () => {
    assert.deepEqual(files.map((f) => f.replace(/\.json$/, '')).sort(), [...cardNames].sort());
    for (const name of cardNames) {
      assert.doesNotThrow(() => readFileSync(new URL(`samples/${name}.json`, cardsDir)), `cards/samples/${name}.json`);
    }
  });

  for (const name of cardNames) {
    describe(`${name}.json`, () => {
      const template: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, cardsDir), 'utf8'));
      const sample = JSON.parse(readFileSync(new URL(`samples/${name}.json`, cardsDir), 'utf8')) as CardData[CardName];

      it('declares Adaptive Cards 1.5 at most', () => {
        const version = (template as { version?: string }).version;
        assert.ok(version && versionAtMost15(version), `version ${version}`);
      });

      it('has no hard-coded words: every human-readable string is bound from data', () => {
        walk(template, (key, value, path) => {
          if (!humanText.has(key) || typeof value !== 'string') return;
          const outside = value.replace(/\$\{[^}]*\}/g, '');
          assert.ok(!/[\p{L}]/u.test(outside), `${path} = ${JSON.stringify(value)} has literal text`);
        });
      });

      it('renders with its sample data and parses without errors or warnings', () => {
        const card = renderCard(name, sample as never);
        const { version, events } = parseCard(card);
        assert.deepEqual(events, []);
        assert.ok(versionAtMost15(version), `parsed version ${version}`);
        assert.ok(!JSON.stringify(card).includes('${'), 'an expression was left unbound');
      });

      it('uses only verbs from the verb table', () => {
        walk(renderCard(name, sample as never), (key, value, path) => {
          if (key === 'verb') assert.ok(allVerbs.includes(value as never), `${path}: unknown verb ${String(value)}`);
        });
      });
    });
  }

  it('the parser check can fail: an unknown element and version 1.6 are reported', () => {
    const bad = { type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Bogus' }, { type: 'TextBlock' }] };
    const { version, events } = parseCard(bad);
    assert.ok(events.length > 0);
    assert.equal(versionAtMost15(version), false);
  });

  const scopes: Scope[] = ['personal', 'team', 'groupChat'];
  for (const locale of locales) {
    for (const scope of scopes) {
      it(`builds valid welcome and help cards in ${locale} / ${scope}`, () => {
        for (const card of [
          welcomeCard(locale, scope),
          helpCard(locale, scope, 'CSP Bot'),
          errorCard(locale, 'x', 'abcd1234'),
        ]) {
          assert.deepEqual(parseCard(card).events, []);
        }
        const help = JSON.stringify(helpCard(locale, scope, 'CSP Bot'));
        for (const c of commands.filter((c) => (c.scopes as readonly Scope[]).includes(scope))) {
          // a Korean reader reads the Korean name first, the English one beside it
          assert.ok(help.includes(`**${commandName(locale, c)}**`), c.id);
          if (locale === 'ko-KR') assert.match(commandName(locale, c), /[\uac00-\ud7a3]/, c.id);
        }
      });
    }
  }

  it('welcome card carries the help.show and help.all verbs with versioned data', () => {
    const card = welcomeCard('en-US', 'personal') as { actions: { type: string; verb: string; data: unknown }[] };
    assert.deepEqual(
      card.actions.map((a) => [a.type, a.verb, a.data]),
      [
        ['Action.Execute', 'help.show', { v: 1 }],
        ['Action.Execute', 'help.all', { v: 1 }],
      ],
    );
  });
});
