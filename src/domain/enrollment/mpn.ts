/** An MPN (PartnerID) organisation profile as E2 needs it. */
export interface MpnProfile {
  readonly mpnId: string;
  readonly orgName: string;
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
  readonly active: boolean;
}

/**
 * Issue item 2: where MPN profiles come from. The default reads the registry the program
 * administrators import (src/domain/enrollment/mpn-registry.ts); a Partner Center implementation can plug in later.
 */
export interface MpnProfileSource {
  find(mpnId: string): Promise<MpnProfile | null>;
}
