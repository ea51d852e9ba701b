/**
 * The list views under test, bound to the product's use cases (src/domain/partnerships/partner-lists.ts):
 * listProviders, listResellers, listCustomers, each with its role check (U3) and input parsing. Only the
 * calling convention is adapted here; the queries are the product's own.
 */
import type { Actor, DomainContext } from '../../src/domain/shared/context.js';
import { listCustomers } from '../../src/domain/customers/customer-list.js';
import { listProviders, listResellerChoices, listResellers } from '../../src/domain/partnerships/partner-lists.js';

export interface PageLike {
  readonly items: readonly unknown[];
  readonly nextCursor: string | null;
}

export interface PageArgs {
  readonly cursor?: string | undefined;
  readonly limit: number;
}

export interface ListApi {
  providersOfReseller(actor: Actor, page: PageArgs): Promise<PageLike>;
  resellersOfProvider(actor: Actor, page: PageArgs): Promise<PageLike>;
  customersOfPartner(actor: Actor, page: PageArgs & { readonly resellerId?: string }): Promise<PageLike>;
  /** the customers card's reseller filter (issue 15: one statement): the first `limit` by name */
  resellerChoices(actor: Actor, limit: number): Promise<PageLike>;
}

const strip = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function listApi(ctx: DomainContext): ListApi {
  return {
    providersOfReseller: (actor, page) => listProviders(ctx, actor, strip({ ...page })),
    resellersOfProvider: (actor, page) => listResellers(ctx, actor, strip({ ...page })),
    customersOfPartner: (actor, page) => listCustomers(ctx, actor, strip({ ...page })),
    resellerChoices: async (actor, limit) => ({
      items: await listResellerChoices(ctx, actor, { limit }),
      nextCursor: null,
    }),
  };
}
