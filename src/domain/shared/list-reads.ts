import type { Cursor } from './paging.js';

/**
 * A live partnership as the P4 lists read it: the partnership and the organisation on the other side, flat.
 * `mpaVersion` is the other side's latest signed MPA version (M2), read only for the resellers list.
 */
export interface PartnershipListRow {
  readonly id: string;
  readonly otherId: string;
  readonly state: string;
  readonly authorizedAt: Date;
  readonly legalName: string;
  readonly mpnId: string;
  readonly country: string;
  readonly mpaVersion: string | null;
  /** P3: the provider's admin access to the reseller's customers is withdrawn */
  readonly adminAccessWithdrawn: boolean;
}

/**
 * The P4 list reads as prepared statements (issue 15: a list page is the bot's busiest invoke, and Prisma's
 * typed API spends ~0.5 ms of CPU compiling each of the three queries a resellers page took). Same rows, same
 * order, same keyset cursor as the typed queries in partnerships/partner-lists.ts, which remain for stores
 * built without prepared statements; a test walks both on both databases and expects identical pages.
 * Each returns up to `take` rows after the cursor, newest authorisation first, ties by id descending.
 */
export interface ListReads {
  resellersOfProvider(providerId: string, after: Cursor | undefined, take: number): Promise<PartnershipListRow[]>;
  providersOfReseller(resellerId: string, after: Cursor | undefined, take: number): Promise<PartnershipListRow[]>;
}
