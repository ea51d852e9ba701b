import type { ActorFacts } from '../domain/shared/actor-facts.js';
import { roleSchema, type Role } from '../domain/shared/roles.js';
import { truthy, type HotSql, type HotStatement } from './hot-sql.js';

/**
 * The acting person's facts (src/domain/shared/actor-facts.ts) in one prepared statement: the user bound to
 * the Entra object id with its roles and organisation (partner types, onboarding, applications, whether the
 * MPA is signed), the person's ProgramAdmin row, and whether anyone of the tenant waits to be linked by
 * e-mail, and the organisation's Partner Center mode (issue 17: connected only with a working link). Prisma's include
 * would take three to five statements for the same.
 */
const FACTS_SQL = `SELECT u."id" AS "userId", u."orgId" AS "orgId", u."name" AS "userName", u."email" AS "email",
      CASE WHEN u."removedAt" IS NULL THEN 0 ELSE 1 END AS "removed",
      o."tenantId" AS "orgTenantId", o."isReseller" AS "isReseller", o."isProvider" AS "isProvider",
      o."isDirectBill" AS "isDirectBill", CASE WHEN o."onboardedAt" IS NULL THEN 0 ELSE 1 END AS "onboarded",
      (SELECT group_concat(g."role", ',') FROM "RoleGrant" g WHERE g."userId" = u."id") AS "roles",
      (SELECT group_concat(a."state", ',') FROM "EnrollmentApplication" a WHERE a."orgId" = u."orgId") AS "states",
      CASE WHEN EXISTS (SELECT 1 FROM "MpaAcceptance" m WHERE m."orgId" = u."orgId") THEN 1 ELSE 0 END AS "mpaSigned",
      pa."aadObjectId" AS "paId", CASE WHEN pa."revokedAt" IS NULL THEN 1 ELSE 0 END AS "paActive",
      pa."bootstrap" AS "paBootstrap", pa."teamsUserId" AS "paTeamsUserId", pa."name" AS "paName",
      st."data" AS "stateData", st."etag" AS "stateEtag",
      CASE WHEN pcl."refreshToken" IS NOT NULL AND pcl."status" = 'active' THEN pcl."mode" ELSE NULL END AS "pcMode",
      CASE WHEN u."id" IS NULL AND EXISTS (
        SELECT 1 FROM "User" w JOIN "Organization" wo ON wo."id" = w."orgId"
        WHERE w."aadObjectId" IS NULL AND w."removedAt" IS NULL AND wo."tenantId" = ?) THEN 1 ELSE 0 END AS "waiting"
    FROM (SELECT 1 AS "one") AS "single"
    LEFT JOIN "User" u ON u."aadObjectId" = ?
    LEFT JOIN "Organization" o ON o."id" = u."orgId"
    LEFT JOIN "ProgramAdmin" pa ON pa."aadObjectId" = ?
    LEFT JOIN "BotState" st ON st."id" = ?
    LEFT JOIN "PartnerCenterLink" pcl ON pcl."orgId" = u."orgId"`;
const FACTS: HotStatement = {
  name: 'actor_facts',
  sql: FACTS_SQL,
  // PostgreSQL's group_concat is string_agg; the statement is the same otherwise
  postgres: FACTS_SQL.replace(/group_concat\(([^)]*)\)/g, 'string_agg($1)'),
};

interface FactsRow {
  userId: string | null;
  orgId: string | null;
  userName: string | null;
  email: string | null;
  removed: unknown;
  orgTenantId: string | null;
  isReseller: unknown;
  isProvider: unknown;
  isDirectBill: unknown;
  onboarded: unknown;
  roles: string | null;
  states: string | null;
  mpaSigned: unknown;
  paId: string | null;
  paActive: unknown;
  paBootstrap: unknown;
  paTeamsUserId: string | null;
  paName: string | null;
  waiting: unknown;
  stateData: string | null;
  stateEtag: string | null;
  pcMode: string | null;
}

const list = (s: string | null): string[] => (s ? s.split(',').filter(Boolean) : []);

export async function readActorFacts(hot: HotSql, aadObjectId: string, tenantId: string): Promise<ActorFacts> {
  return (await readTurnStart(hot, { aadObjectId, tenantId, stateKey: null })).facts;
}

/**
 * The start of a turn in one statement: the acting person's facts and, when `stateKey` names one, the bot-state
 * row the turn is about to load (its conversation state), to be handed to PrismaStorage (primeTurnRead).
 */
export async function readTurnStart(
  hot: HotSql,
  who: { aadObjectId: string; tenantId: string; stateKey: string | null },
): Promise<{ facts: ActorFacts; state: { data: string; etag: string } | null }> {
  const { aadObjectId, tenantId, stateKey } = who;
  const [row] = await hot.rows<FactsRow>(FACTS, [tenantId, aadObjectId, aadObjectId, stateKey]);
  if (!row) throw new Error('actor facts: no row');
  const state = row.stateData !== null && row.stateEtag !== null ? { data: row.stateData, etag: row.stateEtag } : null;
  return { facts: factsOf(row), state };
}

function factsOf(row: FactsRow): ActorFacts {
  const roles = list(row.roles).flatMap((r): Role[] => {
    const parsed = roleSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const user =
    row.userId && row.orgId && row.orgTenantId !== null
      ? {
          id: row.userId,
          orgId: row.orgId,
          name: row.userName ?? '',
          email: row.email,
          removed: truthy(row.removed),
          tenantId: row.orgTenantId,
          roles,
        }
      : null;
  return {
    user,
    org: user
      ? {
          isReseller: truthy(row.isReseller),
          isProvider: truthy(row.isProvider),
          isDirectBill: truthy(row.isDirectBill),
          onboarded: truthy(row.onboarded),
          applicationStates: list(row.states),
          mpaSigned: truthy(row.mpaSigned),
          partnerCenterMode: row.pcMode === 'connected' ? 'connected' : 'embedded',
        }
      : null,
    programAdmin: row.paId
      ? {
          active: truthy(row.paActive),
          bootstrap: truthy(row.paBootstrap),
          teamsUserId: row.paTeamsUserId,
          name: row.paName ?? '',
        }
      : null,
    waitingInTenant: truthy(row.waiting),
  };
}
