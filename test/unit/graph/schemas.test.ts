import assert from 'node:assert/strict';
import { odataCollectionOf } from '../../../src/graph/transport.js';
import {
  accessAssignmentSchema,
  delegatedAdminRelationshipSchema,
  relationshipOperationSchema,
  relationshipRequestSchema,
} from '../../../src/graph/schemas.js';

/**
 * The response schemas against the shapes of the Graph v1.0 reference's own examples (abridged, values changed):
 * the create answer with `"activatedDateTime": ""`, a list mixing a resellerDelegatedAdminRelationship with null
 * dates, a request, an access assignment and an operation whose `data` is a JSON string.
 */
describe('Graph GDAP response schemas', () => {
  const relationship = {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    '@odata.etag': 'W/"JyIxODAwZTY4My0wMDAwLTAyMDAtMDAwMC02MTU0OWFmMDAwMDAiJw=="',
    id: '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836',
    displayName: 'Contoso admin relationship',
    duration: 'P730D',
    customer: { tenantId: '4b827261-d21f-4aa9-b7db-7fa1f56fb163', displayName: 'Contoso subsidiary Inc' },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: '29232cdf-9323-42fd-ade2-1d097af3e4de' }] },
    status: 'created',
    autoExtendDuration: 'P180D',
    createdDateTime: '2022-02-10T11:24:42.3148266Z',
    lastModifiedDateTime: '2022-02-10T11:24:42.3148266Z',
    activatedDateTime: '',
    endDateTime: '2024-02-10T11:24:42.3148266Z',
  };

  it('a created relationship: "" before activation reads as null, dates as Dates', () => {
    const parsed = delegatedAdminRelationshipSchema.parse(relationship);
    assert.equal(parsed.activatedDateTime, null);
    assert.equal(parsed.createdDateTime.toISOString(), '2022-02-10T11:24:42.314Z');
    assert.equal(parsed.endDateTime?.getUTCFullYear(), 2024);
  });

  it('a list page with a reseller relationship (indirectProviderTenantId, null dates) and a nextLink', () => {
    const page = odataCollectionOf(delegatedAdminRelationshipSchema).parse({
      '@odata.context': 'https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#delegatedAdminRelationships',
      '@odata.nextLink':
        'https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships?$skiptoken=x',
      value: [
        relationship,
        {
          ...relationship,
          '@odata.type': '#microsoft.graph.resellerDelegatedAdminRelationship',
          status: 'approvalPending',
          activatedDateTime: null,
          endDateTime: null,
          isPartnerConsentPending: true,
          indirectProviderTenantId: '60ea59db-a506-485e-94c5-d115f369e239',
        },
      ],
    });
    assert.equal(page.value[1]?.indirectProviderTenantId, '60ea59db-a506-485e-94c5-d115f369e239');
    assert.equal(page.value[1]?.endDateTime, null);
  });

  it('refuses what the reference does not document: an unknown status, a missing id, a date that is not one', () => {
    assert.equal(delegatedAdminRelationshipSchema.safeParse({ ...relationship, status: 'paused' }).success, false);
    assert.equal(delegatedAdminRelationshipSchema.safeParse({ ...relationship, id: undefined }).success, false);
    assert.equal(
      delegatedAdminRelationshipSchema.safeParse({ ...relationship, createdDateTime: 'yesterday' }).success,
      false,
    );
  });

  it('a request, an access assignment and an operation', () => {
    const times = {
      createdDateTime: '2022-02-10T10:55:47.1180588Z',
      lastModifiedDateTime: '2022-02-10T10:55:47.1180588Z',
    };
    assert.equal(
      relationshipRequestSchema.parse({
        id: '5a6666c9-7282-0a41-67aa-25a5a3fbf339',
        action: 'lockForApproval',
        status: 'created',
        ...times,
      }).action,
      'lockForApproval',
    );
    const assignment = accessAssignmentSchema.parse({
      '@odata.etag': 'W/"x"',
      id: 'a9d6cf90-083a-47dc-ace2-1da98be3f344',
      status: 'pending',
      accessContainer: {
        accessContainerId: '869713c9-0b28-4d08-8949-ae07ae1bf528',
        accessContainerType: 'securityGroup',
      },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: '29232cdf-9323-42fd-ade2-1d097af3e4de' }] },
      ...times,
    });
    assert.equal(assignment.accessContainer.accessContainerType, 'securityGroup');
    const operation = relationshipOperationSchema.parse({
      id: 'e7de9158-df46-478e-820c-d6eff099d27b',
      operationType: 'delegatedAdminAccessAssignmentUpdate',
      data: '{"id":"a97a9b4c-f43e-4c47-bbd6-50d8d3c88d94","status":"active"}',
      status: 'succeeded',
      ...times,
    });
    assert.equal(operation.status, 'succeeded');
  });
});
