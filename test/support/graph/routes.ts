import type { IncomingHttpHeaders } from 'node:http';
import { GLOBAL_ADMINISTRATOR_ROLE, type GraphWorld, type StubAssignment, type StubRelationship } from './world.js';

/** A request as the routes see it. */
export interface GraphCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly world: GraphWorld;
  /** e.g. http://127.0.0.1:41234/v1.0, for @odata.nextLink, @odata.context and Location */
  readonly base: string;
  /** Items per page when the client gives no $top (Graph chooses its own page size). */
  readonly pageSize: number;
}

export interface GraphAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Graph's error body; the server adds innerError (date, request-id, client-request-id) to every one. */
export function graphError(status: number, code: string, message: string): GraphAnswer {
  return { status, body: { error: { code, message } } };
}

interface GraphRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: (call: GraphCall, match: RegExpExecArray) => GraphAnswer;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (date: Date | undefined) => (date === undefined ? null : date.toISOString());
const objectOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};

/** Days of "P{n}D" (or "P{n}Y" as 365 n, "PT0S"); undefined for anything else. */
function days(value: unknown): number | undefined {
  if (value === 'PT0S' || value === 'P0D') return 0;
  const match = typeof value === 'string' ? /^P(\d+)(D|Y)$/.exec(value) : null;
  if (match === null) return undefined;
  return Number(match[1]) * (match[2] === 'Y' ? 365 : 1);
}

function relationshipJson(call: GraphCall, r: StubRelationship): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    '@odata.etag': r.etag,
    id: r.id,
    displayName: r.displayName,
    duration: `P${r.durationDays}D`,
    customer: r.customer === undefined ? null : { ...r.customer },
    accessDetails: { unifiedRoles: r.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
    status: r.status,
    autoExtendDuration: r.autoExtendDays === 0 ? 'PT0S' : `P${r.autoExtendDays}D`,
    createdDateTime: iso(r.createdAt),
    lastModifiedDateTime: iso(r.lastModifiedAt),
    // the reference's own create example answers "" before activation
    activatedDateTime: r.activatedAt === undefined ? '' : iso(r.activatedAt),
    endDateTime: iso(r.endsAt),
    ...(call.method === 'POST'
      ? { '@odata.context': `${call.base}/tenantRelationships/$metadata#delegatedAdminRelationships` }
      : {}),
  };
}

function assignmentJson(a: StubAssignment): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
    '@odata.etag': a.etag,
    id: a.id,
    status: a.status,
    createdDateTime: iso(a.createdAt),
    lastModifiedDateTime: iso(a.lastModifiedAt),
    accessContainer: { accessContainerId: a.groupId, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: a.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
  };
}

/**
 * One page of a collection ("Paging Microsoft Graph data", graph/paging): `$top` (at most 300 here, as the list pages
 * say), an opaque `$skiptoken` in `@odata.nextLink` that carries the rest of the query.
 */
function page(call: GraphCall, items: Record<string, unknown>[]): GraphAnswer {
  const top = call.query.has('$top') ? Number(call.query.get('$top')) : call.pageSize;
  if (!Number.isInteger(top) || top < 1 || top > 300) {
    return graphError(400, 'BadRequest', "Invalid value for '$top'. It must be between 1 and 300.");
  }
  const token = call.query.get('$skiptoken');
  const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) return graphError(400, 'BadRequest', 'Invalid $skiptoken.');
  const body: Record<string, unknown> = {
    '@odata.context': `${call.base}/tenantRelationships/$metadata#${call.path.split('/').pop() ?? ''}`,
    value: items.slice(offset, offset + top),
  };
  if (offset + top < items.length) {
    const next = new URLSearchParams(call.query);
    next.set('$skiptoken', Buffer.from(String(offset + top)).toString('base64url'));
    next.set('$top', String(top));
    body['@odata.nextLink'] = `${call.base}${call.path}?${next.toString()}`;
  }
  return { status: 200, body };
}

/** The $filter clauses this stand-in understands, joined by `and`: status, displayName, customer/tenantId with eq. */
function filterOf(expression: string | null): ((r: StubRelationship) => boolean) | undefined {
  if (expression === null) return () => true;
  const tests: ((r: StubRelationship) => boolean)[] = [];
  for (const clause of expression.split(/\s+and\s+/i)) {
    const match = /^(status|displayName|customer\/tenantId)\s+eq\s+'((?:[^']|'')*)'$/.exec(clause.trim());
    if (match === null) return undefined;
    const value = (match[2] ?? '').replace(/''/g, "'");
    const field = match[1];
    tests.push((r) =>
      field === 'status'
        ? r.status === value
        : field === 'displayName'
          ? r.displayName === value
          : r.customer?.tenantId === value,
    );
  }
  return (r) => tests.every((test) => test(r));
}

/** The fields a partner may set, checked as Graph documents them; the first problem, or the parsed values. */
function relationshipInput(
  world: GraphWorld,
  body: Record<string, unknown>,
  current: StubRelationship | undefined,
): GraphAnswer | Partial<Omit<StubRelationship, 'id'>> {
  const out: Partial<Omit<StubRelationship, 'id'>> = {};
  const creating = current === undefined;
  if (creating || 'displayName' in body) {
    const name = body['displayName'];
    if (typeof name !== 'string' || name.trim() === '')
      return graphError(400, 'BadRequest', 'displayName is required.');
    // "Maximum length is 50 characters"
    if (name.length > 50) return graphError(400, 'BadRequest', 'displayName cannot be longer than 50 characters.');
    // "Must be unique across all delegated admin relationships of the partner"
    if (world.relationships.some((r) => r !== current && r.displayName === name)) {
      return graphError(409, 'Conflict', 'A delegated admin relationship with this displayName already exists.');
    }
    out.displayName = name;
  }
  if (creating || 'duration' in body) {
    const d = days(body['duration']);
    // "Must be a value between P1D and P2Y inclusive"
    if (d === undefined || d < 1 || d > 730)
      return graphError(400, 'BadRequest', 'duration must be between P1D and P2Y.');
    out.durationDays = d;
  }
  if ('customer' in body) {
    const tenantId = objectOf(body['customer'])['tenantId'];
    const displayName = objectOf(body['customer'])['displayName'];
    if (typeof tenantId !== 'string' || !GUID.test(tenantId))
      return graphError(400, 'BadRequest', 'customer.tenantId is invalid.');
    out.customer = { tenantId, ...(typeof displayName === 'string' ? { displayName } : {}) };
  }
  if (creating || 'accessDetails' in body) {
    const roles = objectOf(body['accessDetails'])['unifiedRoles'];
    const ids = Array.isArray(roles) ? roles.map((role) => objectOf(role)['roleDefinitionId']) : [];
    if (ids.length === 0 || !ids.every((id): id is string => typeof id === 'string' && GUID.test(id))) {
      return graphError(400, 'BadRequest', 'accessDetails.unifiedRoles must list role definition ids.');
    }
    out.roles = [...new Set(ids)];
  }
  if ('autoExtendDuration' in body) {
    const d = days(body['autoExtendDuration']);
    // "Supported values are: P0D, PT0S, P180D"
    if (d !== 0 && d !== 180) return graphError(400, 'BadRequest', 'autoExtendDuration must be PT0S, P0D or P180D.');
    out.autoExtendDays = d;
  }
  const roles = out.roles ?? current?.roles ?? [];
  // auto-extend is not available for relationships holding Global Administrator ("GDAP auto extend"); the code and
  // wording of this refusal are the stand-in's, the reference documents the rule, not the answer
  if ((out.autoExtendDays ?? current?.autoExtendDays ?? 0) > 0 && roles.includes(GLOBAL_ADMINISTRATOR_ROLE)) {
    return graphError(
      400,
      'BadRequest',
      'Auto extend is not supported for relationships with the Global Administrator role.',
    );
  }
  return out;
}

const isAnswer = (value: unknown): value is GraphAnswer =>
  typeof value === 'object' && value !== null && 'status' in value;

const relationshipOf = (call: GraphCall, id: string | undefined) =>
  id === undefined ? undefined : call.world.find(decodeURIComponent(id));
const notFound = () => graphError(404, 'NotFound', 'The requested resource does not exist.');
const REL = String.raw`^/tenantRelationships/delegatedAdminRelationships/([^/]+)`;

/** If-Match as the update and delete pages require it: absent 400, stale 412 (Graph's usual answers). */
function ifMatch(call: GraphCall, etag: string): GraphAnswer | undefined {
  const given = call.headers['if-match'];
  if (typeof given !== 'string' || given === '')
    return graphError(400, 'BadRequest', 'The If-Match header is required.');
  if (given !== etag && given !== '*')
    return graphError(412, 'PreconditionFailed', 'The resource has been modified (etag mismatch).');
  return undefined;
}

/** Each route names its page of the Graph v1.0 reference (learn.microsoft.com/graph/api/<page>?view=graph-rest-1.0). */
export const graphRoutes: readonly GraphRoute[] = [
  // tenantrelationship-post-delegatedadminrelationships: 201, Location, @odata.etag
  {
    method: 'POST',
    pattern: /^\/tenantRelationships\/delegatedAdminRelationships$/,
    handle: (call) => {
      const input = relationshipInput(call.world, objectOf(call.body), undefined);
      if (isAnswer(input)) return input;
      const r = call.world.create({
        displayName: input.displayName ?? '',
        durationDays: input.durationDays ?? 0,
        autoExtendDays: input.autoExtendDays ?? 0,
        customer: input.customer,
        roles: input.roles ?? [],
      });
      return {
        status: 201,
        body: relationshipJson(call, r),
        headers: { Location: `${call.base}/tenantRelationships/delegatedAdminRelationships/${r.id}` },
      };
    },
  },
  // tenantrelationship-list-delegatedadminrelationships: $filter, $top (≤ 300), $skipToken
  {
    method: 'GET',
    pattern: /^\/tenantRelationships\/delegatedAdminRelationships$/,
    handle: (call) => {
      const test = filterOf(call.query.get('$filter'));
      if (test === undefined) return graphError(400, 'BadRequest', 'Invalid filter clause.');
      return page(
        call,
        call.world.relationships.filter(test).map((r) => relationshipJson(call, r)),
      );
    },
  },
  // delegatedadminrelationship-get
  {
    method: 'GET',
    pattern: new RegExp(`${REL}$`),
    handle: (call, match) => {
      const r = relationshipOf(call, match[1]);
      return r === undefined ? notFound() : { status: 200, body: relationshipJson(call, r) };
    },
  },
  // delegatedadminrelationship-update: If-Match required; only while `created` (autoExtendDuration also while active)
  {
    method: 'PATCH',
    pattern: new RegExp(`${REL}$`),
    handle: (call, match) => {
      const r = relationshipOf(call, match[1]);
      if (r === undefined) return notFound();
      const stale = ifMatch(call, r.etag);
      if (stale !== undefined) return stale;
      const body = objectOf(call.body);
      const onlyAutoExtend = Object.keys(body).every((key) => key === 'autoExtendDuration');
      if (r.status !== 'created' && !(r.status === 'active' && onlyAutoExtend)) {
        return graphError(400, 'BadRequest', `A relationship in status ${r.status} cannot be updated.`);
      }
      const input = relationshipInput(call.world, body, r);
      if (isAnswer(input)) return input;
      Object.assign(r, input);
      call.world.touch(r);
      return { status: 200, body: relationshipJson(call, r) };
    },
  },
  // delegatedadminrelationship-post-requests: lockForApproval (from created), terminate (from active)
  {
    method: 'POST',
    pattern: new RegExp(`${REL}/requests$`),
    handle: (call, match) => {
      const r = relationshipOf(call, match[1]);
      if (r === undefined) return notFound();
      const action = objectOf(call.body)['action'];
      if (action !== 'lockForApproval' && action !== 'terminate') {
        return graphError(400, 'BadRequest', 'action must be lockForApproval or terminate.');
      }
      const allowed = action === 'lockForApproval' ? r.status === 'created' : r.status === 'active';
      if (!allowed) return graphError(400, 'BadRequest', `The action ${action} is not allowed in status ${r.status}.`);
      const request = call.world.request(r, action);
      return {
        status: 201,
        body: {
          '@odata.type': '#microsoft.graph.delegatedAdminRelationshipRequest',
          '@odata.context': `${call.base}/tenantRelationships/$metadata#requests`,
          id: request.id,
          action: request.action,
          status: 'created',
          createdDateTime: iso(request.createdAt),
          lastModifiedDateTime: iso(request.createdAt),
        },
        headers: {
          Location: `${call.base}/tenantRelationships/delegatedAdminRelationships/${r.id}/requests/${request.id}`,
        },
      };
    },
  },
  // delegatedadminrelationshiprequest-get
  {
    method: 'GET',
    pattern: new RegExp(`${REL}/requests/([^/]+)$`),
    handle: (call, match) => {
      const request = call.world.requests.find((q) => q.relationshipId === match[1] && q.id === match[2]);
      if (request === undefined) return notFound();
      return {
        status: 200,
        body: {
          '@odata.type': '#microsoft.graph.delegatedAdminRelationshipRequest',
          id: request.id,
          action: request.action,
          status: request.status,
          createdDateTime: iso(request.createdAt),
          lastModifiedDateTime: iso(request.lastModifiedAt),
        },
      };
    },
  },
  // delegatedadminrelationship-post-accessassignments: only on an active relationship, roles among its own
  {
    method: 'POST',
    pattern: new RegExp(`${REL}/accessAssignments$`),
    handle: (call, match) => {
      const r = relationshipOf(call, match[1]);
      if (r === undefined) return notFound();
      if (r.status !== 'active') {
        return graphError(400, 'BadRequest', 'Access assignments can be created only on an active relationship.');
      }
      const body = objectOf(call.body);
      const container = objectOf(body['accessContainer']);
      const groupId = container['accessContainerId'];
      if (typeof groupId !== 'string' || !GUID.test(groupId) || container['accessContainerType'] !== 'securityGroup') {
        return graphError(400, 'BadRequest', 'accessContainer must name a security group.');
      }
      const roles = objectOf(body['accessDetails'])['unifiedRoles'];
      const ids = Array.isArray(roles) ? roles.map((role) => objectOf(role)['roleDefinitionId']) : [];
      if (ids.length === 0 || !ids.every((id): id is string => typeof id === 'string' && r.roles.includes(id))) {
        return graphError(400, 'BadRequest', 'Every role of an access assignment must be a role of the relationship.');
      }
      const live = call.world.assignments.find(
        (a) => a.relationshipId === r.id && a.groupId === groupId && a.status !== 'deleted',
      );
      if (live !== undefined)
        return graphError(409, 'Conflict', 'The security group already has an access assignment.');
      const a = call.world.assign(r, groupId, [...new Set(ids)]);
      return {
        status: 201,
        body: {
          '@odata.context': `${call.base}/tenantRelationships/$metadata#accessAssignments`,
          ...assignmentJson(a),
        },
        headers: {
          Location: `${call.base}/tenantRelationships/delegatedAdminRelationships/${r.id}/accessAssignments/${a.id}`,
        },
      };
    },
  },
  // delegatedadminrelationship-list-accessassignments (deleted ones are gone)
  {
    method: 'GET',
    pattern: new RegExp(`${REL}/accessAssignments$`),
    handle: (call, match) => {
      const r = relationshipOf(call, match[1]);
      if (r === undefined) return notFound();
      const items = call.world.assignments.filter((a) => a.relationshipId === r.id && a.status !== 'deleted');
      return page(call, items.map(assignmentJson));
    },
  },
  // delegatedadminaccessassignment-get
  {
    method: 'GET',
    pattern: new RegExp(`${REL}/accessAssignments/([^/]+)$`),
    handle: (call, match) => {
      const a = call.world.assignments.find((x) => x.relationshipId === match[1] && x.id === match[2]);
      return a === undefined || a.status === 'deleted' ? notFound() : { status: 200, body: assignmentJson(a) };
    },
  },
  // delegatedadminaccessassignment-delete: If-Match required; 204
  {
    method: 'DELETE',
    pattern: new RegExp(`${REL}/accessAssignments/([^/]+)$`),
    handle: (call, match) => {
      const a = call.world.assignments.find((x) => x.relationshipId === match[1] && x.id === match[2]);
      if (a === undefined || a.status === 'deleted') return notFound();
      const stale = ifMatch(call, a.etag);
      if (stale !== undefined) return stale;
      a.status = 'deleting';
      call.world.touch(a);
      call.world.operation(a);
      return { status: 204 };
    },
  },
  // delegatedadminrelationship-list-operations
  {
    method: 'GET',
    pattern: new RegExp(`${REL}/operations$`),
    handle: (call, match) => {
      const r = relationshipOf(call, match[1]);
      if (r === undefined) return notFound();
      const items = call.world.operations
        .filter((o) => o.relationshipId === r.id)
        .map((o) => ({
          '@odata.type': '#microsoft.graph.delegatedAdminRelationshipOperation',
          '@odata.etag': o.etag,
          id: o.id,
          operationType: o.type,
          data: o.data,
          status: o.status,
          createdDateTime: iso(o.createdAt),
          lastModifiedDateTime: iso(o.lastModifiedAt),
        }));
      return page(call, items);
    },
  },
];
