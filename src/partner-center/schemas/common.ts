import { z } from 'zod';

/**
 * Shapes every Partner Center resource shares ("Partner Center REST utility resources",
 * partner-center/developer/utility-resources): a `Link` with its method and headers, `attributes` with the
 * resource's `objectType` (and an `etag` on updatable ones), and the collection envelope
 * `{ totalCount, items, links, attributes: { objectType: "Collection" } }`.
 */
export const linkSchema = z.object({
  uri: z.string(),
  method: z.string(),
  headers: z.array(z.object({ key: z.string(), value: z.string() })).default([]),
});
export type Link = z.infer<typeof linkSchema>;

export const linksSchema = z.record(z.string(), linkSchema);

/** `attributes` of a resource whose objectType must be the one named (so a wrong route cannot parse). */
export function attributesOf<const T extends string>(objectType: T) {
  return z.object({ objectType: z.literal(objectType), etag: z.string().optional() });
}

/** The collection envelope. Seek-based collections add `continuationToken` and a `next` link carrying it. */
export function collectionOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    totalCount: z.number().int().nonnegative(),
    items: z.array(item),
    links: linksSchema.optional(),
    continuationToken: z.string().optional(),
    attributes: attributesOf('Collection'),
  });
}

/**
 * Where the next page of a seek-based collection is: its `next` link's URI and the MS-ContinuationToken header it
 * says to send ("next" links as in partner-center/developer/get-invoice-unbilled-recon-lineitems).
 */
export interface ContinuationToken {
  readonly uri: string;
  readonly token: string;
}

/** The next page of a collection, if its `next` link carries an MS-ContinuationToken. */
export function continuationOf(collection: {
  links?: Record<string, Link> | undefined;
  continuationToken?: string | undefined;
}): ContinuationToken | undefined {
  const next = collection.links?.['next'];
  if (next === undefined) return undefined;
  const header = next.headers.find((entry) => entry.key.toLowerCase() === 'ms-continuationtoken');
  const token = header?.value ?? collection.continuationToken;
  return token === undefined ? undefined : { uri: next.uri, token };
}

/** A postal address as the profile and customer resources write it. */
export const addressSchema = z.object({
  country: z.string(),
  region: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  addressLine1: z.string().nullish(),
  addressLine2: z.string().nullish(),
  postalCode: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  phoneNumber: z.string().nullish(),
});
export type Address = z.infer<typeof addressSchema>;
