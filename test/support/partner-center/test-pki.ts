import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway certificate authority and a signing certificate it issued, made with the openssl CLI. */
export interface TestPki {
  /** The test root (PEM): the verifier's trusted root in tests. */
  readonly caPem: string;
  /** The signing certificate (DER), served as Partner Center serves its .cer. */
  readonly signingCertificateDer: Buffer;
  readonly signingCertificatePem: string;
  /** The signing certificate's private key (PEM). */
  readonly signingKeyPem: string;
}

/** The organisation the test CA names itself; tests give it to the verifier as the required issuer organisation. */
export const testIssuerOrganization = 'Local Partner Center Test CA';

/**
 * Node can verify X.509 certificates but not issue them, so the test PKI comes from `openssl` (Debian's openssl
 * package; present on the project's machines and on macOS). Keys are 2048-bit RSA; certificates last two days.
 */
export function createTestPki(options: { issuerOrganization?: string; commonName?: string } = {}): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'local-pc-pki-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    const organization = options.issuerOrganization ?? testIssuerOrganization;
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      `/O=${organization}/CN=Local Partner Center Test Root`,
    );
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'signing.key',
      '-out',
      'signing.csr',
      '-subj',
      `/O=Local Partner Center/CN=${options.commonName ?? 'pcnotifications-dispatch.local'}`,
    );
    run(
      'x509',
      '-req',
      '-in',
      'signing.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'signing.pem',
      '-days',
      '2',
    );
    run('x509', '-in', 'signing.pem', '-outform', 'der', '-out', 'signing.cer');
    return {
      caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      signingCertificateDer: readFileSync(join(dir, 'signing.cer')),
      signingCertificatePem: readFileSync(join(dir, 'signing.pem'), 'utf8'),
      signingKeyPem: readFileSync(join(dir, 'signing.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
