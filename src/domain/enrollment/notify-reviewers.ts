import { programAdminsOf, type DomainContext } from '../shared/context.js';
import { needsBillingDetails, partnerTypeSchema } from '../shared/partner-types.js';
import { storedBillingSummary } from './enrollment-rules.js';
import { enqueue } from '../shared/outbox.js';
import type { Tx } from '../shared/store.js';

/**
 * E5: puts the application in front of every program administrator, once each: one outbox row per
 * administrator, written in the caller's transaction and delivered (with retries) by the
 * notification worker, which renders it as the review card (src/bot/enrollment/notify-render.ts).
 * The payload carries what the card shows, so rendering reads nothing; a direct-bill application's
 * billing details go with their account number masked (E1/PT3).
 */
export async function notifyReviewers(tx: Tx, ctx: DomainContext, applicationId: string): Promise<void> {
  const reviewers = await programAdminsOf(ctx, tx);
  if (reviewers.length === 0) return; // `reviews` lists it when an administrator arrives
  const app = await tx.enrollmentApplication.findUniqueOrThrow({
    where: { id: applicationId },
    include: { org: { include: { contacts: { where: { kind: 'primary' } } } } },
  });
  const partnerType = partnerTypeSchema.parse(app.partnerType);
  const primary = app.org.contacts[0];
  await enqueue(
    tx,
    'enrollment.review_requested',
    applicationId,
    {
      applicationId,
      orgId: app.orgId,
      orgName: app.org.legalName,
      mpnId: app.org.mpnId,
      country: app.org.country,
      partnerType,
      ...(primary ? { primaryContact: `${primary.name ?? ''} <${primary.email}>`.trim() } : {}),
      refreshUserIds: reviewers.flatMap((r) => (r.teamsUserId ? [r.teamsUserId] : [])).slice(0, 60),
      billing: needsBillingDetails(partnerType)
        ? storedBillingSummary(ctx, app.org.billingDetails, { orgId: app.orgId, applicationId })
        : null,
    },
    reviewers.map(({ aadObjectId }) => ({ aadObjectId })),
    ctx.now(),
  );
}
