import assert from 'node:assert/strict';
import {
  expiryFrom,
  generateTemporaryPassword,
  hashPassword,
  hashToken,
  issueToken,
  tokenMatches,
  tokenSchema,
  tokenState,
  verifyPassword,
} from '../../../../src/domain/shared/tokens.js';

describe('tokens', () => {
  it('issues 256-bit base64url tokens and keeps only their SHA-256', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { token, hash } = issueToken();
      assert.equal(Buffer.from(token, 'base64url').length, 32);
      assert.ok(tokenSchema.safeParse(token).success);
      assert.match(hash, /^[0-9a-f]{64}$/);
      assert.equal(hash, hashToken(token));
      assert.ok(!hash.includes(token));
      seen.add(token);
    }
    assert.equal(seen.size, 200);
  });

  it('compares a token with a stored hash', () => {
    const a = issueToken();
    const b = issueToken();
    assert.equal(tokenMatches(a.token, a.hash), true);
    assert.equal(tokenMatches(b.token, a.hash), false);
    assert.equal(tokenMatches(a.token, 'abc'), false);
  });

  it('rejects malformed tokens', () => {
    for (const bad of ['', 'short', 'x'.repeat(44), 'a'.repeat(42) + '/', 'a'.repeat(42) + '=']) {
      assert.equal(tokenSchema.safeParse(bad).success, false, bad);
    }
  });

  const now = new Date('2026-01-10T00:00:00Z');
  const base = { expiresAt: expiryFrom(new Date('2026-01-01T00:00:00Z'), 30), usedAt: null, revokedAt: null };
  const cases: [string, Parameters<typeof tokenState>[0], Date, string][] = [
    ['fresh', base, now, 'usable'],
    ['expired after the TTL', base, new Date('2026-01-31T00:00:00Z'), 'expired'],
    ['used once', { ...base, usedAt: now }, now, 'used'],
    ['revoked', { ...base, revokedAt: now }, now, 'revoked'],
    ['revoked and used', { ...base, usedAt: now, revokedAt: now }, now, 'revoked'],
    ['declined', { ...base, declinedAt: now }, now, 'declined'],
  ];
  for (const [name, row, at, expected] of cases) {
    it(`token state: ${name} → ${expected}`, () => assert.equal(tokenState(row, at), expected));
  }

  it('expiry defaults are computed in whole days', () => {
    assert.equal(expiryFrom(new Date('2026-01-01T00:00:00Z'), 30).toISOString(), '2026-01-31T00:00:00.000Z');
  });

  it('S2: temporary passwords are strong and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const p = generateTemporaryPassword();
      assert.equal(p.length, 16);
      assert.match(p, /[A-Z]/);
      assert.match(p, /[a-z]/);
      assert.match(p, /[0-9]/);
      assert.match(p, /[^A-Za-z0-9]/);
      seen.add(p);
    }
    assert.equal(seen.size, 100);
  });

  it('S2: a temporary password is kept only as a salted scrypt hash', async () => {
    const p = generateTemporaryPassword();
    const h1 = await hashPassword(p);
    const h2 = await hashPassword(p);
    assert.notEqual(h1, h2, 'salted');
    assert.ok(!h1.includes(p));
    assert.match(h1, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword(p, h1), true);
    assert.equal(await verifyPassword(p + 'x', h1), false);
    assert.equal(await verifyPassword(p, 'garbage'), false);
  });
});
