import type { Actor, DomainContext } from '../shared/context.js';
import { partnerCenterModeOf } from '../partner-center/link-status.js';

/*
 * The GDAP port (issue 18, docs/gdap.md): what Microsoft Graph owns about granular delegated admin relationships, as
 * the domain asks for it. An organisation in embedded mode (the default, and every unlinked one) is answered by the
 * domain's own records (every member answers null or resolves); a connected one by the Graph adapter (src/graph),
 * given to the DomainContext as `gdap`. Connected calls are made before a use case's transaction opens and fail as
 * AppErrors of the GRAPH_* family (GRAPH_UNAVAILABLE, GRAPH_THROTTLED, GRAPH_REFUSED, GRAPH_NOT_FOUND), so a use
 * case that Graph refused, or could not reach, has written nothing.
 */

/** Graph's delegatedAdminRelationshipStatus values the product uses */
export type GdapStatus =
  | 'created'
  | 'approvalPending'
  | 'activating'
  | 'active'
  | 'expiring'
  | 'expired'
  | 'terminationRequested'
  | 'terminating'
  | 'terminated';

export interface GdapRelationshipRequest {
  readonly displayName: string; // ≤ 50 chars, unique per partner
  readonly customerTenantId: string;
  readonly customerName: string;
  readonly roleTemplateIds: readonly string[]; // Entra built-in role template ids (unifiedRole.roleDefinitionId)
  readonly durationDays: number; // 1..730 → Graph's ISO 8601 duration "P{n}D"
  readonly autoExtendDays: 0 | 180; // Graph's autoExtendDuration "PT0S" | "P180D"
  /** two-tier (Graph's resellerDelegatedAdminRelationship): the indirect reseller's tenant id */
  readonly indirectResellerTenantId?: string;
}

export interface RemoteGdapRelationship {
  readonly id: string; // Graph's relationship id
  readonly displayName: string;
  readonly status: GdapStatus;
  readonly customerTenantId: string;
  readonly customerName: string | null;
  readonly roleTemplateIds: readonly string[];
  readonly durationDays: number;
  readonly autoExtendDays: number;
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
  readonly endsAt: Date | null;
}

export interface RemoteAccessAssignment {
  readonly id: string;
  readonly securityGroupId: string;
  readonly roleTemplateIds: readonly string[];
  readonly status: 'pending' | 'active' | 'deleting' | 'deleted' | 'error';
}

export interface GdapPort {
  readonly mode: 'embedded' | 'connected';
  /** connected: POST relationship, then POST .../requests {action:"lockForApproval"}; returns Graph's id and the
   *  customer's approval link (https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/{id}).
   *  null: embedded (the domain records its own relationship and mints its own approval page link). */
  requestRelationship(
    req: GdapRelationshipRequest,
  ): Promise<{ readonly id: string; readonly approvalLink: string } | null>;
  /** connected: GET one / list (all pages). null: embedded. */
  relationship(id: string): Promise<RemoteGdapRelationship | null>;
  relationships(): Promise<readonly RemoteGdapRelationship[] | null>;
  /** connected: POST .../accessAssignments. null: embedded. */
  assignAccess(
    relationshipId: string,
    securityGroupId: string,
    roleTemplateIds: readonly string[],
  ): Promise<RemoteAccessAssignment | null>;
  accessAssignments(relationshipId: string): Promise<readonly RemoteAccessAssignment[] | null>;
  /** connected: POST .../requests {action:"terminate"}. embedded: resolves. */
  terminate(relationshipId: string): Promise<void>;
}

/** The connected implementation's factory (src/graph), given to the DomainContext by the composition root. */
export interface ConnectedGdap {
  forOrg(orgId: string): GdapPort;
}

/** The embedded implementation: the domain's own records are the answer to everything. */
export const embeddedGdap: GdapPort = Object.freeze({
  mode: 'embedded' as const,
  requestRelationship: () => Promise.resolve(null),
  relationship: () => Promise.resolve(null),
  relationships: () => Promise.resolve(null),
  assignAccess: () => Promise.resolve(null),
  accessAssignments: () => Promise.resolve(null),
  terminate: () => Promise.resolve(),
});

/**
 * The port an organisation's GDAP use cases go through, chosen like partnerCenterFor (L5): without a connected
 * implementation this reads nothing; otherwise the organisation's Partner Center link mode decides.
 */
export async function gdapFor(
  ctx: Pick<DomainContext, 'store' | 'gdap'>,
  orgId: string,
  /** the acting person: their turn's facts carry their organisation's mode, so asking costs no query */
  actor?: Actor,
): Promise<GdapPort> {
  if (!ctx.gdap) return embeddedGdap;
  return (await partnerCenterModeOf(ctx, orgId, actor)) === 'connected' ? ctx.gdap.forOrg(orgId) : embeddedGdap;
}
