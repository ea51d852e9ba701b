import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The bot's module graph, read from the sources' relative imports (type-only imports included:
 * a type cycle is still a cycle for whoever reads the code).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const importPattern = /(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g;

/** Each file under src/ (relative to src/) with the src/ files it imports. */
const graph = new Map<string, string[]>(
  sources(src).map((file) => {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(importPattern)].map((m) =>
      relative(src, resolve(dirname(file), m[1] ?? '').replace(/\.js$/, '.ts')),
    );
    return [relative(src, file), deps];
  }),
);

/** The import cycles through files whose path starts with `prefix` (each cycle once). */
function cyclesUnder(prefix: string): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (!graph.has(dep)) continue;
      if (state.get(dep) === 'open') found.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found.filter((cycle) => cycle.some((f) => f.startsWith(prefix)));
}

describe('layers: the bot and the cards', () => {
  it('src/bot has no import cycle (feature modules import the kits, never the tables that spread them)', () => {
    assert.deepEqual(
      cyclesUnder('bot/').map((c) => c.join(' → ')),
      [],
    );
  });

  it('src/cards imports nothing from src/bot but the command table (render takes the verb table)', () => {
    for (const [file, deps] of graph) {
      if (!file.startsWith('cards/')) continue;
      for (const dep of deps) {
        if (dep.startsWith('bot/')) assert.equal(dep, 'bot/commands.ts', `${file} imports ${dep}`);
      }
    }
  });

  it('every bot feature has the same shape: verbs, command-specs, commands, actions, cards', () => {
    const features = readdirSync(join(src, 'bot'), { withFileTypes: true }).filter((e) => e.isDirectory());
    assert.ok(features.length >= 6, features.map((f) => f.name).join(', '));
    for (const feature of features) {
      for (const part of ['verbs', 'command-specs', 'commands', 'actions', 'cards']) {
        assert.ok(graph.has(`bot/${feature.name}/${part}.ts`), `src/bot/${feature.name}/${part}.ts`);
      }
    }
  });
});
