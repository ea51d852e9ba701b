import assert from 'node:assert/strict';
import { daysOf, isoDays } from '../../../src/graph/duration.js';

describe('Graph durations (ISO 8601) in days', () => {
  it('writes P{n}D, and PT0S for no auto-extend', () => {
    assert.deepEqual([isoDays(730), isoDays(180), isoDays(1), isoDays(0)], ['P730D', 'P180D', 'P1D', 'PT0S']);
  });

  it('reads what Graph answers: days, PT0S, P0D, years and months, weeks, a time part', () => {
    const table: [string, number | undefined][] = [
      ['P730D', 730],
      ['P180D', 180],
      ['PT0S', 0],
      ['P0D', 0],
      ['P2Y', 730],
      ['P1Y6M', 545],
      ['P2W', 14],
      ['P1DT12H', 1],
      ['PT48H', 2],
      ['P', undefined],
      ['PT', undefined],
      ['730', undefined],
      ['P-1D', undefined],
    ];
    assert.deepEqual(
      table.map(([iso]) => [iso, daysOf(iso)]),
      table,
    );
  });
});
