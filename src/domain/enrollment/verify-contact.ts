import { z } from 'zod';
import type { DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { enrollmentStateSchema, type EnrollmentState } from './enrollment-rules.js';
import { transitionApplication } from './enrollment-transition.js';
import { notifyReviewers } from './notify-reviewers.js';
import { claimed } from '../shared/store.js';
import { hashToken, tokenSchema, tokenState } from '../shared/tokens.js';
import { audit } from '../shared/audit.js';

export const verifyContactInput = z.object({ token: z.string() });

export interface VerifyContactResult {
  readonly applicationId: string;
  readonly orgName: string;
  readonly email: string;
  readonly state: EnrollmentState;
  /** true when the link had been used already: the address is verified, nothing changed now */
  readonly alreadyVerified: boolean;
}

/** What the link's page shows before anything happens (GET): whose address, and whether it still waits. */
export interface VerificationView {
  readonly orgName: string;
  readonly email: string;
  readonly state: EnrollmentState;
  /** true once the link was used: the page says the address is already verified, with no button */
  readonly alreadyVerified: boolean;
}

/**
 * E4: reads a verification link without using it (the page's GET, which mail scanners also fetch): the
 * organisation and address it confirms. Unknown or malformed: TOKEN_INVALID; stale: TOKEN_EXPIRED. A used
 * link is not an error: the view says the address is already verified.
 */
export async function viewVerification(
  ctx: DomainContext,
  input: z.input<typeof verifyContactInput>,
): Promise<VerificationView> {
  const { token } = parseInput(verifyContactInput, input);
  if (!tokenSchema.safeParse(token).success) throw new AppError('TOKEN_INVALID');
  const row = await ctx.store.read.emailVerification.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) throw new AppError('TOKEN_INVALID');
  const state = tokenState({ expiresAt: row.expiresAt, usedAt: row.usedAt, revokedAt: null }, ctx.now());
  if (state === 'expired') throw new AppError('TOKEN_EXPIRED', { expiredAt: row.expiresAt.toISOString() });
  const app = await ctx.store.read.enrollmentApplication.findUniqueOrThrow({
    where: { id: row.applicationId },
    include: { org: { select: { legalName: true } } },
  });
  return {
    orgName: app.org.legalName,
    email: row.email,
    state: enrollmentStateSchema.parse(app.state),
    alreadyVerified: state === 'used',
  };
}

/**
 * E4: the primary contact opens the verification link (a web page; no Teams identity needed).
 * The link is single use and expires; using it marks the contact verified and moves the
 * application `awaiting_verification` → `in_review`, which notifies the contact (E5) and the
 * program administrators. A malformed or unknown token is TOKEN_INVALID, a stale one
 * TOKEN_EXPIRED. A second use changes nothing and answers `alreadyVerified` (the address is verified: not an
 * error for the person who opens the link again); of two concurrent uses exactly one records the change.
 */
export async function verifyContact(
  ctx: DomainContext,
  input: z.input<typeof verifyContactInput>,
): Promise<VerifyContactResult> {
  const { token } = parseInput(verifyContactInput, input);
  if (!tokenSchema.safeParse(token).success) throw new AppError('TOKEN_INVALID');
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const row = await tx.emailVerification.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row) throw new AppError('TOKEN_INVALID');
    const state = tokenState({ expiresAt: row.expiresAt, usedAt: row.usedAt, revokedAt: null }, now);
    if (state === 'expired') throw new AppError('TOKEN_EXPIRED', { expiredAt: row.expiresAt.toISOString() });
    const app = await tx.enrollmentApplication.findUniqueOrThrow({
      where: { id: row.applicationId },
      include: { org: true },
    });
    const used = () => ({
      applicationId: app.id,
      orgName: app.org.legalName,
      email: row.email,
      state: enrollmentStateSchema.parse(app.state),
      alreadyVerified: true,
    });
    if (state === 'used') return used();
    if (
      !claimed(await tx.emailVerification.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } }))
    ) {
      return used();
    }
    const who = { ref: `email:${row.email}` };
    await tx.contact.updateMany({
      where: { orgId: app.orgId, kind: 'primary', email: row.email },
      data: { verifiedAt: now },
    });
    await audit(tx, who, now, {
      orgId: app.orgId,
      action: 'contact.verified',
      entity: 'EmailVerification',
      entityId: row.id,
      detail: { email: row.email },
    });
    const current = enrollmentStateSchema.parse(app.state);
    if (current === 'awaiting_verification') {
      const moved = await transitionApplication(tx, {
        applicationId: app.id,
        from: 'awaiting_verification',
        to: 'in_review',
        version: app.version,
        who,
        at: now,
      });
      if (!moved) throw new AppError('CONFLICT');
      await notifyReviewers(tx, ctx, app.id);
      return {
        applicationId: app.id,
        orgName: app.org.legalName,
        email: row.email,
        state: 'in_review',
        alreadyVerified: false,
      };
    }
    return {
      applicationId: app.id,
      orgName: app.org.legalName,
      email: row.email,
      state: current,
      alreadyVerified: false,
    };
  });
}
