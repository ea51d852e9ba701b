import { z } from 'zod';

/**
 * The Graph v1.0 resources of granular delegated admin privileges, as the reference documents them (camelCase,
 * `@odata.*` annotations). Enumerations carry Graph's evolvable sentinel `unknownFutureValue`.
 */

/** DateTimeOffset; the reference's own example answers `"activatedDateTime": ""` before activation, so "" is null. */
const dateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const optionalDateTime = z
  .union([z.literal(''), z.null(), dateTime])
  .optional()
  .transform((value) => (value instanceof Date ? value : null));

/** What every GDAP entity carries: its type and etag annotations, its id, and when it was created and changed. */
const entity = {
  '@odata.type': z.string().optional(),
  '@odata.etag': z.string().optional(),
  id: z.string().min(1),
  createdDateTime: dateTime,
  lastModifiedDateTime: optionalDateTime,
};

const unifiedRoles = z.object({ unifiedRoles: z.array(z.object({ roleDefinitionId: z.string().min(1) })) });

/** graph/api/resources/delegatedadminrelationship ("delegatedAdminRelationshipStatus values") */
export const relationshipStatusSchema = z.enum([
  'activating',
  'active',
  'approvalPending',
  'approved',
  'created',
  'expired',
  'expiring',
  'terminated',
  'terminating',
  'terminationRequested',
  'unknownFutureValue',
]);
export type RelationshipStatus = z.infer<typeof relationshipStatusSchema>;

/**
 * delegatedAdminRelationship, and resellerDelegatedAdminRelationship (graph/api/resources/
 * resellerdelegatedadminrelationship: `indirectProviderTenantId`, `isPartnerConsentPending`), which a list may mix in.
 */
export const delegatedAdminRelationshipSchema = z.object({
  ...entity,
  displayName: z.string(),
  duration: z.string(),
  customer: z.object({ tenantId: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
  accessDetails: unifiedRoles,
  status: relationshipStatusSchema,
  autoExtendDuration: z.string().nullish(),
  activatedDateTime: optionalDateTime,
  endDateTime: optionalDateTime,
  indirectProviderTenantId: z.string().nullish(),
  isPartnerConsentPending: z.boolean().nullish(),
});
export type DelegatedAdminRelationship = z.infer<typeof delegatedAdminRelationshipSchema>;

/** graph/api/resources/delegatedadminrelationshiprequest */
export const relationshipRequestSchema = z.object({
  ...entity,
  action: z.enum(['lockForApproval', 'approve', 'terminate', 'unknownFutureValue']),
  status: z.enum(['created', 'pending', 'succeeded', 'failed', 'unknownFutureValue']),
});
export type RelationshipRequest = z.infer<typeof relationshipRequestSchema>;

/** graph/api/resources/delegatedadminaccessassignment */
export const accessAssignmentSchema = z.object({
  ...entity,
  status: z.enum(['pending', 'active', 'deleting', 'deleted', 'error', 'unknownFutureValue']),
  accessContainer: z.object({
    accessContainerId: z.string().min(1),
    accessContainerType: z.enum(['securityGroup', 'unknownFutureValue']),
  }),
  accessDetails: unifiedRoles,
});
export type AccessAssignment = z.infer<typeof accessAssignmentSchema>;

/** graph/api/resources/delegatedadminrelationshipoperation; `data` is the changed object as a JSON string. */
export const relationshipOperationSchema = z.object({
  ...entity,
  operationType: z.enum([
    'delegatedAdminAccessAssignmentUpdate',
    'delegatedAdminRelationshipUpdate',
    'unknownFutureValue',
  ]),
  data: z.string(),
  status: z.enum(['notStarted', 'running', 'succeeded', 'failed', 'unknownFutureValue']),
});
export type RelationshipOperation = z.infer<typeof relationshipOperationSchema>;
