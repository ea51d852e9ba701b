import assert from 'node:assert/strict';
import { backoffMs, classifySendError, parseRetryAfter } from '../../../src/notify/classify.js';

function restError(statusCode: number, body?: unknown, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`HTTP ${statusCode}`), {
    statusCode,
    response: {
      headers: { get: (n: string) => headers[n.toLowerCase()] },
      bodyAsText: body === undefined ? '' : JSON.stringify(body),
    },
  });
}

describe('notify: classifying send failures (STACK.md Teams limits)', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');
  for (const status of [412, 429, 502, 503, 504, 500]) {
    it(`retries ${status}`, () => assert.equal(classifySendError(restError(status), now).kind, 'retry'));
  }
  it('reads Retry-After in seconds and as an HTTP date', () => {
    assert.deepEqual(classifySendError(restError(429, undefined, { 'retry-after': '3' }), now), {
      kind: 'retry',
      retryAfterMs: 3000,
      reason: 'HTTP 429',
    });
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 09:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
  it('403 MessageWritesBlocked means blocked', () => {
    const e = restError(403, { error: { code: 'Forbidden', subCode: 'MessageWritesBlocked', message: 'x' } });
    assert.equal(classifySendError(e, now).kind, 'blocked');
  });
  it('other 403 and other 4xx are fatal', () => {
    assert.equal(
      classifySendError(restError(403, { error: { code: 'BotNotInConversationRoster' } }), now).kind,
      'fatal',
    );
    assert.equal(classifySendError(restError(400), now).kind, 'fatal');
    assert.equal(classifySendError(restError(404), now).kind, 'fatal');
  });
  it('names each error code once, though a RestError repeats the body code as details and code', () => {
    const body = { error: { code: 'Throttled', message: 'slow down' } };
    const e = Object.assign(restError(429, body, { 'retry-after': '1' }), { code: 'Throttled', details: body });
    assert.deepEqual(classifySendError(e, now), { kind: 'retry', retryAfterMs: 1000, reason: 'HTTP 429 Throttled' });
  });
  it('network errors are retried; anything else is fatal', () => {
    assert.equal(classifySendError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), now).kind, 'retry');
    assert.equal(classifySendError(Object.assign(new Error('x'), { code: 'REQUEST_SEND_ERROR' }), now).kind, 'retry');
    assert.equal(classifySendError(new TypeError('bug'), now).kind, 'fatal');
  });
  it('backoff: full jitter under a growing, capped ceiling; Retry-After is a floor', () => {
    const opts = { baseMs: 1000, capMs: 30_000 };
    assert.equal(
      backoffMs(1, opts, () => 0.999),
      999,
    );
    assert.equal(
      backoffMs(3, opts, () => 0.5),
      2000,
    );
    assert.equal(
      backoffMs(20, opts, () => 0.999),
      29_970,
    );
    assert.equal(
      backoffMs(1, opts, () => 0),
      0,
    );
    assert.ok(backoffMs(1, opts, () => 0.5, 5000) >= 5000);
  });
});
