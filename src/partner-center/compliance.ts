import { PartnerCenterError } from './errors.js';
import { agreementStatusSchema } from './schemas/compliance.js';
import type { CallOptions, PartnerCenterTransport } from './transport.js';

/**
 * What an MPA check (M2) found. Partner Center answers "not signed" either as `isAgreementSigned: false` or as a
 * 400 whose code says why (partner-center/developer/verify-indirect-reseller-mpa-status): 2200 MPN ID invalid or
 * not migrated, 2201 MPN ID in another CSP region, 2203 MPA not signed for this region, 2204 not an indirect reseller.
 */
export type ResellerAgreementCheck =
  | { readonly status: 'signed' }
  | { readonly status: 'not-signed' }
  | { readonly status: 'unknown-mpn-id' }
  | { readonly status: 'other-region' }
  | { readonly status: 'not-indirect-reseller' };

const refusalByCode: Readonly<Record<string, ResellerAgreementCheck>> = {
  '2200': { status: 'unknown-mpn-id' },
  '2201': { status: 'other-region' },
  '2203': { status: 'not-signed' },
  '2204': { status: 'not-indirect-reseller' },
};

export class ComplianceApi {
  constructor(private readonly transport: PartnerCenterTransport) {}

  /** GET /v1/compliance/csp/agreementstatus?mpnId=… (app+user only). */
  async isAgreementSigned(mpnId: string, options: CallOptions = {}): Promise<boolean> {
    const status = await this.transport.request({
      operation: 'compliance.agreementStatus',
      method: 'GET',
      path: '/v1/compliance/csp/agreementstatus',
      query: { mpnId },
      schema: agreementStatusSchema,
      ...options,
    });
    return status.isAgreementSigned;
  }

  /** M2's gate: the reseller's MPA status, with Partner Center's documented refusals folded into reasons. */
  async checkResellerAgreement(mpnId: string, options: CallOptions = {}): Promise<ResellerAgreementCheck> {
    try {
      return (await this.isAgreementSigned(mpnId, options)) ? { status: 'signed' } : { status: 'not-signed' };
    } catch (error) {
      if (error instanceof PartnerCenterError && error.kind === 'invalid-request' && error.code !== undefined) {
        const refusal = refusalByCode[error.code];
        if (refusal !== undefined) return refusal;
      }
      throw error;
    }
  }
}
