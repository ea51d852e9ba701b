import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Invitation and verification tokens (issue 3, item 5; P1, C2, E4).
 *
 * A token is 32 bytes (256 bits, well over the 128 required) from the operating system's CSPRNG,
 * written base64url (43 characters, safe in a URL path). Only its SHA-256, in hex, is stored: a
 * database leak gives no usable link, and the unique index on the hash finds the row. A hash
 * lookup of a 256-bit secret leaks nothing useful through timing; where a token is compared with
 * a known hash in memory, `tokenMatches` compares in constant time.
 */
export const TOKEN_BYTES = 32;

/** The shape of a token as it arrives in a link: exactly 43 base64url characters. */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation token');
export type Token = z.infer<typeof tokenSchema>;

export interface IssuedToken {
  /** the secret, given once to the person who sends the link; never stored */
  readonly token: string;
  /** SHA-256 hex of the token: the only thing stored */
  readonly hash: string;
}

/** A fresh token and the hash to store. */
export function issueToken(): IssuedToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** SHA-256 hex of a token, as stored in `tokenHash` columns. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time check that `token` is the one whose hash is `storedHash`. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** When a token issued at `now` stops working: `ttlDays` (config INVITATION_TTL_DAYS, default 30) later. */
export function expiryFrom(now: Date, ttlDays: number): Date {
  return new Date(now.getTime() + ttlDays * 24 * 60 * 60 * 1000);
}

export interface TokenLifecycle {
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly declinedAt?: Date | null;
}

/** Why a token can no longer be used, or "usable". Revocation wins over use, use over expiry. */
export type TokenState = 'usable' | 'revoked' | 'used' | 'declined' | 'expired';

/** Single use, revocable, expiring: the state of a stored token at `now`. */
export function tokenState(row: TokenLifecycle, now: Date): TokenState {
  if (row.revokedAt) return 'revoked';
  if (row.usedAt) return 'used';
  if (row.declinedAt) return 'declined';
  if (now.getTime() >= row.expiresAt.getTime()) return 'expired';
  return 'usable';
}

// --- S2: one-time customer admin passwords ---------------------------------------------------

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!@#$%^&*-_=+?';

/**
 * A temporary password for a new customer's first admin (S2): 16 characters from the CSPRNG with
 * at least one upper-case letter, lower-case letter, digit and symbol (Entra ID's complexity rule),
 * avoiding look-alike characters because a person copies it by hand. About 98 bits of entropy.
 */
export function generateTemporaryPassword(length = 16): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [UPPER, LOWER, DIGITS, SYMBOLS].map((set) => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  // Fisher–Yates so the guaranteed characters are not always first
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number, len: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, len, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * S2: the only form in which a temporary password is kept: `scrypt$N$r$p$<salt b64url>$<key b64url>`
 * with a fresh 16-byte salt.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against `hashPassword`'s output, in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await scryptAsync(password, salt, n, r, p, expected.length);
  return timingSafeEqual(key, expected);
}
