import { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { parseInput } from '../shared/errors.js';
import { actingMember } from '../shared/acting.js';
import { gdapManagerRoles, rolesOf } from './gdap-rules.js';
import { freeDisplayName, ownRelationship } from './gdap-records.js';
import { requestGdap, type GdapRequestOutcome } from './request-gdap.js';

export const renewGdapInput = z.object({ relationshipId: z.string().min(1).max(100) });

/**
 * G11: renew is a new request with the same customer, roles, duration and auto-extend, in one click; the rules of a
 * request (G1–G7) apply again (a customer no longer served is refused). The name is the old one with " (2)", " (3)"
 * … (cut to 50 characters), the first that is free. The old relationship is untouched.
 */
export async function renewGdap(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof renewGdapInput>,
): Promise<GdapRequestOutcome> {
  const input = parseInput(renewGdapInput, raw);
  const read = ctx.store.read;
  const member = await actingMember(read, actor, gdapManagerRoles);
  const old = await ownRelationship(read, member, input.relationshipId);
  const name = await freeDisplayName(read, member.orgId, `${old.displayName.replace(/ \(\d+\)$/, '')} (2)`);
  return requestGdap(ctx, actor, {
    customerId: old.customerId,
    displayName: name,
    roleTemplateIds: rolesOf(old.roleTemplateIds),
    durationDays: old.durationDays,
    autoExtendDays: old.autoExtendDays,
    renewedFromId: old.id,
  });
}
