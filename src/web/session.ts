import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { z } from 'zod';

/**
 * Browser sessions of the acceptance page, kept in the browser: each cookie is an encrypted JWT
 * (dir + A256GCM) under a key derived from the OIDC client secret, so any bot instance can read it
 * and nobody can read or forge it. Cookies are HttpOnly, SameSite=Lax (the sign-in callback is a
 * top-level navigation from the identity provider) and Secure on https.
 */
export class SealedCookies {
  private readonly key: Uint8Array;
  private readonly macKey: Buffer;

  constructor(
    secret: string,
    private readonly secure: boolean,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', secret, 'csp-bot', 'invite-session-encryption', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', secret, 'csp-bot', 'invite-session-csrf', 32));
  }

  async seal(value: Record<string, unknown>, maxAgeSeconds: number): Promise<string> {
    return new EncryptJWT(value)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${maxAgeSeconds}s`)
      .encrypt(this.key);
  }

  /** The value, or undefined when missing, tampered with, expired or of another shape. */
  async open<T>(sealed: string | undefined, schema: z.ZodType<T>): Promise<T | undefined> {
    if (!sealed) return undefined;
    try {
      const { payload } = await jwtDecrypt(sealed, this.key);
      const parsed = schema.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  cookie(name: string, value: string, maxAgeSeconds: number, path: string): string {
    return [
      `${name}=${value}`,
      `Path=${path}`,
      `Max-Age=${maxAgeSeconds}`,
      'HttpOnly',
      'SameSite=Lax',
      ...(this.secure ? ['Secure'] : []),
    ].join('; ');
  }

  clear(name: string, path: string): string {
    return this.cookie(name, '', 0, path);
  }

  /** The CSRF token of a session: an HMAC of its id, so it is bound to that session. */
  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.macKey).update(sessionId).digest('base64url');
  }

  csrfMatches(sessionId: string, token: string): boolean {
    const a = Buffer.from(this.csrfToken(sessionId));
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** Cookies of a request header. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
