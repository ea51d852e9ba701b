import assert from 'node:assert/strict';
import { catalogue, locales, resolveLocale, t } from '../../../src/i18n/index.js';

function placeholders(s: string): string[] {
  return [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

describe('i18n catalogues', () => {
  const en = catalogue('en-US');
  const ko = catalogue('ko-KR');

  it('en-US and ko-KR have identical keys', () => {
    const enKeys = Object.keys(en).sort();
    const koKeys = Object.keys(ko).sort();
    assert.deepEqual(
      { missingInKo: enKeys.filter((k) => !koKeys.includes(k)), extraInKo: koKeys.filter((k) => !enKeys.includes(k)) },
      { missingInKo: [], extraInKo: [] },
    );
  });

  for (const locale of locales) {
    it(`${locale} has no empty messages`, () => {
      const empty = Object.entries(catalogue(locale)).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      assert.deepEqual(
        empty.map(([k]) => k),
        [],
      );
    });
  }

  it('every key has the same {placeholders} in both locales', () => {
    const mismatched = Object.keys(en)
      .filter(
        (k) =>
          JSON.stringify(placeholders(en[k as keyof typeof en])) !==
          JSON.stringify(placeholders(ko[k as keyof typeof ko] ?? '')),
      )
      .map(
        (k) =>
          `${k}: en ${placeholders(en[k as keyof typeof en]).join(',')} / ko ${placeholders(ko[k as keyof typeof ko] ?? '').join(',')}`,
      );
    assert.deepEqual(mismatched, []);
  });

  it('fills placeholders and resolves locales', () => {
    assert.match(t('ko-KR', 'bot.turnError', { correlationId: 'abc123' }), /abc123/);
    assert.equal(resolveLocale('ko'), 'ko-KR');
    assert.equal(resolveLocale('en-GB'), 'en-US');
    assert.equal(resolveLocale('fr-FR'), 'en-US');
    assert.equal(resolveLocale(undefined, 'ko-KR'), 'ko-KR');
  });
});
