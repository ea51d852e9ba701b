import assert from 'node:assert/strict';
import { CHECKED_IN_RULES, domainRules, parseRuleIds } from './rules.js';

describe('the journey’s list of rules (DOMAIN.md)', () => {
  it('reads top-level and nested rule items, and nothing else', () => {
    const md = [
      '## Parties',
      '- PT1: **Partner types**: indirect provider ...',
      '  - PT2: an indirect reseller has no billing relationship ...',
      '- E1: Enrolling needs: MPN ID ...',
      '  Direct-bill enrollment additionally needs ...',
      '- Not a rule: E9 is mentioned here',
      '- P10: A reseller finds providers ...',
    ].join('\n');
    assert.deepEqual(parseRuleIds(md), ['PT1', 'PT2', 'E1', 'P10']);
  });

  it('the checked-in copy is the list DOMAIN.md defines (when the document is there)', () => {
    const { source, rules } = domainRules();
    assert.deepEqual([...rules], [...CHECKED_IN_RULES], `update CHECKED_IN_RULES from ${source}`);
  });
});
