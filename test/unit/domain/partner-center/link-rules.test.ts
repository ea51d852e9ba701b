import assert from 'node:assert/strict';
import {
  daysLeft,
  firstWarningBefore,
  refreshTokenExpiry,
  warningDue,
} from '../../../../src/domain/partner-center/link-rules.js';

const DAY = 86_400_000;
const refreshed = new Date('2026-03-02T09:00:00.000Z');
const at = (days: number) => new Date(refreshed.getTime() + days * DAY);

describe('Partner Center link rules (docs/partner-center.md)', () => {
  it('L8: a refresh token expires 90 days after its last use or refresh', () => {
    assert.equal(refreshTokenExpiry(refreshed).toISOString(), '2026-05-31T09:00:00.000Z');
    assert.equal(daysLeft(refreshTokenExpiry(refreshed), at(76.5)), 14);
  });

  // [days since refresh, threshold already warned, expected warning]
  const table: [number, number | null, number | null][] = [
    [10, null, null], // 80 days left
    [75.9, null, null], // just over 14 days left
    [76, null, 14], // 14 days left
    [80, null, 14], // 10 days left, never warned
    [80, 14, null], // 10 days left, warned at 14: not again
    [87, 14, 3], // 3 days left, warned at 14
    [87, null, 3], // 3 days left, never warned: only the smaller one
    [89, 3, null], // warned at 3: never again
    [90, null, null], // expired: nothing (L7 finds out on use)
    [95, null, null],
  ];
  for (const [days, warned, expected] of table) {
    it(`L8: ${days} days after the refresh, warned ${warned ?? 'never'} → ${expected ?? 'no warning'}`, () => {
      assert.equal(warningDue(refreshed, warned, at(days)), expected);
    });
  }

  it('L8: the warning job looks only at links refreshed at least 76 days ago', () => {
    assert.equal(firstWarningBefore(at(100)).toISOString(), at(24).toISOString());
  });
});
