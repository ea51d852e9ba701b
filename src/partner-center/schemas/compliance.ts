import { z } from 'zod';

/** GET /v1/compliance/csp/agreementstatus (partner-center-rest-api/verify-indirect-reseller-mpa-status.md). */
export const agreementStatusSchema = z.object({ isAgreementSigned: z.boolean() });
export type AgreementStatus = z.infer<typeof agreementStatusSchema>;
