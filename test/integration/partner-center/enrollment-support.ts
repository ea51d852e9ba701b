import assert from 'node:assert/strict';
import { enroll } from '../../../src/domain/enrollment/enroll.js';
import { withProfileReads } from '../../../src/partner-center/connected-profile.js';
import { connectedPartnerCenter } from '../../../src/partner-center/connected-port.js';
import { enrollmentInput, makeActor, registerMpn, type EnrolledOrg, type World } from '../../support/fixtures.js';
import type { LocalPartnerCenter } from '../../support/partner-center/server.js';

/*
 * Enrollment from Partner Center (E-PC1–E-PC7): an organisation that enrolled and waits, and the local Partner
 * Center's signed-in partner made to match what it entered (tests then change one field at a time).
 */

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** The deployment's Partner Center (port and profile reads) over the stand-in, with no real waits. */
export function profilesOver(stub: LocalPartnerCenter) {
  const token = stub.issueToken();
  const options = {
    tokens: { accessTokenFor: () => Promise.resolve(token) },
    logger: quiet,
    baseUrl: stub.url,
    client: { sleep: () => Promise.resolve(), random: () => 0.5, timeoutMs: 5_000 },
  };
  return withProfileReads(connectedPartnerCenter(options), options);
}

export interface Applicant {
  readonly org: EnrolledOrg;
  readonly applicationId: string;
  readonly verificationToken: string;
  readonly contact: { name: string; email: string };
  readonly address: { line1: string; city: string; postalCode: string };
}

/**
 * An organisation that enrolled (E1) and waits for its e-mail check (E4), and the local Partner Center's signed-in
 * partner made to match what it entered (the tests then change one field at a time).
 */
export async function applicant(w: World, stub: LocalPartnerCenter, country = 'KR'): Promise<Applicant> {
  const mpnId = String(4_000_000 + Math.floor(Math.random() * 5_000_000));
  const input = enrollmentInput(mpnId, country);
  await registerMpn(w, [{ mpnId, orgName: input.legalName, country }]);
  const admin = makeActor({ name: `Admin of ${input.legalName}` });
  const enrolled = await enroll(w.ctx, admin, input);
  assert.ok(enrolled.verification);
  const [first = '', ...rest] = input.primaryContact.name.split(' ');
  stub.world.withPartner({
    tenantId: admin.tenantId,
    mpnId,
    companyName: input.legalName.toUpperCase(),
    address: {
      country,
      city: input.address.city,
      addressLine1: input.address.line1,
      postalCode: input.address.postalCode,
    },
    primaryContact: {
      firstName: first,
      lastName: rest.join(' '),
      email: input.primaryContact.email.toUpperCase(),
      phoneNumber: '025550100',
    },
  });
  return {
    org: {
      orgId: enrolled.orgId,
      tenantId: admin.tenantId,
      mpnId,
      legalName: input.legalName,
      country,
      admin,
      applicationIds: [enrolled.applicationId],
    },
    applicationId: enrolled.applicationId,
    verificationToken: enrolled.verification.token,
    contact: { name: input.primaryContact.name, email: input.primaryContact.email },
    address: input.address,
  };
}
