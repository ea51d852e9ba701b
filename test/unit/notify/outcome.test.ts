import assert from 'node:assert/strict';
import type { OutboxEvent } from '../../../src/generated/sqlite/client.js';
import {
  eventFate,
  foldOutcome,
  isAllSent,
  MIN_ATTEMPTS_BEFORE_DEAD,
  type JobOutcome,
} from '../../../src/notify/outcome.js';
import type { EventState } from '../../../src/notify/plan.js';

/** Outcome folding with fixed numbers: no database, no clock, the randomness given. */
const NOW = 1_000_000;
const POLICY = { maxAttempts: 8, backoffBaseMs: 1_000, backoffCapMs: 300_000 };

function event(attempts: number, ...outcomes: JobOutcome[]): EventState {
  const ev: EventState = {
    row: { id: 'ev-1', attempts } as OutboxEvent,
    pending: outcomes.length,
    sent: 0,
    dead: [],
    skipped: [],
  };
  for (const o of outcomes) foldOutcome(ev, o);
  return ev;
}

const sent: JobOutcome = { kind: 'sent' };
const fixed =
  (r: number): (() => number) =>
  () =>
    r;

describe('notify outcome folding: a send result → the delivery row', () => {
  it('sent, retry, dead, skipped; a hand-back writes no row', () => {
    const ev = event(0);
    ev.pending = 5;
    assert.deepEqual(foldOutcome(ev, sent), { status: 'sent' });
    assert.deepEqual(foldOutcome(ev, { kind: 'retry', reason: 'HTTP 503' }), { status: 'retry', error: 'HTTP 503' });
    assert.deepEqual(foldOutcome(ev, { kind: 'fatal', reason: 'HTTP 400' }), { status: 'dead', error: 'HTTP 400' });
    assert.deepEqual(foldOutcome(ev, { kind: 'blocked', reason: 'HTTP 403 MessageWritesBlocked' }), {
      status: 'skipped',
      error: 'HTTP 403 MessageWritesBlocked',
    });
    assert.equal(foldOutcome(ev, { kind: 'defer', until: NOW + 5 }), undefined);
    assert.equal(ev.pending, 0);
    assert.equal(ev.sent, 1);
    assert.deepEqual(ev.dead, ['HTTP 400']);
    assert.deepEqual(ev.skipped, ['HTTP 403 MessageWritesBlocked']);
    assert.equal(ev.deferUntil, NOW + 5);
  });

  it('of several retryable failures of one event, the longest Retry-After is kept', () => {
    const ev = event(
      0,
      { kind: 'retry', retryAfterMs: 2_000, reason: 'HTTP 429 a' },
      { kind: 'retry', retryAfterMs: 7_000, reason: 'HTTP 429 b' },
      { kind: 'retry', reason: 'HTTP 503' },
      { kind: 'retry', retryAfterMs: 1_000, reason: 'HTTP 429 c' },
    );
    assert.deepEqual(ev.retry, { kind: 'retry', retryAfterMs: 7_000, reason: 'HTTP 429 b' });
  });

  it('isAllSent only when every target got it', () => {
    assert.equal(isAllSent(event(0, sent, sent)), true);
    assert.equal(isAllSent(event(0, sent, { kind: 'blocked', reason: 'x' })), false);
    assert.equal(isAllSent(event(0, sent, { kind: 'defer', until: NOW })), false);
    assert.equal(isAllSent(event(0, sent, { kind: 'retry', reason: 'x' })), false);
  });
});

describe('notify outcome folding: the event fate', () => {
  it('retry: full-jitter backoff, base·2^(attempt−1), at attempt n with random r → floor(r·ceiling)', () => {
    const ev = event(2, sent, { kind: 'retry', reason: 'HTTP 503' }); // attempt 3: ceiling 4 s
    assert.deepEqual(eventFate(ev, NOW, POLICY, fixed(0)), {
      kind: 'retry',
      attempts: 3,
      nextAttemptAt: NOW,
      lastError: 'HTTP 503',
    });
    const late = eventFate(ev, NOW, POLICY, fixed(0.999_999));
    assert.equal(late.kind === 'retry' && late.nextAttemptAt, NOW + 3_999);
    const mid = eventFate(ev, NOW, POLICY, fixed(0.5));
    assert.equal(mid.kind === 'retry' && mid.nextAttemptAt, NOW + 2_000);
  });

  it('retry: the backoff is capped (backoffCapMs) however many attempts', () => {
    const ev = event(6, { kind: 'retry', reason: 'network: ECONNRESET' }); // attempt 7: 64 s < cap
    const capped = eventFate(ev, NOW, { ...POLICY, backoffCapMs: 10_000 }, fixed(0.999_999));
    assert.equal(capped.kind === 'retry' && capped.nextAttemptAt, NOW + 9_999);
    const uncapped = eventFate(ev, NOW, POLICY, fixed(0.999_999));
    assert.equal(uncapped.kind === 'retry' && uncapped.nextAttemptAt, NOW + 63_999);
  });

  it('retry: Retry-After is honoured (a floor), with at most one base of jitter past it', () => {
    const ev = event(0, { kind: 'retry', retryAfterMs: 30_000, reason: 'HTTP 429' }); // attempt 1: ceiling 1 s
    const early = eventFate(ev, NOW, POLICY, fixed(0));
    assert.equal(early.kind === 'retry' && early.nextAttemptAt, NOW + 30_000);
    const spread = eventFate(ev, NOW, POLICY, fixed(0.999_999));
    assert.equal(spread.kind === 'retry' && spread.nextAttemptAt, NOW + 30_999);
  });

  it('retry: never before a hand-back of the same event falls due', () => {
    const ev = event(0, { kind: 'retry', reason: 'HTTP 503' }, { kind: 'defer', until: NOW + 50_000 });
    const fate = eventFate(ev, NOW, POLICY, fixed(0.5));
    assert.equal(fate.kind === 'retry' && fate.nextAttemptAt, NOW + 50_000);
  });

  it('dead after maxAttempts rounds, with the last reason', () => {
    const ev = event(7, { kind: 'retry', reason: 'HTTP 503' });
    assert.deepEqual(eventFate(ev, NOW, POLICY, fixed(0)), {
      kind: 'dead',
      afterAttempts: 8,
      lastError: 'gave up after 8 attempts: HTTP 503',
    });
    assert.equal(eventFate(event(6, { kind: 'retry', reason: 'HTTP 503' }), NOW, POLICY, fixed(0)).kind, 'retry');
  });

  it('retried for retryForMs from the creation (no attempt limit), then dead-lettered with the last reason', () => {
    const DAY = 24 * 3_600_000;
    const policy = {
      maxAttempts: Number.POSITIVE_INFINITY,
      retryForMs: DAY,
      backoffBaseMs: 1_000,
      backoffCapMs: 300_000,
    };
    const aged = (attempts: number, ageMs: number) => {
      const ev = event(attempts, { kind: 'retry', reason: 'HTTP 500 ServiceError' });
      (ev.row as { createdAt: Date }).createdAt = new Date(NOW - ageMs);
      return ev;
    };
    // 40 rounds in 23 h: still retried, at most the 5-minute cap later.
    const young = eventFate(aged(40, DAY - 3_600_000), NOW, policy, fixed(0.999_999));
    assert.equal(young.kind, 'retry');
    assert.equal(young.kind === 'retry' && young.nextAttemptAt, NOW + 299_999);
    assert.deepEqual(eventFate(aged(300, DAY), NOW, policy, fixed(0)), {
      kind: 'dead',
      afterAttempts: 301,
      lastError: 'gave up after 301 attempts over 24 h: HTTP 500 ServiceError',
    });
    // Re-queued by an administrator long after its creation (attempts back to 0): a few more rounds first.
    assert.equal(eventFate(aged(0, 3 * DAY), NOW, policy, fixed(0)).kind, 'retry');
    assert.equal(eventFate(aged(MIN_ATTEMPTS_BEFORE_DEAD - 2, 3 * DAY), NOW, policy, fixed(0)).kind, 'retry');
    assert.equal(eventFate(aged(MIN_ATTEMPTS_BEFORE_DEAD - 1, 3 * DAY), NOW, policy, fixed(0)).kind, 'dead');
  });

  it('403 MessageWritesBlocked: skipped, not failed; the event is sent if another target got it', () => {
    const reason = 'HTTP 403 MessageWritesBlocked';
    assert.deepEqual(eventFate(event(0, sent, { kind: 'blocked', reason }), NOW, POLICY, fixed(0)), {
      kind: 'sent',
      lastError: reason,
    });
    assert.deepEqual(eventFate(event(0, { kind: 'blocked', reason }), NOW, POLICY, fixed(0)), {
      kind: 'dead',
      lastError: reason,
    });
  });

  it('another 4xx: dead at once, even if another target got it; no target at all: dead', () => {
    assert.deepEqual(eventFate(event(0, sent, { kind: 'fatal', reason: 'HTTP 400' }), NOW, POLICY, fixed(0)), {
      kind: 'dead',
      lastError: 'HTTP 400',
    });
    assert.deepEqual(eventFate(event(0), NOW, POLICY, fixed(0)), {
      kind: 'dead',
      lastError: 'no active notification channel',
    });
  });

  it('handed back unsent: released, due at the latest hand-back, no attempt counted', () => {
    const ev = event(3, sent, { kind: 'defer', until: NOW + 10 }, { kind: 'defer', until: NOW + 20 });
    assert.deepEqual(eventFate(ev, NOW, POLICY, fixed(0)), { kind: 'release', until: NOW + 20 });
  });

  it('all sent: sent without an error', () => {
    assert.deepEqual(eventFate(event(1, sent, sent), NOW, POLICY, fixed(0)), { kind: 'sent', lastError: null });
  });
});
