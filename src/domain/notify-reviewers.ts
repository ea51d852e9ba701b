import type { DomainContext } from './context.js';
import { partnerTypeSchema } from './enrollment-rules.js';
import { enqueue } from './outbox.js';
import type { Tx } from './store.js';

/** E5: tells every program administrator that an application waits for review. */
export async function notifyReviewers(tx: Tx, ctx: DomainContext, applicationId: string): Promise<void> {
  if (ctx.programAdmins.length === 0) return;
  const app = await tx.enrollmentApplication.findUniqueOrThrow({ where: { id: applicationId }, include: { org: true } });
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
      partnerType: partnerTypeSchema.parse(app.partnerType),
    },
    ctx.programAdmins.map((aadObjectId) => ({ aadObjectId })),
    ctx.now(),
  );
}
