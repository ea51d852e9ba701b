import type {
  ConnectedGdap,
  GdapPort,
  GdapRelationshipRequest,
  GdapStatus,
  RemoteAccessAssignment,
  RemoteGdapRelationship,
} from '../domain/gdap/port.js';
import { AppError, type ErrorCode } from '../domain/shared/errors.js';
import { GraphClient } from './delegated-admin.js';
import { daysOf } from './duration.js';
import { GraphError, type GraphErrorKind } from './errors.js';
import { remoteErrorsAs } from '../http/app-errors.js';
import type { AccessAssignment, DelegatedAdminRelationship, RelationshipStatus } from './schemas.js';
import type { GraphTransportOptions } from './transport.js';

/**
 * Issue 18 item 5: each way a Graph call can fail, as the one AppError users read. Graph's message, its code and
 * the request ids stay in the log (the transport logs client-request-id and request-id); the user learns only
 * whether to wait, to have an admin sign in again, or that Graph said no.
 */
const codeByKind: Readonly<Record<GraphErrorKind, ErrorCode>> = {
  unavailable: 'GRAPH_UNAVAILABLE',
  throttled: 'GRAPH_THROTTLED',
  unauthorized: 'GRAPH_ACCESS_DENIED',
  forbidden: 'GRAPH_ACCESS_DENIED',
  'not-found': 'GRAPH_NOT_FOUND',
  conflict: 'GRAPH_REFUSED',
  'invalid-request': 'GRAPH_REFUSED',
  'unexpected-response': 'GRAPH_REFUSED',
};

/** A Graph failure as an AppError; anything else (an AppError from the token provider) as it came. */
const { asAppError: asGraphAppError, translated } = remoteErrorsAs(GraphError, codeByKind);
export { asGraphAppError };

/** Where the customer's Global Administrator approves (Microsoft 365 admin center; "GDAP: obtain customer approval"). */
export function approvalLinkFor(relationshipId: string): string {
  return `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${encodeURIComponent(relationshipId)}`;
}

/**
 * The product's statuses are Graph's, but for `approved` (the customer said yes, provisioning has not started: shown
 * as activating) and the evolvable sentinel, which a newer Graph may send and the product cannot name.
 */
function statusOf(status: RelationshipStatus): GdapStatus | undefined {
  if (status === 'unknownFutureValue') return undefined;
  return status === 'approved' ? 'activating' : status;
}

function toRemote(r: DelegatedAdminRelationship): RemoteGdapRelationship | undefined {
  const status = statusOf(r.status);
  if (status === undefined) return undefined;
  return {
    id: r.id,
    displayName: r.displayName,
    status,
    customerTenantId: r.customer?.tenantId ?? '',
    customerName: r.customer?.displayName ?? null,
    roleTemplateIds: r.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
    durationDays: daysOf(r.duration) ?? 0,
    autoExtendDays: daysOf(r.autoExtendDuration ?? 'PT0S') ?? 0,
    createdAt: r.createdDateTime,
    activatedAt: r.activatedDateTime,
    endsAt: r.endDateTime,
  };
}

function toAssignment(a: AccessAssignment): RemoteAccessAssignment | undefined {
  if (a.status === 'unknownFutureValue') return undefined;
  return {
    id: a.id,
    securityGroupId: a.accessContainer.accessContainerId,
    roleTemplateIds: a.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
    status: a.status,
  };
}

/** OData string literal: a quote is doubled ("OData URL conventions" §5.1.1.6.1). */
const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

const defined = <T>(value: T | undefined): value is T => value !== undefined;

/**
 * The Graph client's settings (base URL: config GRAPH_API_URL, the local Graph in tests; logger; in tests clock,
 * sleep and retry policy) and the organisation's linked account, redeemed for Graph
 * (src/domain/partner-center/partner-center-tokens.ts).
 */
export type ConnectedGdapOptions = Omit<GraphTransportOptions, 'accessToken'> & {
  readonly tokens: { graphAccessTokenFor(orgId: string): Promise<string> };
};

/**
 * The connected implementation of the GDAP port: a GraphClient per organisation whose delegated tokens come from the
 * organisation's linked account (the same Secure Application Model link as Partner Center's). Made per call; the
 * token provider keeps its own cache.
 */
export function createConnectedGdap({ tokens, ...settings }: ConnectedGdapOptions): ConnectedGdap {
  return {
    forOrg: (orgId) =>
      graphGdapPort(
        new GraphClient({ ...settings, accessToken: () => tokens.graphAccessTokenFor(orgId) }),
        (fields, message) => settings.logger.warn({ orgId, ...fields }, message),
      ),
  };
}

/** The port over one organisation's Graph client. */
function graphGdapPort(
  client: GraphClient,
  warn: (fields: Record<string, unknown>, message: string) => void,
): GdapPort {
  /** A relationship of this name already in Graph (a first attempt whose answer was lost), or undefined. */
  async function existing(req: GdapRelationshipRequest): Promise<DelegatedAdminRelationship | undefined> {
    const named = await client.relationships({ filter: `displayName eq ${odataString(req.displayName)}` });
    return named.find(
      (r) =>
        r.displayName === req.displayName &&
        r.customer?.tenantId === req.customerTenantId &&
        (r.status === 'created' || r.status === 'approvalPending'),
    );
  }

  return {
    mode: 'connected',
    requestRelationship: (req) =>
      translated(async () => {
        if (req.indirectResellerTenantId !== undefined) {
          // Graph v1.0 documents reading resellerDelegatedAdminRelationship, not creating one for a reseller
          warn({}, 'two-tier GDAP creation is not in Microsoft Graph v1.0');
          throw new AppError('GRAPH_REFUSED');
        }
        let relationship: DelegatedAdminRelationship;
        try {
          relationship = await client.createRelationship({
            displayName: req.displayName,
            durationDays: req.durationDays,
            autoExtendDays: req.autoExtendDays,
            customer: { tenantId: req.customerTenantId, displayName: req.customerName },
            roleTemplateIds: req.roleTemplateIds,
          });
        } catch (error) {
          // Idempotent: a retried request (Teams retries, a double click) finds the first one and carries on
          const refused =
            error instanceof GraphError && (error.kind === 'conflict' || error.kind === 'invalid-request');
          const found = refused ? await existing(req) : undefined;
          if (found === undefined) throw error;
          relationship = found;
        }
        if (relationship.status === 'created') await client.createRequest(relationship.id, 'lockForApproval');
        return { id: relationship.id, approvalLink: approvalLinkFor(relationship.id) };
      }),
    relationship: (id) =>
      translated(async () => {
        const remote = toRemote(await client.relationship(id));
        if (remote === undefined) throw new AppError('GRAPH_REFUSED');
        return remote;
      }),
    relationships: () => translated(async () => (await client.relationships()).map(toRemote).filter(defined)),
    assignAccess: (relationshipId, securityGroupId, roleTemplateIds) =>
      translated(async () => {
        const assignment = toAssignment(
          await client.createAccessAssignment(relationshipId, securityGroupId, roleTemplateIds),
        );
        if (assignment === undefined) throw new AppError('GRAPH_REFUSED');
        return assignment;
      }),
    accessAssignments: (relationshipId) =>
      translated(async () => (await client.accessAssignments(relationshipId)).map(toAssignment).filter(defined)),
    terminate: (relationshipId) =>
      translated(async () => {
        try {
          await client.createRequest(relationshipId, 'terminate');
        } catch (error) {
          // Idempotent: a relationship already on its way out is what was asked for
          if (!(error instanceof GraphError) || (error.kind !== 'invalid-request' && error.kind !== 'conflict')) {
            throw error;
          }
          const now = await client.relationship(relationshipId);
          if (!['terminationRequested', 'terminating', 'terminated'].includes(now.status)) throw error;
        }
      }),
  };
}
