import assert from 'node:assert/strict';
import {
  SlidingWindowLimiter,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
  shareWindows,
} from '../../../src/notify/limits.js';
import { idealMakespanMs } from '../../../bench/notify-ideal.js';

/** Sends as fast as the limiter allows, each taking `tookMs`; returns the start times. */
function drive(lim: SlidingWindowLimiter, n: number, tookMs = 0): number[] {
  const starts: number[] = [];
  let now = 0;
  while (starts.length < n) {
    const w = lim.waitMs('k', now);
    if (w > 0) {
      now += w;
      continue;
    }
    const slot = lim.reserve('k', now);
    starts.push(now);
    lim.settle(slot, now + tookMs);
  }
  return starts;
}

describe('notify: sliding-window limiter (Teams limits)', () => {
  it('allows 7 in a second and 8 in two seconds per conversation, then waits for the window', () => {
    const starts = drive(new SlidingWindowLimiter(TEAMS_CONVERSATION_WINDOWS), 10);
    assert.deepEqual(starts, [0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000]);
  });

  it('allows 60 in 30 seconds per conversation', () => {
    const starts = drive(new SlidingWindowLimiter(TEAMS_CONVERSATION_WINDOWS), 61);
    for (const t of starts) assert.ok(starts.filter((x) => x > t - 30_000 && x <= t).length <= 60);
    assert.equal(starts[60], 30_000);
  });

  it('allows 50 per second per tenant', () => {
    const starts = drive(new SlidingWindowLimiter(TEAMS_TENANT_WINDOWS), 101);
    assert.equal(starts.filter((t) => t === 0).length, 50);
    assert.equal(starts[50], 1000);
    assert.equal(starts[100], 2000);
  });

  it('counts a send in flight as now, and from its end once settled (the server saw it in between)', () => {
    const lim = new SlidingWindowLimiter([{ limit: 1, ms: 1000 }]);
    const slot = lim.reserve('k', 0);
    assert.equal(lim.waitMs('k', 5000), 1000, 'still in flight: a whole window');
    lim.settle(slot, 300);
    assert.equal(lim.waitMs('k', 400), 900);
    assert.equal(lim.waitMs('k', 1300), 0);
  });

  it('widens windows by the margin', () => {
    const lim = new SlidingWindowLimiter([{ limit: 1, ms: 1000 }], 50);
    lim.settle(lim.reserve('k', 0), 0);
    assert.equal(lim.waitMs('k', 1000), 50);
  });

  it('honours a Retry-After block for the key only', () => {
    const lim = new SlidingWindowLimiter(TEAMS_CONVERSATION_WINDOWS);
    lim.block('a', 3000);
    assert.equal(lim.waitMs('a', 1000), 2000);
    assert.equal(lim.waitMs('b', 1000), 0);
    assert.equal(lim.waitMs('a', 3000), 0);
  });

  it('shares limits between instances', () => {
    assert.deepEqual(
      shareWindows(TEAMS_CONVERSATION_WINDOWS, 0.5).map((w) => w.limit),
      [3, 4, 30, 900],
    );
  });

  it('bench allowed rate: the ideal schedule matches the limits by hand', () => {
    assert.equal(idealMakespanMs([10], ['t'], TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS), 2000);
    assert.equal(
      idealMakespanMs(Array(200).fill(10), Array(200).fill('t'), TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS),
      39_000,
    );
  });
});
