import type { Actor, DomainContext } from '../shared/context.js';
import { requireMember } from '../shared/members.js';
import { CURRENT_MPA_VERSION, type MpaAcceptanceView } from './sign-mpa.js';

export interface AgreementStatus {
  readonly currentVersion: string;
  /** M1: any version signed */
  readonly signed: boolean;
  /** the current version signed */
  readonly signedCurrent: boolean;
  readonly latest: MpaAcceptanceView | null;
}

/** M1: the MPA acceptances of the actor's organisation. Open to every user of the organisation. */
export async function agreementStatus(ctx: DomainContext, actor: Actor): Promise<AgreementStatus> {
  return ctx.store.transaction(async (tx) => {
    const member = await requireMember(tx, actor);
    const rows = await tx.mpaAcceptance.findMany({ where: { orgId: member.orgId }, orderBy: { signedAt: 'desc' } });
    const latest = rows[0];
    return {
      currentVersion: CURRENT_MPA_VERSION,
      signed: rows.length > 0,
      signedCurrent: rows.some((r) => r.version === CURRENT_MPA_VERSION),
      latest: latest
        ? {
            orgId: latest.orgId,
            version: latest.version,
            signerName: latest.signerName,
            signerEmail: latest.signerEmail,
            signedAt: latest.signedAt,
          }
        : null,
    };
  });
}
