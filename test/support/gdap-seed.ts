import { requestGdap } from '../../src/domain/gdap/request-gdap.js';
import { respondToGdapApproval } from '../../src/domain/gdap/gdap-approval.js';
import { terminateGdap } from '../../src/domain/gdap/terminate-gdap.js';
import type { EnrolledOrg, World } from './fixtures.js';
import { customerOf, tokenOf } from './partners.js';

export const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
export const SECURITY_READER = '5d6b6bb7-de71-4623-b4af-96380a352509';

/** Four relationships of one reseller: 60 days, 10 days, waiting for approval, terminated (made in that order). */
export async function seedGdap(w: World, r: EnrolledOrg) {
  const { customerId, actor: customerAdmin } = await customerOf(w, r);
  const make = async (displayName: string, durationDays: number, approve: boolean) => {
    const req = await requestGdap(w.ctx, r.admin, {
      customerId,
      displayName,
      roleTemplateIds: [HELPDESK, SECURITY_READER],
      durationDays,
      autoExtendDays: 0,
    });
    if (approve)
      await respondToGdapApproval(w.ctx, customerAdmin, { token: tokenOf(req.approvalLink), decision: 'approve' });
    return req.relationshipId;
  };
  const long = await make('Sixty days', 60, true);
  const short = await make('Ten days', 10, true);
  const pending = await make('Waiting', 90, false);
  const ended = await make('Ended early', 300, true);
  await terminateGdap(w.ctx, r.admin, { relationshipId: ended });
  return { long, short, pending, ended };
}
