import { z } from 'zod';

/** GET /v1/compliance/csp/agreementstatus (partner-center/developer/verify-indirect-reseller-mpa-status). */
export const agreementStatusSchema = z.object({ isAgreementSigned: z.boolean() });
export type AgreementStatus = z.infer<typeof agreementStatusSchema>;
