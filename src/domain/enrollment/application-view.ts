import { z } from 'zod';
import { requireProgramAdmin, type Actor, type DomainContext } from '../shared/context.js';
import { AppError, parseInput } from '../shared/errors.js';
import {
  enrollmentStateSchema,
  storedBillingSummary,
  type BillingSummary,
  type EnrollmentState,
} from './enrollment-rules.js';
import { needsBillingDetails, partnerTypeSchema, type PartnerType } from '../shared/partner-types.js';

export const applicationViewInput = z.object({ applicationId: z.string().min(1) });

/** What a program administrator sees on a review card (E5). */
export interface ApplicationReview {
  readonly applicationId: string;
  readonly orgName: string;
  readonly mpnId: string;
  readonly country: string;
  readonly partnerType: PartnerType;
  readonly state: EnrollmentState;
  readonly primaryContact: string;
  readonly decidedByName: string | null;
  readonly decidedAt: Date | null;
  readonly rejectReason: string | null;
  /** Entra object id of the enrolling user, to tell them of a decision */
  readonly submittedByAadObjectId: string | null;
  /** E1/PT3: a direct-bill application's billing details, the account number masked; null otherwise */
  readonly billing: BillingSummary | null;
}

/** Reads an application for review. Program administrators only (or the system, with no actor). */
export async function applicationForReview(
  ctx: DomainContext,
  actor: Actor | null,
  input: z.input<typeof applicationViewInput>,
): Promise<ApplicationReview> {
  if (actor) await requireProgramAdmin(ctx, actor);
  const { applicationId } = parseInput(applicationViewInput, input);
  const app = await ctx.store.read.enrollmentApplication.findUnique({
    where: { id: applicationId },
    include: { org: { include: { contacts: { where: { kind: 'primary' } } } } },
  });
  if (!app) throw new AppError('NOT_FOUND', { entity: 'application' });
  const primary = app.org.contacts[0];
  const submitter = app.submittedByUserId
    ? await ctx.store.read.user.findUnique({ where: { id: app.submittedByUserId }, select: { aadObjectId: true } })
    : null;
  const partnerType = partnerTypeSchema.parse(app.partnerType);
  return {
    applicationId: app.id,
    orgName: app.org.legalName,
    mpnId: app.org.mpnId,
    country: app.org.country,
    partnerType,
    state: enrollmentStateSchema.parse(app.state),
    primaryContact: primary ? `${primary.name ?? ''} <${primary.email}>`.trim() : '',
    decidedByName: app.decidedByName,
    decidedAt: app.decidedAt,
    rejectReason: app.rejectReason,
    submittedByAadObjectId: submitter?.aadObjectId ?? null,
    billing: needsBillingDetails(partnerType)
      ? storedBillingSummary(ctx, app.org.billingDetails, { orgId: app.orgId, applicationId: app.id })
      : null,
  };
}
