import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The rule ids of the domain (../shared/DOMAIN.md beside the repository): read from the document when it
 * is there, so a rule added to it without a path through the product fails the journey; otherwise this
 * checked-in copy (DOMAIN.md as of issue 14).
 */
export const CHECKED_IN_RULES: readonly string[] = [
  'PT1',
  'PT2',
  'PT3',
  ...['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'],
  ...['U1', 'U2', 'U3', 'U4'],
  ...['M1', 'M2'],
  ...['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'],
  ...['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11'],
  ...['S1', 'S2', 'S3', 'S4', 'S5'],
];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** ../shared/DOMAIN.md of the repository (a git worktree one level further down finds it at ../../shared). */
const candidates = [path.resolve(repoRoot, '../shared/DOMAIN.md'), path.resolve(repoRoot, '../../shared/DOMAIN.md')];

/** The ids DOMAIN.md defines: every list item that starts with `<id>:` ("- E1: ...", "  - PT2: ..."). */
export function parseRuleIds(markdown: string): string[] {
  return [...markdown.matchAll(/^\s*- \**((?:PT|E|U|M|P|C|S)\d+)\**:/gm)].map((m) => m[1]);
}

/** Where the list came from, and the list. */
export function domainRules(): { source: string; rules: readonly string[] } {
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const rules = parseRuleIds(readFileSync(file, 'utf8'));
    if (rules.length > 0) return { source: file, rules };
  }
  return { source: 'the checked-in copy (test/integration/journey/rules.ts)', rules: CHECKED_IN_RULES };
}
