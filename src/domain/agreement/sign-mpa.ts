import { z } from 'zod';
import { resolveLocale } from '../../i18n/index.js';
import { audit } from '../shared/audit.js';
import { mpaSignerRoles, requireRole } from '../shared/roles.js';
import { type Actor, type DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { requireMember, requireOnboarded } from '../shared/members.js';
import { enqueue } from '../shared/outbox.js';

/** M1: the version of the Microsoft Partner Agreement the bot presents (seed 004: required since 2020-02-01). */
export const CURRENT_MPA_VERSION = '2020-02';

/** M1: Microsoft's page on the Microsoft Partner Agreement, linked from the MPA card unless MPA_TEXT_URL says otherwise. */
export const DEFAULT_MPA_TEXT_URL = 'https://learn.microsoft.com/partner-center/enroll/microsoft-partner-agreement';

export const signMpaInput = z.object({
  /** the signer ticks "I accept" on the card; nothing is recorded without it */
  accept: z.literal(true),
  version: z.string().trim().min(1).max(40).default(CURRENT_MPA_VERSION),
});

export interface MpaAcceptanceView {
  readonly orgId: string;
  readonly version: string;
  readonly signerName: string;
  /** the signer's own address; null when neither their user row nor Teams knew it (older rows: as recorded) */
  readonly signerEmail: string | null;
  readonly signedAt: Date;
}

export interface SignMpaResult extends MpaAcceptanceView {
  /** false when this version was already signed: the earlier acceptance is returned unchanged */
  readonly created: boolean;
}

/**
 * M1: a global admin of an onboarded organisation accepts the MPA. Records who (name, their own email: the
 * user row's, or Teams' member information in `actor.email` for a user recorded without one),
 * when and which version. Idempotent per (organisation, version): signing again returns the
 * first acceptance.
 */
export async function signMpa(
  ctx: DomainContext,
  actor: Actor,
  input: z.input<typeof signMpaInput>,
): Promise<SignMpaResult> {
  const data = parseInput(signMpaInput, input);
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    requireRole(member, mpaSignerRoles);
    await requireOnboarded(tx, member.orgId);
    const existing = await tx.mpaAcceptance.findUnique({
      where: { orgId_version: { orgId: member.orgId, version: data.version } },
    });
    if (existing) {
      return {
        orgId: existing.orgId,
        version: existing.version,
        signerName: existing.signerName,
        signerEmail: existing.signerEmail,
        signedAt: existing.signedAt,
        created: false,
      };
    }
    const row = await tx.mpaAcceptance.create({
      data: {
        orgId: member.orgId,
        version: data.version,
        signerUserId: member.userId,
        signerName: member.name,
        signerEmail: member.email,
        signedAt: now,
      },
    });
    const who = { userId: member.userId, ref: actor.aadObjectId, ...(member.email ? { email: member.email } : {}) };
    await audit(tx, who, now, {
      orgId: member.orgId,
      action: 'mpa.signed',
      entity: 'MpaAcceptance',
      entityId: row.id,
      detail: { version: data.version },
    });
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      select: { legalName: true, locale: true },
    });
    await enqueue(
      tx,
      'mpa.signed',
      row.id,
      {
        orgId: member.orgId,
        orgName: org.legalName,
        version: row.version,
        signerName: row.signerName,
        signerEmail: row.signerEmail,
        signedAt: now.toISOString(),
        locale: resolveLocale(org.locale),
      },
      [{ orgId: member.orgId }],
      now,
    );
    return {
      orgId: row.orgId,
      version: row.version,
      signerName: row.signerName,
      signerEmail: row.signerEmail,
      signedAt: row.signedAt,
      created: true,
    };
  });
}
