import type { Tx } from './store.js';

/** Who did it: the User row when the actor is a partner user, and always their Entra object id (or "system"). */
export interface AuditActor {
  readonly userId?: string | null;
  readonly ref: string;
  /** the person's own e-mail when known (Teams' member information): kept in the row's detail as actorEmail */
  readonly email?: string | undefined;
}

export interface AuditEntry {
  readonly orgId?: string | null;
  /** dotted verb, e.g. "enrollment.submitted", "user.roles_changed" */
  readonly action: string;
  /** model name, e.g. "EnrollmentApplication" */
  readonly entity: string;
  readonly entityId: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Issue item 1: every change writes its audit row in the same transaction as the change. */
export async function audit(tx: Tx, who: AuditActor, at: Date, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: entry.orgId ?? null,
      actorUserId: who.userId ?? null,
      actorRef: who.ref,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      detail: JSON.stringify(who.email ? { ...entry.detail, actorEmail: who.email } : (entry.detail ?? {})),
      at,
    },
  });
}
