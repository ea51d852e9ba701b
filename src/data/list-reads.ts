import type { ListReads, PartnershipListRow } from '../domain/shared/list-reads.js';
import type { Cursor } from '../domain/shared/paging.js';
import { timestampValue, truthy, type HotSql, type HotStatement, type HotValue } from './hot-sql.js';

/**
 * The P4 lists (src/domain/shared/list-reads.ts) in one prepared statement each: the partnership, the other
 * organisation and, for resellers, its latest MPA version, where Prisma's select runs one query per relation.
 * The conditions are partner-lists.ts's, written out: live states, `authorizedAt IS NOT NULL` (lets PostgreSQL's
 * (…Id, authorizedAt, id) index skip the unauthorised rows) and the keyset cursor as a range
 * (`t <= T AND (t < T OR id < I)`, src/domain/shared/paging.ts says why). The first page and the pages after a
 * cursor are separate statements so each has one plan that uses the index.
 */
function listStatement(name: string, side: 'providerId' | 'resellerId', withMpa: boolean, cursor: boolean) {
  const other = side === 'providerId' ? 'resellerId' : 'providerId';
  const mpa = withMpa
    ? `(SELECT m."version" FROM "MpaAcceptance" m WHERE m."orgId" = p."${other}" ORDER BY m."signedAt" DESC LIMIT 1)`
    : 'NULL';
  const build = (at: string) => `SELECT p."id" AS "id", p."${other}" AS "otherId", p."state" AS "state",
      ${at} AS "authorizedAt", o."legalName" AS "legalName", o."mpnId" AS "mpnId", o."country" AS "country",
      ${mpa} AS "mpaVersion",
      CASE WHEN p."adminAccessWithdrawnAt" IS NULL THEN 0 ELSE 1 END AS "withdrawn"
    FROM "Partnership" p JOIN "Organization" o ON o."id" = p."${other}"
    WHERE p."${side}" = ? AND p."state" IN ('active', 'end_requested') AND p."authorizedAt" IS NOT NULL
      ${cursor ? `AND p."authorizedAt" <= ?ts AND (p."authorizedAt" < ?ts OR p."id" < ?)` : ''}
    ORDER BY p."authorizedAt" DESC, p."id" DESC LIMIT ?`;
  // PostgreSQL: Prisma's timestamp(3) holds UTC wall time; as timestamptz, pg reads it as that instant
  return { name, sql: build('p."authorizedAt"'), postgres: build(`(p."authorizedAt" AT TIME ZONE 'UTC')`) };
}

const statements = {
  resellers: listStatement('list_resellers', 'providerId', true, false),
  resellersAfter: listStatement('list_resellers_after', 'providerId', true, true),
  providers: listStatement('list_providers', 'resellerId', false, false),
  providersAfter: listStatement('list_providers_after', 'resellerId', false, true),
} satisfies Record<string, HotStatement>;

interface Row {
  id: string;
  otherId: string;
  state: string;
  authorizedAt: string | Date;
  legalName: string;
  mpnId: string;
  country: string;
  mpaVersion: string | null;
  withdrawn: unknown;
}

function args(orgId: string, after: Cursor | undefined, take: number): HotValue[] {
  if (!after) return [orgId, take];
  const at = timestampValue(new Date(after.t));
  return [orgId, at, at, after.id, take];
}

function rowOf(r: Row): PartnershipListRow {
  // written out rather than spread: this runs for every row of the busiest invoke
  return {
    id: r.id,
    otherId: r.otherId,
    state: r.state,
    authorizedAt: r.authorizedAt instanceof Date ? r.authorizedAt : new Date(r.authorizedAt),
    legalName: r.legalName,
    mpnId: r.mpnId,
    country: r.country,
    mpaVersion: r.mpaVersion,
    adminAccessWithdrawn: truthy(r.withdrawn),
  };
}

export function createListReads(hot: HotSql): ListReads {
  return {
    async resellersOfProvider(providerId, after, take) {
      const s = after ? statements.resellersAfter : statements.resellers;
      return (await hot.rows<Row>(s, args(providerId, after, take))).map(rowOf);
    },
    async providersOfReseller(resellerId, after, take) {
      const s = after ? statements.providersAfter : statements.providers;
      return (await hot.rows<Row>(s, args(resellerId, after, take))).map(rowOf);
    },
  };
}
