import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldCipher, OpenedField } from '../domain/shared/field-cipher.js';

/**
 * The AES-256-GCM implementation of the domain's FieldCipher port (src/domain/shared/field-cipher.ts says what
 * it guarantees); the key comes from DATA_ENCRYPTION_KEY or the key file beside the embedded database (data-key.ts).
 */
export const SEALED_PREFIX = 'v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
/** a version prefix of this format or a later one */
const VERSIONED = /^v\d+:/;

/**
 * The key from its configured form, base64 (or base64url) of exactly 32 bytes; null when it is not
 * (`openssl rand -base64 32` makes one).
 */
export function parseDataKey(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return null;
  const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : null;
}

/** A new random key in its configured form. */
export function newDataKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

export function isSealed(stored: string): boolean {
  return VERSIONED.test(stored);
}

export function createFieldCipher(key: Uint8Array): FieldCipher {
  if (key.length !== KEY_BYTES) throw new Error(`the data encryption key must be ${KEY_BYTES} bytes`);
  const k = Buffer.from(key);
  return Object.freeze({
    seal(plain: string, purpose: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, k, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(stored: string, purpose: string): OpenedField {
      if (!isSealed(stored)) return { ok: true, plain: stored, sealed: false };
      if (!stored.startsWith(SEALED_PREFIX)) return { ok: false };
      const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) return { ok: false };
      try {
        const decipher = createDecipheriv(ALGORITHM, k, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(purpose, 'utf8'));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
        return { ok: true, plain: plain.toString('utf8'), sealed: true };
      } catch {
        return { ok: false };
      }
    },
  });
}
