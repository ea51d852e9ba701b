import { AppError } from '../shared/errors.js';

/**
 * M2: until a reseller has signed the Microsoft Partner Agreement, a provider may not associate the
 * reseller's MPN ID with a new subscription, nor transact new business with it (seed 004).
 * `signedVersions` are the MPA versions the reseller has accepted (M1 records them).
 */
export function checkResellerMpa(reseller: {
  readonly legalName: string;
  readonly signedVersions: readonly string[];
}): void {
  if (reseller.signedVersions.length === 0) throw new AppError('MPA_NOT_SIGNED', { org: reseller.legalName });
}
