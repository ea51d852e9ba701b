/** The Microsoft Graph client's public face (the GDAP port's connected adapter is built on it). */
export {
  GraphClient,
  type ListRelationshipsOptions,
  type NewRelationship,
  type RelationshipChanges,
} from './delegated-admin.js';
export { approvalLinkFor, createConnectedGdap, type ConnectedGdapOptions } from './connected-gdap.js';
export { GraphError, type GraphErrorKind } from './errors.js';
export type {
  AccessAssignment,
  DelegatedAdminRelationship,
  RelationshipOperation,
  RelationshipRequest,
} from './schemas.js';
export { defaultGraphBaseUrl, type GraphTransportOptions } from './transport.js';
