import { guid, pcError, type StubRoute } from './route-kit.js';

/** The Microsoft Partner Agreement status of an indirect reseller. */
export const complianceRoutes: readonly StubRoute[] = [
  // partner-center/developer/verify-indirect-reseller-mpa-status (app+user only), with its documented refusals
  {
    method: 'GET',
    pattern: /^\/v1\/compliance\/csp\/agreementstatus$/,
    appUserOnly: true,
    handle: (request, _match, { world }) => {
      const mpnId = request.query.get('mpnId') ?? request.query.get('mpnid');
      const tenantId = request.query.get('tenantId');
      if (mpnId === null && tenantId === null) return pcError(400, 2001, 'Both MPN Id and Tenant Id cannot be empty.');
      if (mpnId !== null && tenantId !== null)
        return pcError(400, 2000, 'Both MPN Id and Tenant Id should not be passed.');
      if (tenantId !== null) {
        if (!guid.test(tenantId)) return pcError(400, 2000, 'Tenant Id must be a GUID.');
        const partner = world.indirectPartners.find((candidate) => candidate.tenantId === tenantId);
        if (partner === undefined) {
          return pcError(400, 2205, `Partner Center doesn't find any account associated to the Tenant ID ${tenantId}`);
        }
        return { status: 200, body: { isAgreementSigned: world.agreements.get(partner.mpnId) === 'signed' } };
      }
      const asked = mpnId ?? '';
      if (!/^\d+$/.test(asked)) return pcError(400, 2000, 'MPN Id must be numeric.');
      switch (world.agreements.get(asked)) {
        case 'signed':
          return { status: 200, body: { isAgreementSigned: true } };
        case 'not-signed':
          return { status: 200, body: { isAgreementSigned: false } };
        case 'other-region':
          return pcError(
            400,
            2201,
            `The CSP region of the MPN ID ${asked} doesn't match the CSP region from where you are placing the order.`,
          );
        case 'not-indirect-reseller':
          return pcError(
            400,
            2204,
            `MPN Id ${asked} is not associated with a CSP Indirect Reseller account in Partner Center.`,
          );
        case undefined:
          return pcError(400, 2200, `MPN Id ${asked} is either invalid or not yet migrated to Partner Center.`);
      }
    },
  },
];
