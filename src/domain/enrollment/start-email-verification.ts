import { z } from 'zod';
import { resolveLocale } from '../../i18n/index.js';
import { audit, type AuditActor } from '../shared/audit.js';
import { addDays, type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import { transitionApplication } from './enrollment-transition.js';
import { enrollmentStateSchema } from './enrollment-rules.js';
import { requireMember } from '../shared/members.js';
import { requireRole, userManagerRoles } from '../shared/roles.js';
import { enqueue } from '../shared/outbox.js';
import type { Tx } from '../shared/store.js';
import { issueToken } from '../shared/tokens.js';

/** E4: how long a verification link stays valid (Partner Center's own mails use about a week). */
export const VERIFICATION_TTL_DAYS = 7;

export interface IssuedVerification {
  /** the secret, returned once and never stored (only its SHA-256 is) */
  readonly token: string;
  readonly link: string;
  readonly expiresAt: Date;
}

export function verificationLink(ctx: Pick<DomainContext, 'publicBaseUrl'>, token: string): string {
  return `${ctx.publicBaseUrl}/verify/${token}`;
}

/**
 * E4, inside the caller's transaction: issues a fresh link for the application's primary contact
 * (earlier unused links stop working), queues the mail, and moves `submitted` →
 * `awaiting_verification` when needed.
 */
export async function issueVerification(
  tx: Tx,
  ctx: DomainContext,
  applicationId: string,
  who: AuditActor,
): Promise<IssuedVerification> {
  const now = ctx.now();
  const app = await tx.enrollmentApplication.findUnique({
    where: { id: applicationId },
    include: { org: { include: { contacts: { where: { kind: 'primary' } } } } },
  });
  if (!app) throw new AppError('NOT_FOUND', { entity: 'application' });
  const state = enrollmentStateSchema.parse(app.state);
  if (state !== 'submitted' && state !== 'awaiting_verification') throw new AppError('INVALID_STATE', { state });
  const primary = app.org.contacts[0];
  if (!primary) throw new AppError('NOT_FOUND', { entity: 'contact' });

  await tx.emailVerification.updateMany({
    where: { applicationId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const { token, hash } = issueToken();
  const expiresAt = addDays(now, VERIFICATION_TTL_DAYS);
  const row = await tx.emailVerification.create({
    data: { applicationId, email: primary.email, tokenHash: hash, expiresAt, createdAt: now },
  });
  // The mail row carries the link until the mail is sent; the mail outbox (src/mail) then replaces it with a
  // redacted one, so the outbox does not keep a usable link (issue 13 item 5).
  const link = verificationLink(ctx, token);
  await audit(tx, who, now, {
    orgId: app.orgId,
    action: 'enrollment.verification_sent',
    entity: 'EmailVerification',
    entityId: row.id,
    detail: { email: primary.email, expiresAt: expiresAt.toISOString() },
  });
  await enqueue(
    tx,
    'enrollment.verification_requested',
    row.id,
    {
      applicationId,
      orgName: app.org.legalName,
      contactName: primary.name ?? '',
      email: primary.email,
      link,
      expiresAt: expiresAt.toISOString(),
      locale: resolveLocale(app.org.locale),
    },
    [{ email: primary.email }],
    now,
  );
  if (state === 'submitted') {
    const moved = await transitionApplication(tx, {
      applicationId,
      from: 'submitted',
      to: 'awaiting_verification',
      version: app.version,
      who,
      at: now,
    });
    if (!moved) throw new AppError('CONFLICT');
  }
  return { token, link, expiresAt };
}

export const startEmailVerificationInput = z.object({ applicationId: z.string().min(1) });

/**
 * E4: (re)sends the primary contact's verification link. Any user of the applying organisation
 * may ask (the enrolling user is its first). Returns the plain token once.
 */
export async function startEmailVerification(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof startEmailVerificationInput>,
): Promise<IssuedVerification> {
  const { applicationId } = parseInput(startEmailVerificationInput, input);
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    const app = await tx.enrollmentApplication.findUnique({ where: { id: applicationId }, select: { orgId: true } });
    if (!app || app.orgId !== member.orgId) throw new AppError('NOT_FOUND', { entity: 'application' });
    return issueVerification(tx, ctx, applicationId, { userId: member.userId, ref: actor.aadObjectId });
  });
}

export const resendVerificationInput = z.object({}).strict();

export type ResendVerificationResult =
  | { readonly sent: true; readonly email: string; readonly verification: IssuedVerification }
  | { readonly sent: false; readonly email: string; readonly alreadyVerified: true };

/**
 * E4 (`resend verification`): a user-managing member (U3: global admin, user admin, admin agent; the
 * enrolling user is one) sends the primary contact a new link for the organisation's application that
 * awaits verification; the earlier unused links stop working (issueVerification). When the address is
 * already verified nothing is sent and the answer says so; with no application at all, NOT_FOUND.
 */
export async function resendVerification(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof resendVerificationInput> = {},
): Promise<ResendVerificationResult> {
  parseInput(resendVerificationInput, raw);
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    requireRole(member, userManagerRoles);
    const [app, primary] = await Promise.all([
      tx.enrollmentApplication.findFirst({
        where: { orgId: member.orgId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: { id: true, state: true },
      }),
      tx.contact.findUnique({
        where: { orgId_kind: { orgId: member.orgId, kind: 'primary' } },
        select: { email: true, verifiedAt: true },
      }),
    ]);
    if (!app || !primary) throw new AppError('NOT_FOUND', { entity: 'application' });
    const state = enrollmentStateSchema.parse(app.state);
    if (state !== 'submitted' && state !== 'awaiting_verification') {
      if (primary.verifiedAt) return { sent: false, email: primary.email, alreadyVerified: true };
      throw new AppError('INVALID_STATE', { state });
    }
    const who = { userId: member.userId, ref: actor.aadObjectId, ...(member.email ? { email: member.email } : {}) };
    const verification = await issueVerification(tx, ctx, app.id, who);
    return { sent: true, email: primary.email, verification };
  });
}
