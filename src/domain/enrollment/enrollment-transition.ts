import { resolveLocale } from '../../i18n/index.js';
import { audit, type AuditActor } from '../shared/audit.js';
import { AppError } from '../shared/errors.js';
import { canTransition, enrollmentStateSchema, type EnrollmentState } from './enrollment-rules.js';
import { partnerTypeSchema } from '../shared/partner-types.js';
import { enqueue } from '../shared/outbox.js';
import { claimed, type Tx } from '../shared/store.js';

export interface TransitionRequest {
  readonly applicationId: string;
  readonly from: EnrollmentState;
  readonly to: EnrollmentState;
  /** the version the caller read; the update wins only if nobody changed the row since */
  readonly version: number;
  readonly who: AuditActor & { readonly name?: string };
  readonly reason?: string | null;
  readonly at: Date;
  /** extra columns to set with the state (decision fields) */
  readonly set?: {
    decidedByUserId?: string | null;
    decidedByName?: string | null;
    decidedAt?: Date | null;
    rejectReason?: string | null;
  };
}

/**
 * E5: moves an application from one state to the next with a conditional update (state and
 * version must be what the caller saw: the loser of a race gets `false` and writes nothing),
 * then records the history row, the audit row and the notifications to the primary contact and
 * the organisation's channel, all in the caller's transaction.
 */
export async function transitionApplication(tx: Tx, req: TransitionRequest): Promise<boolean> {
  if (!canTransition(req.from, req.to)) throw new AppError('INVALID_STATE', { state: req.from });
  const won = claimed(
    await tx.enrollmentApplication.updateMany({
      where: { id: req.applicationId, state: req.from, version: req.version },
      data: { state: req.to, version: { increment: 1 }, ...req.set },
    }),
  );
  if (!won) return false;
  await tx.enrollmentStateChange.create({
    data: {
      applicationId: req.applicationId,
      fromState: req.from,
      toState: req.to,
      byUserId: req.who.userId ?? req.who.ref,
      reason: req.reason ?? null,
      at: req.at,
    },
  });
  const app = await tx.enrollmentApplication.findUniqueOrThrow({
    where: { id: req.applicationId },
    include: { org: { include: { contacts: { where: { kind: 'primary' } } } } },
  });
  await audit(tx, req.who, req.at, {
    orgId: app.orgId,
    action: `enrollment.${req.to}`,
    entity: 'EnrollmentApplication',
    entityId: app.id,
    detail: { from: req.from, to: req.to, reason: req.reason ?? null, partnerType: app.partnerType },
  });
  const primary = app.org.contacts[0];
  await enqueue(
    tx,
    'enrollment.state_changed',
    `${app.id}:${req.to}`,
    {
      applicationId: app.id,
      orgId: app.orgId,
      orgName: app.org.legalName,
      partnerType: partnerTypeSchema.parse(app.partnerType),
      from: enrollmentStateSchema.parse(req.from),
      to: req.to,
      reason: req.reason ?? null,
      at: req.at.toISOString(),
      locale: resolveLocale(app.org.locale),
    },
    primary ? [{ email: primary.email }, { orgId: app.orgId }] : [{ orgId: app.orgId }],
    req.at,
  );
  return true;
}

/** Creates the first history row (null → submitted) of a new application. */
export async function recordSubmitted(
  tx: Tx,
  applicationId: string,
  orgId: string,
  who: AuditActor,
  at: Date,
  detail: Readonly<Record<string, unknown>>,
): Promise<void> {
  await tx.enrollmentStateChange.create({
    data: { applicationId, fromState: null, toState: 'submitted', byUserId: who.userId ?? who.ref, at },
  });
  await audit(tx, who, at, {
    orgId,
    action: 'enrollment.submitted',
    entity: 'EnrollmentApplication',
    entityId: applicationId,
    detail,
  });
}
