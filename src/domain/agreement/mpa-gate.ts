import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember } from '../shared/acting.js';
import { AppError } from '../shared/errors.js';
import { mpaVersions, type OrgRow } from '../shared/orgs.js';
import { resellerWorkflowRoles } from '../shared/roles.js';
import type { Tx } from '../shared/store.js';
import { partnerCenterFor, type MpaEvidence } from '../partner-center/port.js';
import { checkResellerMpa } from './mpa-rules.js';

const fromRecords: MpaEvidence = Object.freeze({ source: 'records' });

/**
 * M2, first half, before a use case's transaction: in connected mode the reseller's MPA is Partner Center's to
 * say (issue 17: `GET /v1/compliance/csp/agreementstatus` by MPN ID), so it is asked here, while no transaction
 * holds the database; a Partner Center that does not answer throws a PC_* AppError and nothing is written.
 * `resellerOf` names the reseller the use case is about (null: none, nothing to check). An organisation in
 * embedded mode, or a deployment without Partner Center, reads nothing more here: its records decide, in the
 * transaction, as before.
 */
export async function mpaEvidenceFor(
  ctx: DomainContext,
  actor: Actor,
  resellerOf: (tx: Tx, providerOrgId: string) => Promise<string | null>,
): Promise<MpaEvidence> {
  if (!ctx.partnerCenter) return fromRecords;
  const read = ctx.store.read;
  const member = await actingMember(read, actor, resellerWorkflowRoles);
  const port = await partnerCenterFor(ctx, member.orgId, actor);
  if (port.mode === 'embedded') return fromRecords;
  const resellerId = await resellerOf(read, member.orgId);
  if (resellerId === null) return fromRecords;
  const reseller = await read.organization.findUnique({ where: { id: resellerId }, select: { mpnId: true } });
  // an unknown reseller is the transaction's to refuse (NOT_FOUND), as it always was
  if (!reseller) return fromRecords;
  return port.resellerAgreement(reseller.mpnId);
}

/**
 * M2, second half, inside the transaction: refuses unless the reseller signed the MPA, by the evidence's source.
 * Partner Center's refusals of the MPN ID are named for the reseller, never by Partner Center's code.
 */
export async function requireResellerMpa(tx: Tx, evidence: MpaEvidence, reseller: OrgRow): Promise<void> {
  if (evidence.source === 'records') {
    checkResellerMpa({ legalName: reseller.legalName, signedVersions: await mpaVersions(tx, reseller.id) });
    return;
  }
  // the reseller's MPN ID changed between the question and the transaction: ask again
  if (evidence.mpnId !== reseller.mpnId) throw new AppError('CONFLICT');
  const org = reseller.legalName;
  switch (evidence.agreement) {
    case 'signed':
      return;
    case 'not-signed':
      throw new AppError('MPA_NOT_SIGNED', { org });
    case 'unknown-mpn-id':
      throw new AppError('PC_RESELLER_UNKNOWN', { org });
    case 'other-region':
      throw new AppError('PC_RESELLER_OTHER_REGION', { org });
    case 'not-indirect-reseller':
      throw new AppError('NOT_INDIRECT_RESELLER', { org });
  }
}
