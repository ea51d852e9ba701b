import { AppError } from './errors.js';
import {
  expiryFrom,
  hashToken,
  issueToken,
  tokenMatches,
  tokenSchema,
  tokenState,
  type TokenLifecycle,
} from './tokens.js';
import type { Tx } from './store.js';

/**
 * Invitation links (P1, C2, C3): `${publicBaseUrl}/invite/<token>`. The token itself is never
 * stored, so "the edited message still contains the link" is checked by hashing every candidate
 * token found in the text against the invitation's stored hash.
 */
export function invitationLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/invite/${token}`;
}

const linkPattern = /\/invite\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g;

/** P1/C2: true when `message` contains this invitation's personalised link. */
export function messageHasLink(message: string, publicBaseUrl: string, tokenHash: string): boolean {
  for (const m of message.matchAll(linkPattern)) {
    const at = m.index;
    const before = message.slice(Math.max(0, at - publicBaseUrl.length), at);
    if (before === publicBaseUrl && tokenMatches(m[1], tokenHash)) return true;
  }
  return false;
}

/**
 * What is stored of a draft: the text with this invitation's link replaced by `{link}`. The link
 * holds the token, and the token is never stored (only its hash), so the stored draft cannot be used
 * to accept the invitation; the link is shown once, when it is made.
 */
export function redactLink(message: string, publicBaseUrl: string, tokenHash: string): string {
  return message
    .replace(linkPattern, (whole, token: string, at: number) => {
      const before = message.slice(Math.max(0, at - publicBaseUrl.length), at);
      return before === publicBaseUrl && tokenMatches(token, tokenHash) ? '\u0000LINK\u0000' : whole;
    })
    .split(publicBaseUrl + '\u0000LINK\u0000')
    .join('{link}');
}

/** P1/C2: refuses (LINK_MISSING) an edited draft that dropped the link. */
export function requireLink(message: string, publicBaseUrl: string, tokenHash: string): void {
  if (!messageHasLink(message, publicBaseUrl, tokenHash)) throw new AppError('LINK_MISSING');
}

export interface InvitationDraft {
  readonly tokenHash: string;
  /** shown once: only the hash of its token is stored */
  readonly link: string;
  readonly expiresAt: Date;
  /** what the sender sends: their edit, or the localized default text */
  readonly message: string;
  /** what is stored of `message`: the link replaced by `{link}` (see redactLink) */
  readonly storedMessage: string;
}

/**
 * P1/C2/C3: a new invitation's link and draft message. `edited` (the sender's own text) must keep the
 * link (LINK_MISSING otherwise); without it the draft is `defaultText(link, expiresAt)`.
 */
export function draftInvitation(
  opts: { publicBaseUrl: string; now: Date; ttlDays: number },
  edited: string | undefined,
  defaultText: (link: string, expiresAt: Date) => string,
): InvitationDraft {
  const { token, hash } = issueToken();
  const link = invitationLink(opts.publicBaseUrl, token);
  const expiresAt = expiryFrom(opts.now, opts.ttlDays);
  const message = edited ?? defaultText(link, expiresAt);
  requireLink(message, opts.publicBaseUrl, hash);
  return { tokenHash: hash, link, expiresAt, message, storedMessage: redactLink(message, opts.publicBaseUrl, hash) };
}

/** Looks an invitation up by the token in its link; TOKEN_INVALID when malformed or unknown. */
export async function findInvitationByToken(tx: Tx, token: string) {
  if (!tokenSchema.safeParse(token).success) throw new AppError('TOKEN_INVALID');
  const inv = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!inv) throw new AppError('TOKEN_INVALID');
  return inv;
}

/** Single use, revocable, expiring: throws the matching TOKEN_* code unless the link still works. */
export function requireUsable(row: TokenLifecycle, now: Date): void {
  const state = tokenState(row, now);
  switch (state) {
    case 'usable':
      return;
    case 'revoked':
      throw new AppError('TOKEN_REVOKED');
    case 'used':
    case 'declined':
      throw new AppError('TOKEN_USED');
    case 'expired':
      throw new AppError('TOKEN_EXPIRED', { expiredAt: row.expiresAt.toISOString() });
  }
}

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const loneToken = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

/**
 * The invitation token in what a person pasted (P1/C2 links, issue 14 item 4): the link as it came, in angle
 * brackets, as a markdown link `[text](url)`, inside a sentence, with trailing punctuation, as the `<a href>`
 * Teams sends for a pasted link (entities encoded), or the bare token. The link's `/invite/<token>` wins over
 * any other 43-character word; '' when there is none (the caller refuses with TOKEN_INVALID). Whether the token
 * is any good is for the use case to say.
 */
export function invitationTokenIn(text: string): string {
  const decoded = text.replace(/&(amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => entities[e.toLowerCase()] ?? '');
  const inLink = /\/invite\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(decoded);
  if (inLink?.[1]) return inLink[1];
  // no link: a bare token, whatever brackets or punctuation surround it
  return loneToken.exec(decoded)?.[1] ?? '';
}
