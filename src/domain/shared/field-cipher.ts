/**
 * Encryption at rest of sensitive columns (the direct-bill bank details, Organization.billingDetails):
 * AES-256-GCM with a random 12-byte IV per value and its 16-byte authentication tag.
 *
 * Stored form: `v1:` + base64url(IV ‖ tag ‖ ciphertext). The version names the format and the key it
 * was sealed with, so a later key can be introduced as `v2:` while `v1:` values still open. The
 * purpose (e.g. the column's name) is bound as additional authenticated data: a value copied into
 * another column does not open there.
 *
 * Values written before encryption (plain text without a version prefix) still open, marked
 * `sealed: false`.
 */
export interface FieldCipher {
  seal(plain: string, purpose: string): string;
  open(stored: string, purpose: string): OpenedField;
}

export type OpenedField =
  | { readonly ok: true; readonly plain: string; readonly sealed: boolean }
  /** wrong key, altered value, unknown version */
  | { readonly ok: false };
