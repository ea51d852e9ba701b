import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { DATA_KEY_FILE, resolveDataKey } from '../../../src/data/data-key.js';
import { billingSummary, openBillingDetails, sealBillingDetails, storedBillingSummary, type BillingDetails } from '../../../src/domain/enrollment/enrollment-rules.js';
import {
  createFieldCipher,
  newDataKey,
  parseDataKey,
  SEALED_PREFIX,
} from '../../../src/data/field-cipher.js';
import { createLogger } from '../../../src/log.js';

const PURPOSE = 'Organization.billingDetails';
const billing: BillingDetails = {
  accountHolder: 'Fabrikam Direct Ltd',
  bankName: 'Contoso Bank',
  accountNumber: 'DE89 3704 0044 0532 0130 00',
  swiftBic: 'DEUTDEFF',
  taxId: 'DE123456789',
  billingEmail: 'billing@fabrikam.example',
  acceptsCriteria: true,
};

/** A logger whose JSON lines land in `lines`. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n'))
        if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { log: createLogger('warn', sink), lines };
}

/** Flips one bit of the byte at `at` of the sealed value's binary part. */
function flip(sealed: string, at: number): string {
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
  raw[at] = raw[at] ^ 0x01;
  return SEALED_PREFIX + raw.toString('base64url');
}

describe('field cipher (AES-256-GCM at rest)', () => {
  const key = randomBytes(32);
  const cipher = createFieldCipher(key);

  it('round trip: a sealed value opens to the same text, and hides it', () => {
    const plain = JSON.stringify(billing);
    const sealed = cipher.seal(plain, PURPOSE);
    assert.ok(sealed.startsWith('v1:'), sealed);
    assert.ok(!sealed.includes('0532') && !sealed.includes('Contoso'), 'nothing of the text in clear');
    // 12-byte IV + 16-byte tag + the ciphertext (as long as the text)
    assert.equal(Buffer.from(sealed.slice(3), 'base64url').length, 12 + 16 + Buffer.byteLength(plain));
    assert.deepEqual(cipher.open(sealed, PURPOSE), { ok: true, plain, sealed: true });
    assert.deepEqual(cipher.open(cipher.seal('', PURPOSE), PURPOSE), { ok: true, plain: '', sealed: true });
    assert.deepEqual(cipher.open(cipher.seal('한국어 ✓', PURPOSE), PURPOSE), {
      ok: true,
      plain: '한국어 ✓',
      sealed: true,
    });
  });

  it('a random IV per value: sealing the same text twice gives different values', () => {
    const a = cipher.seal('same', PURPOSE);
    const b = cipher.seal('same', PURPOSE);
    assert.notEqual(a, b);
    assert.notDeepEqual(
      Buffer.from(a.slice(3), 'base64url').subarray(0, 12),
      Buffer.from(b.slice(3), 'base64url').subarray(0, 12),
    );
  });

  it('tamper → refused: any changed bit of IV, tag or ciphertext, a cut value, a changed purpose', () => {
    const sealed = cipher.seal(JSON.stringify(billing), PURPOSE);
    for (const at of [0, 11, 12, 27, 28, 40])
      assert.deepEqual(cipher.open(flip(sealed, at), PURPOSE), { ok: false }, `byte ${at}`);
    assert.deepEqual(cipher.open(sealed.slice(0, -4), PURPOSE), { ok: false }, 'truncated');
    assert.deepEqual(cipher.open('v1:AAAA', PURPOSE), { ok: false }, 'too short');
    assert.deepEqual(cipher.open('v1:', PURPOSE), { ok: false }, 'empty');
    assert.deepEqual(cipher.open(sealed, 'Organization.somethingElse'), { ok: false }, 'moved to another column');
    assert.deepEqual(
      cipher.open(sealed.replace(/^v1:/, 'v2:'), PURPOSE),
      { ok: false },
      'an unknown version is not guessed at',
    );
  });

  it('wrong key → refused', () => {
    const sealed = cipher.seal(JSON.stringify(billing), PURPOSE);
    assert.deepEqual(createFieldCipher(randomBytes(32)).open(sealed, PURPOSE), { ok: false });
  });

  it('legacy values (plain JSON written before encryption) still read, marked unsealed', () => {
    const legacy = JSON.stringify(billing);
    assert.deepEqual(cipher.open(legacy, PURPOSE), { ok: true, plain: legacy, sealed: false });
  });

  it('keys: base64 (or base64url) of exactly 32 bytes; anything else is refused', () => {
    assert.deepEqual(parseDataKey(key.toString('base64')), key);
    assert.deepEqual(parseDataKey(key.toString('base64url')), key);
    assert.deepEqual(parseDataKey(` ${key.toString('base64')}\n`), key);
    assert.equal(parseDataKey(newDataKey())?.length, 32);
    for (const bad of [
      '',
      'secret',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      key.toString('hex'),
      '!'.repeat(44),
    ]) {
      assert.equal(parseDataKey(bad), null, bad);
    }
    assert.throws(() => createFieldCipher(randomBytes(16)), /32 bytes/);
  });
});

describe('stored billing details (E1/PT3: encrypted at rest)', () => {
  const ctx = { cipher: createFieldCipher(randomBytes(32)) };

  it('E1/PT3: sealed billing details hold no account number in clear and read back whole', () => {
    const stored = sealBillingDetails(ctx, billing);
    assert.ok(!stored.includes('0532') && !stored.includes('DE89'), stored);
    assert.deepEqual(openBillingDetails(ctx, stored), billing);
    assert.deepEqual(storedBillingSummary(ctx, stored), billingSummary(billing));
    assert.equal(storedBillingSummary(ctx, stored)?.accountNumberMasked, '•••• 3000');
  });

  it('E1/PT3: a row written before encryption (plain JSON) still reads', () => {
    assert.deepEqual(openBillingDetails(ctx, JSON.stringify(billing)), billing);
    assert.equal(storedBillingSummary(ctx, JSON.stringify(billing))?.accountNumberMasked, '•••• 3000');
  });

  it('E1/PT3: with the wrong key the details are unreadable (null) and a warning is logged without the value', () => {
    const stored = sealBillingDetails(ctx, billing);
    const { log, lines } = recordingLogger();
    const other = { cipher: createFieldCipher(randomBytes(32)), log };
    assert.equal(storedBillingSummary(other, stored, { orgId: 'org-1' }), null);
    assert.equal(lines.length, 1);
    assert.equal(lines[0].level, 'warn');
    assert.equal(lines[0].orgId, 'org-1');
    assert.match(String(lines[0].msg), /unreadable/);
    assert.ok(!JSON.stringify(lines).includes(stored), 'not the stored value');
    assert.equal(storedBillingSummary(other, 'not json'), null, 'garbage is unreadable too');
    assert.equal(storedBillingSummary(other, null), null);
    assert.equal(lines.length, 2, 'nothing stored is not a warning');
  });
});

describe('DATA_ENCRYPTION_KEY', () => {
  it('is refused at start-up when malformed, naming the variable', () => {
    for (const bad of ['short', randomBytes(16).toString('base64'), randomBytes(32).toString('hex')]) {
      assert.throws(
        () => loadConfig({ DATA_ENCRYPTION_KEY: bad }),
        (e: unknown) =>
          e instanceof ConfigError &&
          e.issues.some((i) => i.variable === 'DATA_ENCRYPTION_KEY') &&
          !e.message.includes(bad),
      );
    }
    const k = newDataKey();
    assert.equal(loadConfig({ DATA_ENCRYPTION_KEY: k }).DATA_ENCRYPTION_KEY, k);
    assert.equal(loadConfig({ DATA_ENCRYPTION_KEY: '' }).DATA_ENCRYPTION_KEY, undefined);
  });

  it('set: used as is, and no key file is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-key-'));
    const k = newDataKey();
    const { log, lines } = recordingLogger();
    assert.deepEqual(
      resolveDataKey({ DATA_ENCRYPTION_KEY: k, DATABASE_URL: 'file:./bot.db' }, log, dir),
      Buffer.from(k, 'base64'),
    );
    assert.throws(() => statSync(join(dir, DATA_KEY_FILE)));
    assert.equal(lines.length, 0);
  });

  it('unset with SQLite: a random key file (0600) beside the database on first start, reused after; a warning says production should set the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-key-'));
    const config = { DATA_ENCRYPTION_KEY: undefined, DATABASE_URL: 'file:./data/csp-bot.db' };
    const { log, lines } = recordingLogger();
    const first = resolveDataKey(config, log, dir);
    const file = join(dir, 'data', DATA_KEY_FILE);
    assert.equal(first.length, 32);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(parseDataKey(readFileSync(file, 'utf8')), first);
    assert.deepEqual(resolveDataKey(config, log, dir), first, 'the same key on the next start');
    assert.equal(lines.length, 2);
    assert.equal(lines[0].created, true);
    assert.equal(lines[1].created, false);
    for (const l of lines) {
      assert.match(String(l.msg), /Production should set DATA_ENCRYPTION_KEY/);
      assert.ok(!JSON.stringify(l).includes(first.toString('base64')), 'the key is not logged');
    }
  });

  it('unset with PostgreSQL or in-memory SQLite: refused, naming the variable; a damaged key file is refused too', () => {
    for (const url of ['postgres://u@h/db', 'file::memory:']) {
      assert.throws(
        () => resolveDataKey({ DATA_ENCRYPTION_KEY: undefined, DATABASE_URL: url }),
        (e: unknown) => e instanceof ConfigError && e.issues.some((i) => i.variable === 'DATA_ENCRYPTION_KEY'),
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'csp-key-'));
    writeFileSync(join(dir, DATA_KEY_FILE), 'not a key\n');
    assert.throws(
      () => resolveDataKey({ DATA_ENCRYPTION_KEY: undefined, DATABASE_URL: 'file:./bot.db' }, undefined, dir),
      (e: unknown) => e instanceof ConfigError && e.message.includes(DATA_KEY_FILE),
    );
  });
});
