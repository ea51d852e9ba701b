import { randomUUID } from 'node:crypto';
import type { GdapStatus } from '../../../src/domain/gdap/port.js';

/** Entra's Global Administrator role template: auto-extend is refused while a relationship holds it. */
export const GLOBAL_ADMINISTRATOR_ROLE = '62e90394-69f5-4237-9190-012177145e10';

const DAY = 86_400_000;

/** Graph's statuses: the product's, and `approved` (the customer said yes, provisioning not started). */
export type StubStatus = GdapStatus | 'approved';

export interface StubRelationship {
  readonly id: string;
  etag: string;
  displayName: string;
  durationDays: number;
  autoExtendDays: number;
  customer: { tenantId: string; displayName?: string } | undefined;
  roles: string[];
  status: StubStatus;
  readonly createdAt: Date;
  lastModifiedAt: Date;
  activatedAt: Date | undefined;
  endsAt: Date | undefined;
  /** when lockForApproval was accepted (an unapproved request expires 90 days later) */
  lockedAt: Date | undefined;
}

export interface StubRequest {
  readonly id: string;
  readonly relationshipId: string;
  readonly action: 'lockForApproval' | 'terminate';
  status: 'created' | 'pending' | 'succeeded' | 'failed';
  readonly createdAt: Date;
  lastModifiedAt: Date;
}

export interface StubAssignment {
  readonly id: string;
  readonly relationshipId: string;
  etag: string;
  readonly groupId: string;
  roles: string[];
  status: 'pending' | 'active' | 'deleting' | 'deleted' | 'error';
  readonly createdAt: Date;
  lastModifiedAt: Date;
}

export interface StubOperation {
  readonly id: string;
  readonly relationshipId: string;
  etag: string;
  readonly type: 'delegatedAdminAccessAssignmentUpdate';
  readonly data: string;
  status: 'notStarted' | 'running' | 'succeeded' | 'failed';
  readonly createdAt: Date;
  lastModifiedAt: Date;
}

/** A weak etag in Graph's shape (W/"base64"), new on every change. */
const newEtag = () => `W/"${Buffer.from(`'"${randomUUID()}"'`).toString('base64')}"`;

/** Graph's relationship ids are the customer's tenant id and a GUID joined by a hyphen (the reference's examples). */
const relationshipId = (tenantId: string | undefined) => `${tenantId ?? randomUUID()}-${randomUUID()}`;

/**
 * The partner's GDAP relationships as Graph keeps them, with a clock of its own, and the test-only moves that stand
 * for what Graph and the customer do in their own time: the customer's Global Administrator approving, Graph
 * provisioning and deprovisioning, and time passing (expiry, auto-extend, unapproved requests lapsing after 90 days).
 */
export class GraphWorld {
  readonly relationships: StubRelationship[] = [];
  readonly requests: StubRequest[] = [];
  readonly assignments: StubAssignment[] = [];
  readonly operations: StubOperation[] = [];
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  find(id: string): StubRelationship | undefined {
    return this.relationships.find((r) => r.id === id);
  }

  create(
    input: Omit<
      StubRelationship,
      'id' | 'etag' | 'status' | 'createdAt' | 'lastModifiedAt' | 'activatedAt' | 'endsAt' | 'lockedAt'
    >,
  ): StubRelationship {
    const now = this.now();
    const relationship: StubRelationship = {
      ...input,
      id: relationshipId(input.customer?.tenantId),
      etag: newEtag(),
      status: 'created',
      createdAt: now,
      lastModifiedAt: now,
      activatedAt: undefined,
      endsAt: undefined,
      lockedAt: undefined,
    };
    this.relationships.push(relationship);
    return relationship;
  }

  touch(target: { etag: string; lastModifiedAt: Date }): void {
    target.etag = newEtag();
    target.lastModifiedAt = this.now();
  }

  /** A relationship already in some status (seeding lists for paging and filters). */
  seed(status: StubStatus, overrides: Partial<StubRelationship> = {}): StubRelationship {
    const r = this.create({
      displayName: overrides.displayName ?? `Seeded ${this.relationships.length + 1}`,
      durationDays: overrides.durationDays ?? 730,
      autoExtendDays: overrides.autoExtendDays ?? 0,
      customer: overrides.customer ?? { tenantId: randomUUID(), displayName: 'Seeded customer' },
      roles: overrides.roles ?? ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
    });
    Object.assign(r, overrides, { status });
    if (['active', 'expiring', 'expired', 'terminated'].includes(status) && r.activatedAt === undefined) {
      r.activatedAt = this.now();
      r.endsAt = new Date(r.activatedAt.getTime() + r.durationDays * DAY);
    }
    return r;
  }

  request(relationship: StubRelationship, action: StubRequest['action']): StubRequest {
    const now = this.now();
    const request: StubRequest = {
      id: randomUUID(),
      relationshipId: relationship.id,
      action,
      status: 'created',
      createdAt: now,
      lastModifiedAt: now,
    };
    this.requests.push(request);
    // Graph applies the request at once (the relationship's status shows it); the request record says so
    if (action === 'lockForApproval') {
      relationship.status = 'approvalPending';
      relationship.lockedAt = now;
    } else {
      relationship.status = 'terminationRequested';
    }
    this.touch(relationship);
    request.status = 'succeeded';
    return request;
  }

  assign(relationship: StubRelationship, groupId: string, roles: string[]): StubAssignment {
    const now = this.now();
    const assignment: StubAssignment = {
      id: randomUUID(),
      relationshipId: relationship.id,
      etag: newEtag(),
      groupId,
      roles,
      status: 'pending',
      createdAt: now,
      lastModifiedAt: now,
    };
    this.assignments.push(assignment);
    this.operation(assignment);
    return assignment;
  }

  /** The long-running operation Graph records for an access assignment change. */
  operation(assignment: StubAssignment): void {
    const now = this.now();
    this.operations.push({
      id: randomUUID(),
      relationshipId: assignment.relationshipId,
      etag: newEtag(),
      type: 'delegatedAdminAccessAssignmentUpdate',
      data: JSON.stringify({
        id: assignment.id,
        accessContainer: { accessContainerId: assignment.groupId, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: assignment.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
        status: assignment.status === 'deleting' ? 'deleted' : 'active',
      }),
      status: 'running',
      createdAt: now,
      lastModifiedAt: now,
    });
  }

  // ---- test-only controls ----

  /** The customer's Global Administrator approves in the Microsoft 365 admin center: approvalPending → activating. */
  customerApproves(id: string): StubRelationship {
    const r = this.must(id);
    if (r.status !== 'approvalPending') throw new Error(`local Graph: ${r.status} cannot be approved`);
    r.status = 'activating';
    this.touch(r);
    return r;
  }

  /**
   * Graph finishes what it was doing: activating → active (activatedDateTime now, endDateTime = activated + duration),
   * terminationRequested → terminating → terminated, expiring → expired, pending assignments → active, deleting ones →
   * deleted (gone from lists), running operations → succeeded. Each call moves one step.
   */
  settle(): void {
    const now = this.now();
    for (const r of this.relationships) {
      const before = r.status;
      if (r.status === 'activating' || r.status === 'approved') {
        r.status = 'active';
        r.activatedAt = now;
        r.endsAt = new Date(now.getTime() + r.durationDays * DAY);
      } else if (r.status === 'terminationRequested') r.status = 'terminating';
      else if (r.status === 'terminating') {
        r.status = 'terminated';
        r.endsAt = now;
      } else if (r.status === 'expiring') r.status = 'expired';
      if (r.status !== before) this.touch(r);
    }
    for (const a of this.assignments) {
      if (a.status === 'pending') a.status = 'active';
      else if (a.status === 'deleting') a.status = 'deleted';
      else continue;
      this.touch(a);
    }
    for (const o of this.operations) {
      if (o.status !== 'running') continue;
      o.status = 'succeeded';
      this.touch(o);
    }
  }

  /**
   * Time passes: an active relationship past its endDateTime is extended by its autoExtendDuration when it has one,
   * otherwise it is expiring (and expired at the next settle); a request the customer never approved lapses after
   * 90 days ("GDAP frequently asked questions").
   */
  timePasses(ms: number): void {
    this.offsetMs += ms;
    const now = this.now();
    for (const r of this.relationships) {
      if (r.status === 'active' && r.endsAt !== undefined && r.endsAt <= now) {
        if (r.autoExtendDays > 0) {
          while (r.endsAt <= now) r.endsAt = new Date(r.endsAt.getTime() + r.autoExtendDays * DAY);
        } else r.status = 'expiring';
        this.touch(r);
      } else if (
        r.status === 'approvalPending' &&
        r.lockedAt !== undefined &&
        now.getTime() - r.lockedAt.getTime() >= 90 * DAY
      ) {
        r.status = 'expired';
        this.touch(r);
      }
    }
  }

  private must(id: string): StubRelationship {
    const r = this.find(id);
    if (r === undefined) throw new Error(`local Graph: no relationship ${id}`);
    return r;
  }
}
