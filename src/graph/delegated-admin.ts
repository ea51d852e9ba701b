import { z } from 'zod';
import { isoDays } from './duration.js';
import {
  accessAssignmentSchema,
  delegatedAdminRelationshipSchema,
  relationshipOperationSchema,
  relationshipRequestSchema,
  type AccessAssignment,
  type DelegatedAdminRelationship,
  type RelationshipOperation,
  type RelationshipRequest,
} from './schemas.js';
import { GraphTransport, type GraphTransportOptions } from './transport.js';

const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';
const one = (id: string) => `${RELATIONSHIPS}/${encodeURIComponent(id)}`;

/** What a partner sets when creating a relationship (graph/api/tenantrelationship-post-delegatedadminrelationships). */
export interface NewRelationship {
  /** Unique across all the partner's relationships; at most 50 characters. */
  readonly displayName: string;
  /** 1..730 days ("P1D" to "P2Y"). */
  readonly durationDays: number;
  /** 0 (PT0S) or 180 (P180D). */
  readonly autoExtendDays: number;
  readonly customer: { readonly tenantId: string; readonly displayName?: string };
  /** Entra built-in role template ids (unifiedRole.roleDefinitionId). */
  readonly roleTemplateIds: readonly string[];
}

/** What may change while a relationship is `created` (graph/api/delegatedadminrelationship-update). */
export interface RelationshipChanges {
  readonly displayName?: string;
  readonly durationDays?: number;
  /** Also while `active`. */
  readonly autoExtendDays?: number;
  readonly customer?: { readonly tenantId: string; readonly displayName?: string };
  readonly roleTemplateIds?: readonly string[];
}

export interface ListRelationshipsOptions {
  /** An OData $filter, e.g. "status eq 'active'" or "customer/tenantId eq '…'". */
  readonly filter?: string;
  /** Page size ($top, at most 300). */
  readonly top?: number;
}

const roles = (ids: readonly string[]) => ({ unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) });
const customerBody = (customer: { readonly tenantId: string; readonly displayName?: string }) => ({
  tenantId: customer.tenantId,
  ...(customer.displayName === undefined ? {} : { displayName: customer.displayName }),
});

/**
 * Microsoft Graph v1.0 granular delegated admin privileges (tenantRelationships/delegatedAdminRelationships) for one
 * partner: relationships, their requests (lockForApproval, terminate), access assignments and operations. Each method
 * names its reference page (learn.microsoft.com/graph/api/<page>). It knows nothing of Teams or the database; the
 * GDAP port's connected adapter (connected-gdap.ts) is built on it.
 */
export class GraphClient {
  private readonly transport: GraphTransport;

  constructor(options: GraphTransportOptions) {
    this.transport = new GraphTransport(options);
  }

  /** tenantrelationship-post-delegatedadminrelationships: 201 with the relationship in status `created`. */
  createRelationship(input: NewRelationship): Promise<DelegatedAdminRelationship> {
    return this.transport.request({
      operation: 'relationships.create',
      method: 'POST',
      path: RELATIONSHIPS,
      body: {
        displayName: input.displayName,
        duration: isoDays(input.durationDays),
        customer: customerBody(input.customer),
        accessDetails: roles(input.roleTemplateIds),
        autoExtendDuration: isoDays(input.autoExtendDays),
      },
      schema: delegatedAdminRelationshipSchema,
    });
  }

  /** delegatedadminrelationship-get */
  relationship(id: string): Promise<DelegatedAdminRelationship> {
    return this.transport.request({
      operation: 'relationships.get',
      method: 'GET',
      path: one(id),
      schema: delegatedAdminRelationshipSchema,
    });
  }

  /** tenantrelationship-list-delegatedadminrelationships: every page, following @odata.nextLink. */
  relationships(options: ListRelationshipsOptions = {}): Promise<DelegatedAdminRelationship[]> {
    return this.transport.all(
      {
        operation: 'relationships.list',
        path: RELATIONSHIPS,
        query: {
          $filter: options.filter,
          ...(options.top === undefined ? {} : { $top: String(options.top) }),
        },
      },
      delegatedAdminRelationshipSchema,
    );
  }

  /** delegatedadminrelationship-update: If-Match with the relationship's last known @odata.etag is required. */
  updateRelationship(id: string, etag: string, changes: RelationshipChanges): Promise<DelegatedAdminRelationship> {
    return this.transport.request({
      operation: 'relationships.update',
      method: 'PATCH',
      path: one(id),
      headers: { 'If-Match': etag },
      body: {
        ...(changes.displayName === undefined ? {} : { displayName: changes.displayName }),
        ...(changes.durationDays === undefined ? {} : { duration: isoDays(changes.durationDays) }),
        ...(changes.autoExtendDays === undefined ? {} : { autoExtendDuration: isoDays(changes.autoExtendDays) }),
        ...(changes.customer === undefined ? {} : { customer: customerBody(changes.customer) }),
        ...(changes.roleTemplateIds === undefined ? {} : { accessDetails: roles(changes.roleTemplateIds) }),
      },
      schema: delegatedAdminRelationshipSchema,
    });
  }

  /**
   * delegatedadminrelationship-post-requests: `lockForApproval` finalises a `created` relationship for the
   * customer's approval (status approvalPending); `terminate` ends an active one (terminationRequested).
   */
  createRequest(relationshipId: string, action: 'lockForApproval' | 'terminate'): Promise<RelationshipRequest> {
    return this.transport.request({
      operation: `requests.${action}`,
      method: 'POST',
      path: `${one(relationshipId)}/requests`,
      body: { action },
      schema: relationshipRequestSchema,
    });
  }

  /** delegatedadminrelationshiprequest-get: the request's status (created, pending, succeeded, failed). */
  request(relationshipId: string, requestId: string): Promise<RelationshipRequest> {
    return this.transport.request({
      operation: 'requests.get',
      method: 'GET',
      path: `${one(relationshipId)}/requests/${encodeURIComponent(requestId)}`,
      schema: relationshipRequestSchema,
    });
  }

  /** delegatedadminrelationship-post-accessassignments: a security group of the partner gets some of the roles. */
  createAccessAssignment(
    relationshipId: string,
    securityGroupId: string,
    roleTemplateIds: readonly string[],
  ): Promise<AccessAssignment> {
    return this.transport.request({
      operation: 'accessAssignments.create',
      method: 'POST',
      path: `${one(relationshipId)}/accessAssignments`,
      body: {
        accessContainer: { accessContainerId: securityGroupId, accessContainerType: 'securityGroup' },
        accessDetails: roles(roleTemplateIds),
      },
      schema: accessAssignmentSchema,
    });
  }

  /** delegatedadminrelationship-list-accessassignments: every page. */
  accessAssignments(relationshipId: string): Promise<AccessAssignment[]> {
    return this.transport.all(
      { operation: 'accessAssignments.list', path: `${one(relationshipId)}/accessAssignments` },
      accessAssignmentSchema,
    );
  }

  /** delegatedadminaccessassignment-get */
  accessAssignment(relationshipId: string, assignmentId: string): Promise<AccessAssignment> {
    return this.transport.request({
      operation: 'accessAssignments.get',
      method: 'GET',
      path: `${one(relationshipId)}/accessAssignments/${encodeURIComponent(assignmentId)}`,
      schema: accessAssignmentSchema,
    });
  }

  /** delegatedadminaccessassignment-delete: If-Match with the assignment's last known @odata.etag; 204. */
  async deleteAccessAssignment(relationshipId: string, assignmentId: string, etag: string): Promise<void> {
    await this.transport.request({
      operation: 'accessAssignments.delete',
      method: 'DELETE',
      path: `${one(relationshipId)}/accessAssignments/${encodeURIComponent(assignmentId)}`,
      headers: { 'If-Match': etag },
      schema: z.undefined(),
    });
  }

  /** delegatedadminrelationship-list-operations: the long-running operations (access assignment changes). */
  operations(relationshipId: string): Promise<RelationshipOperation[]> {
    return this.transport.all(
      { operation: 'operations.list', path: `${one(relationshipId)}/operations` },
      relationshipOperationSchema,
    );
  }
}
