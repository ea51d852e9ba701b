import type { z } from 'zod';
import type { Actor, DomainContext } from '../shared/context.js';
import { actingMember, retryOnUnique } from '../shared/acting.js';
import { parseInput } from '../shared/errors.js';
import { loadOrg, requireProvider } from '../shared/orgs.js';
import type { Role } from '../shared/roles.js';
import {
  changeRequestView,
  listingFieldsInput,
  readListing,
  writeChangeRequest,
  type ChangeRequestView,
  type ListingView,
} from './listings.js';

/** P10/U4: who may look at and ask to change the provider's own listing. */
export const listingRequestRoles: readonly Role[] = ['global_admin', 'admin_agent', 'business_profile_admin'];

export interface OwnListing {
  readonly orgName: string;
  /** the listing as the directory has it, or the defaults a first request starts from */
  readonly listing: ListingView & { exists: boolean };
  /** the change request waiting for the program administrator, if any */
  readonly pending: ChangeRequestView | null;
  /** the latest decided request (approved or declined, with its reason), if any */
  readonly lastDecided: ChangeRequestView | null;
}

/** P10: the provider's own directory listing (or that it has none) and its waiting change request. */
export async function viewOwnListing(ctx: DomainContext, actor: Actor): Promise<OwnListing> {
  const tx = ctx.store.read;
  const member = await actingMember(tx, actor, listingRequestRoles);
  const org = await loadOrg(tx, member.orgId);
  requireProvider(org);
  const listing = await readListing(tx, org.id);
  const pending = await tx.directoryChangeRequest.findUnique({
    where: { pendingKey: org.id },
    include: { org: { select: { legalName: true, region: true } } },
  });
  const decided = await tx.directoryChangeRequest.findFirst({
    where: { orgId: org.id, state: { in: ['approved', 'declined'] } },
    orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
    include: { org: { select: { legalName: true, region: true } } },
  });
  return {
    orgName: org.legalName,
    listing,
    pending: pending ? changeRequestView(pending) : null,
    lastDecided: decided ? changeRequestView(decided) : null,
  };
}

/**
 * P10: the provider asks the program administrator to change its listing. Nothing in the listing
 * changes until an administrator approves; asking again while one waits replaces the waiting one.
 */
export async function requestListingChange(
  ctx: DomainContext,
  actor: Actor,
  raw: z.input<typeof listingFieldsInput>,
): Promise<{ requestId: string; replaced: boolean }> {
  const input = parseInput(listingFieldsInput, raw);
  return retryOnUnique(() =>
    ctx.store.transaction(async (tx) => {
      const member = await actingMember(tx, actor, listingRequestRoles);
      const org = await loadOrg(tx, member.orgId);
      requireProvider(org);
      return writeChangeRequest(
        tx,
        ctx,
        org,
        { userId: member.userId, name: member.name, aadObjectId: actor.aadObjectId },
        input,
        ctx.now(),
      );
    }),
  );
}
